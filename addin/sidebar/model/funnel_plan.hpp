#pragma once
// The funnel wizard: budget for a units target, or units for a budget, through named stages.
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "alignkit/metrics/result.hpp"
#include "cell_block.hpp"
#include "number_text.hpp"

namespace alignkit::sidebar {

enum class FunnelDirection { units_to_budget, budget_to_units };

struct FunnelStage {
  LinkedText name;
  LinkedNumber rate;  // share of the previous stage that reaches this one; unused for the top stage
};

struct FunnelPlan {
  FunnelDirection direction = FunnelDirection::units_to_budget;
  LinkedNumber amount{100, {}};          // units wanted, or the budget to spend
  LinkedNumber cost_per_top{0.008, {}};  // cost of one top-of-funnel entry
  bool whole = true;                     // round every stage to whole numbers
  std::vector<FunnelStage> stages;       // top first, at least two
};

struct FunnelOutcome {
  double result = 0;           // the budget, or the units
  std::vector<double> volumes; // one per stage, top first
  double cost_per_unit = 0;    // 0 when no unit is sold
};

inline constexpr std::size_t kMaxFunnelStages = 12;

/// The mission's example: impressions -> visitors (2%) -> demos (5%) -> sales (20%), 1,000
/// impressions for 8.00, 100 units wanted.
FunnelPlan seed_funnel();

/// Computes the plan through the core; a planner-readable error for invalid input.
Result<FunnelOutcome> evaluate(const FunnelPlan& plan, const NumberFormat& format = {});

/// The funnel as a picture (SVG, drawn by the office's own renderer): one centred bar per stage,
/// top first, the stage's label (its name and volume, as the caller formats them) above it;
/// `width` units wide. Bars are proportional to the volumes while they span at most tenfold;
/// past that, on a log scale with the smallest at 12 % of the width and a caption saying so, so
/// 200 sales under 1,000,000 impressions is a bar, not a sliver.
std::string funnel_svg(const FunnelOutcome& outcome, const std::vector<std::string>& labels, int width = 260);

/// The labelled inputs and live FUNNEL.* formulas written at (column, row).
CellBlock funnel_block(const FunnelPlan& plan, const TemplateLink& link, std::size_t column, std::size_t row);

/// Fills the plan from a template's "funnel" group (stage_names, rate_order, rates,
/// cost_per_click), keeping each value's key so an insertion can follow the file.
Result<FunnelPlan> funnel_from_template(const nlohmann::json& document, FunnelPlan plan);

}  // namespace alignkit::sidebar
