#include "template_edit.hpp"

#include <algorithm>

#include "alignkit/templates.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;
using nlohmann::json;

namespace {

// The JSON pointer of a dotted key ("people.annual_salary" -> /people/annual_salary).
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

void collect(const json& before, const json& after, const std::string& key, std::vector<KeyChange>& changes) {
  if (before.is_object() && after.is_object()) {
    for (const auto& [name, value] : before.items()) {
      const std::string child = key.empty() ? name : key + "." + name;
      collect(value, after.contains(name) ? after[name] : json(), child, changes);
    }
    for (const auto& [name, value] : after.items()) {
      if (!before.contains(name)) collect(json(), value, key.empty() ? name : key + "." + name, changes);
    }
    return;
  }
  if (before != after) changes.push_back({key, before.is_null() ? "" : before.dump(), after.is_null() ? "" : after.dump()});
}

}  // namespace

Assumptions turnover_assumptions(const TurnoverPlan& plan) {
  Assumptions assumptions;
  for (std::size_t i = 0; i < kTurnoverInputs; ++i) {
    assumptions.emplace_back(std::string(turnover_fields()[i].template_key), plan.inputs[i].value);
  }
  return assumptions;
}

Result<Assumptions> funnel_assumptions(const json& document, const FunnelPlan& plan) {
  const json* order = nullptr;
  if (document.contains("funnel") && document["funnel"].is_object() && document["funnel"].contains("rate_order")) {
    order = &document["funnel"]["rate_order"];
  }
  if (!order || !order->is_array() || order->size() + 1 != plan.stages.size()) {
    return Error{tr("the panel's stages no longer match the template's funnel: use the template again, then change rates")};
  }
  Assumptions assumptions;
  for (std::size_t i = 1; i < plan.stages.size(); ++i) {
    const json& key = (*order)[i - 1];
    if (!key.is_string()) return Error{tr("the template's funnel.rate_order holds something other than keys")};
    assumptions.emplace_back("funnel.rates." + key.get<std::string>(), plan.stages[i].rate.value);
  }
  assumptions.emplace_back("funnel.cost_per_click", plan.cost_per_top.value);
  return assumptions;
}

Result<json> with_assumptions(json document, const Assumptions& assumptions) {
  for (const auto& [key, value] : assumptions) {
    const auto pointer = pointer_of(key);
    if (!document.contains(pointer)) continue;  // the template does not keep this figure
    json& slot = document[pointer];
    if (!slot.is_number()) return Error{fill(tr("the template's {1} is not a number; it cannot take {2}"), {key, std::to_string(value)})};
    // A whole number stays an integer in the JSON, so an unchanged figure is not a change.
    if (value == static_cast<double>(static_cast<long long>(value)) && std::abs(value) < 9e15) {
      slot = static_cast<long long>(value);
    } else {
      slot = value;
    }
  }
  return document;
}

std::vector<KeyChange> changed_keys(const json& before, const json& after) {
  std::vector<KeyChange> changes;
  collect(before, after, "", changes);
  std::sort(changes.begin(), changes.end(), [](const KeyChange& a, const KeyChange& b) { return a.key < b.key; });
  return changes;
}

std::string describe(const std::vector<KeyChange>& changes) {
  std::string text;
  for (const auto& change : changes) {
    text += change.key + ": " + (change.before.empty() ? std::string(tr("(new)")) : change.before) + " \u2192 " +
            (change.after.empty() ? std::string(tr("(removed)")) : change.after) + "\n";
  }
  return text;
}

std::vector<std::string> groups_of(const std::vector<KeyChange>& changes) {
  std::vector<std::string> groups;
  for (const auto& change : changes) {
    std::string group = change.key.substr(0, change.key.find('.'));
    if (std::find(groups.begin(), groups.end(), group) == groups.end()) groups.push_back(std::move(group));
  }
  return groups;
}

json reapply_changes(const json& base, const json& mine, json latest) {
  for (const auto& change : changed_keys(base, mine)) {
    const auto pointer = pointer_of(change.key);
    if (change.after.empty()) {
      if (latest.contains(pointer)) latest[pointer.parent_pointer()].erase(pointer.back());
    } else {
      latest[pointer] = mine[pointer];
    }
  }
  return latest;
}

}  // namespace alignkit::sidebar
