#include "panels.hpp"

namespace alignkit::sidebar {

void show_message(PanelControls& controls, const std::string& name, const std::string& text, bool is_error) {
  controls.set_text(name, text);
  controls.set_text_color(name, is_error ? 0xC9211E : -1);
}

const void* frame_key(const css::uno::Reference<css::frame::XFrame>& frame) {
  return css::uno::Reference<css::uno::XInterface>(frame, css::uno::UNO_QUERY).get();
}

}  // namespace alignkit::sidebar
