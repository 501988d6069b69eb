#pragma once
// Publishing from a panel: the panel's figures written into the template it was filled from, and
// what changed between two versions in the planner's words (the changes themselves: core's
// template_changes.hpp).
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "alignkit/metrics/result.hpp"
#include "alignkit/templates/template_changes.hpp"
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

/// "people.annual_salary: 65000 → 70000", one line per change.
std::string describe(const std::vector<templates::KeyChange>& changes);

}  // namespace alignkit::sidebar
