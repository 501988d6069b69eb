#include "turnover_plan.hpp"

#include <stdexcept>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "alignkit/catalog/catalog.hpp"
#include "alignkit/templates/templates.hpp"
#include "catalog_call.hpp"
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

const std::vector<TurnoverField>& turnover_fields() {
  static const std::vector<TurnoverField> fields = [] {
    std::vector<TurnoverField> made;
    for (const auto& argument : turnover_cost().arguments) {
      made.push_back({label_of(argument.name), argument.published_as, argument.name});
    }
    return made;
  }();
  return fields;
}

namespace {
std::size_t index_of(std::string_view argument) {
  const auto& fields = turnover_fields();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].argument == argument) return i;
  }
  throw std::out_of_range("TURNOVER.COST has no argument " + std::string(argument));
}
}  // namespace

LinkedNumber& TurnoverPlan::operator[](std::string_view argument) { return inputs.at(index_of(argument)); }
const LinkedNumber& TurnoverPlan::operator[](std::string_view argument) const { return inputs.at(index_of(argument)); }

TurnoverPlan seed_turnover() {
  // An inside-sales rep, by argument name; an argument the row gains later starts at 0.
  static constexpr std::pair<std::string_view, double> kSeeds[] = {
      {"annual_salary", 65000}, {"monthly_quota", 45000}, {"ramp", 3},    {"vacancy_months", 1.5},
      {"recruiting_cost", 4700}, {"onboarding_cost", 3500}, {"margin", 0.75}, {"separation_cost", 2000},
  };
  TurnoverPlan plan;
  for (const auto& [argument, value] : kSeeds) plan[argument].value = value;
  return plan;
}

Result<TurnoverCost> evaluate(const TurnoverPlan& plan) {
  std::vector<Arg> args;
  for (const auto& input : plan.inputs) args.emplace_back(input.value);
  auto total = catalog_number("TURNOVER.COST", args);
  if (!total) return total.error();
  const double monthly_margin = plan["monthly_quota"].value * plan["margin"].value;
  auto ramp = catalog_number("RAMP.LOSS", {Arg{monthly_margin}, Arg{plan["ramp"].value}});
  if (!ramp) return ramp.error();
  TurnoverCost cost;
  cost.total = *total;
  cost.vacancy = monthly_margin * plan["vacancy_months"].value;
  cost.ramp = *ramp;
  cost.recruiting = plan["recruiting_cost"].value;
  cost.onboarding = plan["onboarding_cost"].value;
  cost.separation = plan["separation_cost"].value;
  cost.salary_saved = plan["annual_salary"].value / 12 * plan["vacancy_months"].value;
  return cost;
}

CellBlock turnover_block(const TurnoverPlan& plan, const TemplateLink& link, std::size_t column, std::size_t row) {
  using Style = SheetCell::Style;
  using Figure = SheetCell::Figure;
  const auto amount = [](std::string formula) { return SheetCell::formula(std::move(formula), Style::plain).as(Figure::amount); };
  CellBlock block(column, row);
  block.add_row({SheetCell::label(tr("Cost of one sales departure"), Style::heading)});
  const std::size_t first_input = block.height();
  const std::size_t count = turnover_fields().size();
  for (std::size_t i = 0; i < count; ++i) {
    // A share (the margin) reads as a rate, months as typed, money as an amount.
    const ArgumentInfo& argument = turnover_cost().arguments[i];
    const bool months = argument.kind == ArgKind::ramp || argument.name.ends_with("months");
    block.add_row({SheetCell::label(std::string(turnover_fields()[i].label)),
                   argument.share ? input_cell(plan.inputs[i], link, Style::percent_input)
                                  : input_cell(plan.inputs[i], link).as(months ? Figure::general : Figure::amount)});
  }
  auto in = [&](std::string_view argument) { return block.address(1, first_input + index_of(argument)); };
  std::vector<std::string> arguments;
  for (std::size_t i = 0; i < count; ++i) arguments.push_back(block.address(1, first_input + i));
  block.add_row({SheetCell::label(tr("Cost of one departure"), Style::heading),
                 SheetCell::formula(call_formula("TURNOVER.COST", arguments)).as(Figure::amount)});
  block.add_row({SheetCell::label(tr("Breakdown"), Style::heading)});
  const std::string monthly_margin = in("monthly_quota") + "*" + in("margin");
  block.add_row({SheetCell::label(tr("Vacancy: margin lost")),
                 amount("=" + monthly_margin + "*" + in("vacancy_months"))});
  block.add_row({SheetCell::label(tr("Ramp: margin lost")),
                 amount(call_formula("RAMP.LOSS", {monthly_margin, in("ramp")}))});
  block.add_row({SheetCell::label(tr("Recruiting")), amount("=" + in("recruiting_cost"))});
  block.add_row({SheetCell::label(tr("Onboarding")), amount("=" + in("onboarding_cost"))});
  block.add_row({SheetCell::label(tr("Separation")), amount("=" + in("separation_cost"))});
  block.add_row({SheetCell::label(tr("Salary saved while vacant")),
                 amount("=-" + in("annual_salary") + "/12*" + in("vacancy_months"))});
  return block;
}

TurnoverPlan turnover_from_template(const nlohmann::json& document, TurnoverPlan plan) {
  for (std::size_t i = 0; i < turnover_fields().size(); ++i) {
    const std::string key(turnover_fields()[i].template_key);
    auto found = templates::lookup(document, key);
    if (!found) continue;
    if (const double* value = std::get_if<double>(&*found)) plan.inputs[i] = {*value, key};
  }
  return plan;
}

}  // namespace alignkit::sidebar
