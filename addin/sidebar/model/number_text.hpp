#pragma once
// Numbers as planners type and read them in a sidebar field: "4,000", "2%", "0.008".
#include <optional>
#include <string>
#include <string_view>

namespace alignkit::sidebar {

/// The number in a field, or nothing when the text is not a number. A trailing "%" divides
/// by 100; a comma is read as the decimal separator only when there is no point ("0,2").
std::optional<double> parse_number(std::string_view text);

/// A figure for display: thousands separated, at most `decimals` decimals, no trailing zeros.
std::string format_number(double value, int decimals = 2);

/// A figure as an input field holds it for editing: no thousands separators, up to 6 decimals.
std::string format_editable(double value);

/// A fraction as a percentage for display: 0.025 -> "2.5%".
std::string format_percent(double fraction);

}  // namespace alignkit::sidebar
