#include "alignkit/metrics/turnover.hpp"

#include "metrics/checks.hpp"

namespace alignkit::turnover {
namespace {
// Annual turnover as a fraction; above 300% a year it is a whole percent typed by mistake.
constexpr detail::Interval kAnnualRate{0, 3};
}  // namespace

Result<double> rate(double separations, double average_headcount, double months) {
  if (auto e = detail::check("separations", separations, detail::kNonNegative)) return *e;
  if (auto e = detail::check("average_headcount", average_headcount, detail::kPositive)) return *e;
  if (auto e = detail::check("months", months, {0, 1200, true, false})) return *e;
  return detail::finite(separations / average_headcount * 12 / months);
}

Result<CostBreakdown> cost_breakdown(const DepartureCost& in, const Ramp& ramp) {
  using detail::check;
  using detail::kNonNegative;
  if (auto e = check("annual_salary", in.annual_salary, kNonNegative)) return *e;
  if (auto e = check("monthly_quota", in.monthly_quota, kNonNegative)) return *e;
  if (auto e = check("vacancy_months", in.vacancy_months, {0, 1200})) return *e;
  if (auto e = check("recruiting_cost", in.recruiting_cost, kNonNegative)) return *e;
  if (auto e = check("onboarding_cost", in.onboarding_cost, kNonNegative)) return *e;
  if (auto e = check("margin", in.margin, detail::kShare)) return *e;
  if (auto e = check("separation_cost", in.separation_cost, kNonNegative)) return *e;
  const double monthly_margin = in.monthly_quota * in.margin;
  auto ramp_loss = ramp::loss(monthly_margin, ramp);
  if (!ramp_loss) return ramp_loss.error();
  CostBreakdown parts;
  parts.separation = in.separation_cost;
  parts.recruiting = in.recruiting_cost;
  parts.onboarding = in.onboarding_cost;
  parts.vacancy = monthly_margin * in.vacancy_months;
  parts.ramp = *ramp_loss;
  parts.salary_saved = in.annual_salary / 12 * in.vacancy_months;
  if (auto total = detail::finite(parts.total()); !total) return total.error();
  return parts;
}

Result<double> cost(const DepartureCost& input, const Ramp& ramp) {
  auto parts = cost_breakdown(input, ramp);
  if (!parts) return parts.error();
  return parts->total();
}

Result<double> annual(double headcount, double turnover_rate, double cost_per_departure) {
  if (auto e = detail::check("headcount", headcount, detail::kNonNegative)) return *e;
  if (auto e = detail::check("turnover_rate", turnover_rate, kAnnualRate)) return *e;
  if (auto e = detail::check("cost_per_departure", cost_per_departure, {-HUGE_VAL, HUGE_VAL, true, true}))
    return *e;
  return detail::finite(headcount * turnover_rate * cost_per_departure);
}

Result<double> savings(double headcount, double rate_now, double rate_target, double cost_per_departure,
                       double program_cost) {
  if (auto e = detail::check("headcount", headcount, detail::kNonNegative)) return *e;
  if (auto e = detail::check("rate_now", rate_now, kAnnualRate)) return *e;
  if (auto e = detail::check("rate_target", rate_target, kAnnualRate)) return *e;
  if (auto e = detail::check("cost_per_departure", cost_per_departure, {-HUGE_VAL, HUGE_VAL, true, true}))
    return *e;
  if (auto e = detail::check("program_cost", program_cost, detail::kNonNegative)) return *e;
  return detail::finite((rate_now - rate_target) * headcount * cost_per_departure - program_cost);
}

}  // namespace alignkit::turnover
