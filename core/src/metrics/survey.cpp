#include "alignkit/metrics/survey.hpp"

#include <array>
#include <cmath>
#include <string>

#include "metrics/checks.hpp"

namespace alignkit::survey {
namespace {

std::optional<Error> check_scale(Scale scale) {
  if (scale.max < 2 || scale.max > 100) return Error{"scale_max (" + std::to_string(scale.max) + ") is outside [2, 100]"};
  if (scale.box < 1 || scale.box >= scale.max) {
    return Error{"box (" + std::to_string(scale.box) + ") is outside [1, " + std::to_string(scale.max - 1) + "]"};
  }
  return std::nullopt;
}

// Shares of whole-number answers in [low, high] that satisfy each of `counts`, in one pass:
// a column of a million answers (a SQL aggregate) is read once however many shares it gives.
template <class... Predicates>
Result<std::array<double, sizeof...(Predicates)>> shares(std::span<const double> answers, std::string_view what,
                                                          double low, double high, Predicates... counts) {
  if (answers.empty()) return Error{std::string(what) + "s are empty: give at least one answer"};
  std::array<std::size_t, sizeof...(Predicates)> hits{};
  const detail::Interval allowed{low, high};
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const double answer = answers[i];
    // The answer's name is only written for a message: a column of answers is read in one go.
    if (!allowed.contains(answer) || answer != std::trunc(answer)) {
      const std::string name = std::string(what) + " " + std::to_string(i + 1);
      if (auto e = detail::check(name, answer, allowed)) return *e;
      if (auto e = detail::check_whole(name, answer)) return *e;
    }
    std::size_t k = 0;
    ((hits[k++] += counts(answer) ? 1 : 0), ...);
  }
  std::array<double, sizeof...(Predicates)> result{};
  for (std::size_t k = 0; k < hits.size(); ++k) result[k] = static_cast<double>(hits[k]) / static_cast<double>(answers.size());
  return result;
}

template <class Predicate>
Result<double> share(std::span<const double> answers, std::string_view what, double low, double high,
                     Predicate counts) {
  auto one = shares(answers, what, low, high, counts);
  if (!one) return one.error();
  return (*one)[0];
}

}  // namespace

Result<double> topbox(std::span<const double> ratings, Scale scale) {
  if (auto e = check_scale(scale)) return *e;
  const double lowest_top = scale.max - scale.box + 1;
  return share(ratings, "rating", 1, scale.max, [&](double r) { return r >= lowest_top; });
}

Result<double> bottombox(std::span<const double> ratings, Scale scale) {
  if (auto e = check_scale(scale)) return *e;
  return share(ratings, "rating", 1, scale.max, [&](double r) { return r <= scale.box; });
}

Result<double> gap(std::span<const double> ratings_a, std::span<const double> ratings_b, Scale scale) {
  auto a = topbox(ratings_a, scale);
  if (!a) return Error{"ratings_a: " + a.error().message};
  auto b = topbox(ratings_b, scale);
  if (!b) return Error{"ratings_b: " + b.error().message};
  return *a - *b;
}

Result<double> nps(std::span<const double> scores) {
  auto promoters_detractors = shares(scores, "score", 0, 10, [](double s) { return s >= 9; }, [](double s) { return s <= 6; });
  if (!promoters_detractors) return promoters_detractors.error();
  const auto [promoters, detractors] = *promoters_detractors;
  return 100 * (promoters - detractors);
}

}  // namespace alignkit::survey

namespace alignkit::profile {

Result<double> fit(std::span<const double> candidate_scores, std::span<const double> role_weights,
                   double scale_max) {
  if (auto e = detail::check("scale_max", scale_max, detail::kPositive)) return *e;
  if (candidate_scores.empty()) return Error{"candidate_scores are empty"};
  if (candidate_scores.size() != role_weights.size()) {
    return Error{"candidate_scores (" + std::to_string(candidate_scores.size()) + " cells) and role_weights (" +
                 std::to_string(role_weights.size()) + " cells) must be the same size"};
  }
  double weighted = 0;
  double weight_sum = 0;
  for (std::size_t i = 0; i < candidate_scores.size(); ++i) {
    if (auto e = detail::check("score " + std::to_string(i + 1), candidate_scores[i], {0, scale_max})) return *e;
    if (auto e = detail::check("weight " + std::to_string(i + 1), role_weights[i], detail::kNonNegative)) return *e;
    weighted += role_weights[i] * candidate_scores[i];
    weight_sum += role_weights[i];
  }
  if (!(weight_sum > 0) || !std::isfinite(weight_sum)) return Error{"role_weights must add up to more than 0"};
  return detail::finite(weighted / (scale_max * weight_sum));
}

}  // namespace alignkit::profile
