// The sidebar's wizards without the office: parsing, computing and the blocks they insert.
#include <cstring>
#include <doctest/doctest.h>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/template_changes.hpp"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "alignkit/templates/templates.hpp"
#include "cell_block.hpp"
#include "funnel_plan.hpp"
#include "number_text.hpp"
#include "template_edit.hpp"
#include "template_listing.hpp"
#include "turnover_plan.hpp"

using namespace alignkit::sidebar;

TEST_CASE("sidebar fields read numbers as planners type them") {
  CHECK(*parse_number("4000") == 4000);
  CHECK(*parse_number(" 4,000.50 ") == 4000.5);
  CHECK(*parse_number("20%") == doctest::Approx(0.2));
  CHECK(*parse_number("4,000") == 4000);  // grouping, never the decimal 4
  CHECK(*parse_number("1,234,567") == 1234567);
  CHECK(*parse_number("-12.5") == -12.5);
  for (const char* refused : {"0,2", "4,00", "4,0000", ",400", "1.2.3", "4.000,5"}) {
    const auto parsed = parse_number(refused);
    CHECK_FALSE(parsed);
    if (!parsed) CHECK(parsed.error().message.find("decimal separator is “.”") != std::string::npos);
  }
  CHECK(*parse_number("8e-3") == doctest::Approx(0.008));
  CHECK_FALSE(parse_number(""));
  CHECK_FALSE(parse_number("abc"));
  CHECK_FALSE(parse_number("12abc"));
  CHECK_FALSE(parse_number("1e999"));
  CHECK(format_number(4000) == "4,000");
  CHECK(format_number(1234567.891, 2) == "1,234,567.89");
  CHECK(format_number(-0.5) == "-0.5");
  CHECK(format_percent(0.025) == "2.5%");
  CHECK(format_editable(4000.125) == "4000.125");
}

TEST_CASE("sidebar numbers: the percent sign as the locale's percent format writes it") {
  // The codes LibreOffice's locale data gives for en-US and de-DE / fr-FR / es-ES.
  CHECK(percent_sign_of("0%") == "%");
  CHECK(percent_sign_of("0\"\xC2\xA0\"%") == "\xC2\xA0%");
  CHECK(percent_sign_of("#,##0.00 %") == " %");
  CHECK(percent_sign_of("0.00") == "%");
  CHECK(percent_sign_of("") == "%");
}

TEST_CASE("a percentage field reads 20 and 20% alike, never 20% of 20%") {
  // Hand values: a field captioned (%) holds percents; the sign changes nothing.
  CHECK(*parse_percent("20") == doctest::Approx(0.2));
  CHECK(*parse_percent("20%") == doctest::Approx(0.2));
  CHECK(*parse_percent(" 3.5 % ") == doctest::Approx(0.035));
  CHECK(*parse_percent("0.5") == doctest::Approx(0.005));
  const NumberFormat german{",", ".", "\xC2\xA0%"};
  CHECK(*parse_percent("2,5", german) == doctest::Approx(0.025));
  CHECK(*parse_percent("2,5 %", german) == doctest::Approx(0.025));
  CHECK_FALSE(parse_percent("twenty"));
  CHECK_FALSE(parse_percent(""));
}

TEST_CASE("a fraction typed in a percent field is questioned, never changed") {
  // The issue's cases: 0.035 for a 3.5 % attrition, 0.2 for a 20 % stage rate.
  CHECK(fraction_in_percent_field("0.035") == "0.035 is read as 0.035% — did you mean 3.5%?");
  CHECK(fraction_in_percent_field(" 0.2 ") == "0.2 is read as 0.2% — did you mean 20%?");
  const NumberFormat german{",", ".", "\xC2\xA0%"};
  CHECK(fraction_in_percent_field("0,035", german) == "0,035 is read as 0,035\xC2\xA0% — did you mean 3,5\xC2\xA0%?");
  // A whole percent, a typed percent sign, nothing, a word, zero and a negative: no question.
  for (const char* quiet : {"3.5", "20", "1", "0.5%", "0.5 %", "", "abc", "0", "-0.2"}) {
    CHECK_MESSAGE(!fraction_in_percent_field(quiet), quiet);
  }
}

