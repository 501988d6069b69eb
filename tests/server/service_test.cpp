#include <unistd.h>

#include <doctest/doctest.h>

#include "alignkit/catalog/catalog.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include "http_client.hpp"
#include "access/sessions.hpp"
#include "access/token_failures.hpp"
#include "http/http_service.hpp"

using alignkit::service::HttpService;
using alignkit::service::ServiceOptions;
using nlohmann::json;

namespace {
struct RunningService {
  HttpService service;
  explicit RunningService(ServiceOptions options = make_options()) : service(std::move(options)) { service.start(); }
  static ServiceOptions make_options() {
    ServiceOptions options;
    options.port = 0;  // an ephemeral loopback port
    options.templates_dir = ALIGNKIT_TEMPLATES_DIR;
    options.max_body_bytes = 64 * 1024;
    return options;
  }
  [[nodiscard]] std::uint16_t port() const { return service.port(); }
  HttpReply eval(const json& call) { return http(port(), "POST", "/v1/eval", call.dump()); }
  [[nodiscard]] bool healthy() const { return http(port(), "GET", "/v1/health").status == 200; }
};

// Bytes as a client sends them, and everything the service answers until it closes or stays
// silent for a second.
std::string exchange(std::uint16_t port, const std::string& bytes) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(1, 0));
  socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
  std::string answer;
  char buffer[4096];
  try {
    for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  } catch (const Poco::TimeoutException&) {  // the connection stays open: all was said
  }
  return answer;
}

std::size_t answers_in(const std::string& bytes) {
  std::size_t count = 0;
  for (auto at = bytes.find("HTTP/1.1 "); at != std::string::npos; at = bytes.find("HTTP/1.1 ", at + 1)) ++count;
  return count;
}

double value_of(const HttpReply& reply) {
  REQUIRE(reply.status == 200);
  return reply.json()["value"].get<double>();
}
}  // namespace

TEST_CASE("service: the spreadsheet's numbers over HTTP, every family") {
  RunningService s;
  CHECK(value_of(s.eval({{"function", "FUNNEL.BUDGET"}, {"args", {100, {0.02, 0.05, 0.2}, 0.008}}})) ==
        doctest::Approx(4000));
  CHECK(value_of(s.eval({{"function", "funnel_units"}, {"args", {4000, {0.02, 0.05, 0.2}, 0.008}}})) ==
        doctest::Approx(100));
  CHECK(value_of(s.eval({{"function", "RAMP.LOSS"}, {"args", {1000, 4}}})) == doctest::Approx(2000));
  CHECK(value_of(s.eval({{"function", "TURNOVER.COST"}, {"args", {60000, 50000, 4, 2, 10000, 5000, nullptr, 2000}}})) ==
        doctest::Approx(207000));
  CHECK(value_of(s.eval({{"function", "GOAL.OVERASSIGN"}, {"args", {{400, 350, 300}, 1000}}})) == doctest::Approx(0.05));
  CHECK(value_of(s.eval({{"function", "SURVEY.NPS"}, {"args", {{10, 9, 9, 10, 9, 8, 7, 8, 6, 0}}}})) ==
        doctest::Approx(30));
  CHECK(value_of(s.eval({{"function", "TEMPLATE.VALUE"}, {"args", {"inside_sales.json", "people.ramp_months"}}})) == 3);
  auto plan = s.eval({{"function", "HIRING.PLAN"}, {"args", {{100, 100, 100}, 10, 0, 0.1, 10}}});
  REQUIRE(plan.status == 200);
  CHECK(plan.json()["values"] == json({0.0, 1.0, 1.0}));
  auto smart = s.eval({{"function", "GOAL.SMART"}, {"args", {"Grow bookings in DACH", 120, 100, 46022, "C-1"}}});
  CHECK(smart.json()["value"] == "SMART");
  auto grid = s.eval({{"function", "GOAL.ALLOCATE"}, {"args", {100, {{1, 1}, {1, nullptr}}, nullptr, 0}}});
  CHECK(grid.json()["values"] == json({{34.0, 33.0}, {33.0, 0.0}}));
}

