#include "alignkit/metrics/ramp.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "metrics/checks.hpp"
#include "metrics/whole_numbers.hpp"

namespace alignkit {
namespace {

// Output of a linear ramp over R months accumulated from hire to time t (months):
// the integral of min(s/R, 1).
double linear_cumulative(double t, double months) {
  if (months <= 0) return t;
  return t <= months ? t * t / (2 * months) : t - months / 2;
}

double softplus(double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(x))); }

// Average over month m of the logistic ramp rescaled to run from 0 at hire to 1 at R.
double scurve_month(std::size_t month, double months) {
  const double k = 6 / months;
  const double centre = months / 2;
  const auto logistic = [&](double t) { return 1 / (1 + std::exp(-k * (t - centre))); };
  const auto logistic_integral = [&](double a, double b) {
    return (softplus(k * (b - centre)) - softplus(k * (a - centre))) / k;
  };
  const double at_hire = logistic(0);
  const double span = logistic(months) - at_hire;
  const double begin = static_cast<double>(month - 1);
  const double end = std::min(static_cast<double>(month), months);
  const double ramping = (logistic_integral(begin, end) - at_hire * (end - begin)) / span;
  const double ramped = static_cast<double>(month) - end;  // part of the month after R, at 100%
  return std::clamp(ramping + ramped, 0.0, 1.0);
}

}  // namespace

Result<Ramp> Ramp::linear(double months) {
  if (auto e = detail::check("ramp_months", months, {0, kMaxMonths})) return *e;
  Ramp ramp;
  ramp.linear_months_ = months;
  return ramp;
}

Result<Ramp> Ramp::monthly(std::vector<double> fractions) {
  if (fractions.empty()) return Error{"ramp is empty: give ramp months or monthly productivity fractions"};
  if (fractions.size() > kMaxMonths) return Error{"ramp is longer than 1200 months"};
  for (std::size_t i = 0; i < fractions.size(); ++i) {
    if (auto e = detail::check("ramp month " + std::to_string(i + 1), fractions[i], {0, 1})) return *e;
  }
  Ramp ramp;
  ramp.is_linear_ = false;
  ramp.fractions_ = std::move(fractions);
  return ramp;
}

std::size_t Ramp::months() const {
  return is_linear_ ? static_cast<std::size_t>(std::ceil(linear_months_)) : fractions_.size();
}

double Ramp::productivity(std::size_t month) const {
  if (month == 0) return 0;
  if (month > months()) return 1;
  if (!is_linear_) return fractions_[month - 1];
  const auto m = static_cast<double>(month);
  return linear_cumulative(m, linear_months_) - linear_cumulative(m - 1, linear_months_);
}

double Ramp::productivity_error(std::size_t month) const {
  if (month == 0 || month > months()) return 0;
  const double p = productivity(month);
  if (!is_linear_) return detail::representation_error(p);
  // m²/2R is exact when 2R is a power of two; otherwise two divisions and a difference.
  int exponent = 0;
  const bool power_of_two = std::frexp(2 * linear_months_, &exponent) == 0.5;
  return power_of_two ? 0 : 4 * (std::nextafter(p, HUGE_VAL) - p);
}

namespace ramp {

std::optional<Shape> parse_shape(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "linear") return Shape::linear;
  if (lower == "scurve" || lower == "s-curve" || lower == "s") return Shape::scurve;
  return std::nullopt;
}

Result<std::vector<double>> curve(double months, Shape shape) {
  if (auto e = detail::check("ramp_months", months, {0, Ramp::kMaxMonths, true})) return *e;
  auto linear = Ramp::linear(months);
  if (!linear) return linear.error();
  std::vector<double> fractions(linear->months());
  for (std::size_t m = 1; m <= fractions.size(); ++m) {
    fractions[m - 1] = shape == Shape::linear ? linear->productivity(m) : scurve_month(m, months);
  }
  return fractions;
}

Result<double> loss(double monthly_output, const Ramp& ramp) {
  if (auto e = detail::check("monthly_output", monthly_output, detail::kNonNegative)) return *e;
  double lost_months = 0;
  for (std::size_t m = 1; m <= ramp.months(); ++m) lost_months += 1 - ramp.productivity(m);
  return detail::finite(monthly_output * lost_months);
}

}  // namespace ramp

namespace capacity {

// Attainment is a share of quota; above 200% it is almost surely a whole percent typed by mistake.
constexpr detail::Interval kAttainment{0, 2, true, false};

Result<double> reps(double target, double quota_per_rep, double attainment) {
  if (auto e = detail::check("target", target, detail::kNonNegative)) return *e;
  if (auto e = detail::check("quota_per_rep", quota_per_rep, detail::kPositive)) return *e;
  if (auto e = detail::check("attainment", attainment, kAttainment)) return *e;
  return detail::finite(target / (quota_per_rep * attainment));
}

Result<double> rre(std::span<const double> tenure_months, const Ramp& ramp) {
  if (tenure_months.empty()) return Error{"tenure_months are empty: give each rep's tenure month"};
  detail::Sum equivalents;  // the same in any order of the reps (SQL's parallel workers)
  for (std::size_t i = 0; i < tenure_months.size(); ++i) {
    const double tenure = tenure_months[i];
    if (!(tenure >= 0) || !std::isfinite(tenure)) {  // the name only for a tenure refused
      if (auto e = detail::check("tenure " + std::to_string(i + 1), tenure, detail::kNonNegative)) return *e;
    }
    // Tenure t months falls in tenure month CEILING(t); a rep who started today is in month 1.
    const double month = std::max(1.0, detail::ceil_quotient(tenure, 1));
    equivalents.add(month > static_cast<double>(ramp.months()) ? 1.0 : ramp.productivity(static_cast<std::size_t>(month)));
  }
  return equivalents.value();
}

}  // namespace capacity
}  // namespace alignkit