TEST_CASE("sidebar numbers: a German planner's separators") {
  const NumberFormat german{",", ".", "\xC2\xA0%"};
  CHECK(*parse_number("4.000", german) == 4000);
  CHECK(*parse_number("0,2", german) == doctest::Approx(0.2));
  CHECK(*parse_number("1.234.567,89", german) == doctest::Approx(1234567.89));
  CHECK(*parse_number("2,5 %", german) == doctest::Approx(0.025));
  for (const char* refused : {"0.2", "4.00", "4,000.5", "4,5,6"}) {
    const auto parsed = parse_number(refused, german);
    CHECK_FALSE(parsed);
    if (!parsed) CHECK(parsed.error().message.find("decimal separator is “,”") != std::string::npos);
  }
  CHECK(format_number(1234567.891, 2, german) == "1.234.567,89");
  CHECK(format_editable(4000.125, german) == "4000,125");
  CHECK(format_percent(0.025, german) == "2,5\xC2\xA0%");
  CHECK(format_percent(0.1234, german, 1) == "12,3\xC2\xA0%");
  CHECK(*parse_number(format_percent(0.025, german), german) == doctest::Approx(0.025));
  // French groups with a narrow no-break space; typed spaces are ignored.
  const NumberFormat french{",", "\xE2\x80\xAF"};
  CHECK(*parse_number("4 000,5", french) == 4000.5);
  CHECK(format_number(4000.5, 2, french) == "4\xE2\x80\xAF" "000,5");
}

TEST_CASE("funnel wizard: the mission's example both ways") {
  auto plan = seed_funnel();
  auto to_budget = evaluate(plan);
  REQUIRE(to_budget);
  CHECK(to_budget->result == doctest::Approx(4000));
  CHECK(to_budget->volumes == std::vector<double>{500000, 10000, 500, 100});
  CHECK(to_budget->cost_per_unit == doctest::Approx(40));

  plan.direction = FunnelDirection::budget_to_units;
  plan.amount.value = 4000;
  auto to_units = evaluate(plan);
  REQUIRE(to_units);
  CHECK(to_units->result == doctest::Approx(100));
  CHECK(to_units->volumes.front() == doctest::Approx(500000));
  CHECK(to_units->volumes.back() == doctest::Approx(100));

  plan.amount.value = 3999;  // one entry short: every stage rounds down
  auto short_budget = evaluate(plan);
  REQUIRE(short_budget);
  CHECK(short_budget->result == 99);
}

TEST_CASE("funnel wizard: invalid rates give a message naming the stage") {
  auto plan = seed_funnel();
  plan.stages[2].rate.value = 0;
  auto zero = evaluate(plan);
  REQUIRE_FALSE(zero);
  CHECK(zero.error().message == "Demos: the conversion rate 0% must be above 0% and at most 100%");
  plan.stages[2].rate.value = 1.255;
  const auto over = evaluate(plan, NumberFormat{",", ".", "\xC2\xA0%"});
  REQUIRE_FALSE(over);
  CHECK(over.error().message == "Demos: the conversion rate 125,5\xC2\xA0% must be above 0% and at most 100%");
  plan = seed_funnel();
  plan.stages.resize(1);
  REQUIRE_FALSE(evaluate(plan));
  plan = seed_funnel();
  plan.cost_per_top.value = -1;
  REQUIRE_FALSE(evaluate(plan));
}

