#include "funnel_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>


#include <nlohmann/json.hpp>

#include "alignkit/templates/templates.hpp"
#include "catalog_call.hpp"
#include "formula_text.hpp"
#include "number_text.hpp"
#include "svg_picture.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;

FunnelPlan seed_funnel() {
  FunnelPlan plan;
  plan.stages = {{{tr("Impressions"), {}}, {1, {}}},
                 {{tr("Visitors"), {}}, {0.02, {}}},
                 {{tr("Demos"), {}}, {0.05, {}}},
                 {{tr("Sales"), {}}, {0.2, {}}}};
  return plan;
}

namespace {

std::vector<double> rates_of(const FunnelPlan& plan) {
  std::vector<double> rates;
  for (std::size_t i = 1; i < plan.stages.size(); ++i) rates.push_back(plan.stages[i].rate.value);
  return rates;
}

// The planner's words for a funnel the catalog refused: the stage whose rate is out of range, by
// its name and in the panel's number format (the catalog says "rate 2"). Nothing when it is not
// the stages.
std::optional<Error> stage_problem(const FunnelPlan& plan, const NumberFormat& format) {
  if (plan.stages.size() < 2) return Error{tr("a funnel needs at least two stages")};
  if (plan.stages.size() > kMaxFunnelStages) {
    return Error{fill(tr("a funnel has at most {1} stages"), {std::to_string(kMaxFunnelStages)})};
  }
  for (std::size_t i = 1; i < plan.stages.size(); ++i) {
    const auto& stage = plan.stages[i];
    const double rate = stage.rate.value;
    if (!(rate > 0 && rate <= 1)) {
      return Error{fill(tr("{1}: the conversion rate {2} must be above 0% and at most 100%"), {stage.name.value, format_percent(rate, format)})};
    }
  }
  return std::nullopt;
}

}  // namespace

Result<FunnelOutcome> evaluate(const FunnelPlan& plan, const NumberFormat& format) {
  const Arg amount{plan.amount.value}, cost{plan.cost_per_top.value}, whole = flag_arg(plan.whole);
  const auto rates = rates_of(plan);
  // The catalog decides; a refusal is said in the stage's words where the stages are why.
  const auto refused = [&](const Error& error) { return stage_problem(plan, format).value_or(error); };
  FunnelOutcome outcome;
  if (plan.direction == FunnelDirection::units_to_budget) {
    auto budget = catalog_number("FUNNEL.BUDGET", {amount, column_arg(rates), cost, whole});
    if (!budget) return refused(budget.error());
    auto volumes = catalog_column("FUNNEL.STAGES", {amount, column_arg(rates), whole});
    if (!volumes) return refused(volumes.error());
    outcome.result = *budget;
    outcome.volumes = std::move(*volumes);
  } else {
    // Each stage's volume is what the budget buys through the stages above it (the top: a rate of 1).
    auto top = catalog_number("FUNNEL.UNITS", {amount, column_arg({1}), cost, whole});
    if (!top) return refused(top.error());
    outcome.volumes.push_back(*top);
    for (std::size_t k = 1; k <= rates.size(); ++k) {
      const std::vector<double> above(rates.begin(), rates.begin() + static_cast<std::ptrdiff_t>(k));
      auto reached = catalog_number("FUNNEL.UNITS", {amount, column_arg(above), cost, whole});
      if (!reached) return refused(reached.error());
      outcome.volumes.push_back(*reached);
    }
    if (rates.empty()) return refused(Error{tr("a funnel needs at least two stages")});
    outcome.result = outcome.volumes.back();
  }
  const double budget = plan.direction == FunnelDirection::units_to_budget ? outcome.result : plan.amount.value;
  const double units = outcome.volumes.back();
  if (units > 0) {
    if (auto cac = catalog_number("FUNNEL.CAC", {Arg{budget}, Arg{units}})) outcome.cost_per_unit = *cac;
  }
  return outcome;
}

