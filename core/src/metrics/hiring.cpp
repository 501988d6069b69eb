#include <cmath>

#include "alignkit/metrics/ramp.hpp"
#include "metrics/checks.hpp"
#include "metrics/whole_numbers.hpp"

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

// A value the model computed, with a bound on its distance from the model's exact value on the
// inputs as shown: |exact - value| <= error. Exact operations add nothing to the bound, so a plan
// on exact inputs (whole targets and quotas, no attrition) is decided exactly at any magnitude.
struct Approx {
  double value = 0;
  double error = 0;
};

Approx shown(double x) { return {x, detail::representation_error(x)}; }

Approx times(Approx a, Approx b) {
  const double product = a.value * b.value;
  const bool rounded = std::fma(a.value, b.value, -product) != 0;
  return {product, std::fabs(a.value) * b.error + std::fabs(b.value) * a.error + a.error * b.error +
                       (rounded ? detail::half_ulp(product) : 0)};
}

Approx plus(Approx a, Approx b) {
  const double sum = a.value + b.value;
  const double b_part = sum - a.value;
  const bool rounded = (a.value - (sum - b_part)) + (b.value - b_part) != 0;  // Knuth's two-sum
  return {sum, a.error + b.error + (rounded ? detail::half_ulp(sum) : 0)};
}

Approx minus(Approx a, Approx b) { return plus(a, {-b.value, b.error}); }

// The cohort model, one for HIRING.PLAN and CAPACITY.PLAN: a cohort of n hires starting in month h
// has n(1-a)^(t-h) people in month t, each at productivity p(t-h+1); the current reps are fully
// ramped and shrink as current(1-a)^(t-1); capacity is ramped rep equivalents x quota x attainment.
struct Cohorts {
  std::vector<Approx> survival;      // (1-a)^k, k = 0..T-1
  std::vector<Approx> productivity;  // p(m), m = 1..T
  Approx quota_rate;                 // quota * attainment
  Approx current;

  Cohorts(const PlanInput& in, const Ramp& ramp, std::size_t horizon)
      : survival(horizon),
        productivity(horizon),
        quota_rate(times(shown(in.quota), shown(in.attainment))),
        current(shown(in.current_reps)) {
    const Approx keep = minus({1, 0}, shown(in.monthly_attrition));
    survival[0] = {1, 0};
    for (std::size_t k = 1; k < horizon; ++k) survival[k] = times(survival[k - 1], keep);
    for (std::size_t m = 1; m <= horizon; ++m) productivity[m - 1] = {ramp.productivity(m), ramp.productivity_error(m)};
  }

  // People in month `month` (1-based), or with `weighted` their ramped rep equivalents.
  [[nodiscard]] Approx people(std::span<const double> hires, std::size_t month, bool weighted) const {
    Approx total = times(current, survival[month - 1]);
    for (std::size_t start = 1; start <= month; ++start) {
      if (hires[start - 1] <= 0) continue;
      Approx cohort = times(shown(hires[start - 1]), survival[month - start]);
      if (weighted) cohort = times(cohort, productivity[month - start]);
      total = plus(total, cohort);
    }
    return total;
  }

  [[nodiscard]] Approx capacity(std::span<const double> hires, std::size_t month) const {
    return capacity_of(people(hires, month, true));
  }

  [[nodiscard]] Approx capacity_of(Approx ramped_equivalents) const { return times(quota_rate, ramped_equivalents); }

  // Bookings one hire starting in month `start` produces in month `month` (month >= start).
  [[nodiscard]] Approx per_hire(std::size_t start, std::size_t month) const {
    return times(quota_rate, times(survival[month - start], productivity[month - start]));
  }
};

// The fewest whole hires h with h * per_hire >= shortfall, exactly, except that a quotient within
// the bound of the model's own rounding of a whole number is that whole number (2.0000000000000004 is 2).
double whole_hires(Approx shortfall, Approx per_hire) {
  const double nearest = std::nearbyint(shortfall.value / per_hire.value);
  const double remainder = std::fma(-nearest, per_hire.value, shortfall.value);  // shortfall - nearest * per_hire
  if (std::fabs(remainder) <= shortfall.error + nearest * per_hire.error) return nearest;
  return remainder > 0 ? nearest + 1 : nearest;
}

}  // namespace

std::vector<double> capacity(const PlanInput& input, const Ramp& ramp, std::span<const double> hires) {
  const Cohorts cohorts(input, ramp, hires.size());
  std::vector<double> result(hires.size());
  for (std::size_t month = 1; month <= hires.size(); ++month) result[month - 1] = cohorts.capacity(hires, month).value;
  return result;
}

Result<std::vector<CapacityRow>> capacity_plan(const PlanInput& input, const Ramp& ramp, std::span<const double> hires) {
  if (hires.empty()) return Error{"hires are empty: give the new hires of each period, one per row"};
  if (hires.size() > kMaxHorizonMonths) return Error{"hires cover more than 1200 periods"};
  for (std::size_t i = 0; i < hires.size(); ++i) {
    if (auto e = detail::check("hires of period " + std::to_string(i + 1), hires[i], detail::kNonNegative)) return *e;
  }
  PlanInput checked = input;
  checked.targets.assign(1, 0.0);  // the plan's inputs are checked as HIRING.PLAN checks them
  checked.lead_months.reset();
  if (auto e = check_input(checked)) return *e;
  const Cohorts cohorts(input, ramp, hires.size());
  std::vector<CapacityRow> rows(hires.size());
  for (std::size_t month = 1; month <= hires.size(); ++month) {
    const Approx ramped = cohorts.people(hires, month, true);
    rows[month - 1] = {cohorts.people(hires, month, false).value, ramped.value, cohorts.capacity_of(ramped).value};
    if (!std::isfinite(rows[month - 1].capacity) || !std::isfinite(rows[month - 1].headcount)) {
      return Error{"the result is not a finite number (inputs too large or too small)"};
    }
  }
  return rows;
}

Result<std::vector<double>> plan(const PlanInput& in, const Ramp& ramp) {
  if (auto e = check_input(in)) return *e;
  const auto lead = static_cast<std::size_t>(in.lead_months.value_or(static_cast<double>(ramp.months())));
  const Cohorts cohorts(in, ramp, in.targets.size());
  std::vector<double> hires(in.targets.size(), 0.0);
  for (std::size_t month = 1; month <= in.targets.size(); ++month) {
    const Approx shortfall = minus(shown(in.targets[month - 1]), cohorts.capacity(hires, month));
    if (shortfall.value <= shortfall.error) continue;  // met, up to the model's own rounding
    const std::size_t start = month > lead + 1 ? month - lead : 1;
    const Approx per_hire = cohorts.per_hire(start, month);
    if (!(per_hire.value > 0)) {
      return Error{"month " + std::to_string(month) + " cannot be reached: reps hired in month " +
                   std::to_string(start) + " produce nothing by then (raise lead_months or check the ramp)"};
    }
    auto needed = detail::finite(whole_hires(shortfall, per_hire));
    if (!needed) return needed.error();
    hires[start - 1] += *needed;
  }
  return hires;
}

}  // namespace alignkit::hiring