TEST_CASE("funnel block: labelled inputs and live formulas at the chosen cell") {
  const auto plan = seed_funnel();
  const auto block = funnel_block(plan, {}, 1, 1);  // B2
  CHECK(block.width() == 3);
  CHECK(block.height() == 11);
  CHECK(block.address(1, 1) == "$C$3");
  const auto& rows = block.rows();
  CHECK(rows[1][0].text == "Units wanted");
  CHECK(rows[1][1].kind == SheetCell::Kind::number);
  CHECK(rows[1][1].number == 100);
  CHECK(rows[5][0].text == "Impressions");
  CHECK(rows[5][1].kind == SheetCell::Kind::empty);
  CHECK(rows[6][1].number == doctest::Approx(0.02));
  CHECK(rows[5][2].text == "=INDEX(FUNNEL.STAGES($C$3;$C$8:$C$10;$C$5);1)");
  CHECK(rows[9][0].text == "Budget");
  CHECK(rows[9][1].text == "=FUNNEL.BUDGET($C$3;$C$8:$C$10;$C$4;$C$5)");
  CHECK(rows[10][1].text == "=FUNNEL.CAC($C$11;$C$3)");

  auto reverse = plan;
  reverse.direction = FunnelDirection::budget_to_units;
  const auto units = funnel_block(reverse, {}, 0, 0);
  CHECK(units.rows()[5][2].text == "=FUNNEL.UNITS($B$2;1;$B$3;$B$4)");
  CHECK(units.rows()[6][2].text == "=FUNNEL.UNITS($B$2;$B$7:$B$7;$B$3;$B$4)");
  CHECK(units.rows()[7][2].text == "=FUNNEL.UNITS($B$2;$B$7:$B$8;$B$3;$B$4)");
  CHECK(units.rows()[9][1].text == "=FUNNEL.UNITS($B$2;$B$7:$B$9;$B$3;$B$4)");
}

TEST_CASE("column names and formula strings") {
  CHECK(column_name(0) == "A");
  CHECK(column_name(25) == "Z");
  CHECK(column_name(26) == "AA");
  CHECK(column_name(1023) == "AMJ");
  CHECK(formula_string("say \"hi\"") == "\"say \"\"hi\"\"\"");
}

namespace {
nlohmann::json sample_template(const char* name) {
  const auto file = std::filesystem::path(ALIGNKIT_SAMPLE_TEMPLATES_DIR) / name;
  auto loaded = alignkit::templates::read_file(file);
  REQUIRE(loaded);
  return **loaded;
}
}  // namespace

TEST_CASE("funnel wizard filled from a shared template follows its keys") {
  const auto document = sample_template("inside_sales.json");
  auto filled = funnel_from_template(document, seed_funnel());
  REQUIRE(filled);
  REQUIRE(filled->stages.size() == 3);
  CHECK(filled->stages[0].name.value == "Clicks");
  CHECK(filled->stages[1].rate.value == doctest::Approx(0.03));
  CHECK(filled->stages[1].rate.template_key == "funnel.rates.visit_to_demo");
  CHECK(filled->stages[2].rate.template_key == "funnel.rates.demo_to_sale");
  CHECK(filled->cost_per_top.value == doctest::Approx(4.22));

  const TemplateLink link{"templates/inside_sales.json", true};
  const auto block = funnel_block(*filled, link, 0, 0);
  CHECK(block.rows()[2][1].text == "=TEMPLATE.VALUE(\"templates/inside_sales.json\";\"funnel.cost_per_click\")");
  CHECK(block.rows()[6][1].text == "=TEMPLATE.VALUE(\"templates/inside_sales.json\";\"funnel.rates.visit_to_demo\")");
  CHECK(block.rows()[5][0].text == "=TEMPLATE.VALUE(\"templates/inside_sales.json\";\"funnel.stage_names.0\")");
  CHECK(block.rows()[1][1].kind == SheetCell::Kind::number);  // typed by the planner

  auto without_order = document;
  without_order["funnel"].erase("rate_order");
  CHECK_FALSE(funnel_from_template(without_order, seed_funnel()));
}

