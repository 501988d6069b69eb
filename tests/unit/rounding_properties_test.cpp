// Whole-number rounding at every magnitude a double holds exactly, against an exact computation
// written here with 128-bit integers on the decimals as a planner types them (never the code
// under test): a real fraction is never taken for a whole number, round down never rounds up,
// and allocated parts add up exactly to the rounded total.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "alignkit/metrics/funnel.hpp"
#include "alignkit/metrics/goals.hpp"
#include "alignkit/metrics/ramp.hpp"

namespace {
using namespace alignkit;
__extension__ typedef __int128 Int;  // exact arithmetic of the test's own, independent of the core

constexpr Int kTwoTo53 = Int{1} << 53;
constexpr int kRuns = 4000;

Int power_of_ten(int n) {
  Int p = 1;
  while (n-- > 0) p *= 10;
  return p;
}
Int ceil_div(Int a, Int b) { return (a + b - 1) / b; }
double to_double(Int value) { return static_cast<double>(static_cast<long long>(value)); }
std::string show(Int value) { return std::to_string(static_cast<long long>(value)); }

// A whole number from 1 to 1e15, spread evenly over the magnitudes.
Int magnitude(std::mt19937_64& random) {
  std::uniform_real_distribution<double> exponent(0, 15);
  return std::max<Int>(1, static_cast<Int>(std::pow(10.0, exponent(random))));
}
// A decimal of `places` places as the planner types it: the double nearest to digits / 10^places.
double typed(Int digits, int places) {
  return std::stod(show(digits) + "e-" + std::to_string(places));
}

}  // namespace

TEST_CASE("rounding: FUNNEL.VOLUME round_up is the exact ceiling, stage by stage, up to 1e15") {
  std::mt19937_64 random(20261125);
  std::uniform_int_distribution<int> per_mille(1, 1000);
  std::uniform_int_distribution<int> stage_count(1, 3);
  int checked = 0;
  for (int run = 0; run < kRuns; ++run) {
    const Int target_cents = magnitude(random);  // the target, typed with two decimals
    const int places = run % 3 == 0 ? 0 : 2;
    std::vector<int> rates_per_mille(static_cast<std::size_t>(stage_count(random)));
    for (auto& r : rates_per_mille) r = per_mille(random);
    // Exact: v(n) = target; v(i) = ceil(v(i+1) / rate_i), rates k/1000 and target c/10^places.
    Int numerator = target_cents;
    Int denominator = power_of_ten(places);
    for (std::size_t i = rates_per_mille.size(); i-- > 0;) {
      numerator = ceil_div(numerator * 1000, denominator * rates_per_mille[i]);
      denominator = 1;
    }
    if (numerator >= kTwoTo53) continue;  // beyond what a double holds exactly
    std::vector<double> rates;
    for (int r : rates_per_mille) rates.push_back(typed(r, 3));
    const double target = typed(target_cents, places);
    const auto volume = funnel::volume(target, rates, true);
    REQUIRE(volume);
    INFO("target " << target << " rates per mille " << rates_per_mille[0]);
    CHECK(*volume == to_double(numerator));
    ++checked;
  }
  CHECK(checked > kRuns / 2);
}

TEST_CASE("rounding: FUNNEL.UNITS round_down never rounds up, up to 1e15") {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<int> per_mille(1, 1000);
  std::uniform_int_distribution<int> cost_cents(1, 100000);
  for (int run = 0; run < kRuns; ++run) {
    const Int budget_cents = magnitude(random);
    const int cost = cost_cents(random);
    std::vector<int> rates_per_mille{per_mille(random), per_mille(random)};
    // Exact: entries = floor(budget / cost); then floor(entries * rate) per stage.
    Int units = budget_cents / cost;
    for (int r : rates_per_mille) units = units * r / 1000;
    const double budget = typed(budget_cents, 2);
    const std::vector<double> rates{typed(rates_per_mille[0], 3), typed(rates_per_mille[1], 3)};
    const auto result = funnel::units(budget, rates, typed(cost, 2), true);
    REQUIRE(result);
    INFO("budget " << budget << " cost " << cost << " cents");
    CHECK(*result == to_double(units));
  }
}

TEST_CASE("rounding: exact whole results stay whole, near-wholes from formulas too") {
  CHECK(*funnel::volume(100, std::vector{0.2}, true) == 500);
  CHECK(*funnel::volume(3, std::vector{0.3}, true) == 10);       // 0.3 is just under 3/10 as a double
  CHECK(*funnel::volume(7, std::vector{0.07}, true) == 100);     // 7 / 0.07 is 99.99999999999999 in doubles
  CHECK(*funnel::volume(100, std::vector{1.0 / 3}, true) == 300);  // =1/3 is a formula's rounded third
  CHECK(*funnel::units(10, std::vector{0.3}, 1, true) == 3);     // 10 * 0.3 is 2.9999999999999996
  // What a relative tolerance used to swallow at large magnitudes:
  CHECK(*funnel::volume(1e12 + 0.25, std::vector{1.0}, true) == 1e12 + 1);
  CHECK(*funnel::units(1e12 + 0.75, std::vector{1.0}, 1, true) == 1e12);
  CHECK(*funnel::volume(1e15 + 1, std::vector{0.5}, true) == 2e15 + 2);
  CHECK(*funnel::volume(999000000000001, std::vector{0.999}, true) == 1000000000000002);
}

