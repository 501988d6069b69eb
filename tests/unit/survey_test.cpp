#include <doctest/doctest.h>

#include <vector>

#include "alignkit/metrics/survey.hpp"

using namespace alignkit;
using doctest::Approx;

TEST_CASE("SURVEY.TOPBOX and SURVEY.BOTTOMBOX on a 1-5 scale") {
  const std::vector<double> ratings{5, 4, 3, 2, 1, 5, 4, 4, 3, 5};
  CHECK(*survey::topbox(ratings) == Approx(0.6));     // six 4s and 5s
  CHECK(*survey::bottombox(ratings) == Approx(0.2));  // one 1, one 2
  CHECK(*survey::topbox(ratings, {5, 1}) == Approx(0.3));  // top box of one: 5s only
  const std::vector<double> seven{7, 6, 5, 1};
  CHECK(*survey::topbox(seven, {7, 2}) == Approx(0.5));
}

TEST_CASE("SURVEY.GAP: the spec's example, HR 0.70 minus Sales 0.45") {
  const std::vector<double> hr{5, 5, 4, 4, 4, 5, 4, 3, 2, 3};                 // 7 of 10 in the top box
  const std::vector<double> sales{4, 5, 4, 4, 5, 4, 5, 4, 4, 3, 3, 2, 1, 2, 3, 3, 2, 1, 3, 3};  // 9 of 20
  CHECK(*survey::topbox(hr) == Approx(0.70));
  CHECK(*survey::topbox(sales) == Approx(0.45));
  CHECK(*survey::gap(hr, sales) == Approx(0.25));
}

TEST_CASE("SURVEY.NPS: promoters minus detractors") {
  // 5 promoters, 3 passives, 2 detractors out of 10 -> 50% - 20% = 30.
  const std::vector<double> scores{10, 9, 9, 10, 9, 8, 7, 8, 6, 0};
  CHECK(*survey::nps(scores) == Approx(30));
  const std::vector<double> all_detractors{0, 3, 6};
  CHECK(*survey::nps(all_detractors) == Approx(-100));
}

TEST_CASE("PROFILE.FIT: weighted score over the best possible") {
  const std::vector<double> scores{4, 5, 3};
  const std::vector<double> weights{0.5, 0.3, 0.2};
  CHECK(*profile::fit(scores, weights) == Approx(0.82));  // (2 + 1.5 + 0.6) / 5
  const std::vector<double> perfect{5, 5, 5};
  CHECK(*profile::fit(perfect, weights) == Approx(1));
}

TEST_CASE("survey and profile: bad input is an error") {
  const std::vector<double> none;
  CHECK_FALSE(survey::topbox(none));
  CHECK_FALSE(survey::topbox(std::vector<double>{6}));
  CHECK_FALSE(survey::topbox(std::vector<double>{0}));
  CHECK_FALSE(survey::topbox(std::vector<double>{3.5}));
  CHECK_FALSE(survey::topbox(std::vector<double>{3}, {5, 5}));
  CHECK_FALSE(survey::topbox(std::vector<double>{3}, {1, 1}));
  CHECK_FALSE(survey::bottombox(std::vector<double>{9}));
  CHECK_FALSE(survey::gap(std::vector<double>{3}, none));
  CHECK_FALSE(survey::nps(std::vector<double>{11}));
  CHECK_FALSE(survey::nps(none));
  CHECK_FALSE(profile::fit(std::vector<double>{4}, std::vector<double>{1, 2}));
  CHECK_FALSE(profile::fit(std::vector<double>{6}, std::vector<double>{1}));
  CHECK_FALSE(profile::fit(std::vector<double>{4}, std::vector<double>{0}));
  CHECK_FALSE(profile::fit(none, none));
}
