// The template service's store over real HTTP on loopback, against the backend named by
// ALIGNKIT_TEST_STORE: "sqlite" (a file in a temporary folder) or "postgresql" (the server that
// tests/server/with_postgres.sh started, in ALIGNKIT_TEST_POSTGRES).
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/SSLManager.h>

#include "commands/admin_commands.hpp"
#include "store_service.hpp"
#include "http_client.hpp"
#include "http/http_service.hpp"
#include "access/authentication.hpp"
#include "store/template_store.hpp"
#include "access/users.hpp"

using namespace alignkit::service;
using nlohmann::json;
namespace fs = std::filesystem;

using namespace alignkit::service::testing;

TEST_CASE("store: publish, read with ETag and If-None-Match, history, each version kept") {
  StoreService s;
  const std::string name = s.fresh_name();
  auto created = s.put(name, sample_template(), s.admin, "", "first version");
  REQUIRE(created.status == 201);
  CHECK(created.reason == "Created");
  CHECK(created.header("ETag") == "\"1\"");

  auto read = s.get("/v1/templates/" + name);
  REQUIRE(read.status == 200);
  CHECK(read.json() == sample_template());
  CHECK(read.header("ETag") == "\"1\"");
  CHECK(read.header("X-Template-Author") == "admin");
  auto unchanged = s.get("/v1/templates/" + name, {{"If-None-Match", "\"1\""}});
  CHECK(unchanged.status == 304);
  CHECK(unchanged.body.empty());

  json edited = sample_template();
  edited["people"]["annual_salary"] = 70000;
  auto updated = s.put(name, edited, s.hr, "\"1\"", "2027 salary band");
  REQUIRE(updated.status == 200);
  CHECK(updated.header("ETag") == "\"2\"");
  CHECK(updated.json()["groups_changed"] == json({"people"}));
  CHECK(s.get("/v1/templates/" + name, {{"If-None-Match", "\"1\""}}).status == 200);

  auto history = s.get("/v1/templates/" + name + "/versions").json()["versions"];
  REQUIRE(history.size() == 2);
  CHECK(history[1]["author"] == "hr");
  CHECK(history[1]["message"] == "2027 salary band");
  CHECK(history[1]["groups_changed"] == json({"people"}));
  CHECK(s.get("/v1/templates/" + name + "/versions/1").json() == sample_template());
  CHECK(s.get("/v1/templates/" + name + "/versions/2").json() == edited);
  CHECK(s.get("/v1/templates/" + name + "/versions/3").status == 404);

  bool listed = false;
  const json list = s.get("/v1/templates").json();
  for (const auto& item : list["templates"]) {
    if (item["name"] == name) listed = item["version"] == 2 && item["author"] == "hr";
  }
  CHECK(listed);
  // The same document again publishes nothing.
  auto same = s.put(name, edited, s.hr, "\"2\"");
  CHECK(same.status == 200);
  CHECK(same.header("ETag") == "\"2\"");
}

TEST_CASE("store: no write without the owner's token") {
  StoreService s;
  const std::string name = s.fresh_name();
  REQUIRE(s.put(name, sample_template(), s.admin).status == 201);
  json edited = sample_template();
  edited["funnel"]["cost_per_click"] = 5.0;

  auto missing = s.put(name, edited, "", "\"1\"");
  CHECK(missing.status == 401);
  CHECK(missing.reason == "Unauthorized");
  CHECK(missing.header("WWW-Authenticate").starts_with("Bearer"));
  CHECK(s.put(name, edited, "ak_" + std::string(64, '0'), "\"1\"").status == 401);
  CHECK(s.put(name, edited, s.hr + "x", "\"1\"").status == 401);

  auto not_owner = s.put(name, edited, s.hr, "\"1\"");
  CHECK(not_owner.status == 403);
  CHECK(not_owner.json()["error"].get<std::string>().find("funnel") != std::string::npos);
  // A new template needs every group it holds.
  auto create_not_owned = s.put(s.fresh_name(), sample_template(), s.sales);
  CHECK(create_not_owned.status == 403);
  CHECK(create_not_owned.json()["error"].get<std::string>().find("people") != std::string::npos);

  REQUIRE(s.users->remove("sales"));
  CHECK(s.put(name, edited, s.sales, "\"1\"").status == 401);  // revoked
  CHECK(s.get("/v1/templates/" + name + "/versions").json()["versions"].size() == 1);  // nothing written
}

