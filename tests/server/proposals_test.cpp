// Proposals over real HTTP, on the backend ALIGNKIT_TEST_STORE names (SQLite and PostgreSQL), as
// ../shared/spec/templates-service.md writes them: a change to another team's group goes to its
// owners; approved, it is the next version with the proposer as author and the approver as
// approved_by (in the history and in TEMPLATE.INFO); declined with a reason; withdrawn by its
// author; 400, 403, 409 and 412 where the contract says; every step logged, never a token.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "store_service.hpp"

using namespace alignkit::service;
using namespace alignkit::service::testing;

namespace {

struct ProposalService : StoreService {
  std::string planner = users->add("planner", {});  // a reader: owns nothing, proposes

  HttpReply call(const std::string& method, const std::string& path, const std::string& token,
                 const std::string& body = {}, std::map<std::string, std::string> headers = {}) {
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return http(port(), method, path, body, "", std::move(headers));
  }
  HttpReply propose(const std::string& name, const json& document, const std::string& token, int base,
                    const std::string& message = "") {
    std::map<std::string, std::string> headers{{"If-Match", "\"" + std::to_string(base) + "\""}};
    if (!message.empty()) headers["X-Message"] = message;
    return call("POST", "/v1/templates/" + name + "/proposals", token, document.dump(), headers);
  }
  HttpReply decide(std::int64_t id, const std::string& what, const std::string& token, const std::string& message = "") {
    std::map<std::string, std::string> headers;
    if (!message.empty()) headers["X-Message"] = message;
    return call("POST", "/v1/proposals/" + std::to_string(id) + "/" + what, token, "", headers);
  }
  // A template published by the admin, version 1.
  std::string published() {
    const std::string name = fresh_name();
    REQUIRE(put(name, sample_template(), admin).status == 201);
    return name;
  }
};

json with_salary(double salary) {
  json document = sample_template();
  document["people"]["annual_salary"] = salary;
  return document;
}

json body_of(const HttpReply& reply) { return json::parse(reply.body); }

}  // namespace

