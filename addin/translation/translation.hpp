#pragma once
// alignkit's words in the planner's language. The translations are the gettext catalogs in
// po/ (one per language), compiled into tables at build time; English is the text in the code.
#include <span>
#include <string>
#include <string_view>

#include "placeholders.hpp"

namespace alignkit::translation {

/// The languages shipped besides English, as two-letter codes ("de", "es", "fr").
std::span<const std::string_view> languages();

/// The shipped language of a locale ("de-DE", "fr_FR.UTF-8", "es"); empty (English) otherwise.
std::string_view language_of(std::string_view locale);

/// The text in `language`, or `english` when that language has no translation for it.
/// `context` tells apart the same English used in two senses ("function name").
std::string_view translate(std::string_view language, std::string_view context, std::string_view english);

/// A reason a function gave for bad input, in `language`: recognised by its shape
/// (alignkit::messages), its words translated and an argument's name as the Function Wizard shows
/// it; a message of another shape stays as it is.
std::string translate_message(std::string_view language, std::string_view message);

/// The language of the office's user interface, which the sidebar speaks (empty: English).
void set_ui_language(std::string_view language);
std::string_view ui_language();

/// A user-interface text in the office's language. Only literals: xgettext collects these
/// calls into the translators' template, and the answer (a literal too) lives as long as the
/// program.
template <std::size_t N>
const char* tr(const char (&english)[N]) {
  return translate(ui_language(), {}, std::string_view(english, N - 1)).data();
}

/// Marks a literal for the translators' template where it is translated later, by translate().
constexpr const char* tr_noop(const char* english) { return english; }

}  // namespace alignkit::translation
