#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "alignkit/templates.hpp"

using namespace alignkit;
namespace fs = std::filesystem;

namespace {
const fs::path kData = ALIGNKIT_TEST_DATA_DIR;

double number(const Result<templates::Value>& value) { return std::get<double>(value.value()); }

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("alignkit-test-" + std::to_string(::getpid()) + "-" +
                                               std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return path / name;
  }
};
}  // namespace

TEST_CASE("templates: dotted keys find numbers, texts, booleans and list items") {
  templates::Store store;
  CHECK(number(store.value("inside_sales.json", "funnel.rates.demo_to_sale", kData)) == 0.2);
  CHECK(number(store.value("inside_sales.json", "funnel.stage_rates.0", kData)) == 0.02);
  CHECK(std::get<std::string>(store.value("inside_sales.json", "people.role", kData).value()) == "Inside sales");
  CHECK(number(store.value("inside_sales.json", "people.remote", kData)) == 1);
  CHECK(number(store.value((kData / "inside_sales.json").string(), "people.ramp_months", {})) == 4);
  CHECK(number(store.value("file://" + (kData / "inside_sales.json").string(), "funnel.cost_per_click", {})) == 2.5);
}

TEST_CASE("templates: missing file, key or wrong kind is an error with a clear message") {
  templates::Store store;
  auto missing_file = store.value("nope.json", "a", kData);
  REQUIRE_FALSE(missing_file);
  CHECK(missing_file.error().message.find("not found") != std::string::npos);
  auto missing_key = store.value("inside_sales.json", "funnel.rates.demo_to_sal", kData);
  REQUIRE_FALSE(missing_key);
  CHECK(missing_key.error().message.find("has no 'demo_to_sal'") != std::string::npos);
  CHECK_FALSE(store.value("inside_sales.json", "funnel.rates", kData));       // a group, not a value
  CHECK_FALSE(store.value("inside_sales.json", "funnel.stage_rates", kData)); // a list
  CHECK_FALSE(store.value("inside_sales.json", "funnel.stage_rates.3", kData));
  CHECK_FALSE(store.value("inside_sales.json", "people.nothing", kData));
  CHECK_FALSE(store.value("inside_sales.json", "people.role.x", kData));
  CHECK_FALSE(store.value("inside_sales.json", "funnel..rates", kData));
  CHECK_FALSE(store.value("inside_sales.json", "", kData));
  CHECK_FALSE(store.value("inside_sales.json", std::string(5000, 'k'), kData));
  CHECK_FALSE(store.value("inside_sales.json", "funnel.rates.demo_to_sale", {}));  // relative, no workbook folder
  CHECK_FALSE(store.value("https://example.invalid/t.json", "a", {}));
  CHECK_FALSE(store.value(kData.string(), "a", {}));  // a folder
}

TEST_CASE("templates: malformed, foreign, deep and oversized documents are rejected") {
  CHECK_FALSE(templates::parse("{\"template_version\": 1,"));
  CHECK_FALSE(templates::parse("[1, 2]"));
  CHECK_FALSE(templates::parse("{\"rates\": 1}"));                 // no version
  CHECK_FALSE(templates::parse("{\"template_version\": 2}"));      // newer than we read
  CHECK_FALSE(templates::parse("{\"template_version\": \"1\"}"));
  CHECK_FALSE(templates::parse("{\"template_version\": 1, \"a\": \"\xff\xfe\"}"));  // not UTF-8
  CHECK_FALSE(templates::parse(std::string(100000, '[') + std::string(100000, ']')));
  CHECK_FALSE(templates::parse(std::string(templates::kMaxFileBytes + 1, ' ')));
  CHECK(templates::parse("{\"template_version\": 1, \"s\": \"[[[[{{{{\"}"));  // brackets in text are text
  auto error = templates::parse("{\"template_version\": 1, }");
  REQUIRE_FALSE(error);
  CHECK(error.error().message.starts_with("template is not valid JSON: parse error at line 1"));
}

TEST_CASE("templates: a file that changes is re-read") {
  TempDir dir;
  templates::Store store;
  dir.write("t.json", R"({"template_version": 1, "ramp": 3})");
  CHECK(number(store.value("t.json", "ramp", dir.path)) == 3);
  dir.write("t.json", R"({"template_version": 1, "ramp": 6, "padding": 1})");
  CHECK(number(store.value("t.json", "ramp", dir.path)) == 6);
  dir.write("t.json", R"({"template_version": 1, "ramp": )");
  CHECK_FALSE(store.value("t.json", "ramp", dir.path));
  fs::remove(dir.path / "t.json");
  CHECK_FALSE(store.value("t.json", "ramp", dir.path));
}

TEST_CASE("templates: confined to a folder, nothing outside it is read") {
  templates::Store store;
  CHECK(number(store.value("inside_sales.json", "people.ramp_months", kData, true)) == 4);
  CHECK_FALSE(store.value((kData / "inside_sales.json").string(), "people.ramp_months", kData, true));
  CHECK_FALSE(store.value("../data/inside_sales.json", "people.ramp_months", kData, true));
  CHECK_FALSE(store.value("file://" + (kData / "inside_sales.json").string(), "people.ramp_months", kData, true));
  CHECK_FALSE(store.value("inside_sales.json", "people.ramp_months", {}, true));
  CHECK(templates::nesting_within("[[1]]", 2));
  CHECK_FALSE(templates::nesting_within("[[[1]]]", 2));
}

TEST_CASE("templates: resolve paths and file URLs") {
  CHECK(templates::resolve("a/../t.json", "/base").value() == fs::path("/base/t.json"));
  CHECK(templates::resolve("file:///x/my%20plans/t.json", {}).value() == fs::path("/x/my plans/t.json"));
  CHECK(templates::resolve("file://localhost/x/t.json", {}).value() == fs::path("/x/t.json"));
  CHECK_FALSE(templates::resolve("", "/base"));
  CHECK_FALSE(templates::resolve("file://relative", {}));
}