TEST_CASE("proposals: Sales proposes HR's salary, HR approves, and it is published as Sales' with HR's approval") {
  ProposalService s;
  CapturedLog log;
  const std::string name = s.published();

  // Publishing it directly is refused; proposing it is not.
  CHECK(s.put(name, with_salary(70000), s.sales, "\"1\"").status == 403);
  const auto proposed = s.propose(name, with_salary(70000), s.sales, 1, "market rate moved");
  REQUIRE(proposed.status == 201);
  const json proposal = body_of(proposed);
  CHECK(proposal["name"] == name);
  CHECK(proposal["base"] == 1);
  CHECK(proposal["author"] == "sales");
  CHECK(proposal["message"] == "market rate moved");
  CHECK(proposal["groups"] == json::array({"people"}));
  CHECK(proposal["status"] == "open");
  CHECK(proposal["created"].get<std::string>().ends_with("Z"));
  const std::int64_t id = proposal["id"];

  // Listed while open, read with its changes against its base; nothing published yet.
  const auto listed = body_of(s.get("/v1/templates/" + name + "/proposals"));
  REQUIRE(listed["proposals"].size() == 1);
  CHECK(listed["proposals"][0]["id"] == id);
  CHECK_FALSE(listed["proposals"][0].contains("document"));
  const auto read = body_of(s.get("/v1/proposals/" + std::to_string(id)));
  CHECK(read["document"] == with_salary(70000));
  CHECK(read["changes"] == json::array({{{"key", "people.annual_salary"}, {"path", "/people/annual_salary"}, {"from", 65000}, {"to", 70000}}}));
  CHECK(s.get("/v1/templates/" + name).header("ETag") == "\"1\"");

  // Nobody approves their own proposal, nor one touching a group they do not own; HR can.
  CHECK(s.decide(id, "approve", s.sales).status == 403);
  const auto refused = s.decide(id, "approve", s.planner);
  CHECK(refused.status == 403);
  CHECK(refused.body.find("people") != std::string::npos);
  const auto approved = s.decide(id, "approve", s.hr, "agreed in the pipeline review");
  REQUIRE(approved.status == 200);
  CHECK(approved.header("ETag") == "\"2\"");
  const json decided = body_of(approved);
  CHECK(decided["status"] == "approved");
  CHECK(decided["decided_by"] == "hr");
  CHECK(decided["version"] == 2);

  // The history names both; the template is the proposed document.
  const auto history = body_of(s.get("/v1/templates/" + name + "/versions"))["versions"];
  REQUIRE(history.size() == 2);
  CHECK(history[1]["author"] == "sales");
  CHECK(history[1]["approved_by"] == "hr");
  CHECK(body_of(s.get("/v1/templates/" + name)) == with_salary(70000));
  const auto latest = s.get("/v1/templates/" + name);
  CHECK(latest.header("X-Template-Author") == "sales");
  CHECK(latest.header("X-Template-Approved-By") == "hr");

  // TEMPLATE.INFO says who proposed and who approved, as a workbook reads it.
  const auto info = [&](const std::string& function, const std::string& key) {
    return http(s.port(), "POST", "/v1/eval", json({{"function", function}, {"args", {name, key}}}).dump()).json()["value"];
  };
  CHECK(info("TEMPLATE.INFO", "author") == "sales");
  CHECK(info("TEMPLATE.INFO", "approved_by") == "hr");
  CHECK(info("TEMPLATE.VALUE", "people.annual_salary") == 70000);

  // Only open proposals are decided; the open list is empty, ?status=all keeps it.
  CHECK(s.decide(id, "approve", s.hr).status == 409);
  CHECK(body_of(s.get("/v1/templates/" + name + "/proposals"))["proposals"].empty());
  CHECK(body_of(s.get("/v1/templates/" + name + "/proposals?status=all"))["proposals"].size() == 1);

  // Logged with who and what, never a token.
  const auto& lines = log.lines();
  const auto logged = [&](const std::string& a, const std::string& b) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
      return line.find(a) != std::string::npos && line.find(b) != std::string::npos;
    });
  };
  CHECK(logged("sales", "propos"));
  CHECK(logged("hr", "approv"));
  for (const auto& line : lines) {
    CHECK(line.find(s.sales) == std::string::npos);
    CHECK(line.find(s.hr) == std::string::npos);
  }
}

TEST_CASE("proposals: applied on top when nobody touched its keys since; 409 when someone did") {
  ProposalService s;
  const std::string name = s.published();
  const auto untouched = body_of(s.propose(name, with_salary(70000), s.planner, 1))["id"].get<std::int64_t>();
  const auto clashing = [&] {
    json document = sample_template();
    document["funnel"]["cost_per_click"] = 5.0;
    return body_of(s.propose(name, document, s.planner, 1))["id"].get<std::int64_t>();
  }();
  // Meanwhile Sales publishes the cost per click (version 2).
  json sales_change = sample_template();
  sales_change["funnel"]["cost_per_click"] = 4.5;
  REQUIRE(s.put(name, sales_change, s.sales, "\"1\"").status == 200);

  // The salary proposal touches no key that changed: applied on top, Sales' change kept.
  const auto approved = s.decide(untouched, "approve", s.hr);
  REQUIRE(approved.status == 200);
  CHECK(approved.header("ETag") == "\"3\"");
  const json now = body_of(s.get("/v1/templates/" + name));
  CHECK(now["people"]["annual_salary"] == 70000);
  CHECK(now["funnel"]["cost_per_click"] == 4.5);

  // The cost-per-click proposal changed a key Sales changed since: 409, nothing written.
  const auto conflict = s.decide(clashing, "approve", s.sales);
  CHECK(conflict.status == 409);
  CHECK(body_of(conflict).contains("changes"));
  CHECK(s.get("/v1/templates/" + name).header("ETag") == "\"3\"");
  CHECK(body_of(s.get("/v1/proposals/" + std::to_string(clashing)))["status"] == "open");
}

