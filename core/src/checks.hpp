#pragma once
// Input checks shared by the metric families. Each returns an error message a planner can
// act on, naming the argument and the value that was wrong.
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "alignkit/result.hpp"

namespace alignkit::detail {

/// Shortest text that reads back as the same double ("0.2", "1e+308").
std::string show(double value);

struct Interval {
  double low;
  double high;
  bool low_open = false;
  bool high_open = false;
  [[nodiscard]] bool contains(double x) const;
  [[nodiscard]] std::string text() const;  // "(0, 1]"
};

inline constexpr Interval kShare{0, 1, true, false};                 // (0, 1]
inline constexpr Interval kNonNegative{0, HUGE_VAL, false, true};    // [0, inf)
inline constexpr Interval kPositive{0, HUGE_VAL, true, true};        // (0, inf)

std::optional<Error> check(std::string_view name, double value, const Interval& allowed);
/// Stage conversion rates: at least one, each in (0, 1].
std::optional<Error> check_rates(std::span<const double> rates);
std::optional<Error> check_whole(std::string_view name, double value);

/// A result that would be infinite or NaN is bad input too.
Result<double> finite(double value);

bool nearly_equal(double a, double b);

}  // namespace alignkit::detail