TEST_CASE("store: every top-level key has an owner — the template's own fields belong to the group template") {
  StoreService s;
  const std::string name = s.fresh_name();
  REQUIRE(s.put(name, sample_template(), s.admin).status == 201);
  // What a user who owns only people tried, each refused and nothing written.
  std::vector<json> edits(4, sample_template());
  edits[0]["name"] = "Taken over";
  edits[1]["currency"] = "EUR";
  edits[2].erase("name");
  edits[3]["evil"] = 1;
  for (const json& edit : edits) {
    INFO(edit.dump());
    auto refused = s.put(name, edit, s.hr, "\"1\"");
    CHECK(refused.status == 403);
    CHECK(refused.json()["error"] == "hr does not own the group template: ask its owner to publish that change");
  }
  // A top-level key named like a path through a group is refused at the door, for anyone.
  json dotted = sample_template();
  dotted["funnel.cost_per_click"] = 9.99;
  for (const auto& who : {s.hr, s.admin}) {
    auto refused = s.put(name, dotted, who, "\"1\"");
    CHECK(refused.status == 400);
    CHECK(refused.json()["error"].get<std::string>().starts_with("the key /funnel.cost_per_click has a name"));
  }
  CHECK(s.get("/v1/templates/" + name + "/versions").json()["versions"].size() == 1);
  // Whoever owns every group (or the group template) may.
  CHECK(s.put(name, edits[1], s.admin, "\"1\"").status == 200);
}

TEST_CASE("store: GET /v1/me names a token's user and the groups they own, and nothing without one") {
  StoreService s;
  const auto hr = s.get("/v1/me", {{"Authorization", "Bearer " + s.hr}});
  REQUIRE(hr.status == 200);
  CHECK(hr.json() == json({{"name", "hr"}, {"owns", {"people"}}, {"reads_only", false}, {"signed_in", "token"}}));
  CHECK(s.get("/v1/me").status == 401);
  CHECK(s.get("/v1/me", {{"Authorization", "Bearer " + s.hr + "x"}}).status == 401);
  // A new token: the old one stops at once, the new one owns what the old one did.
  std::ostringstream out, err;
  REQUIRE(alignkit::service::run_users({"rotate", "hr", "--users", (s.folder / "users.json").string()}, out, err) == 0);
  const std::string rotated = out.str().substr(0, out.str().find('\n'));
  CHECK(s.get("/v1/me", {{"Authorization", "Bearer " + s.hr}}).status == 401);
  CHECK(s.get("/v1/me", {{"Authorization", "Bearer " + rotated}}).json() == json({{"name", "hr"}, {"owns", {"people"}}, {"reads_only", false}, {"signed_in", "token"}}));
  CHECK(alignkit::service::run_users({"rotate", "nobody", "--users", (s.folder / "users.json").string()}, out, err) == 1);
  REQUIRE(s.users->remove("hr"));
  CHECK(s.get("/v1/me", {{"Authorization", "Bearer " + rotated}}).status == 401);  // revoked at once
}

TEST_CASE("store: a name means one template — the store and the templates folder never shadow each other") {
  StoreService s;
  std::ofstream(s.folder / "templates" / "team.json") << sample_template().dump();
  // Publishing may not take a folder template's name.
  const auto taken = s.put("team.json", sample_template(), s.admin);
  CHECK(taken.status == 409);
  CHECK(taken.json()["error"].get<std::string>().find("templates folder holds 'team.json'") != std::string::npos);
  CHECK(s.get("/v1/templates/team.json").json() == sample_template());  // still the folder's
  // A folder file added after the store had the name: neither is answered as if it were the only one.
  const std::string name = s.fresh_name();
  REQUIRE(s.put(name, sample_template(), s.admin).status == 201);
  json other = sample_template();
  other["people"]["annual_salary"] = 1;
  std::ofstream(s.folder / "templates" / name) << other.dump();
  const auto both = s.get("/v1/templates/" + name);
  CHECK(both.status == 409);
  CHECK(both.json()["error"].get<std::string>().find("both the store and the templates folder") != std::string::npos);
  fs::remove(s.folder / "templates" / name);
  CHECK(s.get("/v1/templates/" + name).json() == sample_template());
}