CellBlock funnel_block(const FunnelPlan& plan, const TemplateLink& link, std::size_t column, std::size_t row) {
  using Style = SheetCell::Style;
  const bool to_budget = plan.direction == FunnelDirection::units_to_budget;
  const std::string top_name = plan.stages.empty() ? std::string(tr("top")) : plan.stages.front().name.value;
  CellBlock block(column, row);
  block.add_row({SheetCell::label(to_budget ? tr("Funnel plan: budget for a units target") : tr("Funnel plan: units for a budget"),
                                  Style::heading)});
  using Figure = SheetCell::Figure;
  // Units are counts, budgets amounts; a cost per impression (0.008) keeps its decimals.
  const auto amount_row = block.add_row({SheetCell::label(to_budget ? tr("Units wanted") : tr("Budget")),
                                         input_cell(plan.amount, link).as(to_budget ? Figure::count : Figure::amount)});
  const auto cost_row = block.add_row({SheetCell::label(fill(tr("Cost per entry into {1}"), {top_name})), input_cell(plan.cost_per_top, link)});
  const auto whole_row = block.add_row({SheetCell::label(tr("Round to whole numbers")),
                                        SheetCell::formula(plan.whole ? "=TRUE()" : "=FALSE()", Style::input)});
  block.add_row({SheetCell::label(tr("Stage"), Style::heading), SheetCell::label(tr("Conversion rate"), Style::heading),
                 SheetCell::label(tr("Volume"), Style::heading)});
  const std::size_t first_stage_row = block.height();
  const std::size_t last_stage_row = first_stage_row + plan.stages.size() - 1;
  const std::string amount = block.address(1, amount_row);
  const std::string cost = block.address(1, cost_row);
  const std::string whole = block.address(1, whole_row);
  const std::string all_rates = block.address(1, first_stage_row + 1) + ":" + block.address(1, last_stage_row);

  for (std::size_t i = 0; i < plan.stages.size(); ++i) {
    const auto& stage = plan.stages[i];
    std::string volume;
    if (to_budget) {
      volume = "=INDEX(" + call_text("FUNNEL.STAGES", {amount, all_rates, whole}) + ";" + std::to_string(i + 1) + ")";
    } else if (i == 0) {
      volume = call_formula("FUNNEL.UNITS", {amount, "1", cost, whole});
    } else {
      const std::string rates_so_far = block.address(1, first_stage_row + 1) + ":" + block.address(1, first_stage_row + i);
      volume = call_formula("FUNNEL.UNITS", {amount, rates_so_far, cost, whole});
    }
    block.add_row({input_cell(stage.name, link),
                   i == 0 ? SheetCell{} : input_cell(stage.rate, link, Style::percent_input),
                   SheetCell::formula(volume, Style::plain).as(plan.whole ? Figure::count : Figure::amount)});
  }
  const std::string last_volume = block.address(2, last_stage_row);
  if (to_budget) {
    const auto budget_row = block.add_row({SheetCell::label(tr("Budget"), Style::heading),
        SheetCell::formula(call_formula("FUNNEL.BUDGET", {amount, all_rates, cost, whole})).as(Figure::amount)});
    block.add_row({SheetCell::label(tr("Cost per unit")),
                   SheetCell::formula(call_formula("FUNNEL.CAC", {block.address(1, budget_row), amount}), Style::plain).as(Figure::amount)});
  } else {
    block.add_row({SheetCell::label(tr("Units"), Style::heading),
                   SheetCell::formula(call_formula("FUNNEL.UNITS", {amount, all_rates, cost, whole})).as(plan.whole ? Figure::count : Figure::amount)});
    block.add_row({SheetCell::label(tr("Cost per unit")),
                   SheetCell::formula("=IF(" + last_volume + ">0;" + call_text("FUNNEL.CAC", {amount, last_volume}) + ";\"\")",
                                      Style::plain).as(Figure::amount)});
  }
  return block;
}