TEST_CASE("turnover wizard: breakdown adds up and matches the spec's formula") {
  auto plan = seed_turnover();
  auto cost = evaluate(plan);
  REQUIRE(cost);
  // Hand calculation: 2,000 + 4,700 + 3,500 + 45,000*0.75*1.5 + 45,000*0.75*3/2 - 65,000/12*1.5
  CHECK(cost->vacancy == doctest::Approx(50625));
  CHECK(cost->ramp == doctest::Approx(50625));
  CHECK(cost->salary_saved == doctest::Approx(8125));
  CHECK(cost->total == doctest::Approx(2000 + 4700 + 3500 + 50625 + 50625 - 8125));
  plan["ramp"].value = -1;
  CHECK_FALSE(evaluate(plan));

  const auto block = turnover_block(seed_turnover(), {}, 0, 0);
  CHECK(block.rows()[9][1].text == "=TURNOVER.COST($B$2;$B$3;$B$4;$B$5;$B$6;$B$7;$B$8;$B$9)");
  CHECK(block.rows()[12][1].text == "=RAMP.LOSS($B$3*$B$8;$B$4)");

  const auto filled = turnover_from_template(sample_template("enterprise_field_sales.json"), seed_turnover());
  CHECK(filled["annual_salary"].value == 140000);
  CHECK(filled["ramp"].template_key == "people.ramp_months");
}

TEST_CASE("template listing: files of a folder, assumption lines, formula sources") {
  const std::filesystem::path folder(ALIGNKIT_SAMPLE_TEMPLATES_DIR);
  const auto files = template_files(folder);
  REQUIRE(files.size() >= 2);
  CHECK(std::is_sorted(files.begin(), files.end()));
  CHECK(template_files(folder / "inside_sales.json").size() == 1);
  CHECK(template_files(folder / "no such folder").empty());

  const auto lines = assumption_lines(sample_template("inside_sales.json"));
  CHECK(std::find(lines.begin(), lines.end(), "funnel.rates.demo_to_sale = 0.25") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "funnel.stage_names.0 = Clicks") != lines.end());
  CHECK(std::none_of(lines.begin(), lines.end(), [](const std::string& line) { return line.starts_with("sources"); }));

  CHECK(formula_source("/plans/templates/a.json", "/plans") == "templates/a.json");
  CHECK(formula_source("/shared/a.json", "/plans") == "/shared/a.json");
  CHECK(formula_source("/shared/a.json", "") == "/shared/a.json");
}

TEST_CASE("publishing from a panel: only the template's own numbers change, and changes are named") {
  const auto base = nlohmann::json::parse(R"({"template_version": 1, "name": "t",
    "people": {"annual_salary": 65000, "monthly_quota": 45000, "ramp_months": 3, "vacancy_months": 1.5,
               "recruiting_cost": 4700, "onboarding_cost": 3500, "margin": 0.75},
    "funnel": {"stage_names": ["Clicks", "Demos", "Sales"], "cost_per_click": 4.22,
               "rates": {"visit_to_demo": 0.03, "demo_to_sale": 0.25}, "rate_order": ["visit_to_demo", "demo_to_sale"]}})");
  auto plan = turnover_from_template(base, seed_turnover());
  // Nothing typed: publishing would change nothing (integers stay integers).
  CHECK(alignkit::templates::key_changes(base, *with_assumptions(base, turnover_assumptions(plan))).empty());

  plan.inputs[0].value = 70000;  // the salary band
  plan.inputs[7].value = 2500;   // separation: the template does not keep it, so it is not added
  const auto mine = *with_assumptions(base, turnover_assumptions(plan));
  const auto changes = alignkit::templates::key_changes(base, mine);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].key == "people.annual_salary");
  CHECK(describe(changes) == "people.annual_salary: 65000 \u2192 70000\n");
  CHECK(alignkit::sharing::touched_groups(base, mine) == std::vector<std::string>{"people"});

  auto funnel = *funnel_from_template(base, seed_funnel());
  funnel.stages[2].rate.value = 0.3;
  const auto funnel_mine = *with_assumptions(base, *funnel_assumptions(base, funnel));
  const auto funnel_changes = alignkit::templates::key_changes(base, funnel_mine);
  REQUIRE(funnel_changes.size() == 1);
  CHECK(funnel_changes[0].key == "funnel.rates.demo_to_sale");
  CHECK(funnel_changes[0].to == 0.3);
  funnel.stages.pop_back();
  CHECK_FALSE(funnel_assumptions(base, funnel));

  // Someone published first (a new margin); my salary change re-applied on top keeps theirs.
  auto latest = base;
  latest["people"]["margin"] = 0.7;
  latest["goals"] = {{"annual", 1000000}};
  const auto merged = alignkit::templates::reapply_changes(base, mine, latest);
  CHECK(merged["people"]["annual_salary"] == 70000);
  CHECK(merged["people"]["margin"] == 0.7);
  CHECK(merged["goals"]["annual"] == 1000000);
  CHECK(describe(alignkit::templates::key_changes(base, latest)) == "goals: (new) \u2192 {\"annual\":1000000}\npeople.margin: 0.75 \u2192 0.7\n");

  auto text_slot = base;
  text_slot["people"]["annual_salary"] = "65k";
  CHECK_FALSE(with_assumptions(text_slot, turnover_assumptions(plan)));
}

