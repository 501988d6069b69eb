#pragma once
// Spreadsheet-shaped values shared by every front end (Calc add-in, CLI, HTTP service):
// a cell is empty, a number or a text; a range is a rows x cols block of cells.
#include <cstddef>
#include <limits>
#include <string>
#include <variant>
#include <vector>

namespace alignkit {

struct EmptyCell {
  friend bool operator==(EmptyCell, EmptyCell) = default;
};

using Cell = std::variant<EmptyCell, double, std::string>;

struct Range {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<Cell> cells;  // row-major, rows * cols entries
  /// Instead of cells, for a range that holds only numbers and empty cells (a SQL list, a
  /// column of a table's rows): a quiet NaN is an empty cell. 8 bytes a cell, not a Cell's 40:
  /// what makes a million rows cheap. Used when `cells` is empty and this is not.
  std::vector<double> numbers{};

  static Range column(std::vector<Cell> values) {
    const std::size_t n = values.size();
    return Range{n, n == 0 ? std::size_t{0} : std::size_t{1}, std::move(values), {}};
  }
  /// A column of numbers, NaN for an empty cell (infinities are the caller's to refuse).
  static Range column_of_numbers(std::vector<double> values) {
    const std::size_t n = values.size();
    return Range{n, n == 0 ? std::size_t{0} : std::size_t{1}, {}, std::move(values)};
  }

  [[nodiscard]] bool holds_numbers() const { return cells.empty() && !numbers.empty(); }
  [[nodiscard]] std::size_t size() const { return holds_numbers() ? numbers.size() : cells.size(); }
  /// Cell k, whichever way the range holds it.
  [[nodiscard]] Cell cell(std::size_t k) const {
    if (!holds_numbers()) return cells[k];
    const double number = numbers[k];
    return number == number ? Cell{number} : Cell{EmptyCell{}};  // NaN: empty
  }
};

/// Holds `range` as numbers (NaN for an empty cell) when every cell is a number or empty and no
/// number is NaN; reading it then gives the same cells, 8 bytes each and without a variant to
/// copy. A range with a text is left as it is, to be reported as the text it is.
inline void hold_as_numbers(Range& range) {
  if (range.holds_numbers() || range.cells.empty()) return;
  std::vector<double> numbers;
  numbers.reserve(range.cells.size());
  for (const Cell& cell : range.cells) {
    if (const auto* number = std::get_if<double>(&cell)) {
      if (*number != *number) return;  // a NaN number would read back as an empty cell
      numbers.push_back(*number);
    } else if (std::holds_alternative<EmptyCell>(cell)) {
      numbers.push_back(std::numeric_limits<double>::quiet_NaN());
    } else {
      return;
    }
  }
  range.cells.clear();
  range.cells.shrink_to_fit();
  range.numbers = std::move(numbers);
}

/// An argument as a caller passes it: left out, a number, a text or a range.
struct Missing {};
using Arg = std::variant<Missing, double, std::string, Range>;

/// A row of a column answered at once that has no number: NaN in the values, and why here.
struct RowError {
  std::size_t row = 0;  // 0-based
  std::string message;
};

/// A function's answer: a number, a text, or a block of numbers.
/// The most numbers one block answer may hold (32 MiB of them): work that would make more is
/// refused before it starts, so one call cannot take a database server's memory.
inline constexpr std::size_t kMaxBlockCells = std::size_t{1} << 22;

struct NumberBlock {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> values;    // row-major
  std::vector<RowError> errors;  // only for a column answered at once: its bad rows, in order
};
using Output = std::variant<double, std::string, NumberBlock>;

inline bool is_empty(const Cell& cell) { return std::holds_alternative<EmptyCell>(cell); }

}  // namespace alignkit
