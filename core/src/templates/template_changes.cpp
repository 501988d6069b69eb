#include "alignkit/templates/template_changes.hpp"

#include <algorithm>
#include <set>

namespace alignkit::templates {
namespace {
using nlohmann::json;

void collect(const json* before, const json* after, const std::string& key, const json::json_pointer& path,
             std::vector<KeyChange>& changes) {
  if (before && after && before->is_object() && after->is_object()) {
    for (const auto& [name, value] : before->items()) {
      const auto other = after->find(name);
      collect(&value, other == after->end() ? nullptr : &*other, key.empty() ? name : key + "." + name, path / name, changes);
    }
    for (const auto& [name, value] : after->items()) {
      if (!before->contains(name)) collect(nullptr, &value, key.empty() ? name : key + "." + name, path / name, changes);
    }
    return;
  }
  if (before && after && *before == *after) return;
  changes.push_back({key, before ? std::optional(*before) : std::nullopt, after ? std::optional(*after) : std::nullopt, path});
}

// Whether `inner` is `outer` or lies inside it (/people/ramp inside /people).
bool within(const json::json_pointer& inner, const json::json_pointer& outer) {
  const std::string a = inner.to_string(), b = outer.to_string();
  return a == b || (a.size() > b.size() && a.compare(0, b.size(), b) == 0 && a[b.size()] == '/');
}

}  // namespace

std::vector<KeyChange> key_changes(const json& before, const json& after) {
  std::vector<KeyChange> changes;
  collect(&before, &after, "", json::json_pointer(), changes);
  std::sort(changes.begin(), changes.end(), [](const KeyChange& a, const KeyChange& b) {
    return a.key != b.key ? a.key < b.key : a.path.to_string() < b.path.to_string();
  });
  return changes;
}

json::json_pointer pointer_of(const std::string& key) {
  std::string pointer;
  std::size_t begin = 0;
  while (begin <= key.size()) {
    const std::size_t end = std::min(key.find('.', begin), key.size());
    std::string part = key.substr(begin, end - begin);
    // RFC 6901 escapes: '~' and '/' inside a key.
    for (std::size_t at = 0; (at = part.find('~', at)) != std::string::npos; at += 2) part.replace(at, 1, "~0");
    for (std::size_t at = 0; (at = part.find('/', at)) != std::string::npos; at += 2) part.replace(at, 1, "~1");
    pointer += "/" + part;
    begin = end + 1;
  }
  return json::json_pointer(pointer);
}

json reapply_changes(const json& base, const json& mine, json latest) {
  for (const auto& change : key_changes(base, mine)) {
    const auto& pointer = change.path;  // never the dotted key: a name may hold a '.'
    if (!change.to) {
      if (latest.contains(pointer)) latest[pointer.parent_pointer()].erase(pointer.back());
    } else {
      latest[pointer] = *change.to;
    }
  }
  return latest;
}

std::optional<std::string> ambiguous_key_in(const json& document) {
  if (!document.is_object()) return std::nullopt;
  for (const auto& [name, value] : document.items()) {
    if (name.empty() || name.find('.') != std::string::npos) return (json::json_pointer() / name).to_string();
    if (auto inner = ambiguous_key_in(value)) return (json::json_pointer() / name).to_string() + *inner;
  }
  return std::nullopt;
}

std::vector<std::string> keys_changed_by_both(const std::vector<KeyChange>& first, const std::vector<KeyChange>& second) {
  std::vector<std::string> both;
  for (const auto& change : second) {
    // A key changes with any key inside it or around it (people.ramp and people.ramp.months).
    for (const auto& mine : first) {
      const bool related = within(mine.path, change.path) || within(change.path, mine.path);
      if (related && std::find(both.begin(), both.end(), change.key) == both.end()) both.push_back(change.key);
    }
  }
  return both;
}

}  // namespace alignkit::templates
