#pragma once
// Turnover cost: what losing and replacing a rep costs, and what retention saves.
#include "alignkit/metrics/ramp.hpp"
#include "alignkit/metrics/result.hpp"

namespace alignkit::turnover {

/// Annualised turnover rate.
Result<double> rate(double separations, double average_headcount, double months = 12);

struct DepartureCost {
  double annual_salary = 0;
  double monthly_quota = 0;
  double vacancy_months = 0;
  double recruiting_cost = 0;
  double onboarding_cost = 0;
  double margin = 1;
  double separation_cost = 0;
};

/// The parts of one departure's cost, so a sidebar or report can show the breakdown.
struct CostBreakdown {
  double separation = 0;
  double recruiting = 0;
  double onboarding = 0;
  double vacancy = 0;      // margin lost while the seat is empty
  double ramp = 0;         // margin lost while the replacement ramps
  double salary_saved = 0; // salary not paid while the seat is empty (subtracted)
  [[nodiscard]] double total() const {
    return separation + recruiting + onboarding + vacancy + ramp - salary_saved;
  }
};

Result<CostBreakdown> cost_breakdown(const DepartureCost& input, const Ramp& ramp);
Result<double> cost(const DepartureCost& input, const Ramp& ramp);

/// Yearly cost of turnover for a team.
Result<double> annual(double headcount, double turnover_rate, double cost_per_departure);
/// Net yearly saving of a retention programme.
Result<double> savings(double headcount, double rate_now, double rate_target,
                       double cost_per_departure, double program_cost = 0);

}  // namespace alignkit::turnover
