#pragma once
// The capacity and hiring wizard: monthly targets, quota, ramp, attrition and today's team give
// the hires each month needs and the capacity they bring.
#include <optional>
#include <string>
#include <vector>

#include "alignkit/metrics/result.hpp"
#include "cell_block.hpp"

namespace alignkit::sidebar {

struct HiringInputs {
  std::vector<double> targets;   // bookings target of each month
  double quota = 0;              // monthly quota of a fully ramped rep
  double ramp_months = 0;
  double monthly_attrition = 0;
  double current_reps = 0;
  std::optional<double> lead_months;  // default: the ramp months
};

struct HiringMonth {
  double target = 0;
  double hires = 0;
  double headcount = 0;
  double capacity = 0;
};

inline constexpr std::size_t kMaxHiringMonths = 60;

/// Twelve months growing from 320,000 to 562,000, quota 45,000, 3-month ramp, 3.5% monthly attrition, 9 reps.
HiringInputs seed_hiring();

Result<std::vector<HiringMonth>> evaluate(const HiringInputs& inputs);

/// Targets typed as a list ("320000; 342000 …", separators ';' or new lines, numbers as `read` reads them).
template <class Read>
Result<std::vector<double>> targets_from_text(const std::string& text, Read read) {
  std::vector<double> targets;
  std::string item;
  auto flush = [&]() -> std::optional<Error> {
    const auto first = item.find_first_not_of(" \t\r");
    if (first == std::string::npos) return std::nullopt;
    auto value = read(item.substr(first, item.find_last_not_of(" \t\r") - first + 1));
    if (!value) return Error{"month " + std::to_string(targets.size() + 1) + ": " + value.error().message};
    targets.push_back(*value);
    return std::nullopt;
  };
  for (char c : text) {
    if (c == ';' || c == '\n') {
      if (auto e = flush()) return *e;
      item.clear();
    } else {
      item += c;
    }
  }
  if (auto e = flush()) return *e;
  if (targets.empty()) return Error{"type one target per month, separated by ';' (or take them from a selection)"};
  if (targets.size() > kMaxHiringMonths) return Error{"at most 60 months"};
  return targets;
}

/// The words of the plan's picture, in the planner's language.
struct HiringLegend {
  std::string capacity, target, headcount;
};
/// The plan as a picture (SVG, drawn by the office): each month's ramped capacity as a bar, its
/// target as a mark across it, "+N" above a month with hires, and the headcount as a line on a
/// scale of its own; a legend below. `width` units wide.
std::string hiring_svg(const std::vector<HiringMonth>& months, const HiringLegend& legend, int width = 260);

/// Labelled inputs, the months with their targets, and live HIRING.PLAN / CAPACITY.PLAN formulas.
CellBlock hiring_block(const HiringInputs& inputs, std::size_t column, std::size_t row);

}  // namespace alignkit::sidebar
