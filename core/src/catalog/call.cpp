#include "catalog/call.hpp"

#include <algorithm>

#include <cmath>

#include "alignkit/metrics/dates.hpp"
#include "metrics/checks.hpp"

namespace alignkit {
namespace {
const Arg kLeftOut{Missing{}};

std::string quoted(const std::string& text) {
  constexpr std::size_t kShown = 40;
  return "'" + (text.size() > kShown ? text.substr(0, kShown) + "..." : text) + "'";
}
}  // namespace

void Call::undeclared(std::string_view name) const {
  throw std::logic_error("catalog: " + std::string(function_.name) + " reads an argument it does not declare: " +
                         std::string(name));
}

const Arg& Call::arg(std::size_t i) const { return i < args_.size() ? args_[i] : kLeftOut; }

const Default* Call::fallback(std::size_t i) const {
  if (given(i)) return nullptr;
  const auto& declared = function_.arguments[i].fallback;
  return declared ? &*declared : nullptr;
}

std::string_view Call::name(std::size_t i) const {
  return i < function_.arguments.size() ? function_.arguments[i].name : std::string_view("argument");
}

void Call::fail(std::size_t i, const std::string& problem) const {
  throw ArgumentError(std::string(name(i)) + " " + problem);
}

void Call::fail(std::string_view name, const std::string& problem) const { fail(index(name), problem); }

void Call::misread(std::size_t i) const {
  throw std::logic_error("catalog: " + std::string(function_.name) + "'s " + std::string(name(i)) + " is declared as " +
                         std::string(kind_name(function_.arguments[i].kind)) + " but read otherwise");
}

bool Call::given(std::size_t i) const { return !std::holds_alternative<Missing>(arg(i)); }

bool Call::given(std::string_view name) const { return given(index(name)); }

const Cell* Call::single(std::size_t i) const {
  const Arg& a = arg(i);
  if (const auto* range = std::get_if<Range>(&a)) {
    if (range->size() != 1) {
      fail(i, "must be a single value, not a range of " + std::to_string(range->size()) + " cells");
    }
    if (range->holds_numbers()) {
      one_ = range->cell(0);
      return &one_;
    }
    return &range->cells.front();
  }
  return nullptr;
}

Cell Call::cell(std::string_view name) const {
  const std::size_t i = index(name);
  expect(i, {ArgKind::value});
  return one_cell(i);
}

Cell Call::one_cell(std::size_t i) const {
  const Arg& a = arg(i);
  if (const auto* number = std::get_if<double>(&a)) return *number;
  if (const auto* text = std::get_if<std::string>(&a)) return *text;
  if (const Cell* one = single(i)) return *one;
  return EmptyCell{};
}

double Call::number(std::size_t i) const {
  expect(i, {ArgKind::number, ArgKind::whole, ArgKind::flag, ArgKind::date});
  if (const Default* left_out = fallback(i)) {
    if (const auto* value = std::get_if<double>(&left_out->value)) return *value;
    if (const auto* value = std::get_if<bool>(&left_out->value)) return *value ? 1.0 : 0.0;
  }
  return scalar_number(i);
}

double Call::number(std::string_view name) const { return number(index(name)); }

double Call::scalar_number(std::size_t i) const {
  if (!given(i)) fail(i, "is missing");
  const Cell value = one_cell(i);
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* text = std::get_if<std::string>(&value)) {
    if (i < function_.arguments.size() && function_.arguments[i].kind == ArgKind::date) {
      // A date as people write it (over HTTP, in the command, as text in a cell): ISO 8601.
      if (const auto serial = date_serial(*text)) return *serial;
      fail(i, "is text " + quoted(*text) + "; a date is needed, written 2027-06-30 (or a date serial number)");
    }
    fail(i, "is text " + quoted(*text) + "; a number is needed");
  }
  fail(i, "is empty; a number is needed");
}

std::optional<double> Call::optional_number(std::string_view name) const {
  const std::size_t i = index(name);
  if (const Default* left_out = fallback(i); left_out && std::holds_alternative<std::monostate>(left_out->value)) {
    return std::nullopt;
  }
  return number(i);
}

int Call::whole_number(std::string_view name) const {
  const std::size_t i = index(name);
  const double value = number(i);
  if (auto e = detail::check_whole(this->name(i), value)) throw ArgumentError(e->message);
  if (std::fabs(value) > 1e6) fail(i, "(" + detail::show(value) + ") is too large");
  return static_cast<int>(value);
}

std::optional<int> Call::optional_whole_number(std::string_view name) const {
  if (!optional_number(name)) return std::nullopt;
  return whole_number(name);
}

bool Call::flag(std::string_view name) const {
  return number(index(name)) != 0;  // TRUE is 1 in Calc
}

std::string Call::text(std::string_view name) const {
  const std::size_t i = index(name);
  expect(i, {ArgKind::text});
  if (const Default* left_out = fallback(i)) {
    if (const auto* value = std::get_if<std::string_view>(&left_out->value)) return std::string(*value);
  }
  const Cell value = one_cell(i);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (!given(i)) fail(i, "is missing");
  fail(i, "must be a text");
}

std::vector<Cell> Call::any_cells(std::size_t i) const {
  const Arg& a = arg(i);
  if (const auto* range = std::get_if<Range>(&a)) {
    if (!range->holds_numbers()) return range->cells;
    std::vector<Cell> all;
    all.reserve(range->size());
    for (std::size_t k = 0; k < range->size(); ++k) all.push_back(range->cell(k));
    return all;
  }
  if (!given(i)) fail(i, "is missing");
  return {one_cell(i)};
}

