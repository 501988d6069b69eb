#include <doctest/doctest.h>

#include <vector>

#include "alignkit/catalog/alignment.hpp"

using namespace alignkit;
using alignment::Seen;
using nlohmann::json;

namespace {
const json kTemplate = json::parse(R"({
  "funnel": {"cost_per_click": 4.22, "rates": {"visit_to_demo": 0.03, "demo_to_sale": 0.25},
             "rate_order": ["visit_to_demo", "demo_to_sale"]},
  "people": {"annual_salary": 65000, "ramp_months": 3}
})");

Seen typed(std::vector<double> numbers, std::vector<std::string> places, bool list = false) {
  Seen seen{Seen::Kind::constant, numbers, std::move(places), {}, {}};
  seen.value = list || numbers.size() > 1 ? Arg{Range::column_of_numbers(numbers)} : Arg{numbers.front()};
  return seen;
}
Seen linked(Arg value) { return Seen{Seen::Kind::linked, {}, {}, {}, std::move(value)}; }
Seen other(Arg value) { return Seen{Seen::Kind::other, {}, {}, {}, std::move(value)}; }
}  // namespace

TEST_CASE("alignment: typed rates that differ from the published ones are a drift, with both budgets") {
  const FunctionInfo& budget = *find_function("FUNNEL.BUDGET");
  const std::vector<Seen> args{other(20.0), typed({0.03, 0.20}, {"Plan.B3", "Plan.B4"}, true), linked(4.22)};
  const auto report = alignment::check_call(budget, args, kTemplate);
  REQUIRE(report.drifts.size() == 1);
  const auto& drift = report.drifts.front();
  CHECK(drift.argument == "rates");
  CHECK(drift.argument_index == 1);
  CHECK(drift.key == "funnel.rates");
  CHECK(drift.value_keys == std::vector<std::string>{"funnel.rates.visit_to_demo", "funnel.rates.demo_to_sale"});
  CHECK(drift.published == std::vector<double>{0.03, 0.25});
  CHECK(drift.places == std::vector<std::string>{"Plan.B3", "Plan.B4"});
  // 20 sales / (0.03 * 0.20) = 3,333.33 clicks at 4.22; with 0.25: 2,666.67 clicks.
  CHECK(*drift.result_now == doctest::Approx(14066.666666666666));
  CHECK(*drift.result_published == doctest::Approx(11253.333333333334));
  CHECK(report.linked == 1);
}

