#pragma once
// Goal alignment: corporate -> team -> individual targets and how they add up.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "alignkit/metrics/ramp.hpp"
#include "alignkit/metrics/result.hpp"
#include "alignkit/metrics/values.hpp"

namespace alignkit::goals {

using MaybeNumber = std::optional<double>;  // empty cell = nullopt

/// total*(1+buffer) split in proportion to weights; with decimals, rounded by largest remainder.
Result<std::vector<double>> allocate(double total, std::span<const double> weights, double buffer = 0,
                                     std::optional<int> decimals = std::nullopt);
Result<double> overassign(std::span<const double> child_targets, double parent_target);
/// One person's target per period when they start part-way through the year (GOAL.PRORATE):
/// 0 before `start_period` (1..P), then annual_target * w[t] / SUM(w), times the ramp's
/// productivity in their t-th period when a ramp is given.
Result<std::vector<double>> prorate(double annual_target, std::span<const double> seasonality, double start_period,
                                    const Ramp* ramp = nullptr);
Result<double> rollup(std::span<const MaybeNumber> actuals, std::span<const MaybeNumber> targets,
                      std::optional<std::span<const MaybeNumber>> weights = std::nullopt);
Result<double> attainment(std::span<const MaybeNumber> actuals, std::span<const MaybeNumber> targets,
                          double threshold = 1);
Result<double> pace(double actual, double target, double start_date, double end_date, double as_of);
Result<double> alignment(std::span<const Cell> linked,
                         std::optional<std::span<const MaybeNumber>> weights = std::nullopt);

struct SmartGoal {
  Cell description;
  Cell target;
  Cell baseline;
  Cell due_date;
  Cell parent;
  double max_growth = 0.5;
};
/// "SMART" with a '-' for each failed test.
Result<std::string> smart(const SmartGoal& goal);

}  // namespace alignkit::goals
