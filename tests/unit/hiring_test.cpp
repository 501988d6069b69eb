#include <doctest/doctest.h>

#include <vector>

#include "alignkit/metrics/ramp.hpp"
#include "test_helpers.hpp"

using namespace alignkit;
using namespace alignkit::testing;
using doctest::Approx;

namespace {
void check_every_month_meets_target(const hiring::PlanInput& input, const Ramp& ramp) {
  auto hires = hiring::plan(input, ramp);
  REQUIRE(hires);
  const auto capacity = hiring::capacity(input, ramp, *hires);
  for (std::size_t t = 0; t < input.targets.size(); ++t) {
    CHECK(capacity[t] >= input.targets[t] * (1 - 1e-9));
    CHECK((*hires)[t] == static_cast<double>(static_cast<long long>((*hires)[t])));  // whole hires
  }
}
}  // namespace

TEST_CASE("HIRING.PLAN without ramp or attrition: hand calculation") {
  hiring::PlanInput input;
  input.targets = {100, 100, 100};
  input.quota = 50;
  auto hires = hiring::plan(input, linear(0));
  REQUIRE(hires);
  CHECK(*hires == std::vector<double>{2, 0, 0});
}

TEST_CASE("HIRING.PLAN replaces attrition month by month") {
  // 10 current reps x 10 quota; 10% leave each month; no ramp.
  // Month 2: 90 -> 1 hire; month 3: 81 + 0.9 * 10 = 90 -> 1 more.
  hiring::PlanInput input;
  input.targets = {100, 100, 100};
  input.quota = 10;
  input.monthly_attrition = 0.1;
  input.current_reps = 10;
  auto hires = hiring::plan(input, linear(0));
  REQUIRE(hires);
  CHECK(*hires == std::vector<double>{0, 1, 1});
}

TEST_CASE("HIRING.PLAN hires lead_months ahead so reps are ramped in time") {
  hiring::PlanInput input;
  input.targets = {0, 0, 100};
  input.quota = 100;
  auto hires = hiring::plan(input, linear(2));  // default lead = 2 months
  REQUIRE(hires);
  CHECK(*hires == std::vector<double>{1, 0, 0});  // a rep hired in month 1 is at 100% in month 3

  input.lead_months = 0;  // hire in the month itself: month-1 productivity 0.25 -> 4 hires
  auto late = hiring::plan(input, linear(2));
  REQUIRE(late);
  CHECK(*late == std::vector<double>{0, 0, 4});
}

TEST_CASE("HIRING.PLAN: every month meets its target (property)") {
  for (double attrition : {0.0, 0.02, 0.05}) {
    for (double months : {0.0, 3.0, 4.5, 6.0}) {
      hiring::PlanInput input;
      for (int t = 0; t < 24; ++t) input.targets.push_back(200'000 + 15'000 * t);
      input.quota = 25'000;
      input.monthly_attrition = attrition;
      input.current_reps = 6;
      input.attainment = 0.85;
      check_every_month_meets_target(input, linear(months));
    }
  }
}

TEST_CASE("HIRING.PLAN: a month that cannot be reached is an error") {
  hiring::PlanInput input;
  input.targets = {100};
  input.quota = 100;
  input.lead_months = 0;
  auto ramp = Ramp::monthly({0.0, 0.5});
  REQUIRE(ramp);
  CHECK_FALSE(hiring::plan(input, *ramp));
}

TEST_CASE("HIRING.PLAN: bad input is an error") {
  hiring::PlanInput input;
  input.targets = {100};
  input.quota = 10;
  input.monthly_attrition = 1;
  CHECK_FALSE(hiring::plan(input, linear(3)));
  input.monthly_attrition = 0;
  input.lead_months = 1.5;
  CHECK_FALSE(hiring::plan(input, linear(3)));
  input.lead_months.reset();
  input.quota = 0;
  CHECK_FALSE(hiring::plan(input, linear(3)));
  input.quota = 10;
  input.targets.assign(5000, 1);  // an absurd horizon
  CHECK_FALSE(hiring::plan(input, linear(3)));
  input.targets = {};
  CHECK_FALSE(hiring::plan(input, linear(3)));
  input.targets = {-5};
  CHECK_FALSE(hiring::plan(input, linear(3)));
}
