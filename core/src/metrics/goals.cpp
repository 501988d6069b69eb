#include "alignkit/metrics/goals.hpp"

#include "alignkit/metrics/interruption.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "metrics/checks.hpp"
#include "metrics/whole_numbers.hpp"

namespace alignkit::goals {
namespace {

std::optional<Error> check_same_size(std::string_view a_name, std::size_t a, std::string_view b_name,
                                     std::size_t b) {
  if (a == b) return std::nullopt;
  return Error{std::string(a_name) + " (" + std::to_string(a) + " cells) and " + std::string(b_name) + " (" +
               std::to_string(b) + " cells) must be the same size"};
}

std::string row_name(std::string_view what, std::size_t index) {
  return std::string(what) + " of row " + std::to_string(index + 1);
}

// One person or goal: actual and target, with an empty actual counting as nothing achieved yet.
struct Pair {
  std::size_t row;
  double actual;
  double target;
};

Result<std::vector<Pair>> pairs(std::span<const MaybeNumber> actuals, std::span<const MaybeNumber> targets) {
  if (auto e = check_same_size("actuals", actuals.size(), "targets", targets.size())) return *e;
  std::vector<Pair> rows;
  for (std::size_t i = 0; i < actuals.size(); ++i) {
    if (!actuals[i] && !targets[i]) continue;  // a row with neither is not a goal
    if (!targets[i]) return Error{row_name("target", i) + " is empty but its actual is not"};
    const double actual = actuals[i].value_or(0.0);
    if (auto e = detail::check(row_name("actual", i), actual, {-HUGE_VAL, HUGE_VAL, true, true})) return *e;
    if (auto e = detail::check(row_name("target", i), *targets[i], detail::kNonNegative)) return *e;
    rows.push_back({i, actual, *targets[i]});
  }
  if (rows.empty()) return Error{"no goals: every row of actuals and targets is empty"};
  return rows;
}

bool is_linked(const Cell& cell) {
  if (const auto* number = std::get_if<double>(&cell)) return *number != 0;
  if (const auto* text = std::get_if<std::string>(&cell)) return !text->empty();
  return false;
}

std::size_t word_count(const std::string& text) {
  std::istringstream words(text);
  std::size_t count = 0;
  for (std::string word; words >> word;) ++count;
  return count;
}

std::optional<double> number_in(const Cell& cell) {
  const auto* number = std::get_if<double>(&cell);
  if (number && std::isfinite(*number)) return *number;
  return std::nullopt;
}

// The sum of weights that must each be >= 0 and add up to more than 0 ("weight 3 (-1) must
// be 0 or more"); `each` names one weight by its 1-based position, `all` names them together.
Result<double> checked_weight_sum(std::span<const double> weights, std::string_view each, std::string_view all) {
  double sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    interruption_point(i);
    // The name is made only for a weight that is refused: a million weights make no million texts.
    if (!(weights[i] >= 0) || !std::isfinite(weights[i])) {
      if (auto e = detail::check(std::string(each) + std::to_string(i + 1), weights[i], detail::kNonNegative)) return *e;
    }
    sum += weights[i];
  }
  if (!(sum > 0) || !std::isfinite(sum)) return Error{std::string(all) + " must add up to more than 0"};
  return sum;
}

}  // namespace

Result<std::vector<double>> allocate(double total, std::span<const double> weights, double buffer,
                                     std::optional<int> decimals) {
  if (auto e = detail::check("total", total, detail::kNonNegative)) return *e;
  if (auto e = detail::check("buffer", buffer, {0, 1})) return *e;
  if (weights.empty()) return Error{"weights are empty: give one weight per team or person"};
  const auto weight_total = checked_weight_sum(weights, "weight ", "weights");
  if (!weight_total) return weight_total.error();
  const double grand = total * (1 + buffer);
  std::vector<double> parts(weights.size());
  if (!decimals) {
    for (std::size_t i = 0; i < weights.size(); ++i) {
      interruption_point(i);
      parts[i] = grand * (weights[i] / *weight_total);
    }
    if (auto checked = detail::finite(grand); !checked) return checked.error();
    return parts;
  }
  if (*decimals < -15 || *decimals > 15) return Error{"decimals (" + std::to_string(*decimals) + ") is outside [-15, 15]"};
  return detail::split_rounded(total, buffer, weights, *decimals);
}

Result<std::vector<double>> prorate(double annual_target, std::span<const double> seasonality, double start_period,
                                    const Ramp* ramp) {
  if (auto e = detail::check("annual_target", annual_target, detail::kNonNegative)) return *e;
  if (seasonality.empty()) return Error{"seasonality is empty: give one weight per period (12 months or 4 quarters)"};
  if (seasonality.size() > 1200) return Error{"seasonality covers more than 1200 periods"};
  const auto weight_total = checked_weight_sum(seasonality, "weight of period ", "seasonality weights");
  if (!weight_total) return weight_total.error();
  const auto periods = static_cast<double>(seasonality.size());
  if (auto e = detail::check("start_period", start_period, {1, periods})) return *e;
  if (auto e = detail::check_whole("start_period", start_period)) return *e;
  const auto start = static_cast<std::size_t>(start_period);
  std::vector<double> targets(seasonality.size(), 0.0);
  for (std::size_t t = start; t <= seasonality.size(); ++t) {
    double target = annual_target * (seasonality[t - 1] / *weight_total);
    if (ramp != nullptr) target *= ramp->productivity(t - start + 1);
    auto checked = detail::finite(target);
    if (!checked) return checked.error();
    targets[t - 1] = *checked;
  }
  return targets;
}