TEST_CASE("service: planning over time, the contract's examples as blocks") {
  RunningService s;
  // Targets {10;20}, rates {0.5;0.2}, lags {1;0}: rows {100,0,0}, {200,50,10}, {0,100,20}.
  auto schedule = s.eval({{"function", "FUNNEL.SCHEDULE"}, {"args", {{10, 20}, {0.5, 0.2}, {1, 0}}}});
  REQUIRE(schedule.status == 200);
  CHECK(schedule.json()["values"] == json({{100.0, 0.0, 0.0}, {200.0, 50.0, 10.0}, {0.0, 100.0, 20.0}}));
  // 120,000 a year, 12 equal months, starting in month 4 with a 3-month ramp.
  auto prorate = s.eval({{"function", "GOAL.PRORATE"}, {"args", {120000, json(std::vector<int>(12, 1)), 4, 3}}});
  REQUIRE(prorate.status == 200);
  const auto months = prorate.json()["values"];
  REQUIRE(months.size() == 12);
  CHECK(months[2] == 0.0);
  CHECK(months[3].get<double>() == doctest::Approx(10000.0 / 6));
  CHECK(months[4].get<double>() == doctest::Approx(5000));
  CHECK(months[11] == 10000.0);
  // One hire in month 1, quota 10, instant ramp, no attrition, 2 reps today: 3 heads, 3 ramped, 30.
  auto capacity = s.eval({{"function", "CAPACITY.PLAN"}, {"args", {{1, 0}, 10, 0, 0, 2}}});
  REQUIRE(capacity.status == 200);
  CHECK(capacity.json()["values"] == json({{3.0, 3.0, 30.0}, {3.0, 3.0, 30.0}}));
  CHECK(s.eval({{"function", "GOAL.PRORATE"}, {"args", {120000, {1, 1}, 3}}}).status == 400);  // start outside 1..P
}

TEST_CASE("service: columns at once, a bad row reported by number") {
  RunningService s;
  auto budget = s.eval({{"function", "FUNNEL.BUDGET"}, {"args", {{100, "x", 50}, {0.02, 0.05, 0.2}, 0.008}}});
  REQUIRE(budget.status == 200);
  CHECK(budget.json()["values"][0].get<double>() == doctest::Approx(4000));
  CHECK(budget.json()["values"][1].is_null());
  CHECK(budget.json()["values"][2].get<double>() == doctest::Approx(2000));
  CHECK(budget.json()["errors"] == json({{{"row", 2}, {"error", "row 2: target is text 'x'; a number is needed"}}}));
}

TEST_CASE("service: invalid input is 400 with the core's message") {
  RunningService s;
  auto bad_rate = s.eval({{"function", "FUNNEL.BUDGET"}, {"args", {100, {0.02, 1.5}, 1}}});
  CHECK(bad_rate.status == 400);
  CHECK(bad_rate.json()["error"] == "FUNNEL.BUDGET: rate 2 (1.5) is outside (0, 1]");
  CHECK(s.eval({{"function", "FUNNEL.NOPE"}, {"args", json::array()}}).status == 400);
  CHECK(s.eval({{"function", "FUNNEL.CAC"}, {"args", {"x", 1}}}).status == 400);
  CHECK(s.eval({{"args", {1}}}).status == 400);
  CHECK(s.eval({{"function", "FUNNEL.CAC"}, {"args", {{{"a", 1}}, 1}}}).status == 400);  // an object argument
  auto outside = s.eval({{"function", "TEMPLATE.VALUE"}, {"args", {"/etc/passwd", "root"}}});
  CHECK(outside.status == 400);
  CHECK(outside.body.find("outside the templates folder") != std::string::npos);
  CHECK(s.eval({{"function", "TEMPLATE.VALUE"}, {"args", {"../templates/inside_sales.json", "a"}}}).status == 400);
  // A date is taken as 2027-06-30 too; a date written otherwise names its argument.
  const auto by_text = s.eval({{"function", "GOAL.PACE"}, {"args", {50, 100, "2027-01-01", "2027-12-31", "2027-06-30"}}});
  const auto by_serial = s.eval({{"function", "GOAL.PACE"}, {"args", {50, 100, 46388, 46752, 46568}}});
  CHECK(by_text.status == 200);
  CHECK(by_text.json()["value"] == by_serial.json()["value"]);
  const auto wrong_date = s.eval({{"function", "GOAL.PACE"}, {"args", {50, 100, "2027-01-01", "12/31/2027", 46568}}});
  CHECK(wrong_date.status == 400);
  CHECK(wrong_date.json()["error"].get<std::string>().find("end_date") != std::string::npos);
}

