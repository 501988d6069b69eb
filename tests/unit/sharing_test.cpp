#include <doctest/doctest.h>

#include <map>

#include "alignkit/sharing.hpp"

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
  StoreResult publish(const std::string& name, int expected, const std::string& document, const VersionInfo& about) override {
    auto& list = versions_[name];
    if (static_cast<int>(list.size()) != expected) return {StoreResult::Outcome::conflict, static_cast<int>(list.size())};
    VersionInfo info = about;
    info.name = name;
    info.version = expected + 1;
    list.push_back({info, document});
    return {expected == 0 ? StoreResult::Outcome::created : StoreResult::Outcome::updated, info.version};
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
  CHECK(updated.kind == Outcome::Kind::updated);
  CHECK(updated.version == 2);
  CHECK(store.latest("inside_sales")->info.message == "ramp of four months");

  auto late = publish(store, "inside_sales", 1, raise, hr, "");
  CHECK(late.kind == Outcome::Kind::conflict);
  CHECK(late.version == 2);
  CHECK(publish(store, "inside_sales", 2, raise, hr, "").kind == Outcome::Kind::unchanged);
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
