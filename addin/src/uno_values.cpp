#include "uno_values.hpp"

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

#include <exception>
#include <filesystem>
#include <new>
#include <vector>

#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <uno/data.h>
#include <uno/sequence2.h>

#include "alignkit/catalog/catalog.hpp"
#include "service_access.hpp"

namespace alignkit::addin {
namespace {

[[noreturn]] void reject(const std::string& message) {
  throw css::lang::IllegalArgumentException(to_office(message), {}, 0);
}

bool is_number(css::uno::TypeClass type) {
  switch (type) {
    case css::uno::TypeClass_DOUBLE:
    case css::uno::TypeClass_FLOAT:
    case css::uno::TypeClass_BYTE:
    case css::uno::TypeClass_SHORT:
    case css::uno::TypeClass_UNSIGNED_SHORT:
    case css::uno::TypeClass_LONG:
    case css::uno::TypeClass_UNSIGNED_LONG:
    case css::uno::TypeClass_HYPER:
    case css::uno::TypeClass_UNSIGNED_HYPER: return true;
    default: return false;
  }
}

double number_of(const css::uno::Any& value) {
  switch (value.getValueTypeClass()) {
    case css::uno::TypeClass_BOOLEAN: {
      bool flag = false;
      value >>= flag;
      return flag ? 1 : 0;
    }
    case css::uno::TypeClass_HYPER: {
      sal_Int64 whole = 0;
      value >>= whole;
      return static_cast<double>(whole);
    }
    case css::uno::TypeClass_UNSIGNED_HYPER: {
      sal_uInt64 whole = 0;
      value >>= whole;
      return static_cast<double>(whole);
    }
    default: {
      double number = 0;
      value >>= number;  // widens the smaller number types
      return number;
    }
  }
}

std::string text_of(const css::uno::Any& value) {
  ::rtl::OUString text;
  value >>= text;
  return from_office(text);
}

// A cell of a range. A formula that returns "" counts as an empty cell, as planners use it for "no value".
Cell to_cell(const css::uno::Any& value) {
  const auto type = value.getValueTypeClass();
  if (type == css::uno::TypeClass_VOID) return EmptyCell{};
  if (is_number(type) || type == css::uno::TypeClass_BOOLEAN) return number_of(value);
  if (type == css::uno::TypeClass_STRING) {
    std::string text = text_of(value);
    return text.empty() ? Cell{EmptyCell{}} : Cell{std::move(text)};
  }
  reject("a cell holds a value of an unsupported kind");
}

template <class Element, class ToCell>
Range to_range(const css::uno::Sequence<css::uno::Sequence<Element>>& rows, ToCell to_cell_of) {
  Range range;
  range.rows = static_cast<std::size_t>(rows.getLength());
  for (const auto& row : rows) range.cols = std::max(range.cols, static_cast<std::size_t>(row.getLength()));
  range.cells.reserve(range.rows * range.cols);
  for (const auto& row : rows) {
    for (const auto& element : row) range.cells.push_back(to_cell_of(element));
    range.cells.resize(range.cells.size() + range.cols - static_cast<std::size_t>(row.getLength()), EmptyCell{});
  }
  return range;
}

// Calc takes an array answer as one sequence per row: a column of 100,000 rows is 100,000 of
// them. Each is made with UNO's C function, the row type looked up once rather than per row as
// the C++ Sequence constructor does: 2.2 ms instead of 3.7 for 100,000 rows on the 2-core VM.
// A NaN (a bad row of a column answered at once) shows Err:502 in its cell only: Calc reads an
// error from a NaN carrying the error's code in its low bits (its CreateDoubleError).
css::uno::Sequence<css::uno::Sequence<double>> to_rows(const NumberBlock& block) {
  const double illegal_argument = std::bit_cast<double>(std::uint64_t{0x7FF8000000000000} | 502u);
  try {
    css::uno::Sequence<css::uno::Sequence<double>> answer(static_cast<sal_Int32>(block.rows));
    typelib_TypeDescriptionReference* row_type = cppu::UnoType<css::uno::Sequence<double>>::get().getTypeLibType();
    auto* row = answer.getArray();
    for (std::size_t r = 0; r < block.rows; ++r) {
      uno_Sequence* made = nullptr;
      if (!uno_type_sequence_construct(&made, row_type, nullptr, static_cast<sal_Int32>(block.cols),
                                       css::uno::cpp_acquire)) {
        throw std::bad_alloc();
      }
      auto* cells = reinterpret_cast<double*>(made->elements);
      for (std::size_t c = 0; c < block.cols; ++c) {
        const double value = block.values[r * block.cols + c];
        cells[c] = std::isnan(value) ? illegal_argument : value;
      }
      // The row's slot holds the empty sequence it was made with: give that back, take the new one.
      auto** slot = reinterpret_cast<uno_Sequence**>(&row[r]);
      uno_type_destructData(slot, row_type, css::uno::cpp_release);
      *slot = made;
    }
    return answer;
  } catch (const std::bad_alloc&) {
    reject("not enough memory for this answer");  // an exception Calc shows as Err:502, not one that ends it
  }
}

std::filesystem::path workbook_folder(const css::uno::Reference<css::beans::XPropertySet>& caller) {
  const css::uno::Reference<css::frame::XModel> model(caller, css::uno::UNO_QUERY);
  if (!model.is()) return {};
  ::rtl::OUString url = model->getURL();
  if (url.isEmpty()) {
    // While a file loads, Calc already recalculates but the model has no URL yet; the load
    // arguments name the file.
    for (const auto& argument : model->getArgs()) {
      if (argument.Name == "URL") argument.Value >>= url;
    }
  }
  return folder_of_url(url);
}

}  // namespace

Arg to_arg(const css::uno::Any& value) {
  const auto type = value.getValueTypeClass();
  if (type == css::uno::TypeClass_VOID) return Missing{};
  if (is_number(type) || type == css::uno::TypeClass_BOOLEAN) return number_of(value);
  if (type == css::uno::TypeClass_STRING) return text_of(value);
  if (css::uno::Sequence<css::uno::Sequence<css::uno::Any>> mixed; value >>= mixed) {
    return to_range(mixed, [](const css::uno::Any& cell) { return to_cell(cell); });
  }
  if (css::uno::Sequence<css::uno::Sequence<double>> numbers; value >>= numbers) {
    return to_range(numbers, [](double number) { return Cell{number}; });
  }
  reject("an argument is of a kind Calc functions do not pass (" + from_office(value.getValueTypeName()) + ")");
}

Output call(std::size_t index, std::initializer_list<const css::uno::Any*> args,
            const css::uno::Reference<css::beans::XPropertySet>& caller, templates::Reader* templates) {
#ifdef ALIGNKIT_DISPATCH_FLOOR
  // The benchmark's do-nothing add-in (built only for `--target benchmark`, never shipped):
  // FUNNEL.BUDGET answers before reading or computing anything — 1 for one cell, a column of 1s as
  // long as the targets for a column — so what Calc's call of an add-in costs is measured beside
  // alignkit in one run.
  if (functions()[index].name == "FUNNEL.BUDGET") {
    if (css::uno::Sequence<css::uno::Sequence<css::uno::Any>> rows; **args.begin() >>= rows) {
      const auto size = static_cast<std::size_t>(rows.getLength());
      return NumberBlock{size, 1, std::vector<double>(size, 1.0), {}};
    }
    return 1.0;
  }
#endif
  try {
    const FunctionInfo& function = functions()[index];
    // On the stack: this runs once per cell. No catalog function takes more than kMaxArguments.
    std::array<Arg, kMaxArguments> values;
    std::size_t count = 0;
    for (const css::uno::Any* arg : args) values.at(count++) = to_arg(*arg);
    CallContext context;
    if (function.reads_files()) {
      context.base_dir = workbook_folder(caller);
      context.templates = templates;
    }
    auto result = evaluate(function, std::span<const Arg>(values.data(), count), context);
    if (!result) reject(std::string(function.name) + ": " + result.error().message);
    return std::move(result).value();
  } catch (const css::lang::IllegalArgumentException&) {
    throw;
  } catch (const css::uno::Exception& e) {
    reject("the office could not answer: " + from_office(e.Message));
  } catch (const std::exception& e) {
    reject(std::string("unexpected problem: ") + e.what());
  } catch (...) {
    reject("unexpected problem");
  }
}

double to_number(const Output& output) {
  if (const auto* number = std::get_if<double>(&output)) return *number;
  reject("internal: a number was expected");
}

::rtl::OUString to_text(const Output& output) {
  if (const auto* text = std::get_if<std::string>(&output)) return to_office(*text);
  reject("internal: a text was expected");
}

css::uno::Any to_any(const Output& output) {
  if (const auto* number = std::get_if<double>(&output)) return css::uno::Any(*number);
  if (const auto* text = std::get_if<std::string>(&output)) return css::uno::Any(to_office(*text));
  reject("internal: a single value was expected");
}

css::uno::Any to_number_or_column(const Output& output) {
  if (const auto* number = std::get_if<double>(&output)) return css::uno::Any(*number);
  const auto* block = std::get_if<NumberBlock>(&output);
  if (!block) reject("internal: a number or a column was expected");
  return css::uno::Any(to_rows(*block));
}

css::uno::Sequence<css::uno::Sequence<double>> to_block(const Output& output) {
  const auto* block = std::get_if<NumberBlock>(&output);
  if (!block) reject("internal: an array was expected");
  return to_rows(*block);
}

}  // namespace alignkit::addin