TEST_CASE("rounding: HIRING.PLAN hires the exact fewest whole reps, up to 1e15") {
  std::mt19937_64 random(42);
  std::uniform_int_distribution<int> quarter(0, 4);
  std::uniform_int_distribution<int> month_count(1, 8);
  std::uniform_int_distribution<int> lead_months(0, 3);
  for (int run = 0; run < 1000; ++run) {
    const Int quota = std::max<Int>(1, magnitude(random) / 1000);
    std::vector<int> ramp_quarters{quarter(random), quarter(random)};  // ramp months in quarters of full output
    const int lead = lead_months(random);
    const Int current = magnitude(random) % 50;
    std::vector<Int> targets(static_cast<std::size_t>(month_count(random)));
    for (auto& t : targets) t = magnitude(random);
    // Exact, in quarters of a booking: productivity p(m) = quarters/4 during the ramp, then 1.
    const auto p4 = [&](std::size_t tenure) -> Int {
      return tenure <= ramp_quarters.size() ? ramp_quarters[tenure - 1] : 4;
    };
    std::vector<Int> hires(targets.size(), 0);
    bool reachable = true;
    for (std::size_t t = 1; t <= targets.size(); ++t) {
      Int capacity4 = current * quota * 4;
      for (std::size_t h = 1; h <= t; ++h) capacity4 += hires[h - 1] * quota * p4(t - h + 1);
      const Int shortfall4 = targets[t - 1] * 4 - capacity4;
      if (shortfall4 <= 0) continue;
      const std::size_t start = t > static_cast<std::size_t>(lead) + 1 ? t - lead : 1;
      const Int per_hire4 = quota * p4(t - start + 1);
      if (per_hire4 == 0) {
        reachable = false;
        break;
      }
      hires[start - 1] += ceil_div(shortfall4, per_hire4);
    }
    hiring::PlanInput input;
    for (Int t : targets) input.targets.push_back(to_double(t));
    input.quota = to_double(quota);
    input.current_reps = to_double(current);
    input.lead_months = lead;
    std::vector<double> fractions;
    for (int q : ramp_quarters) fractions.push_back(q / 4.0);
    const auto ramp = Ramp::monthly(fractions);
    REQUIRE(ramp);
    const auto plan = hiring::plan(input, *ramp);
    INFO("quota " << show(quota) << " first target " << show(targets[0]) << " lead " << lead);
    REQUIRE(bool(plan) == reachable);
    if (!reachable) continue;
    for (std::size_t t = 0; t < hires.size(); ++t) CHECK((*plan)[t] == to_double(hires[t]));
  }
}

TEST_CASE("rounding: GOAL.ALLOCATE parts add up exactly to the rounded total, up to 1e15") {
  std::mt19937_64 random(99);
  std::uniform_int_distribution<int> weight(0, 1000);
  std::uniform_int_distribution<int> buffer_percent(0, 100);
  std::uniform_int_distribution<int> decimals_choice(-3, 2);
  std::uniform_int_distribution<int> part_count(2, 6);
  for (int run = 0; run < kRuns; ++run) {
    const Int total_cents = magnitude(random);
    const int buffer = buffer_percent(random);
    const int decimals = decimals_choice(random);
    std::vector<int> weights(static_cast<std::size_t>(part_count(random)));
    for (auto& w : weights) w = weight(random);
    weights[0] += 1;  // never all 0
    Int weight_sum = 0;
    for (int w : weights) weight_sum += w;
    // Exact: grand · 10^decimals = total_cents · (100 + buffer) · 10^decimals / 10^4.
    const Int scale_up = decimals >= 0 ? power_of_ten(decimals) : 1;
    const Int scale_down = 10000 * (decimals < 0 ? power_of_ten(-decimals) : 1);
    const Int grand = total_cents * (100 + buffer) * scale_up;
    const Int rounded_total = (2 * grand + scale_down) / (2 * scale_down);  // half up
    if (rounded_total >= Int{9'000'000'000'000'000}) continue;
    std::vector<double> weight_values(weights.begin(), weights.end());
    const auto parts = goals::allocate(typed(total_cents, 2), weight_values, typed(buffer, 2), decimals);
    REQUIRE(parts);
    INFO("total " << show(total_cents) << " cents, buffer " << buffer << "%, decimals " << decimals);
    Int sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      // Back to whole units of 10^-decimals; a part must be exactly such a decimal.
      const double units_double = decimals >= 0 ? (*parts)[i] * std::pow(10.0, decimals)
                                                : (*parts)[i] / std::pow(10.0, -decimals);
      const auto units = static_cast<Int>(std::llround(units_double));
      const double exact_part = decimals >= 0 ? to_double(units) / std::pow(10.0, decimals)
                                              : to_double(units) * std::pow(10.0, -decimals);
      CHECK((*parts)[i] == exact_part);
      // Each part is its exact share rounded down or up by one unit, never further.
      const Int share_floor = grand * weights[i] / (scale_down * weight_sum);
      CHECK((units == share_floor || units == share_floor + 1));
      sum += units;
    }
    CHECK(show(sum) == show(rounded_total));
  }
}
