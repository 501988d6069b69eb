#pragma once
// How the catalog's words are looked up in a translation, in one place for the code generator
// (which reads the compiled catalogs) and the add-in (which reads the tables built from them).
#include <cctype>
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
  if (argument.optional()) {
    text += ' ';
    text += lookup(std::string_view(), kOptionalMark);
  }
  return text;
}

/// The file of a function family's help page: "Funnel budgeting" -> "funnel_budgeting.html".
inline std::string help_page_name(std::string_view family) {
  std::string name;
  for (char c : family) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '_';
  }
  return name + ".html";
}

/// A language as the package's files name it (XCU values, help folders): "de", or "en-US" for English.
inline std::string language_tag(std::string_view language) {
  return language.empty() ? std::string("en-US") : std::string(language);
}

}  // namespace alignkit::translation