TEST_CASE("service: a batch answers each call in order") {
  RunningService s;
  const json batch{{"calls",
                    {{{"function", "FUNNEL.CAC"}, {"args", {4000, 100}}},
                     {{"function", "FUNNEL.CAC"}, {"args", {4000, 0}}},
                     {{"function", "FUNNEL.STAGES"}, {"args", {100, {0.02, 0.05, 0.2}}}}}}};
  auto reply = http(s.port(), "POST", "/v1/batch", batch.dump());
  REQUIRE(reply.status == 200);
  const json results = reply.json()["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[0]["value"] == 40.0);
  CHECK(results[1].contains("error"));
  CHECK(results[2]["values"].size() == 4);
  auto csv = http(s.port(), "POST", "/v1/batch", batch.dump(), "text/csv");
  CHECK(csv.content_type.starts_with("text/csv"));
  CHECK(csv.body.starts_with("index,value,error\r\n0,40.0,\r\n1,,"));
}

TEST_CASE("service: catalogue, health and CSV for BI tools") {
  RunningService s;
  auto catalogue = http(s.port(), "GET", "/v1/functions");
  REQUIRE(catalogue.status == 200);
  const json functions = catalogue.json()["functions"];
  CHECK(functions.size() == alignkit::functions().size());
  CHECK(functions[2]["name"] == "FUNNEL.BUDGET");
  CHECK(functions[2]["arguments"][2]["name"] == "cost_per_top");
  CHECK(functions[2]["answers_columns"] == true);
  CHECK(functions[2]["arguments"][0]["kind"] == "number");
  CHECK(functions[2]["arguments"][0]["takes_column"] == true);
  CHECK(functions[2]["arguments"][1]["kind"] == "numbers");
  CHECK(functions[2]["arguments"][1]["takes_column"] == false);
  auto csv = http(s.port(), "GET", "/v1/functions", {}, "text/csv");
  CHECK(csv.body.starts_with("name,family,description,arguments\r\nFUNNEL.VOLUME,Funnel budgeting,"));
  auto value_csv = http(s.port(), "POST", "/v1/eval",
                        json{{"function", "FUNNEL.STAGES"}, {"args", {100, {0.02, 0.05, 0.2}}}}.dump(), "text/csv");
  CHECK(value_csv.body == "value\r\n500000.0\r\n10000.0\r\n500.0\r\n100.0\r\n");
  CHECK(http(s.port(), "GET", "/v1/health").json()["status"] == "ok");
}

TEST_CASE("service: templates from the templates folder only") {
  RunningService s;
  auto list = http(s.port(), "GET", "/v1/templates");
  REQUIRE(list.status == 200);
  const json templates = list.json()["templates"];
  REQUIRE(templates.size() >= 2);
  CHECK(templates[0]["name"] == "enterprise_field_sales.json");
  auto one = http(s.port(), "GET", "/v1/templates/inside_sales.json");
  REQUIRE(one.status == 200);
  CHECK(one.json()["people"]["ramp_months"] == 3);
  CHECK(http(s.port(), "GET", "/v1/templates/nope.json").status == 404);
  CHECK(http(s.port(), "GET", "/v1/templates/..%2F..%2Fetc%2Fpasswd").status == 400);
  CHECK(http(s.port(), "GET", "/v1/templates/../CMakeLists.txt").status >= 400);
}

TEST_CASE("service: a link in the templates folder serves nothing outside it, a NUL truncates nothing, errors name no server path") {
  const auto root = std::filesystem::temp_directory_path() / ("alignkit-folder-" + std::to_string(::getpid()));
  const auto folder = root / "templates";
  std::filesystem::create_directories(folder);
  std::ofstream(root / "secret.json") << R"({"template_version": 1, "people": {"annual_salary": 99999}})";
  std::ofstream(folder / "team.json") << R"({"template_version": 1, "people": {"annual_salary": 65000}})";
  std::filesystem::create_symlink(root / "secret.json", folder / "outside.json");
  std::filesystem::create_symlink(folder / "team.json", folder / "alias.json");  // stays inside: fine
  auto options = RunningService::make_options();
  options.templates_dir = folder;
  RunningService s(options);

  CHECK(http(s.port(), "GET", "/v1/templates/outside.json").status == 404);
  CHECK(http(s.port(), "GET", "/v1/templates/alias.json").json()["people"]["annual_salary"] == 65000);
  const json listed = http(s.port(), "GET", "/v1/templates").json()["templates"];
  CHECK(listed.dump().find("outside.json") == std::string::npos);
  CHECK(listed.dump().find("team.json") != std::string::npos);
  const auto linked = s.eval({{"function", "TEMPLATE.VALUE"}, {"args", {"outside.json", "people.annual_salary"}}});
  CHECK(linked.status == 400);
  CHECK(linked.body.find("99999") == std::string::npos);
  CHECK(linked.json()["error"].get<std::string>().find("outside the templates folder") != std::string::npos);
  const auto nul = s.eval({{"function", "TEMPLATE.VALUE"}, {"args", json::parse(R"(["team.json\u0000.bak", "people.annual_salary"])")}});
  CHECK(nul.status == 400);
  CHECK(nul.json()["error"].get<std::string>().find("NUL") != std::string::npos);
  const auto missing = s.eval({{"function", "TEMPLATE.VALUE"}, {"args", {"nope.json", "people.annual_salary"}}});
  REQUIRE(missing.status == 400);
  CHECK(missing.json()["error"].get<std::string>().find("'nope.json' not found") != std::string::npos);
  CHECK(missing.body.find(root.string()) == std::string::npos);  // the server's folder is never named
  std::filesystem::remove_all(root);
}

TEST_CASE("service: hostile requests get 4xx and the service keeps serving") {
  RunningService s;
  const auto post = [&](const std::string& path, const std::string& body) { return http(s.port(), "POST", path, body).status; };
  CHECK(post("/v1/eval", "{\"function\": ") == 400);                         // malformed
  CHECK(post("/v1/eval", "not json at all \xff\xfe") == 400);                 // garbage bytes
  CHECK(post("/v1/eval", std::string(100000, '[') + std::string(100000, ']')) == 413);  // oversized
  CHECK(post("/v1/eval", std::string(40, '[') + std::string(40, ']')) == 400);          // too deep
  CHECK(post("/v1/eval", "") == 400);
  CHECK(post("/v1/eval", "[1, 2, 3]") == 400);
  CHECK(post("/v1/batch", "{\"calls\": 5}") == 400);
  CHECK(post("/v1/nope", "{}") == 404);
  CHECK(http(s.port(), "GET", "/v1/eval").status == 405);
  CHECK(http(s.port(), "DELETE", "/v1/functions").status == 405);
  json huge_range = json::array();
  for (int i = 0; i < 5000; ++i) huge_range.push_back(0.5);
  CHECK(s.eval({{"function", "FUNNEL.VOLUME"}, {"args", {1, huge_range}}}).status == 400);  // underflows to 0
  CHECK(s.eval({{"function", "HIRING.PLAN"}, {"args", {json::array({1e308, 1e308}), 1e-308, 0, 0}}}).status == 400);
  CHECK(s.healthy());
}

namespace {
// The most memory this process has held so far (kB), from the kernel's own account.
long peak_kilobytes() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) return std::stol(line.substr(6));
  }
  return -1;
}
}  // namespace

