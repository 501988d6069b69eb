#pragma once
// Dates as Calc counts them (days since 1899-12-30, the serial every spreadsheet date is) and as
// people write them (ISO 8601, 2027-06-30): one conversion for HTTP, the command and Calc.
#include <chrono>
#include <optional>
#include <string_view>

namespace alignkit {

inline constexpr std::chrono::sys_days kCalcEpoch = std::chrono::year{1899} / std::chrono::December / 30;

/// "2027-06-30" -> Calc's serial of that day; nothing for any other text or a day that does not exist.
std::optional<double> date_serial(std::string_view iso_date);

}  // namespace alignkit
