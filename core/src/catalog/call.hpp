#pragma once
// Reading one call's spreadsheet-shaped arguments as typed inputs for the core. A wrong
// argument throws ArgumentError, which evaluate() turns into an Error value: the exception
// never leaves the catalog.
#include <initializer_list>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "alignkit/catalog/catalog.hpp"
#include "alignkit/metrics/ramp.hpp"

namespace alignkit {

class ArgumentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The numbers of a range argument in reading order: a view of the caller's own list when it
/// holds only numbers (a SQL array, a column of numbers), else a copy with empty cells skipped.
/// A view costs no allocation, which a million SQL rows notice.
class NumberList {
 public:
  explicit NumberList(std::span<const double> view) : view_(view) {}
  explicit NumberList(std::vector<double> copy) : copy_(std::move(copy)), owns_(true), view_(copy_) {}
  NumberList(NumberList&& other) noexcept
      : copy_(std::move(other.copy_)), owns_(other.owns_), view_(owns_ ? std::span<const double>(copy_) : other.view_) {}
  NumberList(const NumberList&) = delete;
  NumberList& operator=(const NumberList&) = delete;
  NumberList& operator=(NumberList&&) = delete;

  operator std::span<const double>() const { return view_; }  // NOLINT: used where a span is taken
  [[nodiscard]] std::size_t size() const { return view_.size(); }
  [[nodiscard]] bool empty() const { return view_.empty(); }
  [[nodiscard]] const double* begin() const { return view_.data(); }
  [[nodiscard]] const double* end() const { return view_.data() + view_.size(); }
  [[nodiscard]] std::vector<double> to_vector() const { return {view_.begin(), view_.end()}; }

 private:
  std::vector<double> copy_;
  bool owns_ = false;
  std::span<const double> view_;
};

// Arguments are read by their catalog name; an optional argument left out reads as its
// catalog default, so a description's default and the computed one cannot differ.
class Call {
 public:
  Call(const FunctionInfo& function, std::span<const Arg> args, const CallContext& context)
      : function_(function), args_(args), context_(context) {}

  [[nodiscard]] bool given(std::string_view name) const;
  [[nodiscard]] double number(std::string_view name) const;
  /// A number, or nothing where the argument was left out and its default is the function's choice.
  [[nodiscard]] std::optional<double> optional_number(std::string_view name) const;
  [[nodiscard]] int whole_number(std::string_view name) const;
  [[nodiscard]] std::optional<int> optional_whole_number(std::string_view name) const;
  [[nodiscard]] bool flag(std::string_view name) const;
  [[nodiscard]] std::string text(std::string_view name) const;
  [[nodiscard]] Cell cell(std::string_view name) const;  // a single value of any kind; empty when left out
  /// The numbers of a range in reading order; empty cells are skipped, text is an error.
  [[nodiscard]] NumberList numbers(std::string_view name) const;
  /// Every cell of a range as a number or nothing (empty); text is an error.
  [[nodiscard]] std::vector<std::optional<double>> maybe_numbers(std::string_view name) const;
  /// The same for a 2-D block too, read row by row (GOAL.ALLOCATE keeps the block's shape).
  [[nodiscard]] std::vector<std::optional<double>> maybe_numbers_of_block(std::string_view name) const;
  /// The cells of a single row or column; a 2-D block is an error (a second column selected by mistake).
  [[nodiscard]] std::vector<Cell> cells(std::string_view name) const;
  /// rows x cols of a range argument (1 x 1 for a single value).
  [[nodiscard]] std::pair<std::size_t, std::size_t> shape(std::string_view name) const;
  /// A number (linear ramp months) or a range of monthly productivity fractions.
  [[nodiscard]] Ramp ramp(std::string_view name) const;
  /// The same, or nothing where an optional ramp was left out.
  [[nodiscard]] std::optional<Ramp> optional_ramp(std::string_view name) const;
  [[nodiscard]] const CallContext& context() const { return context_; }

  [[noreturn]] void fail(std::string_view name, const std::string& problem) const;

 private:
  // The position of a named argument; a name the catalog row does not declare is a bug in the
  // catalog, caught by the first test that calls the function.
  [[nodiscard]] std::size_t index(std::string_view name) const {
    // This runs for every argument of every cell (and SQL row): inline, and the compiler gives
    // a row's equal literals one address, so most names match by address or by size.
    for (std::size_t i = 0; i < function_.arguments.size(); ++i) {
      const std::string_view declared = function_.arguments[i].name;
      if (declared.size() == name.size() && (declared.data() == name.data() || declared == name)) return i;
    }
    undeclared(name);
  }
  [[noreturn]] void undeclared(std::string_view name) const;
  [[nodiscard]] const Arg& arg(std::size_t i) const;
  [[nodiscard]] bool given(std::size_t i) const;
  [[nodiscard]] std::string_view name(std::size_t i) const;
  [[nodiscard]] const Default* fallback(std::size_t i) const;  // the default of an argument left out
  [[noreturn]] void fail(std::size_t i, const std::string& problem) const;
  // The catalog says what each argument takes; reading it as something else is a bug in the
  // catalog, caught by the first test that calls the function.
  void expect(std::size_t i, std::initializer_list<ArgKind> kinds) const {
    if (i >= function_.arguments.size()) return;  // too many arguments: reported by evaluate()
    for (ArgKind kind : kinds) {
      if (kind == function_.arguments[i].kind) return;
    }
    misread(i);
  }
  [[noreturn]] void misread(std::size_t i) const;
  [[nodiscard]] double number(std::size_t i) const;
  [[nodiscard]] double scalar_number(std::size_t i) const;
  [[nodiscard]] Cell one_cell(std::size_t i) const;
  [[nodiscard]] NumberList numbers(std::size_t i) const;
  [[nodiscard]] std::vector<std::optional<double>> maybe_numbers(std::size_t i) const;
  [[nodiscard]] std::vector<Cell> cells(std::size_t i) const;
  void require_one_row_or_column(std::size_t i, const Range& range) const;
  [[noreturn]] void text_in_range(std::size_t i, std::size_t k, const std::string& text) const;
  [[nodiscard]] const Cell* single(std::size_t i) const;  // the one value of a scalar or 1x1 range
  [[nodiscard]] std::vector<Cell> any_cells(std::size_t i) const;
  [[nodiscard]] std::vector<std::optional<double>> as_numbers(std::size_t i, const std::vector<Cell>& all) const;

  const FunctionInfo& function_;
  std::span<const Arg> args_;
  const CallContext& context_;
  mutable Cell one_;  // single()'s cell when a range holds numbers, not Cells
};

/// The answer of a core function as the catalog's Output (or its error).
Result<Output> answer(const Result<double>& value);
Result<Output> answer(const Result<std::string>& value);
Result<Output> answer(const Result<std::vector<double>>& column);
Result<Output> answer(const Result<NumberBlock>& block);

}  // namespace alignkit
