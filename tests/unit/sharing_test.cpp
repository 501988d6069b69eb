#include <doctest/doctest.h>

#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/template_changes.hpp"

using namespace alignkit::sharing;
using nlohmann::json;

namespace {
// Versions kept in memory: the publisher's rules without a database.
class MemoryStore final : public VersionStore {
 public:
  std::optional<StoredTemplate> latest(const std::string& name) override {
    const auto found = versions_.find(name);
    if (found == versions_.end() || found->second.empty()) return std::nullopt;
    return found->second.back();
  }
  StoreWrite write_next(const std::string& name, Version expected, const std::string& document, const VersionInfo& about) override {
    auto& list = versions_[name];
    if (static_cast<Version>(list.size()) != expected) return {StoreWrite::Result::conflict, static_cast<Version>(list.size())};
    VersionInfo info = about;
    info.name = name;
    info.version = expected + 1;
    list.push_back({info, document});
    return {expected == 0 ? StoreWrite::Result::created : StoreWrite::Result::next, info.version};
  }

 private:
  std::map<std::string, std::vector<StoredTemplate>> versions_;
};

const json kFirst = {{"template_version", 1}, {"name", "Inside sales"}, {"people", {{"ramp_months", 3}}},
                     {"funnel", {{"cost_per_click", 4.22}}}};
}  // namespace

TEST_CASE("sharing: ETags and versions") {
  CHECK(etag(3) == "\"3\"");
  CHECK(version_of("\"3\"") == 3);
  CHECK(version_of("12") == 12);
  CHECK_FALSE(version_of("\"0\""));
  CHECK_FALSE(version_of("3x"));
  CHECK_FALSE(version_of(""));
  // Past the store's 32-bit range: refused, never taken modulo 2^32 (4294967297 is not 1).
  CHECK_FALSE(version_of("4294967297"));
  CHECK_FALSE(version_of("2147483648"));
  CHECK(version_of("2147483647") == 2147483647);
  CHECK_FALSE(version_of("+3"));
  // A version as a number (TEMPLATE.INFO's): whole, from 1, within the range.
  CHECK(version_from_number(3) == 3);
  CHECK(version_from_number(2147483647) == 2147483647);
  CHECK_FALSE(version_from_number(0));
  CHECK_FALSE(version_from_number(2.5));
  CHECK_FALSE(version_from_number(2147483648.0));
  CHECK_FALSE(version_from_number(std::numeric_limits<double>::quiet_NaN()));
  CHECK(if_match_version("\"3\"") == 3);
  CHECK_FALSE(if_match_version("\"03\""));
  CHECK_FALSE(if_match_version("W/\"3\""));
}

TEST_CASE("sharing: one table of statuses, read both ways") {
  // The service answers each outcome with its status, and its client reads the status back as
  // the outcome: both from kOutcomeStatuses. Written out here by hand, as the protocol says.
  const std::pair<Outcome::Kind, int> expected[] = {
      {Outcome::Kind::created, 201},      {Outcome::Kind::done, 200},        {Outcome::Kind::version_required, 428},
      {Outcome::Kind::conflict, 412},     {Outcome::Kind::forbidden, 403},      {Outcome::Kind::unauthorized, 401},
      {Outcome::Kind::not_found, 404},    {Outcome::Kind::invalid, 400},        {Outcome::Kind::too_large, 413},
      {Outcome::Kind::closed, 409},       {Outcome::Kind::throttled, 429},
  };
  for (const auto& [kind, status] : expected) {
    CAPTURE(status);
    CHECK(status_of(kind) == status);
    CHECK(outcome_of(status) == kind);
  }
  // unchanged shares 200 with updated; a client tells them apart by the version.
  CHECK(status_of(Outcome::Kind::unchanged) == 200);
  CHECK(outcome_of(200) == Outcome::Kind::done);
  CHECK(outcome_of(500) == Outcome::Kind::unexpected);
  CHECK(outcome_of(418) == Outcome::Kind::unexpected);
  CHECK(status_of(Outcome::Kind::unreachable) == 500);
}

