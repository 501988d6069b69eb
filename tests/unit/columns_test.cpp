// "Columns at once": a column in place of an argument that takes one number answers a column,
// row by row, with a bad row an error in that row only. Expected values are worked by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "alignkit/catalog/catalog.hpp"
#include "test_helpers.hpp"

using namespace alignkit;
using namespace alignkit::testing;
using doctest::Approx;

namespace {
NumberBlock rows_of(std::string_view name, std::vector<Arg> args) {
  const FunctionInfo* function = find_function(name);
  REQUIRE(function != nullptr);
  auto result = evaluate(*function, args);
  REQUIRE(result);
  REQUIRE(std::holds_alternative<NumberBlock>(*result));
  auto block = std::get<NumberBlock>(*result);
  CHECK(block.cols == 1);
  return block;
}
}  // namespace

TEST_CASE("columns at once: every row computed from its row, bad rows only bad") {
  // 1,000 clicks = 1 sale at 2%, 5%, 20%... budget = target / (0.02*0.05*0.2) * 0.008 = target * 40.
  const auto rates = column({0.02, 0.05, 0.2});
  auto budget = rows_of("FUNNEL.BUDGET", {column({100.0, 200.0, EmptyCell{}, std::string("x"), 50.0}), rates, 0.008});
  REQUIRE(budget.rows == 5);
  CHECK(budget.values[0] == Approx(4000));
  CHECK(budget.values[1] == Approx(8000));
  CHECK(std::isnan(budget.values[2]));
  CHECK(std::isnan(budget.values[3]));
  CHECK(budget.values[4] == Approx(2000));
  REQUIRE(budget.errors.size() == 2);
  CHECK(budget.errors[0].row == 2);
  CHECK(budget.errors[0].message == "row 3: target is missing");
  CHECK(budget.errors[1].message == "row 4: target is text 'x'; a number is needed");

  // Two columns and a one-value argument: headcount x rate x cost, row by row.
  auto annual = rows_of("TURNOVER.ANNUAL", {column({10.0, 20.0}), 0.3, column({1000.0, 2000.0})});
  CHECK(annual.values == std::vector<double>{3000, 12000});

  // A one-cell range is still one value, answered as one number, as before.
  auto one = call("FUNNEL.BUDGET", {column({100.0}), rates, 0.008});
  REQUIRE(one);
  CHECK(std::get<double>(*one) == Approx(4000));

  // The flag as a column: whole stages (rounded up) in the second row only.
  // 1 unit at 50%, 50%: 2 then 4 entries exactly either way; 1.5 units: 3, 6 (6 either way); 1.3: 2.6->3, 5.2->6 when rounding.
  auto volume = rows_of("FUNNEL.VOLUME", {column({1.3, 1.3}), column({0.5, 0.5}), column({0.0, 1.0})});
  CHECK(volume.values[0] == Approx(5.2));
  CHECK(volume.values[1] == Approx(6));
}

TEST_CASE("columns at once: one function of each family") {
  // Ramp and capacity: reps = target / (quota * attainment).
  CHECK(rows_of("CAPACITY.REPS", {column({100.0, 300.0}), 50.0, column({1.0, 0.5})}).values ==
        std::vector<double>{2, 12});
  // Goals: (sum of children - parent) / parent for three parents: (110-100)/100, 0, (110-200)/200.
  const auto over = rows_of("GOAL.OVERASSIGN", {column({60.0, 50.0}), column({100.0, 110.0, 200.0})}).values;
  CHECK(over[0] == Approx(0.1));
  CHECK(over[1] == 0);
  CHECK(over[2] == Approx(-0.45));
  // Goals, dates as a column: 50 of 100 done at day 10 of 0..20 is on pace (1), at day 5 twice the pace.
  const auto pace = rows_of("GOAL.PACE", {50.0, 100.0, 46000.0, 46020.0, column({46010.0, 46005.0})}).values;
  CHECK(pace[0] == Approx(1));
  CHECK(pace[1] == Approx(2));
  // Surveys: top box of 1..5 ratings on a 5-point scale (4 and 5 of 5 = 40%) and on a 10-point one (none).
  CHECK(rows_of("SURVEY.TOPBOX", {column({1.0, 2.0, 3.0, 4.0, 5.0}), column({5.0, 10.0})}).values ==
        std::vector<double>{0.4, 0});
  // Turnover: 12 of 100 in a year and in half a year.
  CHECK(rows_of("TURNOVER.RATE", {12.0, 100.0, column({12.0, 6.0})}).values == std::vector<double>{0.12, 0.24});
}

