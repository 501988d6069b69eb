#include <doctest/doctest.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "alignkit/catalog/catalog.hpp"
#include "alignkit/templates/template_reader.hpp"
#include "test_helpers.hpp"

using namespace alignkit;
using namespace alignkit::testing;
using doctest::Approx;

namespace {
double number(const Result<Output>& result) {
  REQUIRE(result);
  return std::get<double>(*result);
}
}  // namespace

TEST_CASE("catalog: no function takes more than kMaxArguments, nor answers more than kMaxResultColumns") {
  for (const auto& function : functions()) {
    CHECK(function.arguments.size() <= kMaxArguments);
    CHECK(function.columns.size() <= kMaxResultColumns);
  }
}

TEST_CASE("catalog: the contract's 31 functions, each described with every argument") {
  const auto all = functions();
  CHECK(all.size() == 31);
  std::set<std::string_view> names;
  std::set<std::string_view> methods;
  for (const auto& f : all) {
    CAPTURE(f.name);
    CHECK(names.insert(f.name).second);
    CHECK(methods.insert(f.method).second);
    CHECK_FALSE(f.description.empty());
    CHECK((f.evaluate != nullptr));
    CHECK(f.name.find('.') != std::string_view::npos);
    bool seen_optional = false;
    for (const auto& a : f.arguments) {
      CHECK_FALSE(a.name.empty());
      CHECK_FALSE(a.description.empty());
      CHECK((a.optional() || !seen_optional));  // optional arguments come last
      seen_optional = seen_optional || a.optional();
    }
  }
}

TEST_CASE("catalog: lookup by display name, underscore name and method name") {
  CHECK(find_function("FUNNEL.BUDGET") == find_function("funnel_budget"));
  CHECK(find_function("funnelBudget") == find_function("FUNNEL.BUDGET"));
  CHECK(find_function("FUNNEL.NOPE") == nullptr);
}

TEST_CASE("catalog: FUNNEL.BUDGET from spreadsheet-shaped arguments") {
  CHECK(number(call("FUNNEL.BUDGET", {100.0, column({0.02, 0.05, 0.2}), 0.008})) == Approx(4000));
  // Empty cells in a range of rates are skipped, as SUM and PRODUCT skip them.
  CHECK(number(call("FUNNEL.BUDGET", {100.0, column({0.02, EmptyCell{}, 0.05, 0.2}), 0.008})) == Approx(4000));
  // A left-out optional argument takes its default.
  CHECK(number(call("FUNNEL.BUDGET", {100.0, column({0.02, 0.05, 0.2}), 0.008, Missing{}})) == Approx(4000));
}

TEST_CASE("catalog: array results come back as a column, GOAL.ALLOCATE keeps the weights' shape") {
  auto stages = call("FUNNEL.STAGES", {100.0, column({0.02, 0.05, 0.2})});
  REQUIRE(stages);
  const auto& block = std::get<NumberBlock>(*stages);
  CHECK(block.rows == 4);
  CHECK(block.cols == 1);
  auto parts = call("GOAL.ALLOCATE", {100.0, Range{2, 2, {1.0, 1.0, 1.0, EmptyCell{}}}, Missing{}, 0.0});
  REQUIRE(parts);
  const auto& grid = std::get<NumberBlock>(*parts);
  CHECK(grid.rows == 2);
  CHECK(grid.cols == 2);
  CHECK(grid.values == std::vector<double>{34, 33, 33, 0});
}

TEST_CASE("catalog: a ramp is a number or a range") {
  CHECK(number(call("RAMP.LOSS", {1000.0, 4.0})) == Approx(2000));
  CHECK(number(call("RAMP.LOSS", {1000.0, column({0.25, 0.5, 0.75})})) == Approx(1500));
  CHECK(number(call("TURNOVER.COST", {60000.0, 50000.0, 4.0, 2.0, 10000.0, 5000.0, Missing{}, 2000.0})) ==
        Approx(207000));
}

