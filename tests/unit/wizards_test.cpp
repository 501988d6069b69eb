// The goal cascade and hiring wizards without the office: what they compute, what they read from
// a selection and the formulas they insert. Expected values are worked by hand.
#include <doctest/doctest.h>

#include <stdexcept>

#include "formula_text.hpp"
#include "goal_cascade.hpp"
#include "hiring_wizard.hpp"
#include "alignkit/catalog/catalog.hpp"
#include "number_text.hpp"
#include "turnover_plan.hpp"

using namespace alignkit::sidebar;
using doctest::Approx;

TEST_CASE("wizard formulas: names and arity checked against the catalog") {
  CHECK(call_formula("GOAL.OVERASSIGN", {"B2:B5", "C1"}) == "=GOAL.OVERASSIGN(B2:B5;C1)");
  CHECK_THROWS_AS(call_formula("GOAL.OVERASIGN", {"B2:B5", "C1"}), std::logic_error);     // misspelt
  CHECK_THROWS_AS(call_formula("GOAL.OVERASSIGN", {"B2:B5"}), std::logic_error);          // too few
  CHECK_THROWS_AS(call_formula("FUNNEL.CAC", {"1", "2", "3"}), std::logic_error);         // too many
  CHECK_THROWS_AS(call_formula("goal.overassign", {"B2:B5", "C1"}), std::logic_error);    // as the catalog spells it
}

TEST_CASE("goal cascade: 12,000,000 plus 10% over four teams by capacity, whole numbers that add up") {
  const auto outcome = evaluate(seed_cascade());
  REQUIRE(outcome);
  // 13,200,000 x 12/36, 10/36, 8/36, 6/36 = 4,400,000; 3,666,666.67; 2,933,333.33; 2,200,000.
  // Rounded down they miss 1, which goes to the largest remainder (West, .67).
  CHECK(outcome->targets == std::vector<double>{4'400'000, 3'666'667, 2'933'333, 2'200'000});
  CHECK(outcome->total == 13'200'000);
  CHECK(outcome->overassignment == Approx(0.1));

  GoalCascade none = seed_cascade();
  none.children.clear();
  CHECK_FALSE(evaluate(none));
  GoalCascade zero = seed_cascade();
  for (auto& child : zero.children) child.weight = 0;
  CHECK_FALSE(evaluate(zero));
}

TEST_CASE("goal cascade: children from a selected range") {
  auto text = [](std::string t) { return PlainCell{false, 0, std::move(t)}; };
  auto number = [](double n) { return PlainCell{true, n, {}}; };
  const std::vector<std::vector<PlainCell>> rows{
      {text("Team"), text("Capacity")}, {text("East"), number(12)}, {text(""), text("")}, {text("West"), number(10)}};
  const auto children = children_from_rows(rows);
  REQUIRE(children);
  REQUIRE(children->size() == 2);
  CHECK(children->at(1).name == "West");
  CHECK(children->at(1).weight == 10);
  const auto bad = children_from_rows({{text("East"), number(1)}, {text("West"), text("ten")}});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "row 2 of the selection has a text weight (“ten”)");
  CHECK_FALSE(children_from_rows({{text("East")}}));
}

TEST_CASE("goal cascade: the inserted block holds live GOAL.ALLOCATE and GOAL.OVERASSIGN") {
  const auto block = cascade_block(seed_cascade(), 1, 1);  // at B2
  // Rows: heading B2, parent B3, buffer B4, decimals B5, header B6, children B7:B10, sum, over.
  const auto& first_target = block.rows()[5][2];
  CHECK(first_target.text ==
        "=INDEX(IF(ISBLANK($C$5);GOAL.ALLOCATE($C$3;$C$7:$C$10;$C$4);GOAL.ALLOCATE($C$3;$C$7:$C$10;$C$4;$C$5));1)");
  CHECK(block.rows()[10][2].text == "=GOAL.OVERASSIGN($D$7:$D$10;$C$3)");
  CHECK(block.rows()[8][0].text == "South");
}

