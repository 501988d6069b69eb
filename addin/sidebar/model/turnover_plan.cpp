#include "turnover_plan.hpp"

#include <string>

#include <nlohmann/json.hpp>

#include "alignkit/catalog/catalog.hpp"
#include "alignkit/metrics/ramp.hpp"
#include "alignkit/templates/templates.hpp"
#include "formula_text.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::tr;
using translation::tr_noop;

namespace {
// What the panel calls each of TURNOVER.COST's arguments; their order and published keys are the
// catalog row's.
std::string_view label_of(std::string_view argument) {
  static constexpr std::pair<std::string_view, const char*> kLabels[] = {
      {"annual_salary", tr_noop("Annual salary")},     {"monthly_quota", tr_noop("Monthly quota")},
      {"ramp", tr_noop("Ramp (months)")},              {"vacancy_months", tr_noop("Vacancy (months)")},
      {"recruiting_cost", tr_noop("Recruiting cost")}, {"onboarding_cost", tr_noop("Onboarding cost")},
      {"margin", tr_noop("Margin on bookings")},       {"separation_cost", tr_noop("Separation cost")},
  };
  for (const auto& [name, label] : kLabels) {
    if (name == argument) return translation::translate(translation::ui_language(), {}, label);
  }
  return argument;
}
}  // namespace

const FunctionInfo& turnover_cost() {
  static const FunctionInfo& function = *find_function("TURNOVER.COST");
  return function;
}

const std::array<TurnoverField, kTurnoverInputs>& turnover_fields() {
  static const std::array<TurnoverField, kTurnoverInputs> fields = [] {
    std::array<TurnoverField, kTurnoverInputs> made{};
    const auto& arguments = turnover_cost().arguments;
    for (std::size_t i = 0; i < kTurnoverInputs && i < arguments.size(); ++i) {
      made[i] = {label_of(arguments[i].name), arguments[i].published_as, arguments[i].name};
    }
    return made;
  }();
  return fields;
}

TurnoverPlan seed_turnover() {
  TurnoverPlan plan;
  const double values[kTurnoverInputs] = {65000, 45000, 3, 1.5, 4700, 3500, 0.75, 2000};
  for (std::size_t i = 0; i < kTurnoverInputs; ++i) plan.inputs[i].value = values[i];
  return plan;
}

Result<turnover::CostBreakdown> evaluate(const TurnoverPlan& plan) {
  using enum TurnoverInput;
  auto ramp = Ramp::linear(plan[ramp_months].value);
  if (!ramp) return ramp.error();
  turnover::DepartureCost input;
  input.annual_salary = plan[annual_salary].value;
  input.monthly_quota = plan[monthly_quota].value;
  input.vacancy_months = plan[vacancy_months].value;
  input.recruiting_cost = plan[recruiting_cost].value;
  input.onboarding_cost = plan[onboarding_cost].value;
  input.margin = plan[margin].value;
  input.separation_cost = plan[separation_cost].value;
  return turnover::cost_breakdown(input, *ramp);
}

CellBlock turnover_block(const TurnoverPlan& plan, const TemplateLink& link, std::size_t column, std::size_t row) {
  using Style = SheetCell::Style;
  CellBlock block(column, row);
  block.add_row({SheetCell::label(tr("Cost of one sales departure"), Style::heading)});
  const std::size_t first_input = block.height();
  for (std::size_t i = 0; i < kTurnoverInputs; ++i) {
    block.add_row({SheetCell::label(std::string(turnover_fields()[i].label)), input_cell(plan.inputs[i], link)});
  }
  auto in = [&](TurnoverInput which) { return block.address(1, first_input + static_cast<std::size_t>(which)); };
  using enum TurnoverInput;
  std::vector<std::string> arguments;
  for (std::size_t i = 0; i < kTurnoverInputs; ++i) arguments.push_back(block.address(1, first_input + i));
  block.add_row({SheetCell::label(tr("Cost of one departure"), Style::heading),
                 SheetCell::formula(call_formula("TURNOVER.COST", arguments))});
  block.add_row({SheetCell::label(tr("Breakdown"), Style::heading)});
  const std::string monthly_margin = in(monthly_quota) + "*" + in(margin);
  block.add_row({SheetCell::label(tr("Vacancy: margin lost")),
                 SheetCell::formula("=" + monthly_margin + "*" + in(vacancy_months), Style::plain)});
  block.add_row({SheetCell::label(tr("Ramp: margin lost")),
                 SheetCell::formula(call_formula("RAMP.LOSS", {monthly_margin, in(ramp_months)}), Style::plain)});
  block.add_row({SheetCell::label(tr("Recruiting")), SheetCell::formula("=" + in(recruiting_cost), Style::plain)});
  block.add_row({SheetCell::label(tr("Onboarding")), SheetCell::formula("=" + in(onboarding_cost), Style::plain)});
  block.add_row({SheetCell::label(tr("Separation")), SheetCell::formula("=" + in(separation_cost), Style::plain)});
  block.add_row({SheetCell::label(tr("Salary saved while vacant")),
                 SheetCell::formula("=-" + in(annual_salary) + "/12*" + in(vacancy_months), Style::plain)});
  return block;
}

TurnoverPlan turnover_from_template(const nlohmann::json& document, TurnoverPlan plan) {
  for (std::size_t i = 0; i < kTurnoverInputs; ++i) {
    const std::string key(turnover_fields()[i].template_key);
    auto found = templates::lookup(document, key);
    if (!found) continue;
    if (const double* value = std::get_if<double>(&*found)) plan.inputs[i] = {*value, key};
  }
  return plan;
}

}  // namespace alignkit::sidebar
