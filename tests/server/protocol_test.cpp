// Every route of the protocol's table (alignkit/sharing/routes.hpp), driven through the one client
// (client::TemplateClient) against the real service on the backend ALIGNKIT_TEST_STORE names
// (SQLite and PostgreSQL). The service says at debug level which route answered each request, so
// a client call that reaches another route than the one it is listed for fails here, and a route
// of the table that no client call reaches fails by its name.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>

#include <Poco/Message.h>

#include "alignkit/sharing/sharing.hpp"
#include "store_service.hpp"
#include "template_client.hpp"

using namespace alignkit::service;
using namespace alignkit::service::testing;
namespace sharing = alignkit::sharing;
using alignkit::client::TemplateClient;
using alignkit::client::TransportOptions;
using sharing::Outcome;
using sharing::RouteName;

namespace {

// The service's request log at debug level while this lives: one line per request, naming its route.
class RouteLog {
 public:
  RouteLog() : logger_(Poco::Logger::get("alignkit.http")), level_(logger_.getLevel()) {
    logger_.setLevel(Poco::Message::PRIO_DEBUG);
  }
  ~RouteLog() { logger_.setLevel(level_); }
  [[nodiscard]] std::size_t size() const { return captured_.lines().size(); }
  // The routes that answered since line `from`.
  [[nodiscard]] std::vector<std::string> routes_since(std::size_t from) const {
    std::vector<std::string> routes;
    const auto& lines = captured_.lines();
    for (std::size_t i = from; i < lines.size(); ++i) {
      const auto at = lines[i].rfind(" by route ");
      if (at != std::string::npos) routes.push_back(lines[i].substr(at + 10));
    }
    return routes;
  }

 private:
  CapturedLog captured_{"alignkit.http"};
  Poco::Logger& logger_;
  int level_;
};

json with_salary(double salary) {
  json document = sample_template();
  document["people"]["annual_salary"] = salary;
  return document;
}

}  // namespace

