#include "catalog_call.hpp"

#include <string>

#include "alignkit/catalog/catalog.hpp"

namespace alignkit::sidebar {
namespace {
Result<Output> call(std::string_view name, const std::vector<Arg>& args) {
  const FunctionInfo* function = find_function(name);
  if (function == nullptr) return Error{std::string(name) + " is not in the catalog"};
  return alignkit::evaluate(*function, args);
}
}  // namespace

Result<double> catalog_number(std::string_view name, const std::vector<Arg>& args) {
  auto answer = call(name, args);
  if (!answer) return answer.error();
  if (const double* number = std::get_if<double>(&*answer)) return *number;
  return Error{std::string(name) + " did not answer a number"};
}

Result<std::vector<double>> catalog_column(std::string_view name, const std::vector<Arg>& args) {
  auto answer = call(name, args);
  if (!answer) return answer.error();
  if (auto* block = std::get_if<NumberBlock>(&*answer)) return std::move(block->values);
  return Error{std::string(name) + " did not answer a column"};
}

Arg column_arg(const std::vector<double>& numbers) {
  Range range;
  range.rows = numbers.size();
  range.cols = 1;
  for (const double number : numbers) range.cells.emplace_back(number);
  return range;
}

Arg flag_arg(bool value) { return value ? 1.0 : 0.0; }

}  // namespace alignkit::sidebar
