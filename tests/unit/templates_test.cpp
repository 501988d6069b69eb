#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/template_reader.hpp"
#include "alignkit/templates/templates.hpp"

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
  templates::Reader store;
  CHECK(number(store.value("inside_sales.json", "funnel.rates.demo_to_sale", kData)) == 0.2);
  CHECK(number(store.value("inside_sales.json", "funnel.stage_rates.0", kData)) == 0.02);
  CHECK(std::get<std::string>(store.value("inside_sales.json", "people.role", kData).value()) == "Inside sales");
  CHECK(number(store.value("inside_sales.json", "people.remote", kData)) == 1);
  CHECK(number(store.value((kData / "inside_sales.json").string(), "people.ramp_months", {})) == 4);
  CHECK(number(store.value("file://" + (kData / "inside_sales.json").string(), "funnel.cost_per_click", {})) == 2.5);
}

TEST_CASE("templates: missing file, key or wrong kind is an error with a clear message") {
  templates::Reader store;
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
  templates::Reader store;
  dir.write("t.json", R"({"template_version": 1, "ramp": 3})");
  CHECK(number(store.value("t.json", "ramp", dir.path)) == 3);
  dir.write("t.json", R"({"template_version": 1, "ramp": 6, "padding": 1})");
  CHECK(number(store.value("t.json", "ramp", dir.path)) == 6);
  dir.write("t.json", R"({"template_version": 1, "ramp": )");
  CHECK_FALSE(store.value("t.json", "ramp", dir.path));
  fs::remove(dir.path / "t.json");
  CHECK_FALSE(store.value("t.json", "ramp", dir.path));
}

TEST_CASE("template files: when full, the one used longest ago is dropped, not the ones in use") {
  TempDir dir;
  templates::Files files(2);
  for (const char* name : {"a.json", "b.json", "c.json"}) dir.write(name, R"({"template_version": 1})");
  const auto a = files.load(dir.path / "a.json").value();
  const auto b = files.load(dir.path / "b.json").value();
  CHECK(files.load(dir.path / "a.json").value() == a);  // kept, and now the most recently used
  CHECK(files.load(dir.path / "c.json"));                // full: b goes
  CHECK(files.load(dir.path / "a.json").value() == a);
  CHECK(files.load(dir.path / "b.json").value() != b);  // read again
}

TEST_CASE("templates: confined to a folder, nothing outside it is read") {
  templates::Reader store;
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
  // A folder with a space, a per cent sign and a non-ASCII letter: written as a URL and read back.
  CHECK(templates::file_url("/tmp/my plans%1/Ümsatz.json") == "file:///tmp/my%20plans%251/%C3%9Cmsatz.json");
  CHECK(templates::resolve(templates::file_url("/tmp/my plans%1/Ümsatz.json"), {}).value() ==
        fs::path("/tmp/my plans%1/Ümsatz.json"));
}

namespace {
// What a service answers, told by the test: these cases pin the store's own rules (trust, the
// interval, kept copies); the real service and office are in tests/office/served_templates_test.py.
struct ScriptedService {
  int calls = 0;
  bool reachable = true;
  std::string document = R"({"template_version": 1, "people": {"annual_salary": 65000}})";
  sharing::Version version = 1;

  std::shared_ptr<templates::WebAccess> access(const fs::path& kept, std::chrono::milliseconds recheck) {
    auto web = std::make_shared<templates::WebAccess>();
    web->trusted = [](const std::string& origin) { return origin == "http://127.0.0.1:8080"; };
    web->fetch = [this](const templates::ServedSource&, std::optional<sharing::Version> have) {
      using Kind = sharing::Outcome::Kind;
      ++calls;
      if (!reachable) return templates::Fetched{{Kind::unreachable, 0, {}, "Connection refused"}, {}, 0, {}, {}, {}};
      if (have == version) return templates::Fetched{{Kind::unchanged, version, {}, {}}, {}, version, "hr", "2026-11-25T10:00:00Z", {}};
      return templates::Fetched{{Kind::done, version, {}, {}}, document, version, "hr", "2026-11-25T10:00:00Z", {}};
    };
    web->kept_folder = kept;
    web->recheck_after = recheck;
    return web;
  }
};
constexpr char kServed[] = "http://127.0.0.1:8080/v1/templates/inside_sales";
}  // namespace

TEST_CASE("served templates: trusted hosts only, asked at most once per interval, kept for when offline") {
  TempDir kept;
  ScriptedService service;
  templates::Reader store(std::make_shared<templates::Files>(),
                         std::make_shared<templates::Served>(service.access(kept.path, std::chrono::hours(1))));
  CHECK(number(store.value(kServed, "people.annual_salary", {})) == 65000);
  CHECK(number(store.value(kServed, "people.annual_salary", {})) == 65000);
  CHECK(service.calls == 1);  // the second read is within the interval
  CHECK(std::get<std::string>(store.info(kServed, "author", {}).value()) == "hr");
  CHECK(number(store.info(kServed, "version", {})) == 1);
  CHECK(number(store.info(kServed, "stale", {})) == 0);

  const auto untrusted = store.value("http://example.com:8080/v1/templates/inside_sales", "people.annual_salary", {});
  REQUIRE_FALSE(untrusted);
  CHECK(untrusted.error().message.find("'example.com' is not a template service you trust") != std::string::npos);
  CHECK(service.calls == 1);  // nothing was asked of it

  // A new session, the service gone: the kept copy, stale.
  service.reachable = false;
  templates::Reader later(std::make_shared<templates::Files>(),
                         std::make_shared<templates::Served>(service.access(kept.path, std::chrono::milliseconds(0))));
  CHECK(number(later.value(kServed, "people.annual_salary", {})) == 65000);
  CHECK(number(later.info(kServed, "stale", {})) == 1);
  CHECK(std::get<std::string>(later.info(kServed, "author", {}).value()) == "hr");
  // Never read: no kept copy.
  const auto never = later.value("http://127.0.0.1:8080/v1/templates/other", "people.annual_salary", {});
  REQUIRE_FALSE(never);
  CHECK(never.error().message.find("no kept copy of 'other'") != std::string::npos);

  // Back online with a new version: revalidated, no longer stale, and the kept copy follows.
  service.reachable = true;
  service.version = 2;
  service.document = R"({"template_version": 1, "people": {"annual_salary": 70000}})";
  CHECK(number(later.value(kServed, "people.annual_salary", {})) == 70000);
  CHECK(number(later.info(kServed, "stale", {})) == 0);
  CHECK(number(later.info(kServed, "version", {})) == 2);
}

