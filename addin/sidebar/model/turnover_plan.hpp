#pragma once
// The turnover wizard: what one departure costs, with its breakdown.
#include <array>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "alignkit/catalog/catalog.hpp"
#include "alignkit/metrics/result.hpp"
#include "alignkit/metrics/turnover.hpp"
#include "cell_block.hpp"

namespace alignkit::sidebar {

/// The inputs of TURNOVER.COST, in its argument order.
enum class TurnoverInput : std::size_t {
  annual_salary, monthly_quota, ramp_months, vacancy_months,
  recruiting_cost, onboarding_cost, margin, separation_cost
};
inline constexpr std::size_t kTurnoverInputs = 8;

struct TurnoverField {
  std::string_view label;         // as the panel and the inserted block show it
  std::string_view template_key;  // where a shared template keeps it
  std::string_view argument;      // TURNOVER.COST's argument it fills (a test checks the catalog's order)
};
/// Labels and template keys of the inputs: TURNOVER.COST's arguments in the catalog's order, each
/// with the key the catalog says publishes it (published_as).
const std::array<TurnoverField, kTurnoverInputs>& turnover_fields();
/// TURNOVER.COST's catalog row.
const FunctionInfo& turnover_cost();

struct TurnoverPlan {
  std::array<LinkedNumber, kTurnoverInputs> inputs{};
  LinkedNumber& operator[](TurnoverInput which) { return inputs[static_cast<std::size_t>(which)]; }
  const LinkedNumber& operator[](TurnoverInput which) const { return inputs[static_cast<std::size_t>(which)]; }
};

/// An inside-sales rep: 65,000 salary, 45,000 monthly quota, 3-month ramp, 1.5 months vacant.
TurnoverPlan seed_turnover();

Result<turnover::CostBreakdown> evaluate(const TurnoverPlan& plan);

/// The labelled inputs, a live TURNOVER.COST formula and its breakdown, written at (column, row).
CellBlock turnover_block(const TurnoverPlan& plan, const TemplateLink& link, std::size_t column, std::size_t row);

/// Fills every input the template's "people" group holds; the others keep their values.
TurnoverPlan turnover_from_template(const nlohmann::json& document, TurnoverPlan plan);

}  // namespace alignkit::sidebar
