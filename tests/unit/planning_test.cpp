// Planning over time: FUNNEL.SCHEDULE, CAPACITY.PLAN and GOAL.PRORATE — the contract's examples,
// hand calculations, the contract's property linking CAPACITY.PLAN to HIRING.PLAN, bad input.
#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "alignkit/catalog/catalog.hpp"
#include "alignkit/metrics/funnel.hpp"
#include "alignkit/metrics/goals.hpp"
#include "alignkit/metrics/ramp.hpp"

using namespace alignkit;
using doctest::Approx;

namespace {
std::vector<double> row(const NumberBlock& block, std::size_t r) {
  return {block.values.begin() + static_cast<std::ptrdiff_t>(r * block.cols),
          block.values.begin() + static_cast<std::ptrdiff_t>((r + 1) * block.cols)};
}
}  // namespace

TEST_CASE("FUNNEL.SCHEDULE: the contract's example") {
  const auto block = funnel::schedule(std::vector{10.0, 20.0}, std::vector{0.5, 0.2}, std::vector{1.0, 0.0});
  REQUIRE(block);
  CHECK(block->rows == 3);
  CHECK(block->cols == 3);
  CHECK(row(*block, 0) == std::vector{100.0, 0.0, 0.0});
  CHECK(row(*block, 1) == std::vector{200.0, 50.0, 10.0});
  CHECK(row(*block, 2) == std::vector{0.0, 100.0, 20.0});
}

TEST_CASE("FUNNEL.SCHEDULE: hand calculation with two lags and rounding") {
  // Clicks -> demos (10%, 2 periods later) -> sales (25%, 1 period later); 3 and 5 sales wanted.
  // Demos in period p = sales in p+1 / 0.25, rounded up: period 0: 12; period 1: 20; period 2: 0.
  // Clicks in period p = demos in p+2 / 0.1: period -2: 120; period -1: 200; period 0..2: 0.
  const auto block = funnel::schedule(std::vector{3.0, 5.0}, std::vector{0.1, 0.25}, std::vector{2.0, 1.0}, true);
  REQUIRE(block);
  REQUIRE(block->rows == 5);  // 3 lead-in periods (-2, -1, 0), then periods 1 and 2
  CHECK(row(*block, 0) == std::vector{120.0, 0.0, 0.0});
  CHECK(row(*block, 1) == std::vector{200.0, 0.0, 0.0});
  CHECK(row(*block, 2) == std::vector{0.0, 12.0, 0.0});
  CHECK(row(*block, 3) == std::vector{0.0, 20.0, 3.0});
  CHECK(row(*block, 4) == std::vector{0.0, 0.0, 5.0});
  // Rounded up: 7 units at 30% need 24 (not 23.33) at the stage before.
  const auto rounded = funnel::schedule(std::vector{7.0}, std::vector{0.3}, std::vector{0.0}, true);
  CHECK(row(*rounded, 0) == std::vector{24.0, 7.0});
  // Without lags every period is the point funnel: FUNNEL.STAGES row by row.
  const auto flat = funnel::schedule(std::vector{100.0}, std::vector{0.02, 0.05, 0.2}, std::vector{0.0, 0.0, 0.0});
  CHECK(row(*flat, 0) == std::vector{500000.0, 10000.0, 500.0, 100.0});
}

TEST_CASE("FUNNEL.SCHEDULE: bad input") {
  const std::vector<double> targets{10}, rates{0.5}, one_lag{1};
  CHECK_FALSE(funnel::schedule(std::vector<double>{}, rates, one_lag));
  CHECK_FALSE(funnel::schedule(targets, rates, std::vector{1.0, 2.0}));  // a lag per rate
  CHECK_FALSE(funnel::schedule(targets, rates, std::vector{1.5}));       // whole periods
  CHECK_FALSE(funnel::schedule(targets, rates, std::vector{-1.0}));
  CHECK_FALSE(funnel::schedule(targets, std::vector{1.5}, one_lag));
  CHECK_FALSE(funnel::schedule(std::vector{-1.0}, rates, one_lag));
  CHECK_FALSE(funnel::schedule(targets, rates, std::vector{5000.0}));
}

TEST_CASE("GOAL.PRORATE: the contract's example and hand calculations") {
  const std::vector<double> months(12, 1.0);
  const auto ramp = Ramp::linear(3);
  const auto targets = goals::prorate(120000, months, 4, &*ramp);
  REQUIRE(targets);
  REQUIRE(targets->size() == 12);
  for (int m = 0; m < 3; ++m) CHECK((*targets)[m] == 0);
  CHECK((*targets)[3] == Approx(10000.0 * 0.5 / 3));  // 1,666.67
  CHECK((*targets)[4] == Approx(5000));
  CHECK((*targets)[5] == Approx(10000.0 * 2.5 / 3));  // 8,333.33
  for (int m = 6; m < 12; ++m) CHECK((*targets)[m] == Approx(10000));
  // Quarters with seasonality 1:2:3:4 and a start in quarter 2, no ramp: 100,000 * 2/10, 3/10, 4/10.
  const auto quarters = goals::prorate(100000, std::vector{1.0, 2.0, 3.0, 4.0}, 2);
  CHECK(*quarters == std::vector{0.0, 20000.0, 30000.0, 40000.0});
  // A ramp given as fractions: 50% then 100%.
  const auto fractions = Ramp::monthly({0.5});
  CHECK(*goals::prorate(1200, std::vector(12, 1.0), 11, &*fractions) ==
        std::vector{0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 50.0, 100.0});
}

