#include "alignkit/metrics/funnel.hpp"

#include "alignkit/metrics/interruption.hpp"

#include "metrics/checks.hpp"
#include "metrics/whole_numbers.hpp"

namespace alignkit::funnel {
using detail::check;

namespace {
// From the bottom up: each stage needs (next stage / its rate) entries. `each(i, volume)` sees
// every stage's volume, bottom first; the answer is the top's.
template <class EachStage>
Result<double> walk_up(double target, std::span<const double> rates, bool round_up, EachStage each) {
  if (auto e = check("target", target, detail::kNonNegative)) return *e;
  if (auto e = detail::check_rates(rates)) return *e;
  double volume = target;
  each(rates.size(), volume);
  for (std::size_t i = rates.size(); i-- > 0;) {
    volume = round_up ? detail::ceil_quotient(volume, rates[i]) : volume / rates[i];
    each(i, volume);
  }
  // Checked once: dividing by rates in (0, 1] only grows a finite volume, so a stage that
  // overflowed stays infinite up to the top.
  return detail::finite(volume);
}
}  // namespace

Result<std::vector<double>> stages(double target, std::span<const double> rates, bool round_up) {
  std::vector<double> volumes(rates.size() + 1);
  auto top = walk_up(target, rates, round_up, [&](std::size_t i, double volume) { volumes[i] = volume; });
  if (!top) return top.error();
  return volumes;
}

Result<double> volume(double target, std::span<const double> rates, bool round_up) {
  return walk_up(target, rates, round_up, [](std::size_t, double) {});  // no list of stages to build
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

Result<NumberBlock> schedule(std::span<const double> targets, std::span<const double> rates,
                             std::span<const double> lags, bool round_up) {
  constexpr std::size_t kMaxPeriods = 1200;
  if (targets.empty()) return Error{"targets are empty: give the units wanted in each period, one per row"};
  if (targets.size() > kMaxPeriods) return Error{"targets cover more than 1200 periods"};
  if (auto e = detail::check_rates(rates)) return *e;
  if (lags.size() != rates.size()) {
    return Error{"lags (" + std::to_string(lags.size()) + ") and rates (" + std::to_string(rates.size()) +
                 ") must be the same size: one lag per stage"};
  }
  std::size_t lead_in = 0;
  for (std::size_t i = 0; i < lags.size(); ++i) {
    const std::string name = "lag " + std::to_string(i + 1);
    if (auto e = check(name, lags[i], {0, static_cast<double>(kMaxPeriods)})) return *e;
    if (auto e = detail::check_whole(name, lags[i])) return *e;
    lead_in += static_cast<std::size_t>(lags[i]);
  }
  if (lead_in > kMaxPeriods) return Error{"the lags add up to more than 1200 periods"};
  for (std::size_t t = 0; t < targets.size(); ++t) {
    if (auto e = check("target of period " + std::to_string(t + 1), targets[t], detail::kNonNegative)) return *e;
  }
  // Row r holds period r - lead_in + 1 (0-based r): the lead-in periods come first.
  const std::size_t rows = targets.size() + lead_in;
  const std::size_t cols = rates.size() + 1;
  if (rows * cols > kMaxBlockCells) {  // refused before anything is allocated
    return Error{"the schedule would hold " + std::to_string(rows) + " periods of " + std::to_string(cols) +
                     " stages, more than " + std::to_string(kMaxBlockCells) + " numbers: use fewer stages or periods",
                 true};
  }
  NumberBlock block{rows, cols, std::vector<double>(rows * cols, 0.0), {}};
  const auto at = [&](std::size_t row, std::size_t stage) -> double& { return block.values[row * cols + stage]; };
  for (std::size_t t = 0; t < targets.size(); ++t) at(lead_in + t, rates.size()) = targets[t];
  for (std::size_t stage = rates.size(); stage-- > 0;) {
    const auto lag = static_cast<std::size_t>(lags[stage]);
    for (std::size_t row = 0; row < rows; ++row) {
      interruption_point(stage * rows + row);
      const double arriving = row + lag < rows ? at(row + lag, stage + 1) : 0.0;  // 0 past the last period
      const double needed = round_up ? detail::ceil_quotient(arriving, rates[stage]) : arriving / rates[stage];
      auto checked = detail::finite(needed);
      if (!checked) return checked.error();
      at(row, stage) = *checked;
    }
  }
  return block;
}

Result<double> cac(double budget, double units) {
  if (auto e = check("budget", budget, detail::kNonNegative)) return *e;
  if (auto e = check("units", units, detail::kPositive)) return *e;
  return detail::finite(budget / units);
}

}  // namespace alignkit::funnel