TEST_CASE("store: repeated refused tokens from one address get 429 with Retry-After, logged by address, never the token; valid tokens pass") {
  StoreService s(false, {}, 4, 5);
  CapturedLog log("alignkit.http");
  const std::string guess = "ak_" + std::string(64, '7');
  const std::string name = s.fresh_name();
  for (int i = 0; i < 5; ++i) CHECK(s.put(name, sample_template(), guess).status == 401);
  const auto blocked = s.put(name, sample_template(), guess);
  CHECK(blocked.status == 429);
  const int retry_after = std::stoi(blocked.header("Retry-After"));
  CHECK((retry_after >= 1 && retry_after <= 60));
  CHECK(s.put(name, sample_template(), "ak_" + std::string(64, '8')).status == 429);  // any wrong token waits
  // A valid token from the same address is never locked out (a colleague behind the same NAT).
  CHECK(s.put(name, sample_template(), s.admin).status == 201);
  CHECK(s.get("/v1/me", {{"Authorization", "Bearer " + s.admin}}).status == 200);
  bool logged = false;
  for (const auto& line : log.lines()) {
    CHECK(line.find(guess) == std::string::npos);
    if (line.find("5 refused tokens from 127.0.0.1") != std::string::npos) logged = true;
  }
  CHECK(logged);
}

TEST_CASE("store: TEMPLATE.VALUE and TEMPLATE.INFO in eval and batch read the published versions") {
  StoreService s;
  const std::string name = s.fresh_name();
  REQUIRE(s.put(name, sample_template(), s.admin).status == 201);
  const auto eval = [&](const std::string& function, const std::string& source, const std::string& key) {
    return http(s.port(), "POST", "/v1/eval", json({{"function", function}, {"args", {source, key}}}).dump());
  };
  CHECK(eval("TEMPLATE.VALUE", name, "people.annual_salary").json()["value"] == 65000);
  json raised = sample_template();
  raised["people"]["annual_salary"] = 70000;
  REQUIRE(s.put(name, raised, s.hr, "\"1\"").status == 200);
  // The next call reads what was just acknowledged; an older version by its number.
  CHECK(eval("TEMPLATE.VALUE", name, "people.annual_salary").json()["value"] == 70000);
  CHECK(eval("TEMPLATE.VALUE", name + "@1", "people.annual_salary").json()["value"] == 65000);
  CHECK(eval("TEMPLATE.INFO", name, "version").json()["value"] == 2);
  CHECK(eval("TEMPLATE.INFO", name, "author").json()["value"] == "hr");
  CHECK(eval("TEMPLATE.INFO", name + "@1", "author").json()["value"] == "admin");
  const auto missing = eval("TEMPLATE.VALUE", name + "@9", "people.annual_salary");
  CHECK(missing.status == 400);
  CHECK(missing.json()["error"].get<std::string>().find("no published version 9") != std::string::npos);
  CHECK(eval("TEMPLATE.VALUE", name + "@x", "people.annual_salary").status == 400);
  const json batch = {{"calls", {{{"function", "TEMPLATE.VALUE"}, {"args", {name, "people.annual_salary"}}},
                                 {{"function", "TEMPLATE.VALUE"}, {"args", {name + "@1", "people.annual_salary"}}}}}};
  const auto both = http(s.port(), "POST", "/v1/batch", batch.dump()).json()["results"];
  CHECK(both[0]["value"] == 70000);
  CHECK(both[1]["value"] == 65000);
}

TEST_CASE("store: optimistic concurrency with If-Match") {
  StoreService s;
  const std::string name = s.fresh_name();
  REQUIRE(s.put(name, sample_template(), s.admin).status == 201);
  json edited = sample_template();
  edited["people"]["ramp_months"] = 4;
  auto without = s.put(name, edited, s.hr);
  CHECK(without.status == 428);
  CHECK(without.reason == "Precondition Required");
  REQUIRE(s.put(name, edited, s.hr, "\"1\"").status == 200);
  json late = sample_template();
  late["people"]["ramp_months"] = 5;
  auto stale = s.put(name, late, s.hr, "\"1\"");
  CHECK(stale.status == 412);
  CHECK(stale.reason == "Precondition Failed");
  CHECK(stale.json()["latest"] == 2);
  CHECK(s.get("/v1/templates/" + name).json()["people"]["ramp_months"] == 4);  // not overwritten
  CHECK(s.put(s.fresh_name(), sample_template(), s.admin, "\"3\"").status == 412);  // no such template yet
  CHECK(s.put(name, edited, s.hr, "three").status == 400);
}

