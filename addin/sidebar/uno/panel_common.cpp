#include "panels.hpp"

namespace alignkit::sidebar {

const void* frame_key(const css::uno::Reference<css::frame::XFrame>& frame) {
  return css::uno::Reference<css::uno::XInterface>(frame, css::uno::UNO_QUERY).get();
}

}  // namespace alignkit::sidebar
