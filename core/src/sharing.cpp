#include "alignkit/sharing.hpp"

#include <algorithm>
#include <charconv>
#include <set>

namespace alignkit::sharing {
namespace {
using nlohmann::json;

bool is_group(const json& document, const std::string& key) { return document.contains(key) && document[key].is_object(); }

void add_once(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}
}  // namespace

std::string etag(long long version) { return "\"" + std::to_string(version) + "\""; }

std::optional<int> if_match_version(std::string_view tag) {
  const auto version = version_of(tag);
  if (!version || tag != etag(*version)) return std::nullopt;
  return version;
}

std::optional<int> version_of(std::string_view tag) {
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
  int version = 0;
  const auto [end, error] = std::from_chars(tag.data(), tag.data() + tag.size(), version);
  if (error != std::errc() || end != tag.data() + tag.size() || tag.empty() || version < 1) return std::nullopt;
  return version;
}

std::vector<std::string> changed_groups(const json& before, const json& after) {
  std::set<std::string> keys;
  for (const auto& [key, value] : before.items()) keys.insert(key);
  for (const auto& [key, value] : after.items()) keys.insert(key);
  std::vector<std::string> changed;
  for (const auto& key : keys) {
    if (!before.contains(key) || !after.contains(key) || before[key] != after[key]) changed.push_back(key);
  }
  return changed;
}

bool Owner::owns(std::string_view group) const {
  return std::any_of(groups.begin(), groups.end(), [&](const std::string& g) { return g == "*" || g == group; });
}

std::string group_of(const json& before, const json& after, const std::string& key) {
  return is_group(before, key) || is_group(after, key) ? key : std::string(kTemplateGroup);
}

std::optional<std::string> refusal(const Owner& owner, const json& before, const json& after,
                                   const std::vector<std::string>& changed) {
  std::vector<std::string> not_owned;
  for (const auto& key : changed) {
    if (const auto group = group_of(before, after, key); !owner.owns(group)) add_once(not_owned, group);
  }
  if (before.empty()) {  // a new template: every group it holds
    for (const auto& [key, value] : after.items()) {
      if (const auto group = group_of(before, after, key); !owner.owns(group)) add_once(not_owned, group);
    }
  }
  if (not_owned.empty()) return std::nullopt;
  std::string list;
  for (const auto& g : not_owned) list += (list.empty() ? "" : ", ") + g;
  return owner.name + " does not own the group" + (not_owned.size() > 1 ? "s " : " ") + list +
         ": ask its owner to publish that change";
}

Outcome publish(VersionStore& store, const std::string& name, std::optional<int> based_on, const json& document,
                const Owner& publisher, std::string_view message) {
  const auto latest = store.latest(name);
  const int newest = latest ? latest->info.version : 0;
  if (latest && !based_on) {
    return {Outcome::Kind::version_required, newest, {},
            "send If-Match with the version you edited (the latest is " + std::to_string(newest) + ")"};
  }
  const int expected = based_on.value_or(0);
  if (newest != expected || (!latest && based_on)) return {Outcome::Kind::conflict, newest, {}, {}};

  const json before = latest ? json::parse(latest->document) : json::object();
  auto changed = changed_groups(before, document);
  if (auto why = refusal(publisher, before, document, changed)) return {Outcome::Kind::forbidden, newest, changed, *why};
  if (latest && changed.empty()) return {Outcome::Kind::unchanged, newest, changed, {}};

  VersionInfo about;
  about.author = publisher.name;
  about.message = std::string(message.substr(0, kMaxMessageLength));
  about.groups_changed = changed;
  const auto stored = store.publish(name, expected, document.dump(), about);
  switch (stored.outcome) {
    case StoreResult::Outcome::created: return {Outcome::Kind::created, stored.version, std::move(changed), {}};
    case StoreResult::Outcome::updated: return {Outcome::Kind::updated, stored.version, std::move(changed), {}};
    case StoreResult::Outcome::conflict: break;
  }
  return {Outcome::Kind::conflict, stored.version, std::move(changed), {}};
}

}  // namespace alignkit::sharing