TEST_CASE("sharing: routes and headers") {
  CHECK(path(RouteName::template_read, {"inside_sales"}) == "/v1/templates/inside_sales");
  CHECK(path(RouteName::template_versions, {"a"}) == "/v1/templates/a/versions");
  CHECK(path(RouteName::template_version, {"a", "3"}) == "/v1/templates/a/versions/3");
  CHECK(path(RouteName::proposal_create, {"a"}) == "/v1/templates/a/proposals");
  CHECK(path(RouteName::proposal_approve, {"12"}) == "/v1/proposals/12/approve");
  CHECK(path(RouteName::health) == "/v1/health");
  // A name is one segment whatever it holds; a wrong count of parameters is the caller's mistake.
  CHECK(path(RouteName::template_read, {"a/b?c d"}) == "/v1/templates/a%2Fb%3Fc%20d");
  CHECK_THROWS_AS(path(RouteName::template_version, {"a"}), std::invalid_argument);
  CHECK_THROWS_AS(path(RouteName::health, {"a"}), std::invalid_argument);
  // One row per name, in the enum's order; a method and a pattern once each.
  std::set<std::string> seen;
  for (const auto& row : kRoutes) {
    CHECK(&route(row.name) == &row);
    CHECK(seen.insert(std::string(row.method) + " " + std::string(row.pattern)).second);
  }
  CHECK(bearer("ak_1") == "Bearer ak_1");
  CHECK(token_of("Bearer ak_1") == "ak_1");
  CHECK_FALSE(token_of("Basic xyz"));
  CHECK_FALSE(token_of("Bearer "));
}

TEST_CASE("sharing: text that reaches a header, a log or a terminal") {
  CHECK_FALSE(control_character_in("2027 salary band, ü"));
  CHECK(control_character_in("hr\r\nSet-Cookie: x") == "a control character (0x0d)");
  CHECK(control_character_in("\x1b]0;title\x07") == "a control character (0x1b)");
  CHECK(printable("a\nb\x1b") == "a\\x0ab\\x1b");
  // A C1 control (U+009B is a terminal's CSI, as ESC [ is) and bytes that are not UTF-8.
  CHECK(control_character_in("title \xc2\x9b" "2J") == "a control character (U+009B)");
  CHECK(control_character_in("ok \xff\xfe") == "bytes that are not UTF-8 text (at byte 3)");
  CHECK(control_character_in("cut \xc3") == "bytes that are not UTF-8 text (at byte 4)");
  CHECK(control_character_in("\xed\xa0\x80") == "bytes that are not UTF-8 text (at byte 0)");  // a surrogate
  CHECK_FALSE(control_character_in("\xc2\xa0 no-break space, \xe2\x82\xac, \xf0\x9f\x98\x80"));
  CHECK(printable("a\xc2\x9b" "b\xff") == "a\\u009bb\\xff");
  CHECK(printable("\xc3\xa9t\xc3\xa9") == "\xc3\xa9t\xc3\xa9");
}