TEST_CASE("store: writers racing on one version — exactly one wins, nothing lost") {
  StoreService s;
  const std::string name = s.fresh_name();
  REQUIRE(s.put(name, sample_template(), s.admin).status == 201);
  constexpr int kWriters = 8;
  constexpr int kRounds = 5;
  for (int round = 0; round < kRounds; ++round) {
    const int base = round + 1;
    std::atomic<int> won{0}, refused{0}, other{0};
    std::atomic<int> winner{-1};
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w] {
        json mine = sample_template();
        mine["people"]["annual_salary"] = 100000 * (round + 1) + w;
        const auto reply = s.put(name, mine, s.hr, "\"" + std::to_string(base) + "\"");
        if (reply.status == 200) {
          ++won;
          winner = w;
        } else if (reply.status == 412) {
          ++refused;
        } else {
          ++other;
        }
      });
    }
    for (auto& t : writers) t.join();
    CHECK(won == 1);
    CHECK(refused == kWriters - 1);
    CHECK(other == 0);
    const auto latest = s.get("/v1/templates/" + name);
    CHECK(latest.header("ETag") == "\"" + std::to_string(base + 1) + "\"");
    CHECK(latest.json()["people"]["annual_salary"] == 100000 * (round + 1) + winner.load());
  }
  CHECK(s.get("/v1/templates/" + name + "/versions").json()["versions"].size() == kRounds + 1);
}

TEST_CASE("store: as many readers as request threads never run the store out of connections") {
  constexpr int kThreads = 8;
  StoreService s(false, {}, kThreads);
  const std::string name = s.fresh_name();
  REQUIRE(s.put(name, sample_template(), s.admin).status == 201);
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < kThreads; ++r) {
    readers.emplace_back([&] {
      for (int i = 0; i < 30; ++i) (s.get("/v1/templates/" + name).status == 200 ? ok : failed)++;
    });
  }
  for (auto& t : readers) t.join();
  CHECK(failed == 0);
  CHECK(ok == kThreads * 30);
}

TEST_CASE("store: hostile names and bodies get a clear 4xx, and the service keeps serving") {
  StoreService s;
  for (const std::string& path : std::vector<std::string>{"/v1/templates/..%2F..%2Fetc%2Fpasswd", "/v1/templates/../../etc/passwd",
                                 "/v1/templates/.hidden", "/v1/templates/a%20b", "/v1/templates/" + std::string(200, 'x')}) {
    const auto reply = s.get(path);
    INFO(path);
    CHECK(reply.status >= 400);
    CHECK(reply.status < 500);
  }
  CHECK(s.put("..", sample_template(), s.admin).status == 400);
  std::map<std::string, std::string> auth{{"Authorization", "Bearer " + s.admin}};
  const std::string name = s.fresh_name();
  CHECK(http(s.port(), "PUT", "/v1/templates/" + name, "{not json", "", auth).status == 400);
  CHECK(http(s.port(), "PUT", "/v1/templates/" + name, "[1,2,3]", "", auth).status == 400);
  CHECK(s.put(name, {{"people", {{"a", 1}}}}, s.admin).status == 400);  // no template_version
  CHECK(s.put(name, {{"template_version", 99}}, s.admin).status == 400);
  json huge = sample_template();
  huge["people"]["notes"] = std::string(1100 * 1024, 'x');
  auto too_large = s.put(name, huge, s.admin);
  CHECK(too_large.status == 413);
  CHECK(too_large.reason == "Request Entity Too Large");
  CHECK(http(s.port(), "DELETE", "/v1/templates/" + name, "", "", auth).status == 405);
  CHECK(s.get("/v1/templates/" + name).status == 404);
  CHECK(s.get("/v1/templates/" + name).reason == "Not Found");
  CHECK(s.get("/v1/health").status == 200);
}