std::string funnel_svg(const FunnelOutcome& outcome, const std::vector<std::string>& labels, int width) {
  constexpr int kRow = 30, kBar = 9, kMargin = 4, kCaption = 20;
  // Stages span decades (1,000,000 impressions, 200 sales): past a tenfold span the bars follow
  // a log scale, the smallest kept at kFloor of the width, so every stage shows and says so.
  constexpr double kFloor = 0.12;
  double top = 0, bottom = 0;
  for (double volume : outcome.volumes) {
    if (volume <= 0) continue;
    top = std::max(top, volume);
    bottom = bottom > 0 ? std::min(bottom, volume) : volume;
  }
  const bool log_scale = bottom > 0 && top / bottom > 10;
  const double decades = log_scale ? std::log10(top / bottom) : 1;
  const int stages_height = kRow * static_cast<int>(outcome.volumes.size()) + kMargin;
  const int height = stages_height + (log_scale ? kCaption : 0);
  const double room = width - 2.0 * kMargin;
  std::string svg = svg_start(width, height);
  char number[32];
  for (std::size_t i = 0; i < outcome.volumes.size(); ++i) {
    const double volume = std::max(outcome.volumes[i], 0.0);
    double length = 0;
    if (volume > 0 && log_scale) {
      length = room * (kFloor + (1 - kFloor) * (1 - std::log10(top / volume) / decades));
    } else if (volume > 0) {
      length = std::max(2.0, room * volume / top);
    }
    const int y = kMargin + kRow * static_cast<int>(i);
    svg += "<text x=\"" + std::to_string(kMargin) + "\" y=\"" + std::to_string(y + 12) +
           "\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#1a1a1a\">" +
           xml_text(i < labels.size() ? labels[i] : std::string()) + "</text>";
    // Centred, as a funnel narrows; below its label with a clear gap.
    std::snprintf(number, sizeof number, "%.2f", kMargin + (room - length) / 2);
    svg += "<rect x=\"" + std::string(number) + "\" y=\"" + std::to_string(y + 18);
    std::snprintf(number, sizeof number, "%.2f", length);
    svg += "\" width=\"" + std::string(number) + "\" height=\"" + std::to_string(kBar) + "\" fill=\"#2a6099\"/>";
  }
  if (log_scale) {
    svg += "<text x=\"" + std::to_string(kMargin) + "\" y=\"" + std::to_string(stages_height + 12) +
           "\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#595959\">" +
           xml_text(tr("Log scale, so every stage shows")) + "</text>";
  }
  return svg + "</svg>";
}

namespace {
template <typename T>
Result<T> template_value(const nlohmann::json& document, const std::string& key) {
  auto found = templates::lookup(document, key);
  if (!found) return found.error();
  if (const T* value = std::get_if<T>(&*found)) return *value;
  return Error{fill(std::is_same_v<T, double> ? tr("the template's {1} is not a number") : tr("the template's {1} is not a text"), {key})};
}
}  // namespace

Result<FunnelPlan> funnel_from_template(const nlohmann::json& document, FunnelPlan plan) {
  const auto* funnel = document.contains("funnel") ? &document["funnel"] : nullptr;
  if (!funnel || !funnel->contains("stage_names") || !(*funnel)["stage_names"].is_array()) {
    return Error{tr("the template has no funnel.stage_names list")};
  }
  if (!funnel->contains("rate_order") || !(*funnel)["rate_order"].is_array()) {
    return Error{tr("the template has no funnel.rate_order list (the keys of funnel.rates, top first)")};
  }
  const auto& names = (*funnel)["stage_names"];
  const auto& order = (*funnel)["rate_order"];
  if (names.size() < 2 || names.size() > kMaxFunnelStages || order.size() + 1 != names.size()) {
    return Error{tr("the template's funnel needs 2 to 12 stage_names and one rate_order key fewer")};
  }
  std::vector<FunnelStage> stages;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string name_key = "funnel.stage_names." + std::to_string(i);
    auto name = template_value<std::string>(document, name_key);
    if (!name) return name.error();
    FunnelStage stage{{*name, name_key}, {1, {}}};
    if (i > 0) {
      if (!order[i - 1].is_string()) return Error{tr("the template's funnel.rate_order holds something other than keys")};
      const std::string rate_key = "funnel.rates." + order[i - 1].get<std::string>();
      auto rate = template_value<double>(document, rate_key);
      if (!rate) return rate.error();
      stage.rate = {*rate, rate_key};
    }
    stages.push_back(std::move(stage));
  }
  auto cost = template_value<double>(document, "funnel.cost_per_click");
  if (!cost) return cost.error();
  plan.stages = std::move(stages);
  plan.cost_per_top = {*cost, "funnel.cost_per_click"};
  return plan;
}

}  // namespace alignkit::sidebar
