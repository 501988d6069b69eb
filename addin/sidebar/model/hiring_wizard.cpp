#include "hiring_wizard.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "alignkit/metrics/ramp.hpp"
#include "formula_text.hpp"
#include "svg_picture.hpp"
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

std::string hiring_svg(const std::vector<HiringMonth>& months, const HiringLegend& legend, int width) {
  constexpr int kTop = 14, kPlot = 130, kLegend = 20, kMargin = 4;
  const int height = kTop + kPlot + kLegend;
  double top = 0, most_people = 0;
  for (const auto& month : months) {
    top = std::max({top, month.target, month.capacity});
    most_people = std::max(most_people, month.headcount);
  }
  const double slot = months.empty() ? 0 : (width - 2.0 * kMargin) / static_cast<double>(months.size());
  const auto y_of = [&](double value, double scale) { return kTop + kPlot - (scale > 0 ? value / scale * kPlot : 0.0); };
  char text[160];
  std::string svg = svg_start(width, height);
  std::string people;
  for (std::size_t m = 0; m < months.size(); ++m) {
    const auto& month = months[m];
    const double x = kMargin + slot * static_cast<double>(m);
    const double bar_top = y_of(month.capacity, top);
    std::snprintf(text, sizeof text, "<rect class=\"capacity\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#2a6099\"/>",
                  x + slot * 0.15, bar_top, slot * 0.7, kTop + kPlot - bar_top);
    svg += text;
    std::snprintf(text, sizeof text, "<rect class=\"target\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"2\" fill=\"#c9211e\"/>",
                  x, y_of(month.target, top) - 1, slot);
    svg += text;
    if (month.hires > 0) {
      std::snprintf(text, sizeof text, "<text x=\"%.2f\" y=\"%.2f\" font-family=\"sans-serif\" font-size=\"8\" text-anchor=\"middle\">+%lld</text>",
                    x + slot / 2, std::min(bar_top, y_of(month.target, top)) - 3, static_cast<long long>(month.hires));
      svg += text;
    }
    std::snprintf(text, sizeof text, "%s%.2f,%.2f", people.empty() ? "" : " ", x + slot / 2, y_of(month.headcount, most_people * 1.1));
    people += text;
  }
  if (!people.empty()) svg += "<polyline class=\"headcount\" points=\"" + people + "\" fill=\"none\" stroke=\"#ff8000\" stroke-width=\"2\"/>";
  const int y = kTop + kPlot + 14;
  svg += "<rect x=\"4\" y=\"" + std::to_string(y - 8) + "\" width=\"8\" height=\"8\" fill=\"#2a6099\"/><text x=\"15\" y=\"" +
         std::to_string(y) + "\" font-family=\"sans-serif\" font-size=\"10\">" + xml_text(legend.capacity) + "</text>";
  svg += "<rect x=\"90\" y=\"" + std::to_string(y - 5) + "\" width=\"10\" height=\"2\" fill=\"#c9211e\"/><text x=\"103\" y=\"" +
         std::to_string(y) + "\" font-family=\"sans-serif\" font-size=\"10\">" + xml_text(legend.target) + "</text>";
  svg += "<rect x=\"170\" y=\"" + std::to_string(y - 5) + "\" width=\"10\" height=\"2\" fill=\"#ff8000\"/><text x=\"183\" y=\"" +
         std::to_string(y) + "\" font-family=\"sans-serif\" font-size=\"10\">" + xml_text(legend.headcount) + "</text>";
  return svg + "</svg>";
}

CellBlock hiring_block(const HiringInputs& inputs, std::size_t column, std::size_t row) {
  using Style = SheetCell::Style;
  CellBlock block(column, row);
  block.add_row({SheetCell::label(tr("Capacity and hiring plan"), Style::heading)});
  using Figure = SheetCell::Figure;
  const std::size_t quota =
      block.add_row({SheetCell::label(tr("Monthly quota of a ramped rep")), SheetCell::value(inputs.quota).as(Figure::amount)});
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
    // Hires are whole people; headcount after attrition and capacity are not.
    block.add_row({SheetCell::value(static_cast<double>(m + 1), Style::plain), SheetCell::value(inputs.targets[m]).as(Figure::amount),
                   SheetCell::formula("=INDEX(" + plan + ";" + k + ")").as(Figure::count),
                   SheetCell::formula("=INDEX(" + capacity + ";" + k + ";1)").as(Figure::amount),
                   SheetCell::formula("=INDEX(" + capacity + ";" + k + ";3)").as(Figure::amount)});
  }
  block.add_row({SheetCell::label(tr("Year"), Style::heading), SheetCell::formula("=SUM(" + targets + ")").as(Figure::amount),
                 SheetCell::formula("=SUM(" + hires + ")").as(Figure::count)});
  return block;
}

}  // namespace alignkit::sidebar