TEST_CASE("alignment: the positions that differ leave out equal and linked values") {
  using alignment::differing_positions;
  CHECK(differing_positions(std::vector<double>{0.03, 0.2, 0.5}, std::vector<double>{0.03, 0.25, 0.4}, {}) ==
        std::vector<std::size_t>{1, 2});
  CHECK(differing_positions(std::vector<double>{0.03, 0.2, 0.5}, std::vector<double>{0.03, 0.25, 0.4}, {false, false, true}) ==
        std::vector<std::size_t>{1});
  CHECK(differing_positions(std::vector<double>{4.22}, std::vector<double>{0.0422 * 100}, {}).empty());  // the last bit
  CHECK(differing_positions(std::vector<double>{0.03}, std::vector<double>{0.03, 0.25}, {}) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("alignment: equal values, links and calculations are not drift") {
  const FunctionInfo& budget = *find_function("FUNNEL.BUDGET");
  const std::vector<Seen> args{other(20.0), typed({0.03, 0.25}, {"", ""}, true), typed({422 / 100.0}, {""})};
  auto report = alignment::check_call(budget, args, kTemplate);
  CHECK(report.drifts.empty());
  CHECK(report.agree == 2);
  const std::vector<Seen> calculated{other(20.0), other(Range::column_of_numbers({0.5, 0.5})), other(1.0)};
  report = alignment::check_call(budget, calculated, kTemplate);
  CHECK(report.drifts.empty());
  CHECK(report.agree == 0);
}

TEST_CASE("alignment: a key the template lacks is skipped, saying why") {
  const FunctionInfo& cost = *find_function("TURNOVER.COST");
  std::vector<Seen> args(cost.arguments.size(), Seen{Seen::Kind::left_out, {}, {}, {}, Arg{Missing{}}});
  args[0] = typed({60000}, {"Plan.B2"});
  args[1] = typed({40000}, {"Plan.B3"});  // monthly_quota: not in this template
  const auto report = alignment::check_call(cost, args, kTemplate);
  REQUIRE(report.drifts.size() == 1);
  CHECK(report.drifts[0].key == "people.annual_salary");
  CHECK(report.drifts[0].workbook == std::vector<double>{60000});
  CHECK(report.drifts[0].published == std::vector<double>{65000});
  REQUIRE(report.skipped.size() == 1);
  CHECK(report.skipped[0].key == "people.monthly_quota");
  CHECK(report.skipped[0].reason.find("not found") != std::string::npos);
}

TEST_CASE("alignment: a team's own key names, through the template's alignkit_keys") {
  json renamed = json::parse(R"({"hr": {"salary": 70000}, "alignkit_keys": {"people.annual_salary": "hr.salary"}})");
  CHECK(alignment::key_in_template(renamed, "people.annual_salary") == "hr.salary");
  CHECK(alignment::key_in_template(renamed, "people.ramp_months") == "people.ramp_months");
  const FunctionInfo& cost = *find_function("TURNOVER.COST");
  std::vector<Seen> args{typed({65000}, {"Plan.B2"})};
  const auto report = alignment::check_call(cost, args, renamed);
  REQUIRE(report.drifts.size() == 1);
  CHECK(report.drifts[0].key == "hr.salary");
  CHECK(report.drifts[0].published == std::vector<double>{70000});
}

TEST_CASE("alignment: in a range of linked and typed cells, only the typed ones are compared") {
  const FunctionInfo& budget = *find_function("FUNNEL.BUDGET");
  Seen rates = typed({0.03, 0.30}, {"Plan.B8", "Plan.B9"}, true);
  rates.linked_values = {true, false};
  auto report = alignment::check_call(budget, std::vector<Seen>{other(120.0), rates, linked(4.22)}, kTemplate);
  REQUIRE(report.drifts.size() == 1);
  CHECK(report.drifts[0].linked_values == std::vector<bool>{true, false});
  // 120 / (0.03 * 0.30) * 4.22 = 56,266.67; with 0.25: 67,520.
  CHECK(*report.drifts[0].result_now == doctest::Approx(56266.666666666664));
  CHECK(*report.drifts[0].result_published == doctest::Approx(67520.0));
  rates.numbers = {0.99, 0.25};  // the linked value is the template's by construction: never a drift
  report = alignment::check_call(budget, std::vector<Seen>{other(120.0), rates, linked(4.22)}, kTemplate);
  CHECK(report.drifts.empty());
}

TEST_CASE("alignment: a typed value past what its argument likely holds is said, with what it is read as") {
  // The README's cases: FUNNEL.BUDGET(100; {1;0.05;0.2}; 0.008) reads 1 as 100 %; TURNOVER.ANNUAL(10; 3;
  // 1000) reads 3 as 300 %. Both compute; the check says so and changes nothing.
  const FunctionInfo& budget = *find_function("FUNNEL.BUDGET");
  const std::vector<Seen> funnel{typed({100}, {""}), typed({1, 0.05, 0.2}, {"", "", ""}, true), typed({0.008}, {""})};
  auto report = alignment::check_call(budget, funnel, kTemplate);
  REQUIRE(report.unlikely.size() == 1);
  CHECK(report.unlikely[0].argument == "rates");
  CHECK(report.unlikely[0].argument_index == 1);
  CHECK(report.unlikely[0].value == 1);
  CHECK(alignment::unlikely_message(report.unlikely[0]) == "1 is read as 100 % — did you mean 1 % (0.01)?");

  const FunctionInfo& annual = *find_function("TURNOVER.ANNUAL");
  const std::vector<Seen> turnover{typed({10}, {""}), typed({3}, {"Plan.C4"}), typed({1000}, {""})};
  report = alignment::check_call(annual, turnover, json::object());
  REQUIRE(report.unlikely.size() == 1);
  CHECK(report.unlikely[0].place == "Plan.C4");
  CHECK(alignment::unlikely_message(report.unlikely[0]) == "3 is read as 300 % — did you mean 3 % (0.03)?");

  // Likely values, links and calculations say nothing; nor does a value that follows the template.
  const std::vector<Seen> fine{typed({10}, {""}), typed({0.35}, {""}), other(1000.0)};
  CHECK(alignment::check_call(annual, fine, json::object()).unlikely.empty());
  CHECK(alignment::check_call(annual, std::vector<Seen>{typed({10}, {""}), linked(3.0), typed({1000}, {""})}, json::object())
            .unlikely.empty());
  Seen partly = typed({3, 0.05, 0.2}, {"", "", ""}, true);
  partly.linked_values = {true, false, false};
  CHECK(alignment::check_call(budget, std::vector<Seen>{typed({100}, {""}), partly, typed({0.008}, {""})}, kTemplate)
            .unlikely.empty());
  // Below the range: said as the range.
  const FunctionInfo& savings = *find_function("TURNOVER.SAVINGS");
  const std::vector<Seen> negative{typed({50}, {""}), typed({-0.1}, {""}), typed({0.25}, {""}), typed({40000}, {""})};
  report = alignment::check_call(savings, negative, json::object());
  REQUIRE(report.unlikely.size() == 1);
  CHECK(alignment::unlikely_message(report.unlikely[0]) == "-0.1 is outside what rate_now likely holds (0 to 2)");
}
