#include "number_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Spaces of every kind a locale groups with or a planner types: ' ', tab, no-break spaces.
std::string without_spaces(std::string_view text) {
  std::string kept;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == ' ' || text[i] == '\t') {
      ++i;
    } else if (text.substr(i, 2) == "\xC2\xA0") {  // U+00A0
      i += 2;
    } else if (text.substr(i, 3) == "\xE2\x80\xAF") {  // U+202F, French grouping
      i += 3;
    } else {
      kept += text[i++];
    }
  }
  return kept;
}

std::string describe(const NumberFormat& format) {
  const bool groups_with_space = format.group.empty() || without_spaces(format.group).empty();
  if (groups_with_space) return fill(tr("here the decimal separator is “{1}”, thousands are grouped with a space"), {format.decimal});
  return fill(tr("here the decimal separator is “{1}” and “{2}” groups thousands (4{2}000)"), {format.decimal, format.group});
}

Error not_a_number(std::string_view text, const NumberFormat& format) {
  return Error{fill(tr("“{1}” is not a number: {2}."), {text, describe(format)})};
}

// "4,000" with group "," -> "4000", or nothing when the grouping is not of whole thousands.
std::optional<std::string> ungrouped(std::string_view digits, std::string_view group) {
  if (group.empty() || digits.find(group) == std::string_view::npos) return std::string(digits);
  std::string joined;
  std::size_t start = 0;
  bool first = true;
  while (true) {
    const std::size_t at = digits.find(group, start);
    const std::string_view part = digits.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start);
    const bool size_ok = first ? !part.empty() && part.size() <= 3 : part.size() == 3;
    if (!size_ok) return std::nullopt;
    joined += part;
    if (at == std::string_view::npos) return joined;
    start = at + group.size();
    first = false;
  }
}

}  // namespace

Result<double> parse_number(std::string_view text, const NumberFormat& format) {
  std::string cleaned = without_spaces(text);
  if (cleaned.empty()) return Error{""};
  double scale = 1;
  if (cleaned.back() == '%') {
    cleaned.pop_back();
    scale = 0.01;
  }
  std::string sign;
  if (!cleaned.empty() && (cleaned.front() == '-' || cleaned.front() == '+')) {
    if (cleaned.front() == '-') sign = "-";
    cleaned.erase(0, 1);
  }
  std::string exponent;  // "8e-3", as Calc takes it
  if (const std::size_t e = cleaned.find_first_of("eE"); e != std::string::npos) {
    exponent = cleaned.substr(e);
    cleaned.resize(e);
    const std::size_t digits_from = exponent.size() > 1 && (exponent[1] == '-' || exponent[1] == '+') ? 2 : 1;
    if (exponent.size() == digits_from || !std::all_of(exponent.begin() + digits_from, exponent.end(), is_digit)) {
      return not_a_number(text, format);
    }
  }
  const std::string group = without_spaces(format.group);  // a space group was removed with the spaces
  const std::size_t point = cleaned.find(format.decimal);
  const std::string_view whole_part = std::string_view(cleaned).substr(0, point);
  const std::string_view fraction = point == std::string::npos ? std::string_view()
                                                               : std::string_view(cleaned).substr(point + format.decimal.size());
  const auto whole = ungrouped(whole_part, group);
  const bool digits_only = whole && std::all_of(whole->begin(), whole->end(), is_digit) &&
                           std::all_of(fraction.begin(), fraction.end(), is_digit);
  if (!digits_only || (whole->empty() && fraction.empty())) return not_a_number(text, format);
  const std::string plain = sign + (whole->empty() ? "0" : *whole) + (fraction.empty() ? "" : "." + std::string(fraction)) + exponent;
  double value = 0;
  const char* end = plain.data() + plain.size();
  auto [ptr, ec] = std::from_chars(plain.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return not_a_number(text, format);
  return value * scale;
}

std::string field_problem(std::string_view field_label, const Error& error) {
  return fill(tr("{1}: {2}"), {field_label, error.message.empty() ? std::string_view(tr("type a number.")) : std::string_view(error.message)});
}

std::string format_number(double value, int decimals, const NumberFormat& format) {
  if (!std::isfinite(value)) return "–";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
  std::string digits = buffer;
  std::string fraction;
  if (auto point = digits.find('.'); point != std::string::npos) {
    fraction = digits.substr(point + 1);
    digits.resize(point);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  }
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += format.group;
    grouped += digits[i];
  }
  const bool negative = value < 0 && (grouped != "0" || !fraction.empty());
  return (negative ? "-" : "") + grouped + (fraction.empty() ? "" : format.decimal + fraction);
}

std::string format_editable(double value, const NumberFormat& format) {
  return format_number(value, 6, {format.decimal, ""});
}

Result<double> parse_percent(std::string_view text, const NumberFormat& format) {
  auto value = parse_number(text, format);
  if (!value) return value;
  const std::string cleaned = without_spaces(text);
  return cleaned.ends_with('%') ? *value : *value / 100;  // parse_number already took "%" as 1/100
}

std::optional<std::string> fraction_in_percent_field(std::string_view text, const NumberFormat& format) {
  if (without_spaces(text).ends_with('%')) return std::nullopt;
  const auto typed = parse_number(text, format);
  if (!typed || !(*typed > 0 && *typed < 1)) return std::nullopt;
  return translation::fill(translation::tr("{1} is read as {2} — did you mean {3}?"),
                           {format_number(*typed, 6, format), format_percent(*typed / 100, format, 6), format_percent(*typed, format, 6)});
}

std::string percent_sign_of(std::string_view format_code) {
  const std::size_t last_digit = format_code.find_last_of("0#");
  const std::string_view after = last_digit == std::string_view::npos ? format_code : format_code.substr(last_digit + 1);
  if (after.find('%') == std::string_view::npos) return "%";
  std::string sign;
  for (char c : after) {
    if (c != '"') sign += c;  // a format code quotes literal text
  }
  return sign;
}

std::string format_percent(double fraction, const NumberFormat& format, int decimals) {
  return format_number(fraction * 100, decimals, format) + format.percent;
}

}  // namespace alignkit::sidebar