Result<double> overassign(std::span<const double> child_targets, double parent_target) {
  if (child_targets.empty()) return Error{"child_targets are empty"};
  if (auto e = detail::check("parent_target", parent_target, detail::kPositive)) return *e;
  double sum = 0;
  for (std::size_t i = 0; i < child_targets.size(); ++i) {
    if (auto e = detail::check("child target " + std::to_string(i + 1), child_targets[i], detail::kNonNegative))
      return *e;
    sum += child_targets[i];
  }
  return detail::finite((sum - parent_target) / parent_target);
}

Result<double> rollup(std::span<const MaybeNumber> actuals, std::span<const MaybeNumber> targets,
                      std::optional<std::span<const MaybeNumber>> weights) {
  auto rows = pairs(actuals, targets);
  if (!rows) return rows.error();
  if (!weights) {
    detail::Sum actual_sum, target_sum;  // the same in any order of the rows
    for (const auto& row : *rows) {
      actual_sum.add(row.actual);
      target_sum.add(row.target);
    }
    if (!(target_sum.value() > 0)) return Error{"targets add up to 0: progress is undefined"};
    return detail::finite(actual_sum.value() / target_sum.value());
  }
  if (auto e = check_same_size("weights", weights->size(), "targets", targets.size())) return *e;
  detail::Sum weighted, weight_sum;
  for (const auto& row : *rows) {
    const MaybeNumber& weight = (*weights)[row.row];
    if (!weight) return Error{row_name("weight", row.row) + " is empty"};
    if (auto e = detail::check(row_name("weight", row.row), *weight, detail::kNonNegative)) return *e;
    if (auto e = detail::check(row_name("target", row.row), row.target, detail::kPositive)) return *e;
    weighted.add(*weight * (row.actual / row.target));
    weight_sum.add(*weight);
  }
  if (!(weight_sum.value() > 0)) return Error{"weights add up to 0"};
  return detail::finite(weighted.value() / weight_sum.value());
}

Result<double> attainment(std::span<const MaybeNumber> actuals, std::span<const MaybeNumber> targets,
                          double threshold) {
  if (auto e = detail::check("threshold", threshold, {0, 10, true, false})) return *e;
  auto rows = pairs(actuals, targets);
  if (!rows) return rows.error();
  std::size_t at_threshold = 0;
  for (const auto& row : *rows) {
    if (auto e = detail::check(row_name("target", row.row), row.target, detail::kPositive)) return *e;
    // A rep exactly at quota is at quota, whatever the last bit of the division says.
    const double ratio = row.actual / row.target;
    if (ratio >= threshold || detail::nearly_equal(ratio, threshold)) ++at_threshold;
  }
  return static_cast<double>(at_threshold) / static_cast<double>(rows->size());
}

Result<double> pace(double actual, double target, double start_date, double end_date, double as_of) {
  constexpr detail::Interval kAny{-HUGE_VAL, HUGE_VAL, true, true};
  if (auto e = detail::check("actual", actual, kAny)) return *e;
  if (auto e = detail::check("target", target, detail::kPositive)) return *e;
  if (auto e = detail::check("start_date", start_date, kAny)) return *e;
  if (auto e = detail::check("end_date", end_date, kAny)) return *e;
  if (auto e = detail::check("as_of", as_of, kAny)) return *e;
  if (end_date <= start_date) return Error{"end_date must be after start_date"};
  if (as_of <= start_date) return Error{"as_of must be after start_date: no time has elapsed yet"};
  const double elapsed = std::min(1.0, (as_of - start_date) / (end_date - start_date));
  return detail::finite(actual / (target * elapsed));
}

Result<double> alignment(std::span<const Cell> linked, std::optional<std::span<const MaybeNumber>> weights) {
  if (std::all_of(linked.begin(), linked.end(), [](const Cell& cell) { return is_empty(cell); })) {
    return Error{"linked is empty: give one cell per goal"};
  }
  if (!weights) {
    const auto count = std::count_if(linked.begin(), linked.end(), is_linked);
    return static_cast<double>(count) / static_cast<double>(linked.size());
  }
  if (auto e = check_same_size("linked", linked.size(), "weights", weights->size())) return *e;
  detail::Sum linked_weight, weight_sum;
  for (std::size_t i = 0; i < linked.size(); ++i) {
    const double weight = (*weights)[i].value_or(0.0);  // a goal without a weight does not count
    if (auto e = detail::check(row_name("weight", i), weight, detail::kNonNegative)) return *e;
    weight_sum.add(weight);
    if (is_linked(linked[i])) linked_weight.add(weight);
  }
  if (!(weight_sum.value() > 0) || !std::isfinite(weight_sum.value())) return Error{"weights must add up to more than 0"};
  return linked_weight.value() / weight_sum.value();
}

Result<std::string> smart(const SmartGoal& goal) {
  if (auto e = detail::check("max_growth", goal.max_growth, detail::kNonNegative)) return *e;
  const auto* description = std::get_if<std::string>(&goal.description);
  const auto target = number_in(goal.target);
  const auto baseline = number_in(goal.baseline);
  const auto due = number_in(goal.due_date);
  std::string letters = "-----";
  if (description && word_count(*description) >= 3) letters[0] = 'S';
  if (target && *target > 0) letters[1] = 'M';
  if (target && baseline && *target <= *baseline * (1 + goal.max_growth)) letters[2] = 'A';
  if (is_linked(goal.parent)) letters[3] = 'R';
  if (due && *due > 0) letters[4] = 'T';
  return letters;
}

}  // namespace alignkit::goals
