#pragma once
// The sidebar's wizards work their figures out by calling the catalog's functions by name, with
// the catalog's own checks — never a copy of a function's body or of its checks.
#include <string_view>
#include <vector>

#include "alignkit/metrics/result.hpp"
#include "alignkit/metrics/values.hpp"

namespace alignkit::sidebar {

/// The number the catalog's function `name` answers for `args`, or its own refusal.
Result<double> catalog_number(std::string_view name, const std::vector<Arg>& args);
/// The column of numbers it answers (FUNNEL.STAGES), or its own refusal.
Result<std::vector<double>> catalog_column(std::string_view name, const std::vector<Arg>& args);

/// A column of numbers as an argument (a range of the sheet, as Calc passes one).
Arg column_arg(const std::vector<double>& numbers);
/// TRUE or FALSE as Calc passes it: 1 or 0.
Arg flag_arg(bool value);

}  // namespace alignkit::sidebar
