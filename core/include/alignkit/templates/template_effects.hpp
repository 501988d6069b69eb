#pragma once
// What a template's numbers lead to: the headline figures an owner sees change before publishing
// (the budget that sells a reference number of units, the cost of one departure, the reps a
// reference target needs, the hires a reference plan needs). Each is a call of a catalog function
// whose arguments the template feeds through the catalog's published_as keys, so the figures are
// the functions' own — computed by whoever evaluates the calls (the service), never by the page.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace alignkit::templates {

/// One headline figure: what it is, and the call that computes it, as /v1/eval takes a call
/// ({"function": …, "args": […]}).
struct EffectCall {
  std::string_view what;       // English, e.g. "Budget to sell 100 units"; a translation key
  std::string_view function;   // the catalog function, e.g. "FUNNEL.BUDGET"
  bool sum_of_column = false;  // the function answers a column: the figure is its sum (hires over the months)
  nlohmann::json call;
};

/// The headline figures `document` feeds: every one whose required arguments the template holds
/// (under the keys the catalog names) or the figure states itself (the reference quantities).
std::vector<EffectCall> effect_calls(const nlohmann::json& document);

/// What each headline figure is called, in English (the translators' keys).
std::vector<std::string_view> effect_names();

/// The value a call's argument takes from a template: the number at `key`, or for a list key
/// ("funnel.rates") its numbers in the order its group's `…_order` list names; null when absent.
nlohmann::json published_value(const nlohmann::json& document, std::string_view key);

}  // namespace alignkit::templates
