#pragma once
// Publishing from a panel: the panel's figures written into the template it was filled from,
// what changed between two versions, and one planner's change re-applied on top of another's.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "alignkit/result.hpp"
#include "funnel_plan.hpp"
#include "turnover_plan.hpp"

namespace alignkit::sidebar {

/// Figures a panel publishes: dotted template key -> number.
using Assumptions = std::vector<std::pair<std::string, double>>;

/// The turnover inputs under their people.* keys.
Assumptions turnover_assumptions(const TurnoverPlan& plan);
/// The funnel's conversion rates under the template's funnel.rates.* keys (in its rate_order) and
/// the cost per click; an Error when the panel's stages no longer match the template's.
Result<Assumptions> funnel_assumptions(const nlohmann::json& document, const FunnelPlan& plan);

/// The document with each key set to its number. Only numbers the template already has are
/// written: a panel never adds keys or changes a text or a list into a number.
Result<nlohmann::json> with_assumptions(nlohmann::json document, const Assumptions& assumptions);

struct KeyChange {
  std::string key;     // dotted, e.g. people.annual_salary
  std::string before;  // as JSON text; empty when the key is new
  std::string after;   // empty when the key is gone
};
/// Every value that differs between two versions, by dotted key, in key order.
std::vector<KeyChange> changed_keys(const nlohmann::json& before, const nlohmann::json& after);
/// "people.annual_salary: 65000 → 70000", one line per change.
std::string describe(const std::vector<KeyChange>& changes);
/// The top-level groups the changes touch (what ownership is checked against).
std::vector<std::string> groups_of(const std::vector<KeyChange>& changes);

/// `latest` with the changes `mine` made to `base` applied on top: what "re-apply my change"
/// publishes after someone else published first. Keys both changed take my value.
nlohmann::json reapply_changes(const nlohmann::json& base, const nlohmann::json& mine, nlohmann::json latest);

}  // namespace alignkit::sidebar