TEST_CASE("hiring wizard: hires and capacity month by month") {
  HiringInputs inputs;
  inputs.targets = {100, 100, 100};
  inputs.quota = 10;
  inputs.ramp_months = 0;  // productive at once
  inputs.monthly_attrition = 0.1;
  inputs.current_reps = 10;
  const auto months = evaluate(inputs);
  REQUIRE(months);
  // Month 2: 10 x 0.9 = 9 reps give 90 < 100: one hire. Month 3: 8.1 + 0.9 = 9: one more.
  CHECK(months->at(0).hires == 0);
  CHECK(months->at(1).hires == 1);
  CHECK(months->at(2).hires == 1);
  CHECK(months->at(2).headcount == Approx(10));
  CHECK(months->at(2).capacity == Approx(100));
  // The picture: a capacity bar and a target mark a month, "+1" over months 2 and 3, the
  // headcount's line, the legend in the words given (as text, never markup).
  const std::string svg = hiring_svg(*months, {"capacity", "target", "<people>"});
  const auto count = [&](const std::string& part) {
    std::size_t n = 0;
    for (auto at = svg.find(part); at != std::string::npos; at = svg.find(part, at + 1)) ++n;
    return n;
  };
  CHECK(count("class=\"capacity\"") == 3);
  CHECK(count("class=\"target\"") == 3);
  CHECK(count(">+1</text>") == 2);
  CHECK(count("class=\"headcount\"") == 1);
  CHECK(svg.find("&lt;people&gt;") != std::string::npos);
  // Bars proportional to capacity: 50 and 100 against a tallest of 100 fill 65 and 130 of the plot's 130 units.
  const std::string half = hiring_svg({{100, 0, 5, 50}, {100, 0, 10, 100}}, {"c", "t", "h"});
  std::vector<double> heights;
  for (auto at = half.find("class=\"capacity\""); at != std::string::npos; at = half.find("class=\"capacity\"", at + 1)) {
    const auto h = half.find("height=\"", at) + 8;
    heights.push_back(std::stod(half.substr(h, half.find('"', h) - h)));
  }
  CHECK(heights == std::vector<double>{65, 130});

  const auto read = [](const std::string& text) { return parse_number(text); };
  CHECK(*targets_from_text("100; 200\n300", read) == std::vector<double>{100, 200, 300});
  const auto bad = targets_from_text("100;abc", read);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.starts_with("month 2: "));
  CHECK_FALSE(targets_from_text(" ; ", read));
}

TEST_CASE("hiring wizard: the inserted block's formulas") {
  const auto block = hiring_block(seed_hiring(), 0, 0);  // at A1; months from row 8
  CHECK(block.rows()[7][2].text == "=INDEX(HIRING.PLAN($B$8:$B$19;$B$2;$B$3;$B$4;$B$5;1;$B$6);1)");
  CHECK(block.rows()[7][4].text == "=INDEX(CAPACITY.PLAN($C$8:$C$19;$B$2;$B$3;$B$4;$B$5);1;3)");
}

TEST_CASE("turnover wizard: its fields are TURNOVER.COST's arguments, in the catalog's order") {
  const auto* cost = alignkit::find_function("TURNOVER.COST");
  REQUIRE(cost != nullptr);
  REQUIRE(cost->arguments.size() == turnover_fields().size());
  for (std::size_t i = 0; i < turnover_fields().size(); ++i) CHECK(turnover_fields()[i].argument == cost->arguments[i].name);
  // Every argument has a seed and a label of its own (a row that gains an argument shows it).
  for (const auto& field : turnover_fields()) CHECK(field.label != field.argument);
}

TEST_CASE("goal cascade picture: the parent and the children stacked on one scale, each child on its own") {
  // 1,000 over-assigned by 10 %: children 330 + 440 + 330 = 1,100, the scale; 252 units of room.
  const CascadeOutcome outcome{{330, 440, 330}, 1100, 0.1};
  const std::string svg = cascade_svg(outcome, 1000, "Parent 1,000", "Children 1,100", {"North 330", "South & co 440", "West 330"});
  const auto widths = [&](const std::string& kind) {
    std::vector<double> found;
    for (auto at = svg.find("class=\"" + kind + "\""); at != std::string::npos; at = svg.find("class=\"" + kind + "\"", at + 1)) {
      const auto w = svg.find("width=\"", at) + 7;
      found.push_back(std::stod(svg.substr(w, svg.find('"', w) - w)));
    }
    return found;
  };
  REQUIRE(widths("parent").size() == 1);
  CHECK(widths("parent")[0] == Approx(252.0 * 1000 / 1100));
  const auto stacked = widths("stacked");
  REQUIRE(stacked.size() == 3);
  CHECK(stacked[0] + stacked[1] + stacked[2] == Approx(252));  // longer than the parent: over-assigned
  CHECK(widths("child") == std::vector<double>{stacked[0], stacked[1], stacked[2]});
  CHECK(svg.find("South &amp; co 440") != std::string::npos);
}