void Call::require_one_row_or_column(std::size_t i, const Range& range) const {
  if (range.rows > 1 && range.cols > 1) {
    fail(i, "must be a single row or column, not a block of " + std::to_string(range.rows) + " x " +
                std::to_string(range.cols) + " cells");
  }
}

std::vector<Cell> Call::cells(std::size_t i) const {
  expect(i, {ArgKind::cells, ArgKind::numbers, ArgKind::ramp});
  if (const auto* range = std::get_if<Range>(&arg(i))) require_one_row_or_column(i, *range);
  return any_cells(i);
}

std::vector<Cell> Call::cells(std::string_view name) const { return cells(index(name)); }

std::pair<std::size_t, std::size_t> Call::shape(std::string_view name) const {
  if (const auto* range = std::get_if<Range>(&arg(index(name)))) return {range->rows, range->cols};
  return {1, 1};
}

std::vector<std::optional<double>> Call::maybe_numbers(std::size_t i) const {
  if (const auto* range = std::get_if<Range>(&arg(i)); range && range->holds_numbers()) {
    expect(i, {ArgKind::cells, ArgKind::numbers, ArgKind::ramp});
    require_one_row_or_column(i, *range);
    std::vector<std::optional<double>> values;
    values.reserve(range->numbers.size());
    for (double number : range->numbers) {
      values.push_back(number == number ? std::optional<double>(number) : std::nullopt);  // NaN: empty
    }
    return values;
  }
  return as_numbers(i, cells(i));
}

std::vector<std::optional<double>> Call::maybe_numbers(std::string_view name) const {
  return maybe_numbers(index(name));
}

std::vector<std::optional<double>> Call::maybe_numbers_of_block(std::string_view name) const {
  const std::size_t i = index(name);
  expect(i, {ArgKind::block});
  return as_numbers(i, any_cells(i));
}

void Call::text_in_range(std::size_t i, std::size_t k, const std::string& text) const {
  throw ArgumentError(std::string(name(i)) + ": cell " + std::to_string(k + 1) + " is text " + quoted(text) +
                      "; a number is needed");
}

std::vector<std::optional<double>> Call::as_numbers(std::size_t i, const std::vector<Cell>& all) const {
  std::vector<std::optional<double>> values;
  values.reserve(all.size());
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (const auto* number = std::get_if<double>(&all[k])) {
      values.emplace_back(*number);
    } else if (const auto* text = std::get_if<std::string>(&all[k])) {
      text_in_range(i, k, *text);
    } else {
      values.emplace_back(std::nullopt);
    }
  }
  return values;
}

NumberList Call::numbers(std::size_t i) const {
  // Read in place: this runs for every cell (and every row of a column answered at once).
  const auto* range = std::get_if<Range>(&arg(i));
  if (!range) {
    std::vector<double> values;
    for (const auto& value : maybe_numbers(i)) {
      if (value) values.push_back(*value);
    }
    return NumberList(std::move(values));
  }
  expect(i, {ArgKind::cells, ArgKind::numbers, ArgKind::ramp});
  require_one_row_or_column(i, *range);
  std::vector<double> values;
  if (range->holds_numbers()) {
    const auto& numbers = range->numbers;
    if (std::none_of(numbers.begin(), numbers.end(), [](double number) { return number != number; })) {
      return NumberList(std::span<const double>(numbers));  // no empty cell: the list as it is
    }
    values.reserve(range->numbers.size());
    for (double number : range->numbers) {
      if (number == number) values.push_back(number);  // NaN: an empty cell, skipped
    }
    return NumberList(std::move(values));
  }
  values.reserve(range->cells.size());
  for (std::size_t k = 0; k < range->cells.size(); ++k) {
    const Cell& cell = range->cells[k];
    if (const auto* number = std::get_if<double>(&cell)) {
      values.push_back(*number);
    } else if (const auto* text = std::get_if<std::string>(&cell)) {
      text_in_range(i, k, *text);
    }
  }
  return NumberList(std::move(values));
}

NumberList Call::numbers(std::string_view name) const { return numbers(index(name)); }

std::optional<Ramp> Call::optional_ramp(std::string_view name) const {
  if (!given(name)) return std::nullopt;
  return ramp(name);
}

Ramp Call::ramp(std::string_view name) const {
  const std::size_t i = index(name);
  expect(i, {ArgKind::ramp});
  if (!given(i)) fail(i, "is missing");
  const bool is_list = std::holds_alternative<Range>(arg(i)) && std::get<Range>(arg(i)).size() > 1;
  auto ramp = is_list ? Ramp::monthly(numbers(i).to_vector()) : Ramp::linear(scalar_number(i));
  if (!ramp) throw ArgumentError(ramp.error().message);
  return std::move(ramp).value();
}

Result<Output> answer(const Result<double>& value) {
  if (!value) return value.error();
  return Output{*value};
}

Result<Output> answer(const Result<std::string>& value) {
  if (!value) return value.error();
  return Output{*value};
}

Result<Output> answer(const Result<NumberBlock>& block) {
  if (!block) return block.error();
  return Output{*block};
}

Result<Output> answer(const Result<std::vector<double>>& column) {
  if (!column) return column.error();
  return Output{NumberBlock{column->size(), 1, *column, {}}};
}

}  // namespace alignkit
