#pragma once
// The alignkit deck's panels.
#include <memory>

#include "panel_element.hpp"

namespace alignkit::sidebar {

std::unique_ptr<PanelView> make_funnel_panel(const PanelSetting& setting);
std::unique_ptr<PanelView> make_turnover_panel(const PanelSetting& setting);
std::unique_ptr<PanelView> make_templates_panel(const PanelSetting& setting);
std::unique_ptr<PanelView> make_goal_cascade_panel(const PanelSetting& setting);
std::unique_ptr<PanelView> make_hiring_panel(const PanelSetting& setting);
std::unique_ptr<PanelView> make_alignment_panel(const PanelSetting& setting);

/// The registry key of a frame: its identity as a UNO object.
const void* frame_key(const css::uno::Reference<css::frame::XFrame>& frame);

}  // namespace alignkit::sidebar
