#pragma once
// How the catalog's words are looked up in a translation, in one place for the code generator
// (which reads the compiled catalogs) and the add-in (which reads the tables built from them).
#include <string>
#include <string_view>

#include "alignkit/catalog.hpp"

namespace alignkit::translation {

// A function's name and an argument's name are short words that may also occur as ordinary
// text; the context keeps their translations apart.
inline constexpr std::string_view kFunctionNameContext = "function name";
inline constexpr std::string_view kArgumentNameContext = "argument name";
inline constexpr std::string_view kOptionalMark = "(optional)";

/// lookup(context, english) -> the translated text (or english).
template <class Lookup>
std::string argument_description(const ArgumentInfo& argument, Lookup&& lookup) {
  std::string text(lookup(std::string_view(), argument.description));
  if (argument.optional) {
    text += ' ';
    text += lookup(std::string_view(), kOptionalMark);
  }
  return text;
}

}  // namespace alignkit::translation
