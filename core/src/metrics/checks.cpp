#include "metrics/checks.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "alignkit/catalog/messages.hpp"

namespace alignkit::detail {

std::string show(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "infinity" : "-infinity";
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return ec == std::errc{} ? std::string(buffer.data(), end) : std::string("?");
}

std::string Interval::text() const {
  if (std::isinf(high)) return messages::fill(low_open ? messages::kMoreThan : messages::kOrMore, {show(low)});
  return std::string(low_open ? "(" : "[") + show(low) + ", " + show(high) + (high_open ? ")" : "]");
}

std::optional<Error> check_failed(std::string_view name, double value, const Interval& allowed) {
  if (!std::isfinite(value)) return Error{messages::fill(messages::kNotFinite, {name})};
  if (allowed.contains(value)) return std::nullopt;
  const bool open_ended = std::isinf(allowed.high);
  return Error{messages::fill(open_ended ? messages::kMustBe : messages::kOutside, {name, show(value), allowed.text()})};
}

std::optional<Error> rates_failed(std::span<const double> rates) {
  if (rates.empty()) return Error{"rates are empty: give at least one stage conversion rate"};
  for (std::size_t i = 0; i < rates.size(); ++i) {
    if (!kShare.contains(rates[i])) {
      return Error{messages::fill(messages::kRateOutside, {std::to_string(i + 1), show(rates[i])})};
    }
  }
  return std::nullopt;
}

std::optional<Error> check_whole(std::string_view name, double value) {
  if (std::isfinite(value) && value == std::trunc(value)) return std::nullopt;
  return Error{messages::fill(messages::kNotWhole, {name, show(value)})};
}

Error not_finite() { return Error{"the result is not a finite number (inputs too large or too small)"}; }

bool nearly_equal(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

}  // namespace alignkit::detail
