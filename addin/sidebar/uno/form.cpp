#include "form.hpp"

namespace alignkit::sidebar::form {

void Label::say(const std::string& text, bool is_error) const {
  controls_->set_text(name_, text);
  controls_->set_text_color(name_, is_error ? 0xC9211E : -1);  // the office's own red for problems
}

}  // namespace alignkit::sidebar::form