TEST_CASE("service: a small request cannot make the service answer gigabytes") {
  auto options = RunningService::make_options();
  options.max_body_bytes = 1u << 20;
  RunningService s(options);
  const auto post = [&](const char* path, const json& body) { return http(s.port(), "POST", path, body.dump()); };
  const long peak_before = peak_kilobytes();

  // 120 FUNNEL.SCHEDULE calls of 1,199 stages, each lag one period: 1,200 x 1,200 numbers a call
  // (the finding: 694 MB answered from a 1 MB batch).
  const json ones = json(std::vector<int>(1199, 1));
  json calls = json::array();
  for (int i = 0; i < 120; ++i) calls.push_back({{"function", "FUNNEL.SCHEDULE"}, {"args", {json::array({1}), ones, ones}}});
  const auto schedules = post("/v1/batch", {{"calls", calls}});
  CHECK(schedules.status == 400);
  CHECK(schedules.json()["error"].get<std::string>().find("more than 1000000 numbers") != std::string::npos);
  CHECK(schedules.json()["error"].get<std::string>().find("max-answer-cells") != std::string::npos);

  // 8,000 RAMP.CURVE(1200, "scurve"): 9.6 million numbers from 400 KB (the finding: 3.25 GB).
  calls = json::array();
  for (int i = 0; i < 8000; ++i) calls.push_back({{"function", "RAMP.CURVE"}, {"args", {1200, "scurve"}}});
  CHECK(post("/v1/batch", {{"calls", calls}}).status == 400);
  // One call alone past the limit too.
  CHECK(s.eval({{"function", "FUNNEL.SCHEDULE"}, {"args", {json::array({1}), ones, ones}}}).status == 400);

  // What a workbook or a dashboard asks for is answered as before.
  calls = json::array();
  for (int i = 0; i < 100; ++i) calls.push_back({{"function", "RAMP.CURVE"}, {"args", {1200, "scurve"}}});
  const auto ramps = post("/v1/batch", {{"calls", calls}});
  REQUIRE(ramps.status == 200);
  CHECK(ramps.json()["results"].size() == 100);
  CHECK(ramps.json()["results"][99]["values"].size() == 1200);
  // The refused requests never held more than a call's worth (without the limit: gigabytes).
  CHECK(peak_kilobytes() - peak_before < 400 * 1024);
  CHECK(s.healthy());
}

