#include <doctest/doctest.h>

#include <numeric>
#include <vector>

#include "alignkit/metrics/ramp.hpp"
#include "test_helpers.hpp"

using namespace alignkit;
using namespace alignkit::testing;
using doctest::Approx;

namespace {
Ramp monthly(std::vector<double> fractions) { return Ramp::monthly(std::move(fractions)).value(); }
}  // namespace

TEST_CASE("RAMP.CURVE linear: month m averages (m - 0.5) / R") {
  auto curve = ramp::curve(4);
  REQUIRE(curve);
  REQUIRE(curve->size() == 4);
  CHECK((*curve)[0] == Approx(0.125));
  CHECK((*curve)[1] == Approx(0.375));
  CHECK((*curve)[2] == Approx(0.625));
  CHECK((*curve)[3] == Approx(0.875));
}

TEST_CASE("RAMP.CURVE linear with a non-integer R averages over each month") {
  // Hand calculation for R = 2.5: cumulative output F(t) = t^2/5 up to 2.5, then t - 1.25.
  auto curve = ramp::curve(2.5);
  REQUIRE(curve);
  REQUIRE(curve->size() == 3);
  CHECK((*curve)[0] == Approx(0.2));   // F(1) - F(0)
  CHECK((*curve)[1] == Approx(0.6));   // F(2) - F(1) = 0.8 - 0.2
  CHECK((*curve)[2] == Approx(0.95));  // F(3) - F(2) = 1.75 - 0.8
}

TEST_CASE("RAMP.CURVE scurve: exact monthly integral of the rescaled logistic") {
  // Independent values for R = 6 (k = 1), from the closed form ln(1 + e^(k(t - R/2)))/k.
  auto curve = ramp::curve(6, ramp::Shape::scurve);
  REQUIRE(curve);
  REQUIRE(curve->size() == 6);
  const double expected[] = {0.03415438981, 0.15346414550, 0.36729852654,
                             0.63270147346, 0.84653585450, 0.96584561019};
  for (std::size_t m = 0; m < 6; ++m) CHECK((*curve)[m] == Approx(expected[m]).epsilon(1e-9));
}

TEST_CASE("RAMP.CURVE scurve is symmetric and rising") {
  auto curve = ramp::curve(9, ramp::Shape::scurve);
  REQUIRE(curve);
  for (std::size_t m = 0; m < 9; ++m) CHECK((*curve)[m] + (*curve)[8 - m] == Approx(1.0));
  for (std::size_t m = 1; m < 9; ++m) CHECK((*curve)[m] > (*curve)[m - 1]);
}

TEST_CASE("RAMP.CURVE shape names") {
  CHECK(ramp::parse_shape("linear") == ramp::Shape::linear);
  CHECK(ramp::parse_shape("SCurve") == ramp::Shape::scurve);
  CHECK_FALSE(ramp::parse_shape("exponential"));
}

TEST_CASE("RAMP.LOSS of a linear ramp is R/2 months of output") {
  for (double months : {1.0, 2.5, 3.0, 6.0, 11.7, 24.0}) {
    auto loss = ramp::loss(1000, linear(months));
    REQUIRE(loss);
    CHECK(*loss == Approx(1000 * months / 2));
  }
}

TEST_CASE("RAMP.LOSS with a monthly ramp sums the shortfall") {
  auto loss = ramp::loss(1000, monthly({0.25, 0.5, 0.75}));
  REQUIRE(loss);
  CHECK(*loss == Approx(1500));  // 750 + 500 + 250
}

TEST_CASE("CAPACITY.REPS: target / (quota * attainment)") {
  auto reps = capacity::reps(1'200'000, 100'000, 0.8);
  REQUIRE(reps);
  CHECK(*reps == Approx(15));
  CHECK(*capacity::reps(1000, 100) == Approx(10));
}

TEST_CASE("CAPACITY.RRE counts ramping reps by their month") {
  // R = 3: months 1..3 count 1/6, 1/2, 5/6; month 10 counts 1.
  const std::vector<double> tenure{1, 2, 3, 10};
  auto rre = capacity::rre(tenure, linear(3));
  REQUIRE(rre);
  CHECK(*rre == Approx(2.5));
  const std::vector<double> fresh{0};
  CHECK(*capacity::rre(fresh, linear(3)) == Approx(1.0 / 6));  // a rep who started today is in month 1
}

TEST_CASE("ramp and capacity: bad input is an error") {
  CHECK_FALSE(Ramp::linear(-1));
  CHECK_FALSE(Ramp::linear(1e9));
  CHECK_FALSE(Ramp::monthly({}));
  CHECK_FALSE(Ramp::monthly({0.5, 1.5}));
  CHECK_FALSE(ramp::curve(0));
  CHECK_FALSE(ramp::loss(-5, linear(3)));
  CHECK_FALSE(capacity::reps(100, 0));
  CHECK_FALSE(capacity::reps(100, 10, 80));  // a whole percent typed by mistake
  CHECK_FALSE(capacity::reps(-100, 10));
  const std::vector<double> negative{-1};
  CHECK_FALSE(capacity::rre(negative, linear(3)));
  CHECK_FALSE(capacity::rre(std::vector<double>{}, linear(3)));
}
