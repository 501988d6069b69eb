#pragma once
// What several unit tests need to say briefly: a column of cells, a catalog call, a linear ramp.
#include <doctest/doctest.h>

#include <string_view>
#include <vector>

#include "alignkit/catalog/catalog.hpp"
#include "alignkit/metrics/ramp.hpp"

namespace alignkit::testing {

inline Range column(std::vector<Cell> cells) { return Range::column(std::move(cells)); }

/// A catalog function by name, evaluated on spreadsheet-shaped arguments.
inline Result<Output> call(std::string_view name, std::vector<Arg> args, const CallContext& context = {}) {
  const FunctionInfo* function = find_function(name);
  REQUIRE(function != nullptr);
  return evaluate(*function, args, context);
}

inline Ramp linear(double months) { return Ramp::linear(months).value(); }

}  // namespace alignkit::testing
