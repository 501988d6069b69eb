#pragma once
// Values put into a translated text at {1}, {2}…, where the translator placed them. Header-only:
// the code generator writes the help pages with it before the translation tables exist.
#include <initializer_list>
#include <string>
#include <string_view>

namespace alignkit::translation {

/// `pattern` with {1}, {2}… replaced by `values` in order; a placeholder without a value stays.
inline std::string fill(std::string_view pattern, std::initializer_list<std::string_view> values) {
  std::string out;
  out.reserve(pattern.size() + 16);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '1' &&
        pattern[i + 1] <= '9') {
      const auto index = static_cast<std::size_t>(pattern[i + 1] - '1');
      if (index < values.size()) {
        out += *(values.begin() + index);
        i += 2;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

}  // namespace alignkit::translation