TEST_CASE("served templates: when full, the one used longest ago is dropped, not the ones in use") {
  TempDir kept;
  ScriptedService service;
  templates::Served served(service.access(kept.path, std::chrono::hours(1)), 2);
  const auto read = [&](const char* name) {
    return served.copy(std::string("http://127.0.0.1:8080/v1/templates/") + name).value().document;
  };
  read("a");
  read("b");
  read("a");  // a is in use again: b is now the one used longest ago
  read("c");  // full: b goes
  CHECK(service.calls == 3);
  read("a");
  read("c");
  CHECK(service.calls == 3);  // both still remembered
  read("b");
  CHECK(service.calls == 4);  // asked again
}

TEST_CASE("served templates: version numbers from ETags") {
  CHECK(sharing::version_of("\"3\"") == 3);
  CHECK(sharing::version_of("12") == 12);
  CHECK_FALSE(sharing::version_of(""));
  CHECK_FALSE(sharing::version_of("\"x\""));
}

TEST_CASE("served templates: addresses") {
  auto source = templates::served_source("HTTPS://Example.COM/v1/templates/inside_sales");
  REQUIRE(source);
  CHECK(source->origin == "https://example.com:443");
  CHECK(source->name == "inside_sales");
  CHECK(templates::served_source("http://127.0.0.1:8080")->origin == "http://127.0.0.1:8080");
  CHECK(templates::served_source("http://[::1]:8080/v1/templates/a")->origin == "http://[::1]:8080");
  CHECK_FALSE(templates::served_source("http://user:pw@example.com/v1/templates/a"));
  CHECK_FALSE(templates::served_source("http://example.com/other/path"));
  CHECK_FALSE(templates::served_source("http://example.com/v1/templates/../x"));
  CHECK_FALSE(templates::served_source("http://example.com:99999/v1/templates/a"));
  CHECK_FALSE(templates::served_source("ftp://example.com/v1/templates/a"));
  // Pinned to a version, or to what was the latest at the end of a day (UTC).
  CHECK(templates::served_source("http://127.0.0.1:8080/v1/templates/a@3")->version == 3);
  CHECK(templates::served_source("http://127.0.0.1:8080/v1/templates/a@3")->name == "a");
  CHECK(templates::served_source("http://127.0.0.1:8080/v1/templates/a@2026-03-31")->at == "2026-03-31T23:59:59Z");
  CHECK_FALSE(templates::served_source("http://127.0.0.1:8080/v1/templates/a@03"));
  CHECK_FALSE(templates::served_source("http://127.0.0.1:8080/v1/templates/a@2026-02-30"));
  CHECK_FALSE(templates::served_source("http://127.0.0.1:8080/v1/templates/a@yesterday"));
  templates::Reader store;  // no web access (the command line, the HTTP service): bad input
  CHECK_FALSE(store.value("http://127.0.0.1:8080/v1/templates/a", "k", {}));
  CHECK_FALSE(store.value("http://127.0.0.1:8080/v1/templates/a", "k", "/tmp", true));
}

TEST_CASE("templates: alignkit:NAME reads a template that comes with alignkit, from any workbook") {
  TempDir bundled;
  bundled.write("inside_sales.json", R"({"template_version": 1, "name": "Inside", "funnel": {"rates": {"demo_to_sale": 0.25}}})");
  templates::Reader reader;
  // Not installed here: said so, never a file looked for elsewhere.
  auto missing = reader.value("alignkit:inside_sales", "funnel.rates.demo_to_sale", {});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "the templates that come with alignkit are not installed here");
  reader.set_bundled(bundled.path);
  // No workbook folder needed (a new, unsaved workbook has none).
  CHECK(number(reader.value("alignkit:inside_sales", "funnel.rates.demo_to_sale", {})) == 0.25);
  CHECK(std::get<std::string>(reader.info("alignkit:inside_sales", "name", {}).value()) == "Inside");
  for (const char* bad : {"alignkit:", "alignkit:../inside_sales", "alignkit:inside_sales.json", "alignkit:/etc/passwd",
                          "alignkit:Inside_Sales", "alignkit:nothing_like_it"}) {
    auto refused = reader.value(bad, "funnel.rates.demo_to_sale", bundled.path);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("names no template that comes with alignkit; try alignkit:inside_sales") != std::string::npos);
  }
}

TEST_CASE("templates: a time past 2262 is the Calc date it names (the clock's nanoseconds end there)") {
  // 9999-12-31 is Calc's date 2958465 (as DATE(9999;12;31) gives); noon, so any time zone keeps the day.
  const auto latest = alignkit::templates::calc_date_time("9999-12-31T12:00:00Z");
  REQUIRE(latest.ok());
  CHECK(std::floor(*latest) == 2958465);
  const auto later = alignkit::templates::calc_date_time("2611-06-28T12:00:00Z");
  REQUIRE(later.ok());
  CHECK(std::floor(*later) == 259867);  // DATE(2611;6;28)
}