TEST_CASE("proposals: declined with a reason by an owner, withdrawn by its author only") {
  ProposalService s;
  const std::string name = s.published();
  const auto first = body_of(s.propose(name, with_salary(70000), s.planner, 1))["id"].get<std::int64_t>();
  const auto second = body_of(s.propose(name, with_salary(71000), s.planner, 1))["id"].get<std::int64_t>();

  CHECK(s.decide(first, "decline", s.hr).status == 400);                  // why is required
  CHECK(s.decide(first, "decline", s.sales, "no").status == 403);          // not an owner of people
  const auto declined = s.decide(first, "decline", s.hr, "the band is set for the year");
  REQUIRE(declined.status == 200);
  CHECK(body_of(declined)["status"] == "declined");
  CHECK(body_of(declined)["reason"] == "the band is set for the year");
  CHECK(body_of(declined)["decided_by"] == "hr");

  CHECK(s.call("DELETE", "/v1/proposals/" + std::to_string(second), s.hr).status == 403);  // not its author
  const auto withdrawn = s.call("DELETE", "/v1/proposals/" + std::to_string(second), s.planner);
  REQUIRE(withdrawn.status == 200);
  CHECK(body_of(withdrawn)["status"] == "withdrawn");
  CHECK(s.call("DELETE", "/v1/proposals/" + std::to_string(second), s.planner).status == 409);
  CHECK(s.get("/v1/templates/" + name).header("ETag") == "\"1\"");
}

TEST_CASE("proposals: refused as the contract says — no token, no change, a base that is not a version, bad bodies") {
  ProposalService s;
  const std::string name = s.published();
  CHECK(s.propose(name, with_salary(70000), "", 1).status == 401);
  CHECK(s.propose(name, sample_template(), s.planner, 1).status == 400);        // no change
  CHECK(s.propose(name, with_salary(70000), s.planner, 7).status == 412);       // BASE is not a version
  CHECK(s.call("POST", "/v1/templates/" + name + "/proposals", s.planner, "{not json", {{"If-Match", "\"1\""}}).status == 400);
  CHECK(s.propose(s.fresh_name(), with_salary(70000), s.planner, 1).status == 412);  // no such template: no version 1
  CHECK(s.get("/v1/proposals/999999").status == 404);
  CHECK(s.decide(999999, "approve", s.hr).status == 404);
  // A reader never publishes.
  CHECK(s.put(name, with_salary(70000), s.planner, "\"1\"").status == 403);
}

TEST_CASE("proposals: a key named like a path never lets an approval publish a group its approver does not own") {
  // The attack: with the template at version 2, a reader proposes on base 1 the version-1
  // document plus a top-level "people.monthly_quota"; the owner of `template` approved it, and
  // version 3 had people.monthly_quota = 1 (groups_changed ["people"]).
  ProposalService s;
  const std::string name = s.published();
  const std::string template_owner = s.users->add("template_owner", {"template"});
  REQUIRE(s.put(name, with_salary(70000), s.hr, "\"1\"").status == 200);
  json sneaky = sample_template();
  sneaky["people.monthly_quota"] = 1;
  const auto proposed = s.propose(name, sneaky, s.planner, 1);
  CHECK(proposed.status == 400);
  CHECK(proposed.body.find("/people.monthly_quota") != std::string::npos);
  // Publishing it directly is refused the same way, by anyone.
  CHECK(s.put(name, sneaky, s.admin, "\"2\"").status == 400);
  CHECK(body_of(s.get("/v1/templates/" + name + "/versions"))["versions"].size() == 2);
  // And approval judges what the approved version changes, not the groups stored with the
  // proposal: a template-group proposal approved onto a version where it would also change
  // people needs people's owner.
  json template_change = sample_template();
  template_change["name"] = "Renamed team";
  const auto id = body_of(s.propose(name, template_change, s.planner, 1))["id"].get<std::int64_t>();
  CHECK(s.decide(id, "approve", template_owner).status == 200);  // onto version 2: only `name` changes
  const auto history = body_of(s.get("/v1/templates/" + name + "/versions"))["versions"];
  REQUIRE(history.size() == 3);
  CHECK(history[2]["groups_changed"] == json::array({"name"}));
  CHECK(body_of(s.get("/v1/templates/" + name))["people"]["annual_salary"] == 70000);
}

