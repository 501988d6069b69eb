#pragma once
// Input checks shared by the metric families. Each returns an error message a planner can
// act on, naming the argument and the value that was wrong.
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "alignkit/metrics/result.hpp"

namespace alignkit::detail {

/// Shortest text that reads back as the same double ("0.2", "1e+308").
std::string show(double value);

struct Interval {
  double low;
  double high;
  bool low_open = false;
  bool high_open = false;
  [[nodiscard]] constexpr bool contains(double x) const {  // false for NaN: every comparison is
    const bool above_low = low_open ? x > low : x >= low;
    const bool below_high = high_open ? x < high : x <= high;
    return above_low && below_high;
  }
  [[nodiscard]] std::string text() const;  // "(0, 1]"
};

inline constexpr Interval kShare{0, 1, true, false};                 // (0, 1]
inline constexpr Interval kNonNegative{0, HUGE_VAL, false, true};    // [0, inf)
inline constexpr Interval kPositive{0, HUGE_VAL, true, true};        // (0, inf)

// The checks run for every cell and SQL row: the passing case inline, the message out of line.
std::optional<Error> check_failed(std::string_view name, double value, const Interval& allowed);
std::optional<Error> rates_failed(std::span<const double> rates);
Error not_finite();

inline std::optional<Error> check(std::string_view name, double value, const Interval& allowed) {
  if (std::isfinite(value) && allowed.contains(value)) [[likely]] return std::nullopt;
  return check_failed(name, value, allowed);
}
/// Stage conversion rates: at least one, each in (0, 1].
inline std::optional<Error> check_rates(std::span<const double> rates) {
  bool all_shares = !rates.empty();
  for (double rate : rates) all_shares = all_shares && kShare.contains(rate);
  if (all_shares) [[likely]] return std::nullopt;
  return rates_failed(rates);
}
std::optional<Error> check_whole(std::string_view name, double value);

/// A result that would be infinite or NaN is bad input too.
inline Result<double> finite(double value) {
  if (std::isfinite(value)) [[likely]] return value;
  return not_finite();
}

bool nearly_equal(double a, double b);

/// A sum whose rounding does not depend on the order of its terms in practice (Neumaier's
/// compensated summation): rows that PostgreSQL's parallel workers gather in another order than
/// a serial scan give the same total, to the last digit or so.
class Sum {
 public:
  void add(double term) {
    const double total = sum_ + term;
    compensation_ += std::fabs(sum_) >= std::fabs(term) ? (sum_ - total) + term : (term - total) + sum_;
    sum_ = total;
  }
  [[nodiscard]] double value() const { return sum_ + compensation_; }

 private:
  double sum_ = 0;
  double compensation_ = 0;
};

}  // namespace alignkit::detail
