#include "metrics/whole_numbers.hpp"

#include "alignkit/metrics/interruption.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <numeric>
#include <string>

namespace alignkit::detail {
namespace {

constexpr double kTwoTo53 = 9007199254740992.0;  // past it every double is whole
// fl(a ÷ b) lies within 3 × 2^-53 of the exact quotient of the shown decimals (each input within
// half an ulp of its decimal, plus the division): farther than this from a whole number, the
// double already rounds the same way as the exact value, and the integers are not needed.
constexpr double kSafeDistance = 1e-14;

// 5^k for k ≤ 27 (the largest power of five in a uint64).
std::uint64_t power_of_five(int k) {
  std::uint64_t result = 1;
  for (int i = 0; i < k; ++i) result *= 5;
  return result;
}

struct Shown {
  std::uint64_t digits;
  int exponent;
  int digit_count;
};

Shown shown(double value) {
  std::array<char, 40> text{};
  const auto end =
      std::to_chars(text.data(), text.data() + text.size(), std::fabs(value), std::chars_format::scientific).ptr;
  Shown result{0, 0, 0};
  const char* c = text.data();
  for (; c != end && *c != 'e'; ++c) {
    if (*c == '.') continue;
    result.digits = result.digits * 10 + static_cast<std::uint64_t>(*c - '0');
    ++result.digit_count;
  }
  int power = 0;
  if (c != end) std::from_chars(c + 1 + (c[1] == '+' ? 1 : 0), end, power);
  result.exponent = power - (result.digit_count - 1);
  return result;
}

// True when the double is exactly the decimal it shows.
bool is_exact(const Shown& decimal) {
  if (decimal.exponent >= 0) return static_cast<double>(decimal.digits) * std::pow(10.0, decimal.exponent) < kTwoTo53;
  if (-decimal.exponent > 27) return false;
  const std::uint64_t five = power_of_five(-decimal.exponent);
  // digits ÷ 10^k is a binary fraction exactly when 5^k divides digits, and a double when the
  // odd part fits 53 bits.
  return decimal.digits % five == 0 && decimal.digits / five < static_cast<std::uint64_t>(kTwoTo53);
}

// numerator ÷ denominator as a fraction of two naturals (both exact decimals).
struct Fraction {
  Natural numerator;
  Natural denominator;
};

Natural scaled(std::uint64_t digits, int exponent) {
  return exponent > 0 ? Natural(digits) * Natural::power_of_ten(static_cast<unsigned>(exponent)) : Natural(digits);
}

// digits_a × 10^ea ÷ (digits_b × 10^eb), with the powers of ten on one side.
Fraction quotient_of(const Decimal& a, const Decimal& b) {
  const int shift = a.exponent - b.exponent;
  return {scaled(a.digits, shift), scaled(b.digits, -shift)};
}

enum class Direction { down, up };

// ⌊N ÷ D⌋ or ⌈N ÷ D⌉, where `estimate` is within a relative 1e-14 of N ÷ D and the value meant may
// differ from N ÷ D by `relative_uncertainty` of itself (then a near-whole result is that whole).
double round_fraction(const Fraction& f, double estimate, double relative_uncertainty, Direction direction) {
  if (!(estimate < kTwoTo53)) return estimate;
  auto whole = static_cast<std::uint64_t>(std::max(0.0, std::floor(estimate)));
  // The estimate is off by at most a few units: step to the exact ⌊N ÷ D⌋.
  while (whole > 0 && Natural(whole) * f.denominator > f.numerator) --whole;
  while (Natural(whole + 1) * f.denominator <= f.numerator) ++whole;
  const Natural remainder = f.numerator - Natural(whole) * f.denominator;
  const auto floor_value = static_cast<double>(whole);
  if (remainder.is_zero()) return floor_value;
  if (relative_uncertainty > 0) {
    const double tolerance = relative_uncertainty * estimate;
    const double denominator = f.denominator.approximate();
    if (remainder.approximate() / denominator <= tolerance) return floor_value;
    if ((f.denominator - remainder).approximate() / denominator <= tolerance) return floor_value + 1;
  }
  return direction == Direction::up ? floor_value + 1 : floor_value;
}

double relative(double uncertainty, double value) { return value > 0 ? uncertainty / value : 0; }

double round_quotient(double a, double b, Direction direction) {
  const double estimate = a / b;
  if (!std::isfinite(estimate)) return estimate;
  const double nearest = std::nearbyint(estimate);
  if (std::fabs(estimate - nearest) > kSafeDistance * estimate) {
    return direction == Direction::up ? std::ceil(estimate) : std::floor(estimate);
  }
  const Decimal da = decimal_of(a);
  const Decimal db = decimal_of(b);
  return round_fraction(quotient_of(da, db), estimate, relative(da.uncertainty, a) + relative(db.uncertainty, b),
                        direction);
}

}  // namespace

double half_ulp(double value) {
  const double magnitude = std::fabs(value);
  return (std::nextafter(magnitude, HUGE_VAL) - magnitude) / 2;
}

Decimal decimal_of(double value) {
  const Shown decimal = shown(value);
  const bool typed = decimal.digit_count <= 15;  // any decimal of 15 digits reads back as itself
  // A formula's rounded result lies within half an ulp of its double, which lies within half a
  // unit of the shown last digit: one unit of that digit bounds both.
  return {decimal.digits, decimal.exponent, typed || is_exact(decimal) ? 0.0 : std::pow(10.0, decimal.exponent)};
}

double representation_error(double value) {
  return value == 0 || is_exact(shown(std::fabs(value))) ? 0.0 : half_ulp(std::fabs(value));
}

double ceil_quotient(double numerator, double denominator) {
  return round_quotient(numerator, denominator, Direction::up);
}

double floor_quotient(double numerator, double denominator) {
  return round_quotient(numerator, denominator, Direction::down);
}

double floor_product(double a, double b) {
  const double estimate = a * b;
  if (!std::isfinite(estimate)) return estimate;
  const double nearest = std::nearbyint(estimate);
  if (std::fabs(estimate - nearest) > kSafeDistance * estimate) return std::floor(estimate);
  const Decimal da = decimal_of(a);
  const Decimal db = decimal_of(b);
  const int exponent = da.exponent + db.exponent;
  const Natural digits = Natural(da.digits) * Natural(db.digits);
  const Fraction product = exponent >= 0
                               ? Fraction{digits * Natural::power_of_ten(static_cast<unsigned>(exponent)), Natural(1)}
                               : Fraction{digits, Natural::power_of_ten(static_cast<unsigned>(-exponent))};
  return round_fraction(product, estimate, relative(da.uncertainty, a) + relative(db.uncertainty, b),
                        Direction::down);
}

Result<std::vector<double>> split_rounded(double total, double buffer, std::span<const double> weights,
                                          int decimals) {
  // Everything as integers over one denominator: part i in units of 10^-decimals is
  //   total × (1 + buffer) × w_i × 10^decimals ÷ Σw  =  N_i ÷ D.
  const Decimal t = decimal_of(total);
  const Decimal b = decimal_of(buffer);
  const int buffer_shift = std::min(b.exponent, 0);  // 1 + buffer = (10^-shift + digits·10^(e-shift)) · 10^shift
  const Natural one_plus_buffer = Natural::power_of_ten(static_cast<unsigned>(-buffer_shift)) +
                                  scaled(b.digits, b.exponent - buffer_shift);
  int weight_exponent = 0;
  std::size_t steps = 0;  // for the host's interruption check (cancel) in every loop below
  for (double w : weights) {
    interruption_point(steps++);
    if (w > 0) weight_exponent = std::min(weight_exponent, decimal_of(w).exponent);
  }
  std::vector<Natural> scaled_weights;
  Natural weight_sum;
  for (double w : weights) {
    interruption_point(steps++);
    const Decimal dw = decimal_of(w);
    scaled_weights.push_back(w > 0 ? scaled(dw.digits, dw.exponent - weight_exponent) : Natural());
    weight_sum = weight_sum + scaled_weights.back();
  }
  const int exponent = t.exponent + buffer_shift + decimals;
  const Natural grand = Natural(t.digits) * one_plus_buffer *
                        (exponent > 0 ? Natural::power_of_ten(static_cast<unsigned>(exponent)) : Natural(1));
  const Natural unit = exponent < 0 ? Natural::power_of_ten(static_cast<unsigned>(-exponent)) : Natural(1);

  // The rounded total, half away from zero as Calc's ROUND: ⌊grand ÷ unit + 1/2⌋.
  const double grand_estimate = total * (1 + buffer) * std::pow(10.0, decimals);
  if (!(grand_estimate < 9e15)) {
    return Error{"total is too large to round to " + std::to_string(decimals) + " decimals"};
  }
  const double rounded_total =
      round_fraction({grand * Natural(2) + unit, unit * Natural(2)}, grand_estimate + 0.5, 0, Direction::down);

  const Natural denominator = unit * weight_sum;
  const double weight_total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> units(weights.size());
  std::vector<Natural> remainders(weights.size());
  double assigned = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    interruption_point(steps++);
    const Natural numerator = grand * scaled_weights[i];
    units[i] = round_fraction({numerator, denominator}, grand_estimate * (weights[i] / weight_total), 0,
                              Direction::down);
    remainders[i] = numerator - Natural(static_cast<std::uint64_t>(units[i])) * denominator;
    assigned += units[i];
  }
  // Largest remainders first (all over the same denominator); ties to the earlier part.
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t c) {
    interruption_point(steps++);
    return remainders[a] > remainders[c];
  });
  const auto left = static_cast<std::size_t>(std::max(0.0, rounded_total - assigned));
  for (std::size_t k = 0; k < left && k < order.size(); ++k) units[order[k]] += 1;

  // Back from units to the nearest double of the decimal units × 10^-decimals.
  std::vector<double> parts(weights.size());
  for (std::size_t i = 0; i < weights.size(); ++i) {
    interruption_point(steps++);
    const std::string text = std::to_string(static_cast<std::uint64_t>(units[i])) + "e" + std::to_string(-decimals);
    std::from_chars(text.data(), text.data() + text.size(), parts[i]);
  }
  return parts;
}

}  // namespace alignkit::detail
