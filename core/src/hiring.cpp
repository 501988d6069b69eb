#include <cmath>

#include "alignkit/ramp.hpp"
#include "checks.hpp"

namespace alignkit::hiring {
namespace {

std::optional<Error> check_input(const PlanInput& in) {
  if (in.targets.empty()) return Error{"targets are empty: give one monthly target per month"};
  if (in.targets.size() > kMaxHorizonMonths) return Error{"targets cover more than 1200 months"};
  for (std::size_t i = 0; i < in.targets.size(); ++i) {
    if (auto e = detail::check("target of month " + std::to_string(i + 1), in.targets[i], detail::kNonNegative))
      return e;
  }
  if (auto e = detail::check("quota", in.quota, detail::kPositive)) return e;
  if (auto e = detail::check("monthly_attrition", in.monthly_attrition, {0, 1, false, true})) return e;
  if (auto e = detail::check("current_reps", in.current_reps, detail::kNonNegative)) return e;
  if (auto e = detail::check("attainment", in.attainment, {0, 2, true, false})) return e;
  if (in.lead_months) {
    if (auto e = detail::check("lead_months", *in.lead_months, {0, kMaxHorizonMonths})) return e;
    if (auto e = detail::check_whole("lead_months", *in.lead_months)) return e;
  }
  return std::nullopt;
}

// Bookings one hire starting in month `start` produces in month `month` (both 1-based, month >= start).
double output_per_hire(const PlanInput& in, const Ramp& ramp, std::size_t start, std::size_t month) {
  const auto months_since = static_cast<double>(month - start);
  return in.quota * in.attainment * std::pow(1 - in.monthly_attrition, months_since) *
         ramp.productivity(month - start + 1);
}

double capacity_in(const PlanInput& in, const Ramp& ramp, std::span<const double> hires, std::size_t month) {
  double capacity = in.current_reps * std::pow(1 - in.monthly_attrition, static_cast<double>(month - 1)) *
                    in.quota * in.attainment;
  for (std::size_t start = 1; start <= month; ++start) {
    if (hires[start - 1] > 0) capacity += hires[start - 1] * output_per_hire(in, ramp, start, month);
  }
  return capacity;
}

}  // namespace

std::vector<double> capacity(const PlanInput& input, const Ramp& ramp, std::span<const double> hires) {
  std::vector<double> result(hires.size());
  for (std::size_t month = 1; month <= hires.size(); ++month) {
    result[month - 1] = capacity_in(input, ramp, hires, month);
  }
  return result;
}

Result<std::vector<double>> plan(const PlanInput& in, const Ramp& ramp) {
  if (auto e = check_input(in)) return *e;
  const auto lead = static_cast<std::size_t>(in.lead_months.value_or(static_cast<double>(ramp.months())));
  std::vector<double> hires(in.targets.size(), 0.0);
  for (std::size_t month = 1; month <= in.targets.size(); ++month) {
    const double target = in.targets[month - 1];
    const double shortfall = target - capacity_in(in, ramp, hires, month);
    if (shortfall <= 1e-9 * std::max(1.0, target)) continue;
    const std::size_t start = month > lead + 1 ? month - lead : 1;
    const double per_hire = output_per_hire(in, ramp, start, month);
    if (!(per_hire > 0)) {
      return Error{"month " + std::to_string(month) + " cannot be reached: reps hired in month " +
                   std::to_string(start) + " produce nothing by then (raise lead_months or check the ramp)"};
    }
    auto needed = detail::finite(detail::ceil_whole(shortfall / per_hire));
    if (!needed) return needed.error();
    hires[start - 1] += *needed;
  }
  return hires;
}

}  // namespace alignkit::hiring
