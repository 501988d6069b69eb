#pragma once
// How the catalog's words are looked up in a translation, in one place for the code generator
// (which reads the compiled catalogs) and the add-in (which reads the tables built from them).
#include <cctype>
#include <string>
#include <string_view>

#include "alignkit/catalog/catalog.hpp"
#include "placeholders.hpp"

namespace alignkit::translation {

// A function's name and an argument's name are short words that may also occur as ordinary
// text; the context keeps their translations apart.
inline constexpr std::string_view kFunctionNameContext = "function name";
inline constexpr std::string_view kArgumentNameContext = "argument name";
inline constexpr std::string_view kOptionalMark = "(optional)";
// An argument's default is said in words of its own, so a translation never holds a default's
// value: changing a default changes no translation.
inline constexpr std::string_view kDefaultValue = "(default {1})";               // "(default 0)"
inline constexpr std::string_view kDefaultValueMeaning = "(default {1} {2})";    // "(default 1 = count revenue)"
inline constexpr std::string_view kDefaultMeaning = "(default: {1})";            // "(default: ramp months)"
inline constexpr std::string_view kValueContext = "value";                       // TRUE and FALSE as a default
inline constexpr std::string_view kDecimalSeparatorContext = "decimal separator";  // "." in English

/// An optional argument's default as its description ends in the language `lookup` gives.
template <class Lookup>
std::string default_description(const Default& fallback, Lookup&& lookup) {
  std::string value = default_text(fallback);
  if (std::holds_alternative<bool>(fallback.value)) {
    value = std::string(lookup(kValueContext, value));
  } else if (std::holds_alternative<double>(fallback.value)) {
    const std::string separator(lookup(kDecimalSeparatorContext, "."));
    if (const auto point = value.find('.'); point != std::string::npos) value.replace(point, 1, separator);
  }
  const std::string meaning = fallback.meaning.empty() ? std::string() : std::string(lookup(std::string_view(), fallback.meaning));
  if (value.empty()) return fill(lookup(std::string_view(), kDefaultMeaning), {meaning});
  if (meaning.empty()) return fill(lookup(std::string_view(), kDefaultValue), {value});
  return fill(lookup(std::string_view(), kDefaultValueMeaning), {value, meaning});
}

/// lookup(context, english) -> the translated text (or english).
template <class Lookup>
std::string argument_description(const ArgumentInfo& argument, Lookup&& lookup) {
  std::string text(lookup(std::string_view(), argument.summary));
  if (argument.fallback) {
    text += ' ';
    text += default_description(*argument.fallback, lookup);
  }
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
