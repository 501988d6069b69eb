#include "metrics/natural.hpp"

#include <algorithm>
#include <cmath>

namespace alignkit::detail {

Natural::Natural(std::uint64_t value) {
  while (value != 0) {
    limbs_.push_back(static_cast<std::uint32_t>(value));
    value >>= 32;
  }
}

Natural Natural::power_of_ten(unsigned exponent) {
  Natural result(1);
  const Natural ten_to_nine(1'000'000'000);
  for (; exponent >= 9; exponent -= 9) result = result * ten_to_nine;
  std::uint64_t rest = 1;
  for (; exponent > 0; --exponent) rest *= 10;
  return result * Natural(rest);
}

Natural Natural::operator*(const Natural& other) const {
  if (is_zero() || other.is_zero()) return {};
  Natural product;
  product.limbs_.assign(limbs_.size() + other.limbs_.size(), 0);
  for (std::size_t i = 0; i < limbs_.size(); ++i) {
    std::uint64_t carry = 0;
    for (std::size_t j = 0; j < other.limbs_.size(); ++j) {
      const std::uint64_t cell = static_cast<std::uint64_t>(limbs_[i]) * other.limbs_[j] + product.limbs_[i + j] + carry;
      product.limbs_[i + j] = static_cast<std::uint32_t>(cell);
      carry = cell >> 32;
    }
    product.limbs_[i + other.limbs_.size()] = static_cast<std::uint32_t>(carry);
  }
  product.trim();
  return product;
}

Natural Natural::operator+(const Natural& other) const {
  Natural sum;
  const std::size_t size = std::max(limbs_.size(), other.limbs_.size());
  sum.limbs_.resize(size + 1);
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const std::uint64_t cell = carry + (i < limbs_.size() ? limbs_[i] : 0) + (i < other.limbs_.size() ? other.limbs_[i] : 0);
    sum.limbs_[i] = static_cast<std::uint32_t>(cell);
    carry = cell >> 32;
  }
  sum.limbs_[size] = static_cast<std::uint32_t>(carry);
  sum.trim();
  return sum;
}

Natural Natural::operator-(const Natural& other) const {
  Natural difference = *this;
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < difference.limbs_.size(); ++i) {
    std::int64_t cell = static_cast<std::int64_t>(difference.limbs_[i]) - borrow -
                        static_cast<std::int64_t>(i < other.limbs_.size() ? other.limbs_[i] : 0);
    borrow = cell < 0 ? 1 : 0;
    if (cell < 0) cell += std::int64_t{1} << 32;
    difference.limbs_[i] = static_cast<std::uint32_t>(cell);
  }
  difference.trim();
  return difference;
}

std::strong_ordering operator<=>(const Natural& a, const Natural& b) {
  if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() <=> b.limbs_.size();
  for (std::size_t i = a.limbs_.size(); i-- > 0;) {
    if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] <=> b.limbs_[i];
  }
  return std::strong_ordering::equal;
}

double Natural::approximate() const {
  // The top three limbs hold at least 64 significant bits: enough for a double's 53.
  double value = 0;
  const std::size_t from = limbs_.size() > 3 ? limbs_.size() - 3 : 0;
  for (std::size_t i = limbs_.size(); i-- > from;) value = value * 4294967296.0 + limbs_[i];
  return std::ldexp(value, static_cast<int>(32 * from));
}

void Natural::trim() {
  while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
}

}  // namespace alignkit::detail