TEST_CASE("GOAL.PRORATE: bad input") {
  const std::vector<double> months(12, 1.0);
  CHECK_FALSE(goals::prorate(1000, std::vector(12, 0.0), 1));  // weights all 0
  CHECK_FALSE(goals::prorate(1000, months, 0));
  CHECK_FALSE(goals::prorate(1000, months, 13));
  CHECK_FALSE(goals::prorate(1000, months, 2.5));
  CHECK_FALSE(goals::prorate(-1, months, 1));
  CHECK_FALSE(goals::prorate(1000, std::vector{1.0, -1.0}, 1));
  CHECK_FALSE(goals::prorate(1000, std::vector<double>{}, 1));
}

TEST_CASE("CAPACITY.PLAN: hand calculation") {
  // Hires 1, 0, 2; quota 10; linear ramp of 2 months (p = 0.25, 0.75); 10% attrition; 3 reps today.
  hiring::PlanInput input;
  input.quota = 10;
  input.monthly_attrition = 0.1;
  input.current_reps = 3;
  const auto rows = hiring::capacity_plan(input, *Ramp::linear(2), std::vector{1.0, 0.0, 2.0});
  REQUIRE(rows);
  // Month 1: 3 + 1 people; 3 + 0.25 ramped; capacity 32.5.
  CHECK((*rows)[0].headcount == Approx(4));
  CHECK((*rows)[0].ramped_equivalents == Approx(3.25));
  CHECK((*rows)[0].capacity == Approx(32.5));
  // Month 2: 3*0.9 + 1*0.9 = 3.6 people; 2.7 + 0.9*0.75 = 3.375 ramped.
  CHECK((*rows)[1].headcount == Approx(3.6));
  CHECK((*rows)[1].ramped_equivalents == Approx(3.375));
  CHECK((*rows)[1].capacity == Approx(33.75));
  // Month 3: 3*0.81 + 0.81 + 2 = 5.24 people; 2.43 + 0.81 + 2*0.25 = 3.74 ramped.
  CHECK((*rows)[2].headcount == Approx(5.24));
  CHECK((*rows)[2].ramped_equivalents == Approx(3.74));
  CHECK((*rows)[2].capacity == Approx(37.4));
}

TEST_CASE("CAPACITY.PLAN: bad input") {
  hiring::PlanInput input;
  input.quota = 10;
  const auto ramp = *Ramp::linear(3);
  CHECK_FALSE(hiring::capacity_plan(input, ramp, std::vector<double>{}));
  CHECK_FALSE(hiring::capacity_plan(input, ramp, std::vector{1.0, -1.0}));
  input.quota = 0;
  CHECK_FALSE(hiring::capacity_plan(input, ramp, std::vector{1.0}));
  input.quota = 10;
  input.monthly_attrition = 1;
  CHECK_FALSE(hiring::capacity_plan(input, ramp, std::vector{1.0}));
}

TEST_CASE("CAPACITY.PLAN of HIRING.PLAN meets every target HIRING.PLAN reaches, over random plans") {
  std::mt19937_64 random(2026);
  std::uniform_real_distribution<double> target(0, 500000), attrition(0, 0.08), ramp_months(0, 6);
  std::uniform_int_distribution<int> month_count(1, 24), current(0, 20), lead(0, 6);
  int plans = 0;
  for (int run = 0; run < 500; ++run) {
    hiring::PlanInput input;
    input.targets.resize(static_cast<std::size_t>(month_count(random)));
    for (auto& t : input.targets) t = target(random);
    input.quota = 20000 + 1000 * (run % 40);
    input.monthly_attrition = attrition(random);
    input.current_reps = current(random);
    input.attainment = 0.7 + 0.01 * (run % 40);
    input.lead_months = lead(random);
    const auto ramp = *Ramp::linear(ramp_months(random));
    const auto hires = hiring::plan(input, ramp);
    if (!hires) continue;  // a month new hires cannot reach: HIRING.PLAN says so, nothing to check
    const auto rows = hiring::capacity_plan(input, ramp, *hires);
    REQUIRE(rows);
    for (std::size_t t = 0; t < input.targets.size(); ++t) {
      INFO("plan " << run << " month " << t + 1);
      CHECK((*rows)[t].capacity >= input.targets[t] * (1 - 1e-12));
      CHECK((*rows)[t].capacity == hiring::capacity(input, ramp, *hires)[t]);
    }
    ++plans;
  }
  CHECK(plans > 300);
}

TEST_CASE("planning functions through the catalog: shapes and bad rows") {
  const auto schedule = find_function("FUNNEL.SCHEDULE");
  REQUIRE(schedule != nullptr);
  CHECK(schedule->shape == ResultShape::block);
  const std::vector<Arg> args{Range::column({10.0, 20.0}), Range::column({0.5, 0.2}), Range::column({1.0, 0.0})};
  const auto block = evaluate(*schedule, args);
  REQUIRE(block);
  CHECK(std::get<NumberBlock>(*block).rows == 3);
  const std::vector<Arg> text_lag{Range::column({10.0}), Range::column({0.5}), Range::column({std::string("one")})};
  CHECK_FALSE(evaluate(*schedule, text_lag));
  const auto capacity = find_function("CAPACITY.PLAN");
  REQUIRE(capacity != nullptr);
  const auto plan = evaluate(*capacity, std::vector<Arg>{Range::column({1.0, 0.0}), 10.0, 2.0});
  REQUIRE(plan);
  CHECK(std::get<NumberBlock>(*plan).cols == 3);
}
