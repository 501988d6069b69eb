#include "cell_block.hpp"

#include <algorithm>

#include "formula_text.hpp"

namespace alignkit::sidebar {

std::size_t CellBlock::add_row(std::vector<SheetCell> cells) {
  rows_.push_back(std::move(cells));
  return rows_.size() - 1;
}

std::string CellBlock::address(std::size_t block_column, std::size_t block_row, bool absolute) const {
  const std::string dollar = absolute ? "$" : "";
  return dollar + column_name(column_ + block_column) + dollar + std::to_string(row_ + block_row + 1);
}

std::size_t CellBlock::width() const {
  std::size_t widest = 0;
  for (const auto& row : rows_) widest = std::max(widest, row.size());
  return widest;
}

std::string formula_string(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

namespace {
std::string template_formula(const TemplateLink& link, const std::string& key) {
  return call_formula("TEMPLATE.VALUE", {formula_string(link.source), formula_string(key)});
}
bool follows_template(const TemplateLink& link, const std::string& key) {
  return link.write_formulas && !link.source.empty() && !key.empty();
}
}  // namespace

SheetCell input_cell(const LinkedNumber& input, const TemplateLink& link, SheetCell::Style style) {
  if (follows_template(link, input.template_key)) return SheetCell::formula(template_formula(link, input.template_key), style);
  return SheetCell::value(input.value, style);
}

SheetCell input_cell(const LinkedText& input, const TemplateLink& link) {
  if (follows_template(link, input.template_key)) return SheetCell::formula(template_formula(link, input.template_key), SheetCell::Style::plain);
  return SheetCell::label(input.value);
}

}  // namespace alignkit::sidebar
