#include "alignkit/templates/template_effects.hpp"

#include <utility>

#include "alignkit/catalog/catalog.hpp"
#include "alignkit/templates/templates.hpp"

namespace alignkit::templates {
namespace {
using nlohmann::json;

// A headline figure: a catalog function, and the reference quantities it states for what a
// template has no key for (the rest comes from the template through published_as, or defaults).
struct EffectSpec {
  std::string_view what;
  std::string_view function;
  std::initializer_list<std::pair<std::string_view, double>> stated;
  std::size_t months = 0;  // a column argument of this many months, each `stated` "targets" value
  bool sum_of_column = false;
};

const EffectSpec kEffects[] = {
    {"Budget to sell 100 units", "FUNNEL.BUDGET", {{"target", 100}}},
    {"Cost of one departure", "TURNOVER.COST", {}},
    {"Reps needed for 1,000,000 of bookings a month", "CAPACITY.REPS", {{"target", 1000000}}},
    {"Hires over 12 months for 500,000 a month, starting with 5 ramped reps", "HIRING.PLAN",
     {{"targets", 500000}, {"current_reps", 5}}, 12, true},
};

}  // namespace

std::vector<std::string_view> effect_names() {
  std::vector<std::string_view> names;
  for (const auto& spec : kEffects) names.push_back(spec.what);
  return names;
}

json published_value(const json& document, std::string_view key) {
  auto numbers = published_numbers(document, std::string(key), true);
  if (!numbers) return nullptr;
  auto node = node_at(document, key);
  const bool one_number = node && (*node)->is_number();
  if (one_number) return numbers->values.front();
  return numbers->values;
}

std::vector<EffectCall> effect_calls(const json& document) {
  std::vector<EffectCall> calls;
  for (const auto& spec : kEffects) {
    const FunctionInfo* function = find_function(spec.function);
    if (!function) continue;
    json args = json::array();
    bool complete = true;
    for (const auto& argument : function->arguments) {
      json value = nullptr;
      for (const auto& [name, stated] : spec.stated) {
        if (name != argument.name) continue;
        value = spec.months > 0 && takes_range(argument.kind) ? json(std::vector<double>(spec.months, stated)) : json(stated);
      }
      if (value.is_null() && !argument.published_as.empty()) {
        value = published_value(document, argument.published_as);
        // A list read where the catalog takes one number (a ramp of months) is the template's own choice.
        if (value.is_array() && !takes_range(argument.kind) && argument.kind != ArgKind::ramp) value = nullptr;
      }
      if (value.is_null() && !argument.optional()) complete = false;
      args.push_back(std::move(value));
    }
    if (!complete) continue;  // the template does not hold what this figure needs
    while (!args.empty() && args.back().is_null()) args.erase(args.end() - 1);
    calls.push_back({spec.what, spec.function, spec.sum_of_column, {{"function", spec.function}, {"args", std::move(args)}}});
  }
  return calls;
}

}  // namespace alignkit::templates
