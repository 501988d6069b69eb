#include <doctest/doctest.h>

#include <cmath>

#include "alignkit/metrics/turnover.hpp"
#include "test_helpers.hpp"

using namespace alignkit;
using namespace alignkit::testing;
using doctest::Approx;

namespace {
turnover::DepartureCost example() {
  turnover::DepartureCost in;
  in.annual_salary = 60'000;
  in.monthly_quota = 50'000;
  in.vacancy_months = 2;
  in.recruiting_cost = 10'000;
  in.onboarding_cost = 5'000;
  in.separation_cost = 2'000;
  return in;
}
}  // namespace

TEST_CASE("TURNOVER.RATE annualises a shorter period") {
  // 6 leavers from an average of 40 over 6 months: 15% in half a year = 30% a year.
  CHECK(*turnover::rate(6, 40, 6) == Approx(0.3));
  CHECK(*turnover::rate(12, 100) == Approx(0.12));
}

TEST_CASE("TURNOVER.COST: hand calculation with revenue") {
  // 2,000 + 10,000 + 5,000 + 50,000*2 (vacancy) + 50,000*4/2 (ramp) - 60,000/12*2 = 207,000
  auto cost = turnover::cost(example(), linear(4));
  REQUIRE(cost);
  CHECK(*cost == Approx(207'000));
}

TEST_CASE("TURNOVER.COST: margin turns bookings into gross margin") {
  auto in = example();
  in.margin = 0.6;
  auto parts = turnover::cost_breakdown(in, linear(4));
  REQUIRE(parts);
  CHECK(parts->vacancy == Approx(60'000));
  CHECK(parts->ramp == Approx(60'000));
  CHECK(parts->salary_saved == Approx(10'000));
  CHECK(parts->total() == Approx(127'000));
}

TEST_CASE("TURNOVER.ANNUAL and TURNOVER.SAVINGS") {
  CHECK(*turnover::annual(50, 0.3, 127'000) == Approx(1'905'000));
  // (0.30 - 0.20) * 50 * 127,000 - 200,000 = 435,000
  CHECK(*turnover::savings(50, 0.3, 0.2, 127'000, 200'000) == Approx(435'000));
  CHECK(*turnover::savings(50, 0.2, 0.3, 100'000) == Approx(-500'000));  // turnover rising costs money
}

TEST_CASE("turnover: bad input is an error") {
  CHECK_FALSE(turnover::rate(5, 0));
  CHECK_FALSE(turnover::rate(-1, 10));
  CHECK_FALSE(turnover::rate(5, 10, 0));
  auto in = example();
  in.margin = 1.5;
  CHECK_FALSE(turnover::cost(in, linear(4)));
  in = example();
  in.vacancy_months = -1;
  CHECK_FALSE(turnover::cost(in, linear(4)));
  in = example();
  in.annual_salary = INFINITY;
  CHECK_FALSE(turnover::cost(in, linear(4)));
  CHECK_FALSE(turnover::annual(50, 30, 1000));  // 30 for 30% is a whole percent
  CHECK_FALSE(turnover::annual(-50, 0.3, 1000));
  CHECK_FALSE(turnover::savings(50, 0.3, -0.1, 1000));
  CHECK_FALSE(turnover::savings(50, 0.3, 0.2, 1000, -5));
}
