#pragma once
// Numbers as planners type and read them in a sidebar field, with the separators of their
// locale: "4,000" and "2.5%" in English, "4.000" and "2,5 %" in German.
#include <optional>
#include <string>
#include <string_view>

#include "alignkit/metrics/result.hpp"

namespace alignkit::sidebar {

/// The separators of a locale, as the office's locale data gives them (UTF-8).
struct NumberFormat {
  std::string decimal = ".";
  std::string group = ",";
  std::string percent = "%";  // what follows a percentage: "\u00A0%" (no-break space) in German
};

/// What a locale's percent format code puts after the number: `0"\u00A0"%` gives "\u00A0%",
/// `0%` gives "%"; "%" when the code has no percent sign.
std::string percent_sign_of(std::string_view format_code);

/// The number in a field. A trailing "%" divides by 100; spaces are ignored. Thousands
/// separators must group three digits ("4,000" is four thousand in English; "4,00" is refused,
/// never read as 4); a separator the locale does not use is refused with a message saying which
/// one it does. The error is empty for an empty field.
Result<double> parse_number(std::string_view text, const NumberFormat& format = {});

/// A field captioned in percent ("Buffer (%)", a stage's rate): "20" and "20%" are both a fifth,
/// as a planner reads the caption, never 20% of 20%. The one rule of every percentage field.
Result<double> parse_percent(std::string_view text, const NumberFormat& format = {});

/// A percent field holding what looks like a fraction ("0.035" for 3.5 %): a question for the
/// planner — "0.035 is read as 0.035 % — did you mean 3.5 %?" — as the cells ask of a whole percent
/// typed where a fraction belongs. Nothing is changed; a typed "%" says the planner means it.
std::optional<std::string> fraction_in_percent_field(std::string_view text, const NumberFormat& format = {});

/// The inline message for a field whose text is not a usable number: "Salary: “6,5” is not …".
std::string field_problem(std::string_view field_label, const Error& error);

/// A figure for display: thousands separated, at most `decimals` decimals, no trailing zeros.
std::string format_number(double value, int decimals = 2, const NumberFormat& format = {});

/// A figure as an input field holds it for editing: no thousands separators, up to 6 decimals.
std::string format_editable(double value, const NumberFormat& format = {});

/// A fraction as a percentage for display: 0.025 -> "2.5%" in English, "2,5 %" in German.
std::string format_percent(double fraction, const NumberFormat& format = {}, int decimals = 4);

}  // namespace alignkit::sidebar
