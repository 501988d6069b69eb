#include "alignkit/metrics/dates.hpp"

#include <cctype>

namespace alignkit {

std::optional<double> date_serial(std::string_view text) {
  // Exactly YYYY-MM-DD: digits where digits go, nothing before or after.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (std::size_t c = starts[k]; c < starts[k] + lengths[k]; ++c) {
      if (std::isdigit(static_cast<unsigned char>(text[c])) == 0) return std::nullopt;
      parts[k] = parts[k] * 10 + (text[c] - '0');
    }
  }
  using namespace std::chrono;
  const year_month_day day{year{parts[0]}, month{static_cast<unsigned>(parts[1])}, std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!day.ok()) return std::nullopt;
  return static_cast<double>((sys_days{day} - kCalcEpoch).count());
}

}  // namespace alignkit