TEST_CASE("service: a body is read or the connection closed, so a request hidden in a body never runs") {
  RunningService s;
  const std::string hidden = "GET /v1/templates/SMUGGLED HTTP/1.1\r\nHost: a\r\n\r\n";
  const std::string length = std::to_string(hidden.size());
  // Refused before its body is looked at (405, 404, bad name): the body is still read to its end.
  for (const std::string target : {"PUT /v1/templates/x", "POST /v1/nope", "PUT /v1/templates/..bad"}) {
    INFO(target);
    const auto answer = exchange(s.port(), target + " HTTP/1.1\r\nHost: a\r\nContent-Length: " + length + "\r\n\r\n" + hidden);
    CHECK(answers_in(answer) == 1);
    CHECK(answer.find("SMUGGLED") == std::string::npos);
  }
  // Two lengths that disagree, or a length beside chunked encoding: 400, and the connection closes.
  const std::string eval = "{\"function\": \"FUNNEL.CAC\", \"args\": [4000, 100]}";
  auto disagree = exchange(s.port(), "POST /v1/eval HTTP/1.1\r\nHost: a\r\nContent-Length: " + std::to_string(eval.size()) +
                                         "\r\nContent-Length: 5\r\n\r\n" + eval + hidden);
  CHECK(disagree.starts_with("HTTP/1.1 400"));
  CHECK(answers_in(disagree) == 1);
  CHECK(disagree.find("Connection: Close") != std::string::npos);
  auto both = exchange(s.port(), "POST /v1/eval HTTP/1.1\r\nHost: a\r\nContent-Length: " + std::to_string(eval.size()) +
                                     "\r\nTransfer-Encoding: chunked\r\n\r\n" + eval + hidden);
  CHECK(both.starts_with("HTTP/1.1 400"));
  CHECK(answers_in(both) == 1);
  // Two requests one after the other on one connection still get their two answers.
  const std::string health = "GET /v1/health HTTP/1.1\r\nHost: a\r\n\r\n";
  CHECK(answers_in(exchange(s.port(), health + health)) == 2);
  CHECK(s.healthy());
}