TEST_CASE("store: tokens cross the network only over HTTPS") {
  CHECK(accepts_token_from(Poco::Net::IPAddress("127.0.0.1"), false));
  CHECK(accepts_token_from(Poco::Net::IPAddress("::1"), false));
  CHECK_FALSE(accepts_token_from(Poco::Net::IPAddress("10.1.2.3"), false));
  CHECK_FALSE(accepts_token_from(Poco::Net::IPAddress("192.168.0.7"), false));
  CHECK(accepts_token_from(Poco::Net::IPAddress("10.1.2.3"), true));
}

TEST_CASE("store: HTTPS with the self-signed test certificate") {
  StoreService s(true);
  Poco::Net::initializeSSL();
  Poco::Net::Context::Ptr trusting = new Poco::Net::Context(
      Poco::Net::Context::TLS_CLIENT_USE, "", "", std::string(ALIGNKIT_TEST_DATA_DIR) + "/tls/test-cert.pem",
      Poco::Net::Context::VERIFY_RELAXED, 9, false);
  Poco::Net::HTTPSClientSession session("localhost", s.port(), trusting);
  const auto health = send_request(session, "GET", "/v1/health", "", {});
  CHECK(health.status == 200);
  Poco::Net::HTTPSClientSession publishing("localhost", s.port(), trusting);
  const auto created = send_request(publishing, "PUT", "/v1/templates/" + s.fresh_name(), sample_template().dump(),
                                    {{"Authorization", "Bearer " + s.admin}});
  CHECK(created.status == 201);
  // A client that does not trust the certificate gets no answer at all.
  Poco::Net::Context::Ptr untrusting = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                                              Poco::Net::Context::VERIFY_RELAXED, 9, false);
  Poco::Net::HTTPSClientSession stranger("localhost", s.port(), untrusting);
  CHECK_THROWS(send_request(stranger, "GET", "/v1/health", "", {}));
  // Plain HTTP to the HTTPS port is not served.
  CHECK_THROWS(http(s.port(), "GET", "/v1/health"));
}

TEST_CASE("store: reading with --read-token") {
  StoreService s(false, "team-read-token");
  CHECK(s.get("/v1/templates").status == 401);
  CHECK(s.get("/v1/templates", {{"Authorization", "Bearer team-read-token"}}).status == 200);
  CHECK(s.get("/v1/templates", {{"Authorization", "Bearer " + s.sales}}).status == 200);
}

TEST_CASE("store: refused writes are logged with who, what and why, never the token") {
  const CapturedLog log;
  {
    StoreService s;
    const std::string name = s.fresh_name();
    REQUIRE(s.put(name, sample_template(), s.admin).status == 201);
    json edited = sample_template();
    edited["funnel"]["cost_per_click"] = 9;
    CHECK(s.put(name, edited, s.hr, "\"1\"").status == 403);
    CHECK(s.put(name, edited, s.hr + "0", "\"1\"").status == 401);
    const std::string all = [&] {
      std::string text;
      for (const auto& line : log.lines()) text += line + "\n";
      return text;
    }();
    CHECK(all.find("refused PUT " + name) != std::string::npos);
    CHECK(all.find("by hr") != std::string::npos);
    CHECK(all.find("funnel") != std::string::npos);
    CHECK(all.find(s.hr) == std::string::npos);
    CHECK(all.find(s.admin) == std::string::npos);
  }
}

TEST_CASE("store: If-Match takes the strong ETag exactly as the service sends it") {
  StoreService s;
  const std::string name = s.fresh_name();
  REQUIRE(s.put(name, sample_template(), s.admin).status == 201);
  json edited = sample_template();
  edited["people"]["ramp_months"] = 4;
  for (const std::string tag : {"W/\"1\"", "1", "\"01\"", "\"+1\"", "\"1"}) {
    INFO(tag);
    CHECK(s.put(name, edited, s.hr, tag).status == 400);
  }
  CHECK(s.get("/v1/templates/" + name + "/versions").json()["versions"].size() == 1);
  CHECK(s.put(name, edited, s.hr, "\"1\"").status == 200);
}

