#pragma once
// An unsigned integer of any size, with only what exact rounding needs: products, sums,
// differences, powers of ten and comparison. Rounding decisions on a planner's decimals
// (1e15 ÷ 0.999) need more than 64 bits, and they must be exact.
#include <compare>
#include <cstdint>
#include <vector>

namespace alignkit::detail {

class Natural {
 public:
  Natural() = default;
  Natural(std::uint64_t value);  // NOLINT(google-explicit-constructor): 2 * n reads as arithmetic
  static Natural power_of_ten(unsigned exponent);

  Natural operator*(const Natural& other) const;
  Natural operator+(const Natural& other) const;
  /// this − other; requires other <= this.
  Natural operator-(const Natural& other) const;
  friend std::strong_ordering operator<=>(const Natural& a, const Natural& b);
  friend bool operator==(const Natural& a, const Natural& b) = default;

  [[nodiscard]] bool is_zero() const { return limbs_.empty(); }
  /// The nearest double, to within a relative 2^-52 (for estimates and tolerances, never decisions).
  [[nodiscard]] double approximate() const;

 private:
  void trim();
  std::vector<std::uint32_t> limbs_;  // least significant first; no leading zero limbs
};

}  // namespace alignkit::detail
