#include "hiring_wizard.hpp"

#include <algorithm>
#include <cmath>

#include "alignkit/ramp.hpp"
#include "formula_text.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::tr;

HiringInputs seed_hiring() {
  HiringInputs inputs;
  for (int m = 0; m < 12; ++m) inputs.targets.push_back(320000 + 22000 * m);
  inputs.quota = 45000;
  inputs.ramp_months = 3;
  inputs.monthly_attrition = 0.035;
  inputs.current_reps = 9;
  return inputs;
}

Result<std::vector<HiringMonth>> evaluate(const HiringInputs& inputs) {
  if (inputs.targets.empty()) return Error{tr("type one target per month")};
  if (inputs.targets.size() > kMaxHiringMonths) return Error{tr("at most 60 months")};
  auto ramp = Ramp::linear(inputs.ramp_months);
  if (!ramp) return ramp.error();
  hiring::PlanInput plan;
  plan.targets = inputs.targets;
  plan.quota = inputs.quota;
  plan.monthly_attrition = inputs.monthly_attrition;
  plan.current_reps = inputs.current_reps;
  plan.lead_months = inputs.lead_months;
  auto hires = hiring::plan(plan, *ramp);
  if (!hires) return hires.error();
  auto rows = hiring::capacity_plan(plan, *ramp, *hires);
  if (!rows) return rows.error();
  std::vector<HiringMonth> months;
  for (std::size_t m = 0; m < inputs.targets.size(); ++m) {
    months.push_back({inputs.targets[m], (*hires)[m], (*rows)[m].headcount, (*rows)[m].capacity});
  }
  return months;
}

std::vector<std::string> hiring_chart(const std::vector<HiringMonth>& months, std::size_t width) {
  double top = 0;
  for (const auto& month : months) top = std::max({top, month.target, month.capacity});
  auto bar = [&](double value, const char* full) {
    const auto n = top > 0 ? static_cast<std::size_t>(std::lround(value / top * static_cast<double>(width))) : 0;
    std::string text;
    for (std::size_t i = 0; i < n; ++i) text += full;
    return text;
  };
  std::vector<std::string> lines;
  for (std::size_t m = 0; m < months.size(); ++m) {
    const auto& month = months[m];
    const std::string label = (m + 1 < 10 ? "0" : "") + std::to_string(m + 1);
    lines.push_back(label + " " + bar(month.target, "\u2591"));
    lines.push_back("    " + bar(month.capacity, "\u2588") +
                    (month.hires > 0 ? " +" + std::to_string(static_cast<long long>(month.hires)) : ""));
  }
  return lines;
}

CellBlock hiring_block(const HiringInputs& inputs, std::size_t column, std::size_t row) {
  using Style = SheetCell::Style;
  CellBlock block(column, row);
  block.add_row({SheetCell::label(tr("Capacity and hiring plan"), Style::heading)});
  const std::size_t quota = block.add_row({SheetCell::label(tr("Monthly quota of a ramped rep")), SheetCell::value(inputs.quota)});
  const std::size_t ramp = block.add_row({SheetCell::label(tr("Ramp (months)")), SheetCell::value(inputs.ramp_months)});
  const std::size_t attrition = block.add_row(
      {SheetCell::label(tr("Monthly attrition")), SheetCell::value(inputs.monthly_attrition, Style::percent_input)});
  const std::size_t current = block.add_row({SheetCell::label(tr("Fully ramped reps today")), SheetCell::value(inputs.current_reps)});
  const std::size_t lead = block.add_row({SheetCell::label(tr("Hire this many months ahead")),
                                          SheetCell::value(inputs.lead_months.value_or(std::ceil(inputs.ramp_months)))});
  block.add_row({SheetCell::label(tr("Month"), Style::heading), SheetCell::label(tr("Target"), Style::heading),
                 SheetCell::label(tr("New hires"), Style::heading), SheetCell::label(tr("Headcount"), Style::heading),
                 SheetCell::label(tr("Capacity"), Style::heading)});
  const std::size_t first = block.height();
  const std::size_t last = first + inputs.targets.size() - 1;
  const std::string targets = block.address(1, first) + ":" + block.address(1, last);
  const std::string hires = block.address(2, first) + ":" + block.address(2, last);
  const std::string plan = call_text("HIRING.PLAN", {targets, block.address(1, quota), block.address(1, ramp),
                                                     block.address(1, attrition), block.address(1, current), "1",
                                                     block.address(1, lead)});
  const std::string capacity = call_text("CAPACITY.PLAN", {hires, block.address(1, quota), block.address(1, ramp),
                                                           block.address(1, attrition), block.address(1, current)});
  for (std::size_t m = 0; m < inputs.targets.size(); ++m) {
    const std::string k = std::to_string(m + 1);
    block.add_row({SheetCell::value(static_cast<double>(m + 1), Style::plain), SheetCell::value(inputs.targets[m]),
                   SheetCell::formula("=INDEX(" + plan + ";" + k + ")"),
                   SheetCell::formula("=INDEX(" + capacity + ";" + k + ";1)"),
                   SheetCell::formula("=INDEX(" + capacity + ";" + k + ";3)")});
  }
  block.add_row({SheetCell::label(tr("Year"), Style::heading), SheetCell::formula("=SUM(" + targets + ")"),
                 SheetCell::formula("=SUM(" + hires + ")")});
  return block;
}

}  // namespace alignkit::sidebar
