#pragma once
// Whole-number rounding that is exact on the numbers as the planner sees them.
//
// A number is read as the shortest decimal that reads back as the same double: what was typed
// (0.2 is exactly 2/10, not the double nearest to it). Quotients and products are then rounded
// exactly, with integers of any size, so 1e15 ÷ 0.999 rounds up even when its fraction is a
// thousandth. One exception: a number that needs 16 or 17 digits and is not exactly its double
// is the rounded result of a formula (=1/3 shows 0.3333333333333333); it is only known to a
// unit in its last digit, and a result within that propagated error of a whole number is that
// whole number (100 ÷ (1/3) is 300, not 301).
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "alignkit/metrics/result.hpp"
#include "metrics/natural.hpp"

namespace alignkit::detail {

/// A finite double ≥ 0 as the decimal it shows: digits × 10^exponent.
struct Decimal {
  std::uint64_t digits = 0;
  int exponent = 0;
  /// How far the value meant may lie from the shown decimal (absolute): 0 for a typed number,
  /// a unit in the last digit for the rounded result of a formula.
  double uncertainty = 0;
};
Decimal decimal_of(double value);

/// How far the double may lie from the number it stands for: 0 when the double is exactly its
/// shown decimal (integers, 0.5, 0.25), else half a unit in its last place (0.2, 0.035).
double representation_error(double value);

/// Half a unit in the last place of |value|: the most one rounded operation can be off.
double half_ulp(double value);

/// ⌈a ÷ b⌉ and ⌊a ÷ b⌋ for a ≥ 0, b > 0, exact on the shown decimals.
double ceil_quotient(double numerator, double denominator);
double floor_quotient(double numerator, double denominator);
/// ⌊a × b⌋ for a, b ≥ 0, exact on the shown decimals.
double floor_product(double a, double b);

/// `total × (1 + buffer)` split in proportion to `weights` and rounded to `decimals` places by
/// largest remainder (ties to the earlier part): the parts add up exactly to the rounded total.
/// Inputs are checked by the caller (total, buffer ≥ 0; weights ≥ 0 adding up to more than 0).
Result<std::vector<double>> split_rounded(double total, double buffer, std::span<const double> weights,
                                          int decimals);

}  // namespace alignkit::detail
