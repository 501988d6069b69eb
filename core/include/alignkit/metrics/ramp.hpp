#pragma once
// Ramp and capacity: how productive a new rep is month by month, and what that means
// for the team's capacity.
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "alignkit/metrics/result.hpp"

namespace alignkit {

/// A ramp is linear over R months or an explicit list of monthly productivity fractions.
class Ramp {
 public:
  static constexpr double kMaxMonths = 1200;  // 100 years: anything longer is a typing error

  static Result<Ramp> linear(double months);
  static Result<Ramp> monthly(std::vector<double> fractions);

  /// Productivity in tenure month m (1-based); 1 after the ramp.
  [[nodiscard]] double productivity(std::size_t month) const;
  /// A bound on how far productivity(month) lies from the exact productivity of the ramp as given:
  /// 0 when it is computed exactly, else a few units in its last place.
  [[nodiscard]] double productivity_error(std::size_t month) const;
  /// Whole months the ramp spans: CEILING(R) for a linear ramp, the list length otherwise.
  [[nodiscard]] std::size_t months() const;

 private:
  Ramp() = default;
  double linear_months_ = 0;
  std::vector<double> fractions_;
  bool is_linear_ = true;
};

namespace ramp {
enum class Shape { linear, scurve };
std::optional<Shape> parse_shape(std::string_view name);

/// CEILING(months) monthly productivity fractions.
Result<std::vector<double>> curve(double months, Shape shape = Shape::linear);
/// Output lost while ramping: monthly_output * SUM(1 - p(m)).
Result<double> loss(double monthly_output, const Ramp& ramp);
}  // namespace ramp

namespace capacity {
/// Fully ramped reps needed for a target.
Result<double> reps(double target, double quota_per_rep, double attainment = 1);
/// Ramped rep equivalents of a team, given each rep's tenure month.
Result<double> rre(std::span<const double> tenure_months, const Ramp& ramp);
}  // namespace capacity

namespace hiring {
struct PlanInput {
  std::vector<double> targets;  // one monthly bookings target per month
  double quota = 0;
  double monthly_attrition = 0;
  double current_reps = 0;
  double attainment = 1;
  std::optional<double> lead_months;  // default: ramp.months()
};
inline constexpr std::size_t kMaxHorizonMonths = 1200;

/// Whole new hires starting in each month so that every month meets its target.
Result<std::vector<double>> plan(const PlanInput& input, const Ramp& ramp);
/// Capacity in each month that a plan (hires per month) gives; the model behind plan().
std::vector<double> capacity(const PlanInput& input, const Ramp& ramp, std::span<const double> hires);

struct CapacityRow {
  double headcount = 0;
  double ramped_equivalents = 0;
  double capacity = 0;
};
/// What a hiring plan delivers in each period (CAPACITY.PLAN), with plan()'s own cohort model;
/// input.targets and input.lead_months are not used.
Result<std::vector<CapacityRow>> capacity_plan(const PlanInput& input, const Ramp& ramp, std::span<const double> hires);
}  // namespace hiring

}  // namespace alignkit