TEST_CASE("catalog: GOAL.SMART and TEMPLATE.VALUE return text") {
  auto smart = call("GOAL.SMART", {std::string("Grow bookings in DACH"), 120.0, 100.0, 46022.0, std::string("C-1")});
  REQUIRE(smart);
  CHECK(std::get<std::string>(*smart) == "SMART");
  templates::Reader reader;
  const CallContext context{ALIGNKIT_TEST_DATA_DIR, false, true, &reader};
  auto role = call("TEMPLATE.VALUE", {std::string("inside_sales.json"), std::string("people.role")}, context);
  REQUIRE(role);
  CHECK(std::get<std::string>(*role) == "Inside sales");
  CHECK(number(call("TEMPLATE.VALUE", {std::string("inside_sales.json"), std::string("funnel.cost_per_click")},
                    context)) == 2.5);
}

TEST_CASE("catalog: TEMPLATE.INFO tells a workbook about the template file it follows") {
  namespace fs = std::filesystem;
  const fs::path folder = fs::temp_directory_path() / "alignkit-template-info";
  fs::create_directories(folder);
  const fs::path file = folder / "team.json";
  std::ofstream(file) << R"({"template_version": 1, "name": "Inside sales", "people": {"ramp_months": 3}})";
  // Last changed on 15 March 2026 at 14:30 local time: Calc's date-time 46096 + 14.5/24.
  std::tm local{};
  local.tm_year = 2026 - 1900;
  local.tm_mon = 2;
  local.tm_mday = 15;
  local.tm_hour = 14;
  local.tm_min = 30;
  local.tm_isdst = -1;
  fs::last_write_time(file, std::chrono::file_clock::from_sys(std::chrono::system_clock::from_time_t(std::mktime(&local))));
  templates::Reader reader;
  const CallContext context{folder, false, true, &reader};
  const auto info = [&](const char* field) { return call("TEMPLATE.INFO", {std::string("team.json"), std::string(field)}, context); };
  CHECK(std::get<std::string>(info("name").value()) == "Inside sales");
  CHECK(number(info("version")) == 1);
  CHECK(number(info("updated")) == Approx(46096 + 14.5 / 24).epsilon(1e-9));
  CHECK(std::get<std::string>(info("author").value()) == "");
  CHECK(number(info("stale")) == 0);
  const double now = number(info("checked"));
  CHECK(now > 46096);
  CHECK_FALSE(info("owner"));  // not a field
  CHECK_FALSE(call("TEMPLATE.INFO", {std::string("missing.json"), std::string("name")}, context));
  fs::remove_all(folder);
}

