#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "alignkit/metrics/dates.hpp"
#include "alignkit/metrics/goals.hpp"
#include "test_helpers.hpp"

using namespace alignkit;
using doctest::Approx;
using goals::MaybeNumber;

TEST_CASE("GOAL.ALLOCATE splits in proportion, with a buffer") {
  const std::vector<double> weights{3, 2, 5};
  auto parts = goals::allocate(1'000'000, weights);
  REQUIRE(parts);
  CHECK((*parts)[0] == Approx(300'000));
  CHECK((*parts)[1] == Approx(200'000));
  CHECK((*parts)[2] == Approx(500'000));
  auto buffered = goals::allocate(1'000'000, weights, 0.1);
  REQUIRE(buffered);
  CHECK((*buffered)[2] == Approx(550'000));
}

TEST_CASE("GOAL.ALLOCATE with decimals: largest remainder keeps the total") {
  const std::vector<double> thirds{1, 1, 1};
  auto whole = goals::allocate(100, thirds, 0, 0);
  REQUIRE(whole);
  CHECK(*whole == std::vector<double>{34, 33, 33});
  auto thousands = goals::allocate(1'000'000, thirds, 0, -3);
  REQUIRE(thousands);
  CHECK(*thousands == std::vector<double>{334'000, 333'000, 333'000});
  const std::vector<double> uneven{0.2, 0.7, 0.1};
  auto cents = goals::allocate(10.01, uneven, 0, 2);
  REQUIRE(cents);
  CHECK((*cents)[0] == Approx(2.0));   // 2.002 -> 2.00
  CHECK((*cents)[1] == Approx(7.01));  // 7.007 -> 7.01 (largest remainder)
  CHECK((*cents)[2] == Approx(1.0));   // 1.001 -> 1.00
}

TEST_CASE("GOAL.ALLOCATE: rounded parts add up to the rounded total (property)") {
  unsigned seed = 7;
  const auto next = [&seed] { return (seed = seed * 1103515245u + 12345u) % 1000u; };
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<double> weights(1 + next() % 12);
    for (double& w : weights) w = next() / 7.0;
    weights[0] += 1;  // at least one positive weight
    const double total = next() * 1234.567;
    const int decimals = static_cast<int>(next() % 5) - 2;
    auto parts = goals::allocate(total, weights, 0.05, decimals);
    REQUIRE(parts);
    const double unit = std::pow(10.0, -decimals);
    const double rounded_total = std::round(total * 1.05 / unit);
    double units = 0;
    for (double p : *parts) units += std::round(p / unit);
    CHECK(units == rounded_total);
  }
}

TEST_CASE("GOAL.OVERASSIGN") {
  const std::vector<double> children{400, 350, 300};
  CHECK(*goals::overassign(children, 1000) == Approx(0.05));
  const std::vector<double> gap{400, 350};
  CHECK(*goals::overassign(gap, 1000) == Approx(-0.25));
}

TEST_CASE("GOAL.ROLLUP: value-weighted and weighted, skipping empty rows") {
  const std::vector<MaybeNumber> actuals{50, 30, std::nullopt};
  const std::vector<MaybeNumber> targets{100, 50, std::nullopt};
  CHECK(*goals::rollup(actuals, targets) == Approx(80.0 / 150));
  const std::vector<MaybeNumber> weights{1, 1, std::nullopt};
  CHECK(*goals::rollup(actuals, targets, std::span<const MaybeNumber>(weights)) == Approx(0.55));
  const std::vector<MaybeNumber> not_started{std::nullopt, 30};
  const std::vector<MaybeNumber> two_targets{100, 50};
  CHECK(*goals::rollup(not_started, two_targets) == Approx(0.2));  // an empty actual is 0 so far
}

TEST_CASE("GOAL.ATTAINMENT: share of reps at quota") {
  const std::vector<MaybeNumber> actuals{100, 90, 120, 50, 100};
  const std::vector<MaybeNumber> targets{100, 100, 100, 100, 100};
  CHECK(*goals::attainment(actuals, targets) == Approx(0.6));
  CHECK(*goals::attainment(actuals, targets, 0.9) == Approx(0.8));
  const std::vector<MaybeNumber> odd_actual{0.3};
  const std::vector<MaybeNumber> odd_target{0.1 * 3};
  CHECK(*goals::attainment(odd_actual, odd_target) == 1);  // exactly at quota counts
}

TEST_CASE("GOAL.PACE") {
  CHECK(*goals::pace(50, 100, 0, 100, 25) == Approx(2));
  CHECK(*goals::pace(50, 100, 0, 100, 50) == Approx(1));
  CHECK(*goals::pace(50, 100, 0, 100, 400) == Approx(0.5));  // after the end: the whole target
  CHECK_FALSE(goals::pace(50, 100, 10, 100, 10));
  CHECK_FALSE(goals::pace(50, 100, 100, 100, 120));
}

TEST_CASE("dates as people write them: ISO 2027-06-30 is that day's Calc serial, in any date argument") {
  // Serials counted from 1899-12-30 by hand (Python's date arithmetic): 46388, 46752, 46568.
  CHECK(*date_serial("2027-01-01") == 46388);
  CHECK(*date_serial("2024-02-29") == 45351);
  for (const auto* wrong : {"2027-02-29", "2027-6-30", "30.06.2027", "2027-06-30T00:00:00Z", " 2027-06-30", "2027-13-01", ""}) {
    CHECK_FALSE(date_serial(wrong));
  }
  const auto by_serial = testing::call("GOAL.PACE", {50.0, 100.0, 46388.0, 46752.0, 46568.0});
  const auto by_text = testing::call("GOAL.PACE", {50.0, 100.0, std::string("2027-01-01"), std::string("2027-12-31"),
                                                   std::string("2027-06-30")});
  REQUIRE(by_serial);
  REQUIRE(by_text);
  CHECK(std::get<double>(*by_text) == std::get<double>(*by_serial));
  const auto wrong = testing::call("GOAL.PACE", {50.0, 100.0, std::string("2027-01-01"), std::string("31/12/2027"), 46568.0});
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message.find("end_date") != std::string::npos);
  CHECK(wrong.error().message.find("written 2027-06-30") != std::string::npos);
}

TEST_CASE("GOAL.ALIGNMENT: TRUE, non-zero numbers and non-empty texts are linked") {
  const std::vector<Cell> linked{1.0, std::string("G1"), 0.0, EmptyCell{}, std::string("G2")};
  CHECK(*goals::alignment(linked) == Approx(0.6));
  const std::vector<MaybeNumber> weights{1, 1, 2, 0, 6};
  CHECK(*goals::alignment(linked, std::span<const MaybeNumber>(weights)) == Approx(0.8));
}

TEST_CASE("GOAL.SMART: the spec's examples") {
  goals::SmartGoal goal{std::string("Grow enterprise bookings in DACH"), 120.0, 100.0, 46022.0, std::string("C-1")};
  CHECK(*goals::smart(goal) == "SMART");
  goal.baseline = 10.0;
  goal.due_date = EmptyCell{};
  CHECK(*goals::smart(goal) == "SM-R-");
  goals::SmartGoal vague{std::string("More sales"), std::string("lots"), EmptyCell{}, -3.0, EmptyCell{}};
  CHECK(*goals::smart(vague) == "-----");
}

TEST_CASE("goals: bad input is an error") {
  const std::vector<double> none;
  const std::vector<double> negative{1, -1};
  const std::vector<double> zeros{0, 0};
  CHECK_FALSE(goals::allocate(100, none));
  CHECK_FALSE(goals::allocate(100, negative));
  CHECK_FALSE(goals::allocate(100, zeros));
  CHECK_FALSE(goals::allocate(-100, std::vector<double>{1}));
  CHECK_FALSE(goals::allocate(100, std::vector<double>{1}, 0, 16));
  CHECK_FALSE(goals::allocate(1e300, std::vector<double>{1}, 0, 2));
  CHECK_FALSE(goals::overassign(none, 100));
  CHECK_FALSE(goals::overassign(std::vector<double>{1}, 0));
  const std::vector<MaybeNumber> two{1, 2};
  const std::vector<MaybeNumber> three{1, 2, 3};
  CHECK_FALSE(goals::rollup(two, three));
  const std::vector<MaybeNumber> no_target{5, std::nullopt};
  CHECK_FALSE(goals::rollup(two, no_target));
  const std::vector<MaybeNumber> empties{std::nullopt, std::nullopt};
  CHECK_FALSE(goals::rollup(empties, empties));
  const std::vector<MaybeNumber> zero_targets{0, 0};
  CHECK_FALSE(goals::attainment(two, zero_targets));
  CHECK_FALSE(goals::alignment(std::vector<Cell>{}));
  CHECK_FALSE(goals::alignment(std::vector<Cell>{EmptyCell{}, EmptyCell{}}));  // an empty range
  goals::SmartGoal goal;
  goal.max_growth = -1;
  CHECK_FALSE(goals::smart(goal));
}
