#include "form.hpp"

#include "panels.hpp"

namespace alignkit::sidebar::form {

void Label::say(const std::string& text, bool is_error) const { show_message(*controls_, name_, text, is_error); }

}  // namespace alignkit::sidebar::form