TEST_CASE("catalog: every family answers its spreadsheet call") {
  CHECK(number(call("FUNNEL.VOLUME", {100.0, column({0.02, 0.05, 0.2})})) == Approx(500000));
  CHECK(number(call("FUNNEL.UNITS", {4000.0, column({0.02, 0.05, 0.2}), 0.008})) == Approx(100));
  CHECK(number(call("FUNNEL.CAC", {4000.0, 100.0})) == Approx(40));
  CHECK(std::get<NumberBlock>(call("RAMP.CURVE", {4.0, std::string("scurve")}).value()).rows == 4);
  CHECK(number(call("CAPACITY.REPS", {1200000.0, 100000.0, 0.8})) == Approx(15));
  CHECK(number(call("CAPACITY.RRE", {column({1.0, 2.0, EmptyCell{}, 3.0, 10.0}), 3.0})) == Approx(2.5));
  auto plan = call("HIRING.PLAN", {column({100.0, 100.0, 100.0}), 10.0, 0.0, 0.1, 10.0});
  REQUIRE(plan);
  CHECK(std::get<NumberBlock>(*plan).values == std::vector<double>{0, 1, 1});
  CHECK(number(call("TURNOVER.RATE", {6.0, 40.0, 6.0})) == Approx(0.3));
  CHECK(number(call("TURNOVER.ANNUAL", {50.0, 0.3, 127000.0})) == Approx(1905000));
  CHECK(number(call("TURNOVER.SAVINGS", {50.0, 0.3, 0.2, 127000.0, 200000.0})) == Approx(435000));
  CHECK(number(call("GOAL.OVERASSIGN", {column({400.0, 350.0, 300.0}), 1000.0})) == Approx(0.05));
  CHECK(number(call("GOAL.ROLLUP", {column({50.0, 30.0}), column({100.0, 50.0}), column({1.0, 1.0})})) ==
        Approx(0.55));
  CHECK(number(call("GOAL.ATTAINMENT", {column({100.0, 90.0}), column({100.0, 100.0})})) == Approx(0.5));
  CHECK(number(call("GOAL.PACE", {50.0, 100.0, 0.0, 100.0, 25.0})) == Approx(2));
  CHECK(number(call("GOAL.ALIGNMENT", {column({1.0, std::string("G1"), EmptyCell{}, 0.0})})) == Approx(0.5));
  CHECK(number(call("SURVEY.TOPBOX", {column({5.0, 4.0, 3.0, EmptyCell{}})})) == Approx(2.0 / 3));
  CHECK(number(call("SURVEY.BOTTOMBOX", {column({1.0, 4.0})})) == Approx(0.5));
  CHECK(number(call("SURVEY.GAP", {column({5.0, 4.0}), column({5.0, 1.0})})) == Approx(0.5));
  CHECK(number(call("SURVEY.NPS", {column({10.0, 0.0, 8.0, 9.0})})) == Approx(25));
  CHECK(number(call("PROFILE.FIT", {column({4.0, 5.0, 3.0}), column({0.5, 0.3, 0.2})})) == Approx(0.82));
}

TEST_CASE("catalog: wrong argument types are errors naming the argument") {
  auto text_target = call("FUNNEL.BUDGET", {std::string("abc"), column({0.2}), 1.0});
  REQUIRE_FALSE(text_target);
  CHECK(text_target.error().message == "target is text 'abc'; a number is needed");
  auto text_rate = call("FUNNEL.BUDGET", {100.0, column({0.2, std::string("x")}), 1.0});
  REQUIRE_FALSE(text_rate);
  CHECK(text_rate.error().message == "rates: cell 2 is text 'x'; a number is needed");
  CHECK_FALSE(call("FUNNEL.BUDGET", {100.0, column({0.2})}));                    // cost_per_top missing
  CHECK_FALSE(call("FUNNEL.BUDGET", {Range{2, 2, {1.0, 2.0, 3.0, 4.0}}, column({0.2}), 1.0}));  // a block for a number
  CHECK_FALSE(call("FUNNEL.BUDGET", {100.0, column({}), 1.0}));                    // empty range
  CHECK_FALSE(call("FUNNEL.CAC", {1.0, 2.0, 3.0}));                               // too many arguments
  CHECK_FALSE(call("RAMP.CURVE", {4.0, std::string("zigzag")}));
  CHECK_FALSE(call("SURVEY.TOPBOX", {column({4.0}), 5.5}));                       // scale must be whole
  CHECK_FALSE(call("PROFILE.FIT", {column({4.0, EmptyCell{}}), column({1.0, 1.0})}));
  CHECK_FALSE(call("TEMPLATE.VALUE", {1.0, std::string("a")}));
  CHECK_FALSE(call("GOAL.ALLOCATE", {100.0, column({1.0}), Missing{}, 0.5}));    // decimals must be whole
  // A 2-D block where one row or column of rates goes (a second column selected by mistake).
  auto block = call("FUNNEL.BUDGET", {100.0, Range{2, 2, {0.02, 0.5, 0.05, 0.5}}, 1.0});
  REQUIRE_FALSE(block);
  CHECK(block.error().message == "rates must be a single row or column, not a block of 2 x 2 cells");
}

