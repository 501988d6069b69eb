#include "goal_cascade.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "alignkit/metrics/goals.hpp"
#include "formula_text.hpp"
#include "svg_picture.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;

GoalCascade seed_cascade() {
  return {12'000'000, 0.1, 0, {{tr("East"), 12}, {tr("West"), 10}, {tr("North"), 8}, {tr("South"), 6}}};
}

Result<CascadeOutcome> evaluate(const GoalCascade& cascade) {
  if (cascade.children.empty()) return Error{tr("add at least one child (a team or a rep)")};
  if (cascade.children.size() > kMaxCascadeChildren) return Error{tr("at most 200 children")};
  std::vector<double> weights;
  for (const auto& child : cascade.children) weights.push_back(child.weight);
  auto targets = goals::allocate(cascade.parent_target, weights, cascade.buffer, cascade.decimals);
  if (!targets) return targets.error();
  CascadeOutcome outcome;
  outcome.targets = std::move(targets).value();
  outcome.total = std::accumulate(outcome.targets.begin(), outcome.targets.end(), 0.0);
  auto over = goals::overassign(outcome.targets, cascade.parent_target);
  if (!over) return over.error();
  outcome.overassignment = *over;
  return outcome;
}

Result<std::vector<CascadeChild>> children_from_rows(const std::vector<std::vector<PlainCell>>& rows) {
  std::vector<CascadeChild> children;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() < 2) return Error{tr("select two columns: the children's names and their weights")};
    const PlainCell& name = row[0];
    const PlainCell& weight = row[1];
    if (!weight.is_number && weight.text.empty()) continue;  // a blank row
    if (!weight.is_number) {
      if (r == 0) continue;  // a heading row ("Team", "Capacity")
      return Error{fill(tr("row {1} of the selection has a text weight (“{2}”)"), {std::to_string(r + 1), weight.text})};
    }
    children.push_back({name.is_number ? std::to_string(static_cast<long long>(name.number)) : name.text, weight.number});
  }
  if (children.empty()) return Error{tr("the selection has no rows with a weight")};
  if (children.size() > kMaxCascadeChildren) return Error{tr("the selection has more than 200 children")};
  return children;
}

CellBlock cascade_block(const GoalCascade& cascade, std::size_t column, std::size_t row) {
  using Style = SheetCell::Style;
  CellBlock block(column, row);
  block.add_row({SheetCell::label(tr("Goal cascade"), Style::heading)});
  using Figure = SheetCell::Figure;
  const std::size_t parent =
      block.add_row({SheetCell::label(tr("Parent target")), SheetCell::value(cascade.parent_target).as(Figure::amount)});
  const std::size_t buffer =
      block.add_row({SheetCell::label(tr("Buffer (over-assignment)")), SheetCell::value(cascade.buffer, Style::percent_input)});
  const std::size_t decimals = block.add_row(
      {SheetCell::label(tr("Round to decimals (empty: no rounding)")),
       cascade.decimals ? SheetCell::value(*cascade.decimals) : SheetCell{SheetCell::Kind::empty, {}, 0, Style::input}});
  block.add_row({SheetCell::label(tr("Child"), Style::heading), SheetCell::label(tr("Weight"), Style::heading),
                 SheetCell::label(tr("Target"), Style::heading)});
  const std::size_t first = block.height();
  const std::size_t last = first + cascade.children.size() - 1;
  const std::string weights = block.address(1, first) + ":" + block.address(1, last);
  const std::string targets = block.address(2, first) + ":" + block.address(2, last);
  // IF keeps an empty decimals cell "no rounding" (an empty cell would be read as 0 decimals).
  const std::string allocate =
      "IF(ISBLANK(" + block.address(1, decimals) + ");" +
      call_text("GOAL.ALLOCATE", {block.address(1, parent), weights, block.address(1, buffer)}) + ";" +
      call_text("GOAL.ALLOCATE", {block.address(1, parent), weights, block.address(1, buffer), block.address(1, decimals)}) +
      ")";
  for (std::size_t i = 0; i < cascade.children.size(); ++i) {
    block.add_row({SheetCell::label(cascade.children[i].name), SheetCell::value(cascade.children[i].weight),
                   SheetCell::formula("=INDEX(" + allocate + ";" + std::to_string(i + 1) + ")").as(Figure::amount)});
  }
  block.add_row({SheetCell::label(tr("Children add up to"), Style::heading), SheetCell{},
                 SheetCell::formula("=SUM(" + targets + ")").as(Figure::amount)});
  block.add_row({SheetCell::label(tr("Over-assignment"), Style::heading), SheetCell{},
                 SheetCell::formula(call_formula("GOAL.OVERASSIGN", {targets, block.address(1, parent)}),
                                    Style::percent_result)});
  return block;
}

std::string cascade_svg(const CascadeOutcome& outcome, double parent_target, const std::string& parent_label,
                        const std::string& children_label, const std::vector<std::string>& child_labels, int width) {
  constexpr int kRow = 26, kBar = 9, kMargin = 4;
  static constexpr const char* kShades[] = {"#2a6099", "#729fcf", "#355269", "#b4c7dc"};
  const int rows = 2 + static_cast<int>(outcome.targets.size());
  const int height = kRow * rows + kMargin;
  const double room = width - 2.0 * kMargin;
  const double scale = std::max({parent_target, outcome.total, 0.0});
  const auto length = [&](double value) { return scale > 0 ? room * std::max(value, 0.0) / scale : 0.0; };
  char text[200];
  std::string svg = svg_start(width, height);
  const auto label = [&](int row, const std::string& words) {
    svg += "<text x=\"" + std::to_string(kMargin) + "\" y=\"" + std::to_string(kMargin + kRow * row + 11) +
           "\" font-family=\"sans-serif\" font-size=\"11\">" + xml_text(words) + "</text>";
  };
  const auto bar = [&](int row, double x, double w, const char* fill, const char* kind) {
    std::snprintf(text, sizeof text, "<rect class=\"%s\" x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\"/>", kind,
                  kMargin + x, kMargin + kRow * row + 14, w, kBar, fill);
    svg += text;
  };
  label(0, parent_label);
  bar(0, 0, length(parent_target), "#c9211e", "parent");
  label(1, children_label);
  double x = 0;
  for (std::size_t i = 0; i < outcome.targets.size(); ++i) {  // the children stacked, shade by shade
    bar(1, x, length(outcome.targets[i]), kShades[i % 4], "stacked");
    x += length(outcome.targets[i]);
  }
  for (std::size_t i = 0; i < outcome.targets.size(); ++i) {
    const int row = 2 + static_cast<int>(i);
    label(row, i < child_labels.size() ? child_labels[i] : std::string());
    bar(row, 0, length(outcome.targets[i]), kShades[i % 4], "child");
  }
  return svg + "</svg>";
}

}  // namespace alignkit::sidebar
