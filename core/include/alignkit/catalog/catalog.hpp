#pragma once
// The one table of spreadsheet functions: names, descriptions, arguments and how to
// evaluate each from spreadsheet-shaped arguments. The Calc add-in, its CalcAddIns.xcu,
// the CLI and the HTTP service are all driven by it.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "alignkit/metrics/result.hpp"
#include "alignkit/metrics/values.hpp"

namespace alignkit {
namespace templates {
class Reader;
}


struct CallContext {
  std::filesystem::path base_dir;  // where relative template paths start (the workbook's folder)
  bool confined = false;           // templates only from inside base_dir (the HTTP service)
  bool templates_readable = true;  // false: TEMPLATE.* refuse (a service's reader without its read token)
  templates::Reader* templates = nullptr;  // what TEMPLATE.* read through; none: they are not available
};

/// What an argument takes. The conversion layer reads arguments by their kind, and only the
/// kinds that take one number accept a column in its place ("Columns at once").
enum class ArgKind {
  number,   // one number
  whole,    // one whole number
  flag,     // TRUE or FALSE (any number: 0 is FALSE)
  date,     // one date (a Calc date serial)
  text,     // one text
  value,    // one value of any kind, checked by the function (GOAL.SMART)
  numbers,  // a row or column of numbers (rates, weights, ratings, one period per row)
  block,    // a block of numbers whose shape the result keeps (GOAL.ALLOCATE's weights)
  cells,    // a row or column of values of any kind (GOAL.ALIGNMENT's links)
  ramp,     // ramp months, or a range of monthly productivity fractions
};
/// True for the kinds that only ever take one number: each also takes a column of numbers.
constexpr bool takes_column(ArgKind kind) {
  return kind == ArgKind::number || kind == ArgKind::whole || kind == ArgKind::flag || kind == ArgKind::date;
}
/// True for the kinds that take a range of cells: over a table's rows (SQL's aggregates and
/// window), each row gives one value of such an argument.
constexpr bool takes_range(ArgKind kind) {
  return kind == ArgKind::numbers || kind == ArgKind::block || kind == ArgKind::cells;
}
std::string_view kind_name(ArgKind kind);  // for messages: "a number"
std::string_view kind_key(ArgKind kind);   // for generated tables: "number"

/// What an optional argument is when left out: a value (a number, TRUE/FALSE or a text), or
/// no value, where the function decides and `meaning` says how ("ramp months").
struct Default {
  std::variant<std::monostate, double, bool, std::string_view> value;
  std::string_view meaning;  // after a value: "= count revenue"; without one: what the function does
};
/// The default as the descriptions write it: "1", "FALSE", "\"linear\"" (empty without a value).
std::string default_text(const Default& fallback);

/// The values an argument likely holds: one the function accepts outside them is likely a typo (a
/// whole percent typed where a fraction belongs: 3 for 3 %), said, never changed.
struct Plausible {
  double low = 0, high = 1;
  bool low_open = false, high_open = false;  // the bound itself is outside
  [[nodiscard]] bool contains(double value) const {
    return (low_open ? value > low : value >= low) && (high_open ? value < high : value <= high);
  }
};

/// What an argument's number counts, for people reading it beside a published key (the owners'
/// page shows "Annual salary (USD)", "Ramp (months)"); a share is a percent (ArgumentInfo::share).
enum class Unit { none, money, months };
std::string_view unit_key(Unit unit);  // "", "money", "months"

struct ArgumentInfo {
  /// The description is written with its default ("… (default 0)"), from the default itself.
  ArgumentInfo(std::string_view name, std::string_view description, ArgKind kind = ArgKind::number,
               std::optional<Default> fallback = std::nullopt);

  std::string_view name;
  std::string description;  // one line for the Function Wizard, ending with the default if any
  std::string_view summary;  // the same without its default: what translators translate (the default is added in words of its own)
  ArgKind kind = ArgKind::number;
  std::optional<Default> fallback;  // set exactly for optional arguments
  ArgKind typical = kind;           // for a `value`: what a well-formed one is (SQL gives it this type)
  /// The published template key that stands for this argument ("people.annual_salary"), as the
  /// sample templates name it; for a list, a group of numbers taken in the order its `rate_order`
  /// names ("funnel.rates": the values of funnel.rates in the order of funnel.rate_order). Empty:
  /// no published value stands for it. What an alignment check compares a workbook's constants to.
  std::string_view published_as;
  /// A share of a whole (a rate, a margin, an attrition): a fraction, shown as a percent where
  /// people see percents; with the values it likely holds.
  bool share = false;
  std::optional<Plausible> plausible;
  Unit unit = Unit::none;

  [[nodiscard]] bool optional() const { return fallback.has_value(); }
  /// This argument, a share whose likely values are `range`.
  [[nodiscard]] ArgumentInfo share_in(Plausible range) const {
    ArgumentInfo marked = *this;
    marked.share = true;
    marked.plausible = range;
    return marked;
  }
  /// This argument, counted in `counted`.
  [[nodiscard]] ArgumentInfo in(Unit counted) const {
    ArgumentInfo marked = *this;
    marked.unit = counted;
    return marked;
  }
  /// This argument, fed by the published key `key`.
  [[nodiscard]] ArgumentInfo fed_by(std::string_view key) const {
    ArgumentInfo fed = *this;
    fed.published_as = key;
    return fed;
  }
};

// column: one column of numbers; block: rows x columns of numbers (periods x stages, …).
enum class ResultShape { number, text, number_or_text, column, same_shape, block };

/// What a function reads besides its arguments.
enum class Reads {
  arguments_only,
  template_files,  // relative template paths start in the workbook's folder (CallContext::base_dir)
};

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
  Reads reads = Reads::arguments_only;
  /// A block's columns by name, in order; "name[]" stands for the columns whose number follows
  /// the input (FUNNEL.SCHEDULE's stages). Periods are the rows.
  std::vector<std::string_view> columns{};
  /// Functions of data rows also exist over a table's rows (SQL aggregates, GOAL.ALLOCATE's
  /// window): what one row's value of each range argument is called, in order.
  std::vector<std::string_view> one_row{};

  [[nodiscard]] std::size_t required_arguments() const;
  [[nodiscard]] bool reads_files() const { return reads == Reads::template_files; }
  /// True when the function answers one number, so that it also answers a column at once.
  [[nodiscard]] bool answers_columns() const;
};

/// No function takes more arguments (a front end may keep a call's arguments on the stack).
inline constexpr std::size_t kMaxArguments = 8;
/// No block answers more named columns (SQL's row functions keep a row's values on the stack; the
/// SQL generator refuses a catalog past it, so the build fails before a front end could overflow).
inline constexpr std::size_t kMaxResultColumns = 8;
/// No function over a table's rows takes more ranges (a row of SQL's aggregate state holds them).
inline constexpr std::size_t kMaxRangesOverRows = 3;

/// Every function, in the order of the function contract.
std::span<const FunctionInfo> functions();
/// By display name ("FUNNEL.BUDGET", case-insensitive, '_' for '.') or method name.
const FunctionInfo* find_function(std::string_view name);

/// Evaluates a function; never throws. Arity, argument types and values are checked.
Result<Output> evaluate(const FunctionInfo& function, std::span<const Arg> args,
                        const CallContext& context = {}) noexcept;

}  // namespace alignkit
