#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "alignkit/metrics/funnel.hpp"

using namespace alignkit;
using doctest::Approx;

namespace {
const std::vector<double> kSeedRates{0.02, 0.05, 0.2};  // impressions->visitors->demos->sales
}

TEST_CASE("FUNNEL.STAGES: the spec's worked example (100 sales)") {
  auto stages = funnel::stages(100, kSeedRates);
  REQUIRE(stages);
  REQUIRE(stages->size() == 4);
  CHECK((*stages)[0] == Approx(500000));
  CHECK((*stages)[1] == Approx(10000));
  CHECK((*stages)[2] == Approx(500));
  CHECK((*stages)[3] == 100);
}

TEST_CASE("FUNNEL.BUDGET: spec example, 1,000 impressions cost 8.00 -> 4,000") {
  auto budget = funnel::budget(100, kSeedRates, 8.0 / 1000);
  REQUIRE(budget);
  CHECK(*budget == Approx(4000));
}

TEST_CASE("FUNNEL.VOLUME: hand calculation 30 sales / (0.3 * 0.25) = 400 leads") {
  // Independent check: 30 / 0.3 = 100 opportunities, 100 / 0.25 = 400 leads.
  const std::vector<double> rates{0.25, 0.3};
  auto volume = funnel::volume(30, rates);
  REQUIRE(volume);
  CHECK(*volume == Approx(400));
}

TEST_CASE("FUNNEL.VOLUME: rounding up is not fooled by representation") {
  const std::vector<double> one{0.2};
  auto volume = funnel::volume(100, one, true);
  REQUIRE(volume);
  CHECK(*volume == 500);  // not 501
  const std::vector<double> tricky{0.1, 0.3, 0.7};
  auto stages = funnel::stages(21, tricky, true);
  REQUIRE(stages);
  // 21/0.7 = 30 (exact), 30/0.3 = 100, 100/0.1 = 1000
  CHECK((*stages)[0] == 1000);
  CHECK((*stages)[1] == 100);
  CHECK((*stages)[2] == 30);
}

TEST_CASE("FUNNEL.VOLUME: rounding up each stage from the bottom") {
  const std::vector<double> rates{0.5, 0.3};
  // 10 / 0.3 = 33.3 -> 34 demos; 34 / 0.5 = 68 visitors. Without rounding 66.67.
  auto rounded = funnel::volume(10, rates, true);
  auto exact = funnel::volume(10, rates, false);
  REQUIRE(rounded);
  REQUIRE(exact);
  CHECK(*rounded == 68);
  CHECK(*exact == Approx(66.6666666667));
}

TEST_CASE("FUNNEL.UNITS inverts FUNNEL.BUDGET") {
  for (double target : {1.0, 7.0, 100.0, 12345.0, 0.5}) {
    auto budget = funnel::budget(target, kSeedRates, 0.008);
    REQUIRE(budget);
    auto units = funnel::units(*budget, kSeedRates, 0.008);
    REQUIRE(units);
    CHECK(*units == Approx(target).epsilon(1e-12));
  }
}

TEST_CASE("FUNNEL.UNITS: rounding down each stage from the top") {
  const std::vector<double> rates{0.5, 0.3};
  // 99 / 1 = 99 visitors; 99 * 0.5 = 49.5 -> 49; 49 * 0.3 = 14.7 -> 14
  auto units = funnel::units(99, rates, 1, true);
  REQUIRE(units);
  CHECK(*units == 14);
  auto exact = funnel::units(4000, kSeedRates, 0.008, true);
  REQUIRE(exact);
  CHECK(*exact == 100);  // 500000 -> 10000 -> 500 -> 100, all whole
}

TEST_CASE("FUNNEL.CAC: budget per unit") {
  auto cac = funnel::cac(4000, 100);
  REQUIRE(cac);
  CHECK(*cac == Approx(40));
}

TEST_CASE("funnel: bad input is an error, never a number") {
  const std::vector<double> above_one{0.02, 1.5};
  const std::vector<double> zero{0.0};
  const std::vector<double> none;
  const std::vector<double> nan_rate{std::nan("")};
  CHECK_FALSE(funnel::volume(100, above_one));
  CHECK(funnel::volume(100, above_one).error().message == "rate 2 (1.5) is outside (0, 1]");
  CHECK_FALSE(funnel::volume(100, zero));
  CHECK_FALSE(funnel::volume(100, none));
  CHECK_FALSE(funnel::volume(100, nan_rate));
  CHECK_FALSE(funnel::volume(-1, kSeedRates));
  CHECK_FALSE(funnel::budget(100, kSeedRates, 0));
  CHECK_FALSE(funnel::budget(100, kSeedRates, -8));
  CHECK_FALSE(funnel::units(-5, kSeedRates, 1));
  CHECK_FALSE(funnel::units(5, kSeedRates, 0));
  CHECK_FALSE(funnel::cac(100, 0));
  CHECK_FALSE(funnel::cac(-1, 10));
  CHECK_FALSE(funnel::cac(INFINITY, 10));
}

TEST_CASE("funnel: a result that would overflow is an error") {
  const std::vector<double> tiny{1e-300, 1e-300};
  CHECK_FALSE(funnel::volume(1e308, tiny));
  CHECK_FALSE(funnel::budget(1e300, kSeedRates, 1e300));
}