TEST_CASE("protocol: every route of the table answers the one client's call for it, on this store") {
  StoreService s;
  const std::string origin = "http://127.0.0.1:" + std::to_string(s.port());
  const auto client = [&](const std::string& token) {
    TransportOptions options;
    options.token = token;
    return TemplateClient(origin, options);
  };
  const TemplateClient admin = client(s.admin), hr = client(s.hr), sales = client(s.sales), anyone = client("");
  const std::string name = s.fresh_name();
  const auto with = [](const std::string& token) { return std::map<std::string, std::string>{{"Authorization", "Bearer " + token}}; };

  // What the calls need, made with plain HTTP before any is checked: versions 1 and 2 and three
  // open proposals by Sales on HR's salary (one to approve, one to decline, one to withdraw).
  REQUIRE(s.put(name, sample_template(), s.admin).status == 201);
  REQUIRE(s.put(name, with_salary(66000), s.admin, "\"1\"").status == 200);
  std::vector<std::int64_t> open;
  for (const double salary : {70000.0, 71000.0, 72000.0}) {
    auto headers = with(s.sales);
    headers["If-Match"] = "\"2\"";
    const auto made = http(s.port(), "POST", "/v1/templates/" + name + "/proposals", with_salary(salary).dump(), "", headers);
    REQUIRE(made.status == 201);
    open.push_back(made.json()["id"].get<std::int64_t>());
  }
  const std::string to_approve = std::to_string(open[0]);

  RouteLog log;
  alignkit::client::Session session;
  // Each route's call, with what its answer must hold (values fixed here, never from the code under test).
  const std::map<RouteName, std::function<void()>> calls = {
      {RouteName::health, [&] {
         const auto answer = anyone.health();
         REQUIRE(answer.ok());
         CHECK(answer.value.status == "ok");
         CHECK(answer.value.version == ALIGNKIT_VERSION);
       }},
      {RouteName::functions, [&] {
         const auto answer = anyone.functions();
         REQUIRE(answer.ok());
         CHECK(std::any_of(answer.value.begin(), answer.value.end(), [](const json& f) { return f["name"] == "FUNNEL.BUDGET"; }));
       }},
      {RouteName::eval, [&] {
         // The README's example: 100 units through 2 %, 5 %, 20 % at 0.008 a click is 4,000.
         const auto answer = anyone.evaluate({{"function", "FUNNEL.BUDGET"}, {"args", {100, {0.02, 0.05, 0.2}, 0.008}}});
         REQUIRE(answer.ok());
         CHECK(answer.value["value"].get<double>() == doctest::Approx(4000));
       }},
      {RouteName::batch, [&] {
         const auto answer = anyone.evaluate_batch(
             {{"calls", {{{"function", "FUNNEL.BUDGET"}, {"args", {100, {0.02, 0.05, 0.2}, 0.008}}},
                         {{"function", "FUNNEL.BUDGET"}, {"args", {100, {0.02, 0.05, 2}, 0.008}}}}}});
         REQUIRE(answer.ok());
         CHECK(answer.value["results"][0]["value"].get<double>() == doctest::Approx(4000));
         CHECK(answer.value["results"][1].contains("error"));  // a rate of 200 %
       }},
      {RouteName::me, [&] {
         const auto answer = hr.me();
         REQUIRE(answer.ok());
         CHECK(answer.value.name == "hr");
         CHECK(answer.value.owns == std::vector<std::string>{"people"});
         CHECK_FALSE(answer.value.reads_only);
       }},
      {RouteName::owners, [&] {
         const auto answer = hr.owners();
         REQUIRE(answer.ok());
         std::map<std::string, std::vector<std::string>> owns;
         for (const auto& user : answer.value) owns[user.name] = user.owns;
         CHECK(owns["sales"] == std::vector<std::string>{"funnel", "goals"});
         CHECK(owns["admin"] == std::vector<std::string>{"*"});
       }},
      {RouteName::session_open, [&] {
         const auto answer = hr.sign_in();
         REQUIRE(answer.ok());
         session = answer.value;
         CHECK(session.cookie.starts_with("alignkit_session="));
         CHECK(http(s.port(), "GET", "/v1/me", "", "", {{"Cookie", session.cookie}}).status == 200);
       }},
      {RouteName::session_close, [&] {
         REQUIRE(anyone.sign_out(session).ok());
         CHECK(http(s.port(), "GET", "/v1/me", "", "", {{"Cookie", session.cookie}}).status == 401);
       }},
      {RouteName::templates, [&] {
         const auto answer = anyone.list();
         REQUIRE(answer.ok());
         const auto found = std::find_if(answer.value.begin(), answer.value.end(), [&](const auto& t) { return t.name == name; });
         REQUIRE(found != answer.value.end());
         CHECK(found->source == "store");
         CHECK(found->latest.version == 2);
         CHECK(found->latest.author == "admin");
       }},
      {RouteName::template_read, [&] {
         const auto answer = anyone.read(name);
         REQUIRE(answer.ok());
         CHECK(answer.value.info.version == 2);
         CHECK(answer.value.document["people"]["annual_salary"] == 66000);
         CHECK(anyone.read(name, 2).outcome.kind == Outcome::Kind::unchanged);  // If-None-Match: 304
         const auto at = anyone.read_at(name, "9999-12-31");
         REQUIRE(at.ok());
         CHECK(at.value.info.version == 2);
       }},
      {RouteName::template_publish, [&] {
         const auto answer = hr.publish(name, 2, with_salary(67000).dump(), "2027 band");
         REQUIRE(answer.ok());
         CHECK(answer.value == 3);
         CHECK(answer.outcome.groups_changed == std::vector<std::string>{"people"});
         CHECK(sales.publish(name, 3, with_salary(1).dump()).outcome.kind == Outcome::Kind::forbidden);
       }},
      {RouteName::template_versions, [&] {
         const auto answer = anyone.history(name);
         REQUIRE(answer.ok());
         REQUIRE(answer.value.size() == 3);
         CHECK(answer.value.back().version == 3);
         CHECK(answer.value.back().author == "hr");
         CHECK(answer.value.back().message == "2027 band");
         CHECK(sharing::is_utc_time(answer.value.back().updated));
       }},
      {RouteName::template_version, [&] {
         const auto answer = anyone.read_version(name, 1);
         REQUIRE(answer.ok());
         CHECK(answer.value.document["people"]["annual_salary"] == 65000);
         CHECK(anyone.read_version(name, 9).outcome.kind == Outcome::Kind::not_found);
       }},
      {RouteName::template_changes, [&] {
         const auto answer = anyone.changes(name, 1, 3);
         REQUIRE(answer.ok());
         REQUIRE(answer.value.changes.size() == 1);
         const auto& change = answer.value.changes[0];
         CHECK(change.key == "people.annual_salary");
         CHECK(change.path.to_string() == "/people/annual_salary");
         CHECK(change.from == json(65000));
         CHECK(change.to == json(67000));
       }},
      {RouteName::template_effects, [&] {
         const auto answer = anyone.effects(name, 1, with_salary(80000).dump());
         REQUIRE(answer.ok());
         CHECK(answer.value.base == 1);
         for (const auto& effect : answer.value.effects) {
           CAPTURE(effect.what);
           CHECK_FALSE(effect.call.is_null());
         }
       }},
      {RouteName::proposal_create, [&] {
         const auto answer = sales.propose(name, 3, with_salary(75000).dump(), "the market moved");
         REQUIRE(answer.ok());
         CHECK(answer.outcome.kind == Outcome::Kind::created);
         CHECK(answer.value.status == "open");
         CHECK(answer.value.groups == std::vector<std::string>{"people"});
         CHECK(answer.value.message == "the market moved");
       }},
      {RouteName::proposals, [&] {
         const auto answer = hr.proposals(name);
         REQUIRE(answer.ok());
         REQUIRE(answer.value.size() == 4);
         CHECK(answer.value.front().author == "sales");
       }},
      {RouteName::proposal_read, [&] {
         const auto answer = hr.proposal(open[0]);
         REQUIRE(answer.ok());
         CHECK(answer.value.base == 2);
         CHECK(answer.value.document["people"]["annual_salary"] == 70000);
         REQUIRE(answer.value.changes.size() == 1);
         CHECK(answer.value.changes[0].path.to_string() == "/people/annual_salary");
         CHECK(answer.value.changes[0].to == json(70000));
       }},
      {RouteName::proposal_withdraw, [&] {
         CHECK(hr.withdraw(open[2]).outcome.kind == Outcome::Kind::forbidden);  // only its author
         const auto answer = sales.withdraw(open[2]);
         REQUIRE(answer.ok());
         CHECK(answer.value.status == "withdrawn");
       }},
      {RouteName::proposal_approve, [&] {
         // Its key moved on since its base (version 3 changed the salary): 409, nothing written.
         CHECK(hr.approve(open[0]).outcome.kind == Outcome::Kind::closed);
         const auto fresh = sales.propose(name, 3, with_salary(68000).dump());
         REQUIRE(fresh.ok());
         const auto answer = hr.approve(fresh.value.id, "fine");
         REQUIRE(answer.ok());
         CHECK(answer.value.status == "approved");
         CHECK(answer.value.version == 4);
         CHECK(anyone.read(name).value.info.author == "sales");
       }},
      {RouteName::proposal_decline, [&] {
         const auto answer = hr.decline(open[1], "not this year");
         REQUIRE(answer.ok());
         CHECK(answer.value.status == "declined");
         CHECK(answer.value.decided_by == "hr");
         CHECK(answer.value.reason == "not this year");
       }},
      {RouteName::metrics, [&] {
         const auto answer = anyone.metrics();  // this machine may read them
         REQUIRE(answer.ok());
         CHECK(answer.value.find("alignkit_http_requests_total{route=\"/v1/templates/{name}\"") != std::string::npos);
       }},
  };

  for (const auto& route : sharing::kRoutes) {
    CAPTURE(route.id);
    if (route.audience == sharing::Audience::browser) {
      // The page's own files are fetched by the browser, not the client (tests/page drives them).
      const std::size_t mark = log.size();
      const std::string page_path = route.name == RouteName::page ? sharing::path(route.name) : sharing::path(route.name, {"index.html"});
      http(s.port(), std::string(route.method), page_path);
      CHECK(log.routes_since(mark) == std::vector<std::string>{std::string(route.id)});
      continue;
    }
    const auto call = calls.find(route.name);
    if (call == calls.end()) {
      FAIL_CHECK("the route " << route.id << " (" << route.method << " " << route.pattern << ") has no call in the client");
      continue;
    }
    const std::size_t mark = log.size();
    call->second();
    const auto answered = log.routes_since(mark);
    CHECK_MESSAGE(std::find(answered.begin(), answered.end(), std::string(route.id)) != answered.end(),
                  "the client's call for " << route.id << " was answered by other routes only");
  }
}
