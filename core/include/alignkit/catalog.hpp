#pragma once
// The one table of spreadsheet functions: names, descriptions, arguments and how to
// evaluate each from spreadsheet-shaped arguments. The Calc add-in, its CalcAddIns.xcu,
// the CLI and the HTTP service are all driven by it.
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "alignkit/result.hpp"
#include "alignkit/values.hpp"

namespace alignkit {

struct CallContext {
  std::filesystem::path base_dir;  // where relative template paths start (the workbook's folder)
  bool confined = false;           // templates only from inside base_dir (the HTTP service)
};

struct ArgumentInfo {
  std::string_view name;
  std::string_view description;
  bool optional = false;
};

// column: one column of numbers; block: rows x columns of numbers (periods x stages, …).
enum class ResultShape { number, text, number_or_text, column, same_shape, block };

struct FunctionInfo;
class Call;
using Evaluator = Result<Output> (*)(const Call&);

struct FunctionInfo {
  std::string_view name;         // as typed in Calc: "FUNNEL.BUDGET"
  std::string_view method;       // programmatic (UNO method) name: "funnelBudget"
  std::string_view family;       // "Funnel budgeting"
  std::string_view description;  // one line for the Function Wizard
  std::vector<ArgumentInfo> arguments;
  ResultShape shape = ResultShape::number;
  Evaluator evaluate = nullptr;
  bool reads_files = false;  // relative paths start in the workbook's folder (CallContext::base_dir)

  [[nodiscard]] std::size_t required_arguments() const;
};

/// Every function, in the order of the function contract.
std::span<const FunctionInfo> functions();
/// By display name ("FUNNEL.BUDGET", case-insensitive, '_' for '.') or method name.
const FunctionInfo* find_function(std::string_view name);

/// Evaluates a function; never throws. Arity, argument types and values are checked.
Result<Output> evaluate(const FunctionInfo& function, std::span<const Arg> args,
                        const CallContext& context = {}) noexcept;

}  // namespace alignkit
