#include "template_edit.hpp"

#include <algorithm>

#include "alignkit/templates/template_changes.hpp"
#include "alignkit/templates/templates.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;
using nlohmann::json;

Assumptions turnover_assumptions(const TurnoverPlan& plan) {
  Assumptions assumptions;
  for (std::size_t i = 0; i < turnover_fields().size(); ++i) {
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
    const auto pointer = templates::pointer_of(key);
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

std::string describe(const std::vector<templates::KeyChange>& changes) {
  std::string text;
  for (const auto& change : changes) {
    text += change.key + ": " + (change.from ? change.from->dump() : std::string(tr("(new)"))) + " \u2192 " +
            (change.to ? change.to->dump() : std::string(tr("(removed)"))) + "\n";
  }
  return text;
}

}  // namespace alignkit::sidebar