TEST_CASE("store: a refused write's log line escapes control characters, so no line can be forged") {
  const CapturedLog log;
  {
    StoreService s;
    const std::string name = s.fresh_name();
    REQUIRE(s.put(name, sample_template(), s.admin).status == 201);
    json forged = sample_template();
    forged["x\nINFO admin published everything\u001b[2J"] = {{"a", 1}};
    CHECK(s.put(name, forged, s.hr, "\"1\"").status == 403);
    REQUIRE_FALSE(log.lines().empty());
    const std::string& line = log.lines().back();
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find('\x1b') == std::string::npos);
    CHECK(line.find("x\\x0aINFO admin published everything\\x1b[2J") != std::string::npos);
  }
}

TEST_CASE("store: a new SQLite store and its write-ahead log are readable by their owner only") {
  if (const char* backend = std::getenv("ALIGNKIT_TEST_STORE"); backend && std::string(backend) != "sqlite") return;
  StoreService s;
  REQUIRE(s.put(s.fresh_name(), sample_template(), s.admin).status == 201);
  for (const char* file : {"store.db", "store.db-wal"}) {
    INFO(file);
    const auto permissions = fs::status(s.folder / file).permissions();
    CHECK((permissions & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
  }
}

namespace {
// Every version of the named templates, as a store holds them.
std::vector<alignkit::sharing::StoredTemplate> versions_of(TemplateStore& store, const std::set<std::string>& names) {
  std::vector<alignkit::sharing::StoredTemplate> found;
  for (auto& version : store.everything().versions) {
    if (names.contains(version.info.name)) found.push_back(std::move(version));
  }
  return found;
}

bool same_versions(const std::vector<alignkit::sharing::StoredTemplate>& a, const std::vector<alignkit::sharing::StoredTemplate>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto &x = a[i].info, &y = b[i].info;
    if (x.name != y.name || x.version != y.version || x.author != y.author || x.updated != y.updated ||
        x.message != y.message || x.groups_changed != y.groups_changed || a[i].document != b[i].document) {
      return false;
    }
  }
  return true;
}

int store_command(std::vector<std::string> args, std::string* said = nullptr) {
  std::ostringstream out, err;
  const int code = alignkit::service::run_store(args, out, err);
  if (said) *said = out.str() + err.str();
  return code;
}
}  // namespace

TEST_CASE("store: backup while serving, restore into a fresh store and copy between stores, every version byte for byte") {
  StoreService s;
  const std::string a = s.fresh_name(), b = s.fresh_name();
  json document = sample_template();
  REQUIRE(s.put(a, document, s.admin, "", "first").status == 201);
  for (int v = 2; v <= 3; ++v) {
    document["people"]["annual_salary"] = 60000 + v;
    REQUIRE(s.put(a, document, s.hr, "\"" + std::to_string(v - 1) + "\"", "band " + std::to_string(v)).status == 200);
  }
  REQUIRE(s.put(b, sample_template(), s.admin).status == 201);
  auto served = TemplateStore::open(store_spec(s.folder), 1);
  const auto originals = versions_of(*served, {a});
  REQUIRE(originals.size() == 3);
  // Proposals to a: one open, one declined with a reason (one approved is version 3's history).
  const auto propose = [&](double salary) {
    json proposed = document;
    proposed["people"]["annual_salary"] = salary;
    return http(s.port(), "POST", "/v1/templates/" + a + "/proposals", proposed.dump(), "",
                {{"Authorization", "Bearer " + s.sales}, {"If-Match", "\"3\""}, {"X-Message", "why not"}}).json()["id"].get<std::int64_t>();
  };
  propose(70000);
  const auto declined = propose(80000);
  REQUIRE(http(s.port(), "POST", "/v1/proposals/" + std::to_string(declined) + "/decline", "", "",
               {{"Authorization", "Bearer " + s.hr}, {"X-Message", "too high"}}).status == 200);
  const auto proposals_of = [&](TemplateStore& store) {
    std::vector<std::string> seen;
    for (const auto& listed : store.proposals(a, true)) {
      const auto p = store.proposal(listed.id);
      seen.push_back(p->author + "|" + p->message + "|" + p->status + "|" + p->decided_by + "|" + p->reason + "|" +
                     p->created + "|" + p->decided + "|" + std::to_string(p->base) + "|" + p->document);
    }
    std::sort(seen.begin(), seen.end());
    return seen;
  };
  const auto original_proposals = proposals_of(*served);
  REQUIRE(original_proposals.size() == 2);

  // Backup while the service runs and publishes.
  const fs::path file = s.folder / "backup.json";
  std::atomic<bool> writing{true};
  std::thread writer([&] {
    json more = sample_template();
    for (int v = 2; writing && v < 50; ++v) {
      more["people"]["annual_salary"] = v;
      if (s.put(b, more, s.hr, "\"" + std::to_string(v - 1) + "\"").status != 200) break;
    }
  });
  const int backed_up = store_command({"backup", file.string(), "--store", store_spec(s.folder)});
  writing = false;
  writer.join();
  REQUIRE(backed_up == 0);
  CHECK((fs::status(file).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);

  // Into a fresh store: every version of a as it was; b's versions as far as the backup saw them.
  const std::string fresh = "sqlite:" + (s.folder / "restored.db").string();
  std::string said;
  REQUIRE(store_command({"restore", file.string(), "--store", fresh}, &said) == 0);
  auto restored = TemplateStore::open(fresh, 1);
  CHECK(same_versions(versions_of(*restored, {a}), originals));
  const auto restored_b = versions_of(*restored, {b});
  auto served_b = versions_of(*served, {b});
  REQUIRE_FALSE(restored_b.empty());
  REQUIRE(served_b.size() >= restored_b.size());
  served_b.resize(restored_b.size());  // what was published after the backup's read is not in it
  CHECK(same_versions(restored_b, served_b));
  CHECK(proposals_of(*restored) == original_proposals);  // with who decided, why and when
  // Restoring again changes nothing and says so.
  CHECK(store_command({"restore", file.string(), "--store", fresh}, &said) == 1);
  CHECK(said.find("already holds it") != std::string::npos);
  CHECK(store_command({"restore", (s.folder / "users.json").string(), "--store", fresh}) == 1);  // not a backup

  // A SQLite store copied into the service's store (PostgreSQL in the PostgreSQL run).
  const std::string source = "sqlite:" + (s.folder / "source.db").string();
  const std::string c = s.fresh_name();
  {
    auto from = TemplateStore::open(source, 1);
    alignkit::sharing::VersionInfo about{c, 0, "sales", "", "imported", {"funnel"}, ""};
    REQUIRE(from->write_next(c, 0, sample_template().dump(), about).version == 1);
    REQUIRE(from->write_next(c, 1, document.dump(), about).version == 2);
  }
  REQUIRE(store_command({"copy", "--store", source, "--to", store_spec(s.folder)}) == 0);
  auto from = TemplateStore::open(source, 1);
  CHECK(same_versions(versions_of(*served, {c}), versions_of(*from, {c})));
  // And back: the service's store copied into a new SQLite file keeps a's proposals.
  const std::string copied = "sqlite:" + (s.folder / "copied.db").string();
  REQUIRE(store_command({"copy", "--store", store_spec(s.folder), "--to", copied}) == 0);
  auto copy = TemplateStore::open(copied, 1);
  CHECK(proposals_of(*copy) == original_proposals);
  CHECK(s.get("/v1/templates/" + c).json() == document);  // served at once
}

TEST_CASE("store: as of a time past 2262, the latest version; before year 1, none (the clock's nanoseconds end in 2262)") {
  StoreService s;
  const std::string name = s.fresh_name();
  REQUIRE(s.put(name, sample_template(), s.admin).status == 201);
  json changed = sample_template();
  changed["people"]["annual_salary"] = 70000;
  REQUIRE(s.put(name, changed, s.hr, "\"1\"").status == 200);
  for (const char* at : {"9999-12-31", "2611-06-28T11:12:04Z", "9999-12-31T23:59:59Z"}) {
    INFO(at);
    const auto read = s.get("/v1/templates/" + name + "?at=" + at);
    CHECK(read.status == 200);
    CHECK(read.header("ETag") == "\"2\"");
  }
  const auto before = s.get("/v1/templates/" + name + "?at=0000-01-01");
  CHECK(before.status == 404);
  CHECK(before.body.find("0000-01-01") != std::string::npos);  // the asked date as asked, not 1753
}
