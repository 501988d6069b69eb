#pragma once
// The turnover wizard: what one departure costs, with its breakdown.
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "alignkit/catalog/catalog.hpp"
#include "alignkit/metrics/result.hpp"
#include "cell_block.hpp"

namespace alignkit::sidebar {

struct TurnoverField {
  std::string_view label;         // as the panel and the inserted block show it
  std::string_view template_key;  // where a shared template keeps it (the catalog's published_as)
  std::string_view argument;      // TURNOVER.COST's argument it fills
};
/// TURNOVER.COST's arguments, in the catalog's order (however many the row has), each with the
/// panel's label and the key the catalog says publishes it.
const std::vector<TurnoverField>& turnover_fields();
/// TURNOVER.COST's catalog row.
const FunctionInfo& turnover_cost();

/// One number per TURNOVER.COST argument, in the catalog's order; read and set by argument name.
struct TurnoverPlan {
  std::vector<LinkedNumber> inputs = std::vector<LinkedNumber>(turnover_fields().size());
  /// The input for TURNOVER.COST's argument `argument` ("annual_salary", "ramp", …); throws
  /// std::out_of_range for a name the catalog row does not have.
  LinkedNumber& operator[](std::string_view argument);
  const LinkedNumber& operator[](std::string_view argument) const;
};

/// What one departure costs: TURNOVER.COST's own answer, and its parts as the inserted block
/// works them out (RAMP.LOSS for the ramp, the inputs for the rest).
struct TurnoverCost {
  double total = 0;
  double vacancy = 0, ramp = 0, recruiting = 0, onboarding = 0, separation = 0, salary_saved = 0;
};

/// An inside-sales rep: 65,000 salary, 45,000 monthly quota, 3-month ramp, 1.5 months vacant.
TurnoverPlan seed_turnover();

/// Calls the catalog's TURNOVER.COST and RAMP.LOSS by name: their checks, their answers.
Result<TurnoverCost> evaluate(const TurnoverPlan& plan);

/// The labelled inputs, a live TURNOVER.COST formula and its breakdown, written at (column, row).
CellBlock turnover_block(const TurnoverPlan& plan, const TemplateLink& link, std::size_t column, std::size_t row);

/// Fills every input the template's "people" group holds; the others keep their values.
TurnoverPlan turnover_from_template(const nlohmann::json& document, TurnoverPlan plan);

}  // namespace alignkit::sidebar
