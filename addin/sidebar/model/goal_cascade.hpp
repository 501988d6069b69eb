#pragma once
// The goal cascade wizard: a parent target split over its children (teams or reps) by weight,
// with a buffer and rounding, and whether the children add up.
#include <optional>
#include <string>
#include <vector>

#include "alignkit/metrics/result.hpp"
#include "cell_block.hpp"

namespace alignkit::sidebar {

struct CascadeChild {
  std::string name;
  double weight = 0;  // capacity, territory potential, last year's bookings: only shares count
};

struct GoalCascade {
  double parent_target = 0;
  double buffer = 0;              // over-assignment on top, e.g. 0.1
  std::optional<int> decimals;    // round each child's target; parts still add up
  std::vector<CascadeChild> children;
};

struct CascadeOutcome {
  std::vector<double> targets;  // one per child
  double total = 0;             // what the children add up to
  double overassignment = 0;    // (total - parent) / parent
};

inline constexpr std::size_t kMaxCascadeChildren = 200;

/// A corporate target of 12,000,000 over four teams weighted by capacity, 10% buffer, whole numbers.
GoalCascade seed_cascade();

Result<CascadeOutcome> evaluate(const GoalCascade& cascade);

/// The cascade as a picture (SVG, drawn by the office): the parent target and the children's
/// targets stacked on one scale, so over-assignment shows as the longer bar; then each child's
/// target as a bar of its own. Labels as the caller words and formats them: the parent's, the
/// children's total, then one per child. `width` units wide.
std::string cascade_svg(const CascadeOutcome& outcome, double parent_target, const std::string& parent_label,
                        const std::string& children_label, const std::vector<std::string>& child_labels, int width = 260);

/// Children from a selected range: each row a name and a weight (a row whose weight is empty is
/// left out; one with a text weight is an error naming the row, a heading row is skipped).
Result<std::vector<CascadeChild>> children_from_rows(const std::vector<std::vector<PlainCell>>& rows);

/// Labelled inputs, each child's live target (GOAL.ALLOCATE) and the over-assignment
/// (GOAL.OVERASSIGN), written at (column, row).
CellBlock cascade_block(const GoalCascade& cascade, std::size_t column, std::size_t row);

}  // namespace alignkit::sidebar
