#include "number_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace alignkit::sidebar {

std::optional<double> parse_number(std::string_view text) {
  std::string cleaned;
  for (char c : text) {
    if (c != ' ' && c != '\t') cleaned += c;
  }
  double scale = 1;
  if (!cleaned.empty() && cleaned.back() == '%') {
    cleaned.pop_back();
    scale = 0.01;
  }
  const bool has_point = cleaned.find('.') != std::string::npos;
  if (has_point) {
    std::erase(cleaned, ',');  // thousands separators
  } else if (std::count(cleaned.begin(), cleaned.end(), ',') == 1) {
    std::replace(cleaned.begin(), cleaned.end(), ',', '.');
  }
  if (cleaned.empty()) return std::nullopt;
  double value = 0;
  const char* end = cleaned.data() + cleaned.size();
  auto [ptr, ec] = std::from_chars(cleaned.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value * scale;
}

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
  std::string digits = buffer;
  std::string fraction;
  if (auto point = digits.find('.'); point != std::string::npos) {
    fraction = digits.substr(point);
    digits.resize(point);
    while (!fraction.empty() && (fraction.back() == '0' || fraction.back() == '.')) fraction.pop_back();
  }
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  const bool negative = value < 0 && (grouped != "0" || !fraction.empty());
  return (negative ? "-" : "") + grouped + fraction;
}

std::string format_editable(double value) {
  std::string text = format_number(value, 6);
  std::erase(text, ',');
  return text;
}

std::string format_percent(double fraction) { return format_number(fraction * 100, 4) + "%"; }

}  // namespace alignkit::sidebar
