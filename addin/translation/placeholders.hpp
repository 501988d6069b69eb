#pragma once
// Values put into a translated text at {1}, {2}…, where the translator placed them. Header-only:
// the code generator writes the help pages with it before the translation tables exist.
#include <initializer_list>
#include <string>
#include <string_view>

#include "alignkit/catalog/messages.hpp"

namespace alignkit::translation {

/// `pattern` with {1}, {2}… replaced by `values` in order; a placeholder without a value stays.
inline std::string fill(std::string_view pattern, std::initializer_list<std::string_view> values) {
  return messages::fill(pattern, values);
}

}  // namespace alignkit::translation
