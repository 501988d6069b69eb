#include "key_lookup.hpp"

#include <cstring>
#include <string>
#include <string_view>

#include "alignkit/templates/templates.hpp"
#include "guard.hpp"

namespace alignkit::pg {

Found* lookup(const char* document, std::size_t length, const char* key) {
  auto parsed = templates::parse(std::string_view(document, length));
  if (!parsed) throw BadInput("the template is not usable: " + parsed.error().message);
  auto value = templates::lookup(*parsed, key);
  if (!value) throw BadInput(value.error().message);
  auto* found = allocate<Found>(1);
  *found = Found{};
  if (const auto* number = std::get_if<double>(&*value)) {
    found->number = *number;
  } else {
    const auto& text = std::get<std::string>(*value);
    found->is_text = true;
    found->text = allocate<char>(text.size() + 1);
    std::memcpy(found->text, text.c_str(), text.size() + 1);
  }
  return found;
}

}  // namespace alignkit::pg