TEST_CASE("service: with a read token, TEMPLATE.VALUE and TEMPLATE.INFO in eval and batch need it too") {
  ServiceOptions options = RunningService::make_options();
  options.read_token = "team-read-token";
  RunningService s(std::move(options));
  const json call = {{"function", "TEMPLATE.VALUE"}, {"args", {"inside_sales.json", "people.annual_salary"}}};
  auto refused = s.eval(call);
  CHECK(refused.status == 400);
  CHECK(refused.json()["error"].get<std::string>().find("needs a token") != std::string::npos);
  const json batch = {{"calls", {call, {{"function", "TEMPLATE.INFO"}, {"args", {"inside_sales.json", "name"}}}}}};
  auto answers = http(s.port(), "POST", "/v1/batch", batch.dump()).json()["results"];
  CHECK(answers[0].contains("error"));
  CHECK(answers[1].contains("error"));
  const std::map<std::string, std::string> token{{"Authorization", "Bearer team-read-token"}};
  CHECK(value_of(http(s.port(), "POST", "/v1/eval", call.dump(), "", token)) == 65000);
  // Functions that read no template need no token.
  CHECK(value_of(s.eval({{"function", "FUNNEL.CAC"}, {"args", {4000, 100}}})) == 40);
}

TEST_CASE("service: refused tokens are counted per address within a window, and the window passes") {
  using alignkit::service::TokenFailures;
  TokenFailures failures(3, std::chrono::seconds(60), 2);
  const auto start = TokenFailures::Clock::now();
  CHECK_FALSE(failures.failed("10.0.0.1", start));
  CHECK_FALSE(failures.failed("10.0.0.1", start));
  CHECK(failures.wait_seconds("10.0.0.1", start) == 0);
  CHECK(failures.failed("10.0.0.1", start));  // the third blocks
  CHECK(failures.wait_seconds("10.0.0.1", start + std::chrono::seconds(10)) == 50);
  CHECK(failures.wait_seconds("10.0.0.2", start) == 0);  // another address is not held up
  CHECK(failures.wait_seconds("10.0.0.1", start + std::chrono::seconds(61)) == 0);  // the window passed
  // Bounded: with every slot taken, the address counted longest ago makes room, so a fresh
  // address is still counted and blocked (it was never counted before: 10,050 addresses got 401 forever).
  CHECK_FALSE(failures.failed("10.0.0.3", start));
  CHECK_FALSE(failures.failed("10.0.0.4", start));
  CHECK_FALSE(failures.failed("10.0.0.5", start));
  CHECK_FALSE(failures.failed("10.0.0.5", start));
  CHECK(failures.failed("10.0.0.5", start));
  CHECK(failures.wait_seconds("10.0.0.5", start) == 60);
}

TEST_CASE("service: one user's sign-ins end only that user's oldest sessions, never someone else's") {
  alignkit::service::Sessions sessions(std::chrono::hours(1), 100, 20);
  const std::string admin = sessions.open({"admin", "digest-a", std::nullopt, {}});
  std::vector<std::string> readers;
  for (int i = 0; i < 10000; ++i) readers.push_back(sessions.open({"reader", "digest-r", std::nullopt, {}}));
  CHECK(sessions.find(admin).has_value());  // before: the 100th sign-in of anyone signed the admin out
  int held = 0;
  for (const auto& id : readers) held += sessions.find(id).has_value() ? 1 : 0;
  CHECK(held == 20);
  CHECK(sessions.find(readers.back()).has_value());     // the newest kept
  CHECK_FALSE(sessions.find(readers.front()).has_value());
}
