#pragma once
// HR-Sales partnership surveys and hiring-profile fit.
#include <span>

#include "alignkit/metrics/result.hpp"

namespace alignkit::survey {

struct Scale {
  int max = 5;  // ratings run 1..max
  int box = 2;  // how many categories make the top (or bottom) box
};

Result<double> topbox(std::span<const double> ratings, Scale scale = {});
Result<double> bottombox(std::span<const double> ratings, Scale scale = {});
Result<double> gap(std::span<const double> ratings_a, std::span<const double> ratings_b, Scale scale = {});
Result<double> nps(std::span<const double> scores);

}  // namespace alignkit::survey

namespace alignkit::profile {
Result<double> fit(std::span<const double> candidate_scores, std::span<const double> role_weights,
                   double scale_max = 5);
}  // namespace alignkit::profile
