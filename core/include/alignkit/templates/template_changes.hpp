#pragma once
// What differs between two versions of a template, key by key, and one person's change carried
// onto a newer version: for the command's diff, the sidebar's conflicts, proposals and the page.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace alignkit::templates {

/// One value that differs (objects are followed, a list is one value), at a path that says
/// exactly which value it is; the dotted key is how people read it.
struct KeyChange {
  std::string key;                     // e.g. people.annual_salary: for display only
  std::optional<nlohmann::json> from;  // none: the key is added
  std::optional<nlohmann::json> to;    // none: the key is removed
  nlohmann::json::json_pointer path;   // e.g. /people/annual_salary: a key named "a.b" is /a.b, never /a/b
};

/// Every value that differs between two versions, in key order.
std::vector<KeyChange> key_changes(const nlohmann::json& before, const nlohmann::json& after);

/// The JSON pointer of a dotted key ("people.annual_salary" -> /people/annual_salary).
nlohmann::json::json_pointer pointer_of(const std::string& key);

/// `latest` with the changes `mine` made to `base` applied on top (keys both changed take mine):
/// re-applying one's change after someone else published first, or a proposal on a newer version.
nlohmann::json reapply_changes(const nlohmann::json& base, const nlohmann::json& mine, nlohmann::json latest);

/// The first key name in a document that holds a '.' (or is empty), as a JSON Pointer: such a
/// name reads the same as a path through groups (people.monthly_quota), so it is refused where a
/// document enters the store.
std::optional<std::string> ambiguous_key_in(const nlohmann::json& document);

/// The keys both lists change (a proposal whose keys someone changed since its base).
std::vector<std::string> keys_changed_by_both(const std::vector<KeyChange>& first, const std::vector<KeyChange>& second);

}  // namespace alignkit::templates