TEST_CASE("proposals: every message kept is UTF-8, cut on a character's boundary; bytes that are not UTF-8 are refused") {
  ProposalService s;
  const std::string name = s.published();
  // 499 ASCII bytes and an é: the 500-byte cut falls inside it.
  const std::string message = std::string(499, 'a') + "\xc3\xa9";
  const auto proposed = s.propose(name, with_salary(70000), s.planner, 1, message);
  REQUIRE(proposed.status == 201);
  const std::string kept = body_of(proposed)["message"];
  CHECK(kept == std::string(499, 'a'));
  const auto id = body_of(proposed)["id"].get<std::int64_t>();
  CHECK(s.decide(id, "decline", s.hr, std::string(498, 'b') + "\xe2\x82\xac").status == 200);  // € across the cut
  CHECK(body_of(s.get("/v1/proposals/" + std::to_string(id)))["reason"] == std::string(498, 'b'));
  // Raw bytes that are not UTF-8, and a C1 control, are refused with 400, nothing kept.
  // (Not 0xff: Poco's header reader takes that byte for the end of the stream, so it never arrives.)
  const auto raw = s.propose(name, with_salary(71000), s.planner, 1, "bad \xfe\xfd bytes");
  CHECK(raw.status == 400);
  CHECK(raw.body.find("not UTF-8") != std::string::npos);
  CHECK(s.propose(name, with_salary(71000), s.planner, 1, "csi \xc2\x9b" "2J").status == 400);
  CHECK(s.put(name, with_salary(72000), s.hr, "\"1\"", "bad \xfe").status == 400);
  CHECK(body_of(s.get("/v1/templates/" + name + "/proposals?status=all"))["proposals"].size() == 1);
}

TEST_CASE("proposals: one user cannot fill the store — open proposals, their size and how many an hour are capped") {
  ProposalService s;
  const std::string name = s.published();
  // A name of its own: on PostgreSQL the store (and so who has what open) is shared by every test.
  const std::string filler = s.users->add("filler" + random_suffix(), {});
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 20; ++i) {
    const auto made = s.propose(name, with_salary(60000 + i), filler, 1);
    REQUIRE(made.status == 201);
    ids.push_back(body_of(made)["id"].get<std::int64_t>());
  }
  const auto twenty_first = s.propose(name, with_salary(59000), filler, 1);
  CHECK(twenty_first.status == 429);
  CHECK(twenty_first.body.find("20 open proposals") != std::string::npos);
  // Another user is not held by the planner's; withdrawing one makes room again.
  CHECK(s.propose(name, with_salary(58000), s.sales, 1).status == 201);
  REQUIRE(s.call("DELETE", "/v1/proposals/" + std::to_string(ids.front()), filler).status == 200);
  const auto again = s.propose(name, with_salary(57000), filler, 1);
  CHECK(again.status == 201);
  ids.push_back(body_of(again)["id"].get<std::int64_t>());
  // A proposal past 256 KiB: 413 in words.
  json large = with_salary(56000);
  large["description"] = std::string(300 * 1024, 'x');
  const auto too_large = s.propose(name, large, s.sales, 1);
  CHECK(too_large.status == 413);
  CHECK(too_large.body.find("256 KiB") != std::string::npos);
  // 60 an hour, withdrawn or not: made and withdrawn, then the next one waits.
  for (std::size_t i = 1; i < ids.size(); ++i) {
    REQUIRE(s.call("DELETE", "/v1/proposals/" + std::to_string(ids[i]), filler).status == 200);
  }
  for (int made = 21; made < 60; ++made) {
    const auto one = s.propose(name, with_salary(40000 + made), filler, 1);
    REQUIRE_MESSAGE(one.status == 201, one.body);
    REQUIRE(s.call("DELETE", "/v1/proposals/" + std::to_string(body_of(one)["id"].get<std::int64_t>()), filler).status == 200);
  }
  const auto sixty_first = s.propose(name, with_salary(39000), filler, 1);
  CHECK(sixty_first.status == 429);
  CHECK(sixty_first.body.find("60 proposals within the hour") != std::string::npos);
  CHECK_FALSE(sixty_first.header("Retry-After").empty());
}