namespace {
// The bars' widths and left edges, in drawing order.
std::vector<std::pair<double, double>> bars(const std::string& svg) {
  std::vector<std::pair<double, double>> found;
  const auto attribute = [&](std::size_t at, const char* name) {
    const auto from = svg.find(name, at) + std::strlen(name);
    return std::stod(svg.substr(from, svg.find('"', from) - from));
  };
  // The stages' bars: each has a left edge (the background rectangle has none).
  for (auto at = svg.find("<rect x="); at != std::string::npos; at = svg.find("<rect x=", at + 1)) {
    found.emplace_back(attribute(at, "width=\""), attribute(at, "x=\""));
  }
  return found;
}
}  // namespace

TEST_CASE("funnel picture: every stage shows, on a log scale past a tenfold span, labels as text") {
  // 500,000 -> 10,000 -> 500 -> 100 spans 5,000-fold. Worked by hand in 252 units of room with
  // the smallest at 12 %: width = 252 * (0.12 + 0.88 * (1 - log10(500000 / v) / log10(5000))).
  FunnelOutcome outcome{4000, {500000, 10000, 500, 100}, 40};
  const std::string svg = funnel_svg(outcome, {"Impressions 500,000", "Clicks 10,000", "Demos <500>", "Sales 100"}, 260);
  const auto widths = bars(svg);
  REQUIRE(widths.size() == 4);
  CHECK(widths[0].first == doctest::Approx(252));
  CHECK(widths[1].first == doctest::Approx(150.15).epsilon(0.001));  // 1 - 1.69897/3.69897 = 0.54070
  CHECK(widths[2].first == doctest::Approx(72.08).epsilon(0.001));   // 1 - 3/3.69897 = 0.18896
  CHECK(widths[3].first == doctest::Approx(30.24));                  // the floor: 12 % of 252
  CHECK(widths[3].second == doctest::Approx(4 + (252 - 30.24) / 2));  // centred, as a funnel narrows
  CHECK(svg.find("Log scale") != std::string::npos);
  // Within a tenfold span the bars stay proportional, and nothing speaks of a scale.
  const std::string near = funnel_svg(FunnelOutcome{0, {1000, 400, 100}, 0}, {"A", "B", "C"}, 260);
  const auto near_widths = bars(near);
  REQUIRE(near_widths.size() == 3);
  CHECK(near_widths[1].first == doctest::Approx(252 * 0.4));
  CHECK(near_widths[2].first == doctest::Approx(25.2));
  CHECK(near.find("Log scale") == std::string::npos);
  CHECK(svg.find(">Impressions 500,000<") != std::string::npos);
  CHECK(svg.find("Demos &lt;500&gt;") != std::string::npos);  // a label is text, never markup
  // Nothing sold, nothing drawn.
  const std::string empty = funnel_svg(FunnelOutcome{0, {0, 0}, 0}, {"A", "B"}, 260);
  CHECK(empty.find("width=\"0.00\"") != std::string::npos);
}
