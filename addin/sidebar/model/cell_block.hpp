#pragma once
// What an "Insert into sheet" writes: a rectangle of labels, inputs and live formulas,
// built without the office so it can be unit-tested and written by any front end.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cell_names.hpp"

namespace alignkit::sidebar {

struct SheetCell {
  enum class Kind { empty, text, number, formula };
  Kind kind = Kind::empty;
  std::string text;  // the label, or the formula in Calc's English syntax
  double number = 0;
  enum class Style { plain, heading, input, percent_input, result, percent_result };
  Style style = Style::plain;
  /// How the number reads: as the office formats it by default, an amount with thousands
  /// separators (116,658.33), a whole count (6,170,000), or a rate (the percent styles).
  enum class Figure { general, amount, count };
  Figure figure = Figure::general;

  static SheetCell label(std::string text, Style style = Style::plain) {
    return {Kind::text, std::move(text), 0, style};
  }
  static SheetCell value(double number, Style style = Style::input) { return {Kind::number, {}, number, style}; }
  static SheetCell formula(std::string text, Style style = Style::result) {
    return {Kind::formula, std::move(text), 0, style};
  }
  /// This cell, its number shown as `shown`.
  [[nodiscard]] SheetCell as(Figure shown) const {
    SheetCell cell = *this;
    cell.figure = shown;
    return cell;
  }
};

/// A cell as a selection in the sheet holds it: a number, or a text (empty for an empty cell).
struct PlainCell {
  bool is_number = false;
  double number = 0;
  std::string text;
};

/// A planner input that is either typed or read from a shared template key.
struct LinkedNumber {
  double value = 0;
  std::string template_key;  // empty when the planner typed the value
};
struct LinkedText {
  std::string value;
  std::string template_key;
};

/// Where linked inputs come from when the insertion should follow a shared template.
struct TemplateLink {
  std::string source;  // as written into TEMPLATE.VALUE: a path relative to the workbook, or absolute
  bool write_formulas = false;
};

class CellBlock {
 public:
  CellBlock(std::size_t origin_column, std::size_t origin_row) : column_(origin_column), row_(origin_row) {}

  /// Appends a row; returns its 0-based index inside the block.
  std::size_t add_row(std::vector<SheetCell> cells);
  /// The A1 address of a cell of the block, e.g. "$C$5" (absolute) or "C5".
  [[nodiscard]] std::string address(std::size_t block_column, std::size_t block_row, bool absolute = true) const;

  [[nodiscard]] std::size_t origin_column() const { return column_; }
  [[nodiscard]] std::size_t origin_row() const { return row_; }
  [[nodiscard]] std::size_t width() const;
  [[nodiscard]] std::size_t height() const { return rows_.size(); }
  [[nodiscard]] const std::vector<std::vector<SheetCell>>& rows() const { return rows_; }

 private:
  std::size_t column_;
  std::size_t row_;
  std::vector<std::vector<SheetCell>> rows_;
};

using cells::column_name;  // "A", "Z", "AA", ... (cell_names.hpp)
/// A string literal for a Calc formula: quotes doubled.
std::string formula_string(std::string_view text);

/// The cell of a linked input: a TEMPLATE.VALUE formula when the link writes formulas and
/// the input came from the template, otherwise the value itself.
SheetCell input_cell(const LinkedNumber& input, const TemplateLink& link,
                     SheetCell::Style style = SheetCell::Style::input);
SheetCell input_cell(const LinkedText& input, const TemplateLink& link);

}  // namespace alignkit::sidebar