TEST_CASE("sharing: a message is cut to 500 bytes on a character's boundary, wherever the cut falls") {
  // Characters of one to four bytes at every cut point around 500 (the issue: the 500th an é).
  for (const std::string piece : {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"}) {
    for (std::size_t ascii = 490; ascii <= 500; ++ascii) {
      const std::string text = std::string(ascii, 'a') + piece + piece + "tail";
      const std::string kept = kept_message(text);
      CHECK(kept.size() <= kMaxMessageLength);
      CHECK_FALSE(control_character_in(kept));  // still UTF-8
      CHECK(text.starts_with(kept));
      if (kept == text) continue;  // short enough to keep whole
      // Nothing more was dropped than the character the cut fell in.
      const auto lead = static_cast<unsigned char>(text[kept.size()]);
      const std::size_t next = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      CHECK(kept.size() + next > kMaxMessageLength);
    }
  }
  CHECK(kept_message("short") == "short");
}

TEST_CASE("sharing: times as the store writes and compares them") {
  using namespace std::chrono;
  CHECK(alignkit::sharing::utc_time(sys_days{2026y / 3 / 31} + 23h + 59min + 59s) == "2026-03-31T23:59:59Z");
  CHECK(is_utc_time("2026-03-31T23:59:59Z"));
  CHECK_FALSE(is_utc_time("2026-03-31T23:59:59+00:00"));
  CHECK_FALSE(is_utc_time("2026-02-30T00:00:00Z"));
  CHECK_FALSE(is_utc_time("2026-03-31T23:59:59Z\r\nX: y"));
  CHECK(utc_instant("2026-03-31") == "2026-03-31T23:59:59Z");  // a date: the end of that day, UTC
  CHECK(utc_instant("2026-03-31T12:00:00Z") == "2026-03-31T12:00:00Z");
  CHECK(utc_instant("2026-03-31T12:00:00.75Z") == "2026-03-31T12:00:00Z");
  CHECK(utc_instant("2026-03-31T14:00:00+02:00") == "2026-03-31T12:00:00Z");
  CHECK(utc_instant("2026-01-01T01:00:00+02:00") == "2025-12-31T23:00:00Z");
  // Past 2262 (where the clock's nanoseconds end) and back to year 0: the instant as written.
  CHECK(utc_instant("2611-06-28T11:12:04Z") == "2611-06-28T11:12:04Z");
  CHECK(utc_instant("9999-12-31") == "9999-12-31T23:59:59Z");
  CHECK(utc_instant("0000-01-01") == "0000-01-01T23:59:59Z");
  CHECK(utc_instant("9999-12-31T23:00:00-02:00") == "9999-12-31T23:59:59Z");  // held at the last second
  CHECK(utc_instant("0000-01-01T00:30:00+01:00") == "0000-01-01T00:00:00Z");
  CHECK(alignkit::sharing::utc_time(sys_days{9999y / 12 / 31} + 23h + 59min + 59s) == "9999-12-31T23:59:59Z");
  CHECK_FALSE(utc_instant("2026-13-01"));
  CHECK_FALSE(utc_instant("31.03.2026"));
  CHECK_FALSE(utc_instant("46022"));
  CHECK_FALSE(utc_instant(""));
}

TEST_CASE("sharing: the groups a change touches") {
  json after = kFirst;
  after["people"]["ramp_months"] = 4;
  after.erase("funnel");
  after["goals"] = json::object();
  CHECK(changed_groups(kFirst, after) == std::vector<std::string>{"funnel", "goals", "people"});
  CHECK(changed_groups(kFirst, kFirst).empty());
}

TEST_CASE("sharing: publishing gives a typed outcome") {
  MemoryStore store;
  const Owner admin{"admin", {"*"}};
  const Owner hr{"hr", {"people"}};
  const Owner sales{"sales", {"funnel"}};

  auto created = publish(store, "inside_sales", std::nullopt, kFirst, admin, "first");
  CHECK(created.kind == Outcome::Kind::created);
  CHECK(created.version == 1);

  json raise = kFirst;
  raise["people"]["ramp_months"] = 4;
  CHECK(publish(store, "inside_sales", std::nullopt, raise, hr, "").kind == Outcome::Kind::version_required);
  auto refused = publish(store, "inside_sales", 1, raise, sales, "");
  CHECK(refused.kind == Outcome::Kind::forbidden);
  CHECK(refused.message == "sales does not own the group people: ask its owner to publish that change");
  CHECK(refused.groups_changed == std::vector<std::string>{"people"});

  auto updated = publish(store, "inside_sales", 1, raise, hr, "ramp of four months");
  CHECK(updated.kind == Outcome::Kind::done);
  CHECK(updated.version == 2);
  CHECK(store.latest("inside_sales")->info.message == "ramp of four months");

  auto late = publish(store, "inside_sales", 1, raise, hr, "");
  CHECK(late.kind == Outcome::Kind::conflict);
  CHECK(late.version == 2);
  CHECK(publish(store, "inside_sales", 2, raise, hr, "").kind == Outcome::Kind::unchanged);
  // A message that would forge a header or a terminal line is refused, nothing stored.
  json other = raise;
  other["people"]["ramp_months"] = 5;
  const auto forged = publish(store, "inside_sales", 2, other, hr, "ok\r\nSet-Cookie: x=1");
  CHECK(forged.kind == Outcome::Kind::invalid);
  CHECK(store.latest("inside_sales")->info.version == 2);
  // Approving a proposal: the version is the proposer's, approved by the publisher.
  const auto approved = publish(store, "inside_sales", 2, other, hr, "ramp of five", "sales");
  CHECK(approved.kind == Outcome::Kind::done);
  CHECK(store.latest("inside_sales")->info.author == "sales");
  CHECK(store.latest("inside_sales")->info.approved_by == "hr");
  CHECK(publish(store, "new_one", 1, kFirst, admin, "").kind == Outcome::Kind::conflict);
  // A new template needs every group it holds.
  CHECK(publish(store, "new_one", std::nullopt, kFirst, hr, "").kind == Outcome::Kind::forbidden);
}

TEST_CASE("sharing: every top-level key has an owner, object or not, new or deleted") {
  const Owner hr{"hr", {"people"}};
  const Owner editor{"editor", {"template"}};
  const auto refused = [&](const Owner& who, const json& after) {
    return refusal(who, kFirst, after, changed_groups(kFirst, after));
  };
  json currency = kFirst;
  currency["currency"] = "EUR";
  CHECK(refused(hr, currency) == "hr does not own the group template: ask its owner to publish that change");
  CHECK_FALSE(refused(editor, currency));
  json renamed = kFirst;
  renamed["name"] = "Evil";
  CHECK(refused(hr, renamed));
  json dropped = kFirst;
  dropped.erase("name");
  CHECK(refused(hr, dropped));
  json added = kFirst;
  added["evil"] = 1;
  added["funnel.cost_per_click"] = 9.99;
  CHECK(refused(hr, added) == "hr does not own the group template: ask its owner to publish that change");
  json people_gone = kFirst;
  people_gone["people"] = 5;  // a group turned into a number is still the group's change
  CHECK_FALSE(refused(hr, people_gone));
  json funnel_too = kFirst;
  funnel_too["funnel"]["cost_per_click"] = 9;
  funnel_too["currency"] = "EUR";
  CHECK(refused(hr, funnel_too) == "hr does not own the groups template, funnel: ask its owner to publish that change");
}

TEST_CASE("sharing: a key named with a dot is one key, never a path through groups") {
  using alignkit::templates::ambiguous_key_in;
  using alignkit::templates::key_changes;
  using alignkit::templates::reapply_changes;
  const json base = {{"template_version", 1}, {"people", {{"annual_salary", 65000}}}};
  json mine = base;
  mine["people.monthly_quota"] = 1;  // the proposal: a top-level key that reads like people/monthly_quota
  json latest = base;
  latest["people"]["annual_salary"] = 70000;
  const auto changes = key_changes(base, mine);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].path.to_string() == "/people.monthly_quota");
  // Carried onto a newer version it stays where it was: the template group, not people.
  const json merged = reapply_changes(base, mine, latest);
  CHECK(merged["people.monthly_quota"] == 1);
  CHECK_FALSE(merged["people"].contains("monthly_quota"));
  CHECK(merged["people"]["annual_salary"] == 70000);
  CHECK(touched_groups(latest, merged) == std::vector<std::string>{"template"});
  // And such a name is refused where a document enters the store: named as a JSON Pointer.
  CHECK(ambiguous_key_in(mine) == "/people.monthly_quota");
  CHECK(ambiguous_key_in(json{{"people", {{"", 1}}}}) == "/people/");
  CHECK(ambiguous_key_in(json{{"a/b", {{"x.y~", 1}}}}) == "/a~1b/x.y~0");
  CHECK_FALSE(ambiguous_key_in(base));
  MemoryStore store;
  const auto outcome = publish(store, "t", std::nullopt, mine, Owner{"admin", {"*"}}, "", "");
  CHECK(outcome.kind == Outcome::Kind::invalid);
  CHECK(outcome.message.find("/people.monthly_quota") != std::string::npos);
}