TEST_CASE("columns at once: a range every row shares reads as it does for one cell") {
  // The rates are read once for the whole column (as numbers): an empty cell is still skipped,
  // a text still the row's error, in the words one cell's call gives.
  const auto targets = column({100.0, 200.0});
  auto gap = rows_of("FUNNEL.BUDGET", {targets, column({0.02, EmptyCell{}, 0.05, 0.2}), 0.008});
  CHECK(gap.values[0] == Approx(4000));
  CHECK(gap.values[1] == Approx(8000));
  auto typo = rows_of("FUNNEL.BUDGET", {targets, column({0.02, std::string("5%"), 0.2}), 0.008});
  REQUIRE(typo.errors.size() == 2);
  CHECK(typo.errors[1].message == "row 2: rates: cell 2 is text '5%'; a number is needed");
  // A column handed over as numbers (NaN for an empty cell), as the add-in and SQL do.
  auto held = rows_of("FUNNEL.BUDGET", {Range::column_of_numbers({100.0, std::nan(""), 50.0}),
                                        Range::column_of_numbers({0.02, 0.05, 0.2}), 0.008});
  CHECK(held.values[0] == Approx(4000));
  REQUIRE(held.errors.size() == 1);
  CHECK(held.errors[0].message == "row 2: target is missing");
  CHECK(held.values[2] == Approx(2000));

  // Held as numbers only where every cell reads back the same.
  Range mixed = column({1.0, EmptyCell{}, 2.0});
  hold_as_numbers(mixed);
  REQUIRE(mixed.holds_numbers());
  CHECK(mixed.cell(1) == Cell{EmptyCell{}});
  CHECK(mixed.cell(2) == Cell{2.0});
  Range words = column({1.0, std::string("x")});
  hold_as_numbers(words);
  CHECK_FALSE(words.holds_numbers());
  Range not_a_number = column({1.0, std::nan("")});
  hold_as_numbers(not_a_number);
  CHECK_FALSE(not_a_number.holds_numbers());  // NaN would read back as an empty cell
}

TEST_CASE("columns at once: what is bad input for the whole call") {
  const auto rates = column({0.02, 0.05, 0.2});
  auto uneven = call("TURNOVER.ANNUAL", {column({10.0, 20.0}), 0.3, column({1000.0, 2000.0, 3000.0})});
  REQUIRE_FALSE(uneven);
  CHECK(uneven.error().message ==
        "cost_per_departure has 3 rows but headcount has 2: columns given together must be as long");
  auto row = call("FUNNEL.BUDGET", {Range{1, 2, {100.0, 200.0}}, rates, 0.008});
  REQUIRE_FALSE(row);
  CHECK(row.error().message == "target takes one number or a column of numbers, not 1 x 2 cells");
  // Functions whose answer is not one number take no column where one number goes.
  CHECK_FALSE(call("FUNNEL.STAGES", {column({1.0, 2.0}), rates}));
  CHECK_FALSE(call("GOAL.SMART", {std::string("Grow bookings in DACH"), column({120.0, 130.0}), 100.0, 46022.0,
                                  std::string("C-1")}));
  // A range argument stays a range: rates are not taken row by row.
  auto budget = call("FUNNEL.BUDGET", {100.0, rates, 0.008});
  REQUIRE(budget);
  CHECK(std::holds_alternative<double>(*budget));
}

TEST_CASE("columns at once: the catalog says which arguments take a column") {
  std::size_t functions_with_columns = 0;
  for (const auto& function : functions()) {
    for (const auto& argument : function.arguments) {
      CHECK_MESSAGE(!kind_name(argument.kind).empty(), function.name);
    }
    functions_with_columns += function.answers_columns();
  }
  // Of the functions answering one number, only those whose every argument is a range take no column.
  std::vector<std::string> ranges_only;
  for (const auto& function : functions()) {
    if (function.shape == ResultShape::number && !function.answers_columns()) ranges_only.emplace_back(function.name);
  }
  CHECK(ranges_only == std::vector<std::string>{"CAPACITY.RRE", "GOAL.ROLLUP", "GOAL.ALIGNMENT", "SURVEY.NPS"});
  CHECK(functions_with_columns == 17);
}
