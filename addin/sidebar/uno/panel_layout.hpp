#pragma once
// Rows of controls laid out across the sidebar's width; each control takes a share of its row.
#include <string>
#include <vector>

#include "controls.hpp"

namespace alignkit::sidebar {

struct LayoutItem {
  std::string name;
  int share = 1;
};
struct LayoutRow {
  int height = 0;
  std::vector<LayoutItem> items;  // empty: a spacer
};

inline constexpr int kLineHeight = 22;    // one edit field or button, in pixels
inline constexpr int kLabelHeight = 18;
inline constexpr int kPanelMinimalWidth = 260;  // what the panels ask the deck for
inline constexpr int kNarrowestLayout = 160;    // below this, fields are kept readable and clipped

/// Places every control of `rows` for the given width; returns the height they take.
int lay_out(PanelControls& controls, const std::vector<LayoutRow>& rows, int width);
int height_of(const PanelControls& controls, const std::vector<LayoutRow>& rows, int width);

/// The common row shapes: a caption beside its field, and a control across the whole width.
LayoutRow labelled(const std::string& label, const std::string& field);
LayoutRow full_width(const std::string& name, int height = kLineHeight);

}  // namespace alignkit::sidebar