TEST_CASE("catalog: infinite or NaN results are errors") {
  CHECK_FALSE(call("FUNNEL.VOLUME", {1e308, column({1e-10, 1e-10})}));
  CHECK_FALSE(call("FUNNEL.CAC", {1e308, 1e-308}));
  CHECK_FALSE(call("TURNOVER.ANNUAL", {1e308, 3.0, 1e308}));
}

TEST_CASE("catalog: docs/functions.md states every function's arguments and defaults as the catalog does") {
  std::ifstream file(std::filesystem::path(ALIGNKIT_DOCS_DIR) / "functions.md");
  REQUIRE(file);
  const std::string docs((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  for (const auto& f : functions()) {
    // As the reference writes it: NAME(required; [optional=default]; [optional the function decides])
    std::string signature = std::string(f.name) + "(";
    for (std::size_t i = 0; i < f.arguments.size(); ++i) {
      const auto& a = f.arguments[i];
      signature += i ? "; " : "";
      if (!a.optional()) {
        signature += a.name;
        continue;
      }
      const std::string value = default_text(*a.fallback);
      signature += "[" + std::string(a.name) + (value.empty() ? "" : "=" + value) + "]";
    }
    signature += ")";
    INFO(signature);
    CHECK(docs.find("| `" + signature + "` |") != std::string::npos);
  }
}

TEST_CASE("catalog: every published key an argument names is in both sample templates, as a number of the right kind") {
  // The keys are the sample templates' own: a team that starts from them can be checked as it is.
  templates::Reader store;
  const std::filesystem::path samples(ALIGNKIT_SAMPLE_TEMPLATES_DIR);
  std::set<std::string> fed;
  for (const auto& function : functions()) {
    for (const auto& argument : function.arguments) {
      if (argument.published_as.empty()) continue;
      const std::string key(argument.published_as);
      fed.insert(std::string(function.name) + " " + std::string(argument.name));
      for (const char* sample : {"inside_sales.json", "enterprise_field_sales.json"}) {
        CAPTURE(sample);
        CAPTURE(key);
        if (argument.kind == ArgKind::numbers) {
          // A list: the group's numbers in the order its rate_order names, each one there.
          const auto group = key.substr(0, key.find('.'));
          for (int i = 0;; ++i) {
            const auto name = store.value(sample, group + ".rate_order." + std::to_string(i), samples);
            if (!name) {
              CHECK(i > 0);
              break;
            }
            const auto value = store.value(sample, key + "." + std::get<std::string>(name.value()), samples);
            REQUIRE(value);
            CHECK(std::holds_alternative<double>(value.value()));
          }
        } else {
          const auto value = store.value(sample, key, samples);
          REQUIRE(value);
          CHECK(std::holds_alternative<double>(value.value()));
        }
      }
    }
  }
  // The arguments whose published value the sample templates give (hand-listed: a row that loses
  // its key fails here).
  for (const char* expected : {"FUNNEL.BUDGET rates", "FUNNEL.BUDGET cost_per_top", "TURNOVER.COST annual_salary",
                               "TURNOVER.COST ramp", "TURNOVER.COST margin", "HIRING.PLAN quota",
                               "HIRING.PLAN monthly_attrition", "GOAL.ALLOCATE buffer"}) {
    CAPTURE(expected);
    CHECK(fed.count(expected) == 1);
  }
}

TEST_CASE("catalog: a function over a table's rows takes no more ranges than SQL's aggregate state holds") {
  for (const auto& f : functions()) {
    if (f.one_row.empty()) continue;
    CAPTURE(f.name);
    const auto ranges = std::count_if(f.arguments.begin(), f.arguments.end(), [](const ArgumentInfo& a) { return takes_range(a.kind); });
    CHECK(static_cast<std::size_t>(ranges) == f.one_row.size());  // each range has its one-row name
    CHECK(static_cast<std::size_t>(ranges) <= kMaxRangesOverRows);
    CHECK(f.arguments.size() <= kMaxArguments);
  }
}
