#include "panel_layout.hpp"

#include <algorithm>

namespace alignkit::sidebar {
namespace {
constexpr int kMargin = 6;
constexpr int kGap = 4;
}  // namespace

int height_of(const std::vector<LayoutRow>& rows) {
  int height = kMargin;
  for (const auto& row : rows) height += row.height + kGap;
  return height + kMargin;
}

int lay_out(PanelControls& controls, const std::vector<LayoutRow>& rows, int width) {
  // The width the deck gives, which is less than our minimal width while the deck shows its
  // scrollbar: laying out wider would put fields under the scrollbar or past the edge.
  const int inner = std::max(width, kNarrowestLayout) - 2 * kMargin;
  int y = kMargin;
  for (const auto& row : rows) {
    int shares = 0;
    for (const auto& item : row.items) shares += item.share;
    const int available = inner - kGap * (static_cast<int>(row.items.size()) - 1);
    int x = kMargin;
    for (std::size_t i = 0; i < row.items.size(); ++i) {
      const bool last = i + 1 == row.items.size();
      const int item_width = last ? kMargin + inner - x : available * row.items[i].share / std::max(shares, 1);
      controls.place(row.items[i].name, x, y, item_width, row.height);
      x += item_width + kGap;
    }
    y += row.height + kGap;
  }
  return y + kMargin;
}

LayoutRow labelled(const std::string& label, const std::string& field) {
  return {kLineHeight, {{label, 5}, {field, 4}}};
}

LayoutRow full_width(const std::string& name, int height) { return {height, {{name, 1}}}; }

}  // namespace alignkit::sidebar
