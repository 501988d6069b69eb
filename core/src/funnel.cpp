#include "alignkit/funnel.hpp"

#include "checks.hpp"
#include "whole_numbers.hpp"

namespace alignkit::funnel {
using detail::check;

Result<std::vector<double>> stages(double target, std::span<const double> rates, bool round_up) {
  if (auto e = check("target", target, detail::kNonNegative)) return *e;
  if (auto e = detail::check_rates(rates)) return *e;
  std::vector<double> volumes(rates.size() + 1);
  volumes.back() = target;
  // From the bottom up: each stage needs (next stage / its rate) entries.
  for (std::size_t i = rates.size(); i-- > 0;) {
    const double needed = round_up ? detail::ceil_quotient(volumes[i + 1], rates[i]) : volumes[i + 1] / rates[i];
    auto checked = detail::finite(needed);
    if (!checked) return checked.error();
    volumes[i] = *checked;
  }
  return volumes;
}

Result<double> volume(double target, std::span<const double> rates, bool round_up) {
  auto all = stages(target, rates, round_up);
  if (!all) return all.error();
  return all->front();
}

Result<double> budget(double target, std::span<const double> rates, double cost_per_top, bool round_up) {
  if (auto e = check("cost_per_top", cost_per_top, detail::kPositive)) return *e;
  auto top = volume(target, rates, round_up);
  if (!top) return top;
  return detail::finite(*top * cost_per_top);
}

Result<double> units(double budget, std::span<const double> rates, double cost_per_top, bool round_down) {
  if (auto e = check("budget", budget, detail::kNonNegative)) return *e;
  if (auto e = check("cost_per_top", cost_per_top, detail::kPositive)) return *e;
  if (auto e = detail::check_rates(rates)) return *e;
  // From the top down: the entries the budget buys, then each stage's conversions.
  double volume = round_down ? detail::floor_quotient(budget, cost_per_top) : budget / cost_per_top;
  for (double rate : rates) volume = round_down ? detail::floor_product(volume, rate) : volume * rate;
  return detail::finite(volume);
}

Result<double> cac(double budget, double units) {
  if (auto e = check("budget", budget, detail::kNonNegative)) return *e;
  if (auto e = check("units", units, detail::kPositive)) return *e;
  return detail::finite(budget / units);
}

}  // namespace alignkit::funnel
