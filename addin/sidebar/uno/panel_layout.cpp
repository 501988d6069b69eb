#include "panel_layout.hpp"

#include <algorithm>

namespace alignkit::sidebar {
namespace {
constexpr int kMargin = 6;
constexpr int kGap = 4;
}  // namespace

namespace {
// Each item's width in a row of `inner` pixels, as the shares divide it.
std::vector<int> widths_of(const LayoutRow& row, int inner) {
  int shares = 0;
  for (const auto& item : row.items) shares += item.share;
  const int available = inner - kGap * (static_cast<int>(row.items.size()) - 1);
  std::vector<int> widths;
  int x = 0;
  for (std::size_t i = 0; i < row.items.size(); ++i) {
    const bool last = i + 1 == row.items.size();
    widths.push_back(last ? inner - x : available * row.items[i].share / std::max(shares, 1));
    x += widths.back() + kGap;
  }
  return widths;
}

int inner_width(int width) {
  // The width the deck gives, which is less than our minimal width while the deck shows its
  // scrollbar: laying out wider would put fields under the scrollbar or past the edge.
  return std::max(width, kNarrowestLayout) - 2 * kMargin;
}

// Each item's wrapped-text height at its width, by the office's own measure (0: not a text).
std::vector<int> text_heights(const PanelControls& controls, const LayoutRow& row, const std::vector<int>& widths) {
  std::vector<int> heights;
  for (std::size_t i = 0; i < row.items.size(); ++i) heights.push_back(controls.text_height(row.items[i].name, widths[i]));
  return heights;
}

// A row as tall as it was made, or as its wrapping texts need at their widths (a caption in
// German or French may take two lines where the English one takes one).
int grown_height(const LayoutRow& row, const std::vector<int>& text_heights) {
  int height = row.height;
  for (int text : text_heights) height = std::max(height, text);
  return height;
}
}  // namespace

int height_of(const PanelControls& controls, const std::vector<LayoutRow>& rows, int width) {
  const int inner = inner_width(width);
  int height = kMargin;
  for (const auto& row : rows) height += grown_height(row, text_heights(controls, row, widths_of(row, inner))) + kGap;
  return height + kMargin;
}

int lay_out(PanelControls& controls, const std::vector<LayoutRow>& rows, int width) {
  const int inner = inner_width(width);
  int y = kMargin;
  for (const auto& row : rows) {
    const auto widths = widths_of(row, inner);
    const auto texts = text_heights(controls, row, widths);  // measured once: each is a call into the office
    const int height = grown_height(row, texts);
    int x = kMargin;
    for (std::size_t i = 0; i < row.items.size(); ++i) {
      // Texts take the grown height; a field or button keeps the height it was made with.
      controls.place(row.items[i].name, x, y, widths[i], texts[i] > 0 ? height : row.height);
      x += widths[i] + kGap;
    }
    y += height + kGap;
  }
  return y + kMargin;
}

LayoutRow labelled(const std::string& label, const std::string& field) {
  return {kLineHeight, {{label, 5}, {field, 4}}};
}

LayoutRow full_width(const std::string& name, int height) { return {height, {{name, 1}}}; }

}  // namespace alignkit::sidebar
