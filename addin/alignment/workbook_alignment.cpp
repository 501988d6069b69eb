#include "workbook_alignment.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <string_view>

#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/CellFlags.hpp>
#include <com/sun/star/sheet/ComplexReference.hpp>
#include <com/sun/star/sheet/FormulaLanguage.hpp>
#include <com/sun/star/sheet/FormulaMapGroup.hpp>
#include <com/sun/star/sheet/FormulaMapGroupSpecialOffset.hpp>
#include <com/sun/star/sheet/FormulaResult.hpp>
#include <com/sun/star/sheet/FormulaToken.hpp>
#include <com/sun/star/sheet/ReferenceFlags.hpp>
#include <com/sun/star/sheet/SingleReference.hpp>
#include <com/sun/star/sheet/XCellRangesQuery.hpp>
#include <com/sun/star/sheet/XFormulaOpCodeMapper.hpp>
#include <com/sun/star/sheet/XFormulaTokens.hpp>
#include <com/sun/star/sheet/XSheetCellRanges.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/table/CellContentType.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/sheet/XCellAddressable.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/util/XModifiable.hpp>

#include "alignkit/templates/templates.hpp"
#include "cell_names.hpp"
#include "office_text.hpp"
#include "service_access.hpp"
#include "undo_context.hpp"

namespace alignkit::addin {
namespace {
using css::sheet::FormulaToken;
using css::table::CellAddress;
using css::uno::Any;
using css::uno::Reference;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
using Tokens = Sequence<FormulaToken>;

constexpr std::string_view kFunctionsPrefix = "org.alignkit.calc.Functions.";
constexpr sal_Int32 kMaxRangeCells = 4096;  // a larger range is data, not a typed assumption

// The office's own numbers for the tokens a call is made of, asked of the document.
struct OpCodes {
  sal_Int32 push = 0, external = 0, open = 0, close = 0, separator = 0, percent = 0;
};

OpCodes op_codes(const Reference<css::frame::XModel>& document) {
  Reference<css::lang::XMultiServiceFactory> factory(document, UNO_QUERY_THROW);
  Reference<css::sheet::XFormulaOpCodeMapper> mapper(factory->createInstance("com.sun.star.sheet.FormulaOpCodeMapper"),
                                                     UNO_QUERY_THROW);
  const auto special =
      mapper->getAvailableMappings(css::sheet::FormulaLanguage::API, css::sheet::FormulaMapGroup::SPECIAL);
  const ::rtl::OUString names[] = {"(", ")", ";", "%"};
  const auto mapped = mapper->getMappings(Sequence<::rtl::OUString>(names, 4), css::sheet::FormulaLanguage::API);
  OpCodes codes;
  codes.push = special[css::sheet::FormulaMapGroupSpecialOffset::PUSH].Token.OpCode;
  codes.external = special[css::sheet::FormulaMapGroupSpecialOffset::EXTERNAL].Token.OpCode;
  codes.open = mapped[0].OpCode;
  codes.close = mapped[1].OpCode;
  codes.separator = mapped[2].OpCode;
  codes.percent = mapped[3].OpCode;
  return codes;
}

// The workbook being checked: its sheets, read as the check goes.
struct OpenWorkbook {
  explicit OpenWorkbook(const Reference<css::frame::XModel>& model)
      : model(model),
        sheets(Reference<css::sheet::XSpreadsheetDocument>(model, UNO_QUERY_THROW)->getSheets(), UNO_QUERY_THROW),
        ops(op_codes(model)) {
    for (sal_Int32 s = 0; s < sheets->getCount(); ++s) {
      Reference<css::container::XNamed> named(sheets->getByIndex(s), UNO_QUERY_THROW);
      sheet_names.push_back(from_office(named->getName()));
    }
  }
  [[nodiscard]] Reference<css::sheet::XSpreadsheet> sheet(sal_Int32 index) const {
    return Reference<css::sheet::XSpreadsheet>(sheets->getByIndex(index), UNO_QUERY_THROW);
  }
  [[nodiscard]] bool exists(const CellAddress& at) const {
    return at.Sheet >= 0 && at.Sheet < sheets->getCount() && at.Column >= 0 && at.Row >= 0;
  }
  [[nodiscard]] Reference<css::table::XCell> cell(const CellAddress& at) const {
    return sheet(at.Sheet)->getCellByPosition(at.Column, at.Row);
  }
  [[nodiscard]] std::string name(const CellAddress& at) const {
    return sheet_names[static_cast<std::size_t>(at.Sheet)] + "." + cells::column_name(static_cast<std::size_t>(at.Column)) +
           std::to_string(at.Row + 1);
  }

  Reference<css::frame::XModel> model;
  Reference<css::container::XIndexAccess> sheets;
  OpCodes ops;
  std::vector<std::string> sheet_names;
};

// One alignkit call inside a formula: its catalog row and the range of tokens each argument is.
struct TokenRange {
  sal_Int32 begin = 0, end = 0;
};
struct FoundCall {
  const FunctionInfo* function = nullptr;
  sal_Int32 at = 0, end = 0;  // the function's token; one past its closing parenthesis
  std::vector<TokenRange> arguments;
};

std::string external_name(const FormulaToken& token) {
  ::rtl::OUString name;
  token.Data >>= name;
  return from_office(name);
}

std::vector<FoundCall> calls_in(const Tokens& tokens, const OpCodes& ops) {
  std::vector<FoundCall> calls;
  const sal_Int32 n = tokens.getLength();
  for (sal_Int32 i = 0; i + 1 < n; ++i) {
    if (tokens[i].OpCode != ops.external || tokens[i + 1].OpCode != ops.open) continue;
    const std::string name = external_name(tokens[i]);
    if (!name.starts_with(kFunctionsPrefix)) continue;
    FoundCall call;
    call.function = find_function(std::string_view(name).substr(kFunctionsPrefix.size()));
    if (!call.function) continue;
    call.at = i;
    int depth = 0;
    sal_Int32 begin = i + 2;
    for (sal_Int32 j = i + 1; j < n; ++j) {
      if (tokens[j].OpCode == ops.open) {
        ++depth;
      } else if (tokens[j].OpCode == ops.close) {
        if (--depth == 0) {
          call.arguments.push_back({begin, j});
          call.end = j + 1;
          break;
        }
      } else if (tokens[j].OpCode == ops.separator && depth == 1) {
        call.arguments.push_back({begin, j});
        begin = j + 1;
      }
    }
    if (call.end == 0) continue;  // not closed: the office would not have kept such a formula
    if (call.arguments.size() == 1 && call.arguments[0].begin == call.arguments[0].end) call.arguments.clear();
    calls.push_back(std::move(call));
  }
  return calls;
}

bool is_link_call(const FoundCall& call) { return call.function->name == "TEMPLATE.VALUE"; }
bool names_template(const FoundCall& call) { return call.function->name.starts_with("TEMPLATE."); }

// The TEMPLATE.VALUE call that the tokens of `span` are exactly, if they are one.
const FoundCall* link_at(const std::vector<FoundCall>& calls, TokenRange span) {
  if (span.end - span.begin < 3) return nullptr;
  for (const auto& call : calls) {
    if (call.at == span.begin) return call.end == span.end && is_link_call(call) ? &call : nullptr;
  }
  return nullptr;
}

CellAddress absolute(const css::sheet::SingleReference& ref, const CellAddress& base) {
  namespace flags = css::sheet::ReferenceFlags;
  CellAddress at;
  at.Column = (ref.Flags & flags::COLUMN_RELATIVE) ? base.Column + ref.RelativeColumn : ref.Column;
  at.Row = (ref.Flags & flags::ROW_RELATIVE) ? base.Row + ref.RelativeRow : ref.Row;
  at.Sheet = static_cast<sal_Int16>((ref.Flags & flags::SHEET_RELATIVE) ? base.Sheet + ref.RelativeSheet : ref.Sheet);
  return at;
}

bool deleted(const css::sheet::SingleReference& ref) {
  namespace flags = css::sheet::ReferenceFlags;
  return (ref.Flags & (flags::COLUMN_DELETED | flags::ROW_DELETED | flags::SHEET_DELETED)) != 0;
}

// What one cell holds, for the check.
struct CellSeen {
  enum class Holds { number, link, empty, other } holds = Holds::other;
  std::optional<Cell> value;  // what a function reading it gets, when known
};

CellSeen seen_cell(const OpenWorkbook& book, const CellAddress& at) {
  const auto cell = book.cell(at);
  switch (cell->getType()) {
    case css::table::CellContentType_VALUE: return {CellSeen::Holds::number, Cell{cell->getValue()}};
    case css::table::CellContentType_EMPTY: return {CellSeen::Holds::empty, Cell{EmptyCell{}}};
    case css::table::CellContentType_TEXT:
      return {CellSeen::Holds::other, Cell{from_office(Reference<css::text::XText>(cell, UNO_QUERY_THROW)->getString())}};
    default: break;
  }
  CellSeen seen;
  const Tokens tokens = Reference<css::sheet::XFormulaTokens>(cell, UNO_QUERY_THROW)->getTokens();
  if (link_at(calls_in(tokens, book.ops), {0, tokens.getLength()})) seen.holds = CellSeen::Holds::link;
  sal_Int32 result = 0;
  Reference<css::beans::XPropertySet>(cell, UNO_QUERY_THROW)->getPropertyValue("FormulaResultType2") >>= result;
  if (cell->getError() == 0 && result == css::sheet::FormulaResult::VALUE) seen.value = Cell{cell->getValue()};
  if (cell->getError() == 0 && result == css::sheet::FormulaResult::STRING) {
    seen.value = Cell{from_office(Reference<css::text::XText>(cell, UNO_QUERY_THROW)->getString())};
  }
  return seen;
}

std::optional<Arg> as_arg(const std::optional<Cell>& cell) {
  if (!cell) return std::nullopt;
  if (const auto* number = std::get_if<double>(&*cell)) return Arg{*number};
  if (const auto* text = std::get_if<std::string>(&*cell)) return Arg{*text};
  return std::nullopt;  // an empty cell: what Calc passes for it is the function's business
}

// One argument, with where its typed values are.
struct ArgumentSeen {
  alignment::Seen seen;
  bool in_formula = false;  // typed inside the formula itself
  bool inline_list = false;
};

ArgumentSeen seen_range(const OpenWorkbook& book, const css::sheet::ComplexReference& ref, const CellAddress& base) {
  using Kind = alignment::Seen::Kind;
  ArgumentSeen argument;
  argument.seen.kind = Kind::other;
  if (deleted(ref.Reference1) || deleted(ref.Reference2)) return argument;
  const CellAddress from = absolute(ref.Reference1, base), to = absolute(ref.Reference2, base);
  if (from.Sheet != to.Sheet || !book.exists(from) || to.Column < from.Column || to.Row < from.Row) return argument;
  const sal_Int32 rows = to.Row - from.Row + 1, cols = to.Column - from.Column + 1;
  if (static_cast<long long>(rows) * cols > kMaxRangeCells) return argument;
  int numbers = 0, links = 0, others = 0;
  Range value;
  value.rows = static_cast<std::size_t>(rows);
  value.cols = static_cast<std::size_t>(cols);
  bool value_known = true;
  for (sal_Int32 r = 0; r < rows; ++r) {
    for (sal_Int32 c = 0; c < cols; ++c) {
      const CellAddress at{from.Sheet, from.Column + c, from.Row + r};
      const CellSeen cell = seen_cell(book, at);
      const bool link_number = cell.holds == CellSeen::Holds::link && cell.value && std::holds_alternative<double>(*cell.value);
      if (cell.holds == CellSeen::Holds::number || link_number) {
        numbers += link_number ? 0 : 1;
        argument.seen.numbers.push_back(std::get<double>(*cell.value));
        argument.seen.places.push_back(book.name(at));
        argument.seen.linked_values.push_back(link_number);
      }
      links += cell.holds == CellSeen::Holds::link ? 1 : 0;
      others += cell.holds == CellSeen::Holds::other ? 1 : 0;
      if (cell.value && std::holds_alternative<double>(*cell.value)) {
        value.numbers.push_back(std::get<double>(*cell.value));
      } else if (cell.holds == CellSeen::Holds::empty) {
        value.numbers.push_back(std::numeric_limits<double>::quiet_NaN());
      } else {
        value_known = false;
      }
    }
  }
  if (value_known) argument.seen.value = Arg{std::move(value)};
  // Typed cells, perhaps beside linked ones (a rate typed under one that follows the template).
  if (numbers > 0 && others == 0) argument.seen.kind = Kind::constant;
  if (links > 0 && numbers == 0 && others == 0) argument.seen.kind = Kind::linked;
  if (argument.seen.kind != Kind::constant) argument.seen.linked_values.clear();
  return argument;
}

// A TEMPLATE.VALUE in the formula is worth the followed template's value at its key.
std::optional<Arg> linked_value(const FoundCall& call, const Tokens& tokens, const nlohmann::json* followed) {
  if (!followed || call.arguments.size() != 2) return std::nullopt;
  const TokenRange key = call.arguments[1];
  ::rtl::OUString text;
  if (key.end - key.begin != 1 || !(tokens[key.begin].Data >>= text)) return std::nullopt;
  auto value = templates::lookup(*followed, from_office(text));
  if (!value || !std::holds_alternative<double>(*value)) return std::nullopt;
  return Arg{std::get<double>(*value)};
}

// Argument `span` of a formula whose calls are `calls`.
ArgumentSeen seen_argument(const OpenWorkbook& book, const Tokens& tokens, const std::vector<FoundCall>& calls, TokenRange span,
                           const CellAddress& base, const nlohmann::json* followed = nullptr) {
  using Kind = alignment::Seen::Kind;
  ArgumentSeen argument;
  const sal_Int32 length = span.end - span.begin;
  if (length == 0) {
    argument.seen = {Kind::left_out, {}, {}, {}, Arg{Missing{}}};
    return argument;
  }
  const FormulaToken& first = tokens[span.begin];
  if (const FoundCall* link = link_at(calls, span)) {
    argument.seen.kind = Kind::linked;
    argument.seen.value = linked_value(*link, tokens, followed);
    return argument;
  }
  argument.seen.kind = Kind::other;
  if (first.OpCode != book.ops.push || length > 2) return argument;
  double number = 0;
  if (first.Data >>= number) {
    if (length == 2 && tokens[span.begin + 1].OpCode != book.ops.percent) return argument;
    if (length == 2) number /= 100;
    argument.seen = {Kind::constant, {number}, {""}, {}, Arg{number}};
    argument.in_formula = true;
    return argument;
  }
  if (length != 1) return argument;
  if (Sequence<Sequence<Any>> rows; first.Data >>= rows) {  // an inline list: {0.03;0.2}
    Range value;
    value.rows = static_cast<std::size_t>(rows.getLength());
    for (const auto& row : rows) {
      value.cols = std::max(value.cols, static_cast<std::size_t>(row.getLength()));
      for (const auto& element : row) {
        if (!(element >>= number)) return argument;
        argument.seen.numbers.push_back(number);
        argument.seen.places.emplace_back();
        value.numbers.push_back(number);
      }
    }
    if (value.numbers.size() != value.rows * value.cols || value.numbers.empty()) return argument;
    argument.seen.kind = Kind::constant;
    argument.seen.value = Arg{std::move(value)};
    argument.in_formula = argument.inline_list = true;
    return argument;
  }
  if (css::sheet::SingleReference ref; first.Data >>= ref) {
    const CellAddress at = absolute(ref, base);
    if (deleted(ref) || !book.exists(at)) return argument;
    const CellSeen cell = seen_cell(book, at);
    argument.seen.value = as_arg(cell.value);
    if (cell.holds == CellSeen::Holds::number) {
      argument.seen.kind = Kind::constant;
      argument.seen.numbers = {std::get<double>(*cell.value)};
      argument.seen.places = {book.name(at)};
    }
    if (cell.holds == CellSeen::Holds::link) argument.seen.kind = Kind::linked;
    return argument;
  }
  if (css::sheet::ComplexReference ref; first.Data >>= ref) return seen_range(book, ref, base);
  return argument;
}

// Every formula cell of the workbook, sheet by sheet.
template <class EachFormula>
void for_each_formula(const OpenWorkbook& book, EachFormula each) {
  for (sal_Int32 s = 0; s < book.sheets->getCount(); ++s) {
    Reference<css::sheet::XCellRangesQuery> query(book.sheet(s), UNO_QUERY_THROW);
    const auto ranges = query->queryContentCells(css::sheet::CellFlags::FORMULA);
    if (!ranges.is()) continue;
    const auto cells = ranges->getCells()->createEnumeration();
    while (cells->hasMoreElements()) {
      Reference<css::table::XCell> cell(cells->nextElement(), UNO_QUERY_THROW);
      const CellAddress at = Reference<css::sheet::XCellAddressable>(cell, UNO_QUERY_THROW)->getCellAddress();
      each(at, Reference<css::sheet::XFormulaTokens>(cell, UNO_QUERY_THROW)->getTokens());
    }
  }
}

// How a TEMPLATE.* call names its template: the text, and the tokens that name it anywhere
// (a reference made absolute, so a link written elsewhere names the same cell).
struct SourceNaming {
  std::string text;
  std::vector<FormulaToken> tokens;
};

std::optional<SourceNaming> source_named(const OpenWorkbook& book, const Tokens& tokens, const FoundCall& call,
                                         const CellAddress& base) {
  if (call.arguments.empty() || call.arguments[0].end - call.arguments[0].begin != 1) return std::nullopt;
  const FormulaToken& token = tokens[call.arguments[0].begin];
  if (token.OpCode != book.ops.push) return std::nullopt;
  if (::rtl::OUString text; token.Data >>= text) return SourceNaming{from_office(text), {token}};
  css::sheet::SingleReference ref;
  if (!(token.Data >>= ref) || deleted(ref)) return std::nullopt;
  const CellAddress at = absolute(ref, base);
  if (!book.exists(at) || book.cell(at)->getType() == css::table::CellContentType_EMPTY) return std::nullopt;
  css::sheet::SingleReference fixed;
  fixed.Column = at.Column;
  fixed.Row = at.Row;
  fixed.Sheet = at.Sheet;
  fixed.Flags = css::sheet::ReferenceFlags::SHEET_3D;
  const std::string text = from_office(Reference<css::text::XText>(book.cell(at), UNO_QUERY_THROW)->getString());
  return SourceNaming{text, {FormulaToken(book.ops.push, Any(fixed))}};
}

std::map<std::string, std::pair<int, SourceNaming>> sources_named(const OpenWorkbook& book) {
  std::map<std::string, std::pair<int, SourceNaming>> named;
  for_each_formula(book, [&](const CellAddress& at, const Tokens& tokens) {
    for (const auto& call : calls_in(tokens, book.ops)) {
      if (!names_template(call)) continue;
      if (auto source = source_named(book, tokens, call, at)) {
        auto& entry = named.try_emplace(source->text, 0, *source).first->second;
        ++entry.first;
      }
    }
  });
  return named;
}

std::string text_info(templates::Reader& reader, const std::string& source, std::string_view field,
                      const std::filesystem::path& base_dir) {
  auto value = reader.info(source, field, base_dir);
  if (!value) return {};
  if (const auto* text = std::get_if<std::string>(&*value)) return *text;
  return {};
}

}  // namespace

std::optional<std::string> followed_source(const Reference<css::frame::XModel>& document) {
  const OpenWorkbook book(document);
  std::optional<std::string> most;
  int count = 0;
  for (const auto& [text, entry] : sources_named(book)) {
    if (entry.first > count) most = text, count = entry.first;
  }
  return most;
}

Result<WorkbookAlignment> check_workbook(templates::Reader& reader, const Reference<css::frame::XModel>& document,
                                         const std::string& source) {
  const OpenWorkbook book(document);
  const auto base_dir = folder_of_url(document->getURL());
  auto followed = reader.document(source, base_dir);
  if (!followed) return followed.error();
  WorkbookAlignment check;
  check.source = source;
  check.sheets = book.sheets->getCount();
  check.name = text_info(reader, source, "name", base_dir);
  check.author = text_info(reader, source, "author", base_dir);
  if (auto version = reader.info(source, "version", base_dir); version && std::holds_alternative<double>(*version)) {
    check.version = std::get<double>(*version);
  }
  std::map<std::string, std::size_t> same_cells;  // drifts of typed cells many formulas read: listed once
  std::map<std::string, std::size_t> same_typos;  // likewise for likely typos
  for_each_formula(book, [&](const CellAddress& at, const Tokens& tokens) {
    const auto calls = calls_in(tokens, book.ops);
    for (const auto& call : calls) {
      if (names_template(call)) continue;
      ++check.calls;
      std::vector<ArgumentSeen> arguments;
      std::vector<alignment::Seen> seen;
      for (const TokenRange& span : call.arguments) {
        arguments.push_back(seen_argument(book, tokens, calls, span, at, followed->get()));
        seen.push_back(arguments.back().seen);
      }
      const auto report = alignment::check_call(*call.function, seen, **followed);
      check.linked += report.linked;
      check.agree += report.agree;
      const std::string call_name = book.name(at);
      for (const auto& skipped : report.skipped) check.skipped.push_back({call_name, std::string(call.function->name), skipped});
      for (const auto& unlikely : report.unlikely) {
        const std::string place = unlikely.place.empty() ? call_name : unlikely.place;
        if (!unlikely.place.empty()) {  // a typed cell many formulas read: listed once
          const auto [found, added] = same_typos.try_emplace(place + "|" + unlikely.argument, check.unlikely.size());
          if (!added) {
            ++check.unlikely[found->second].calls;
            continue;
          }
        }
        check.unlikely.push_back({at, call_name, std::string(call.function->name), place, unlikely, 1});
      }
      for (const auto& drift : report.drifts) {
        const ArgumentSeen& argument = arguments[drift.argument_index];
        std::string cells_key;
        for (const auto& place : drift.places) cells_key += place + ";";
        if (!argument.in_formula) {
          const auto [found, added] = same_cells.try_emplace(drift.key + "|" + cells_key, check.drifts.size());
          if (!added) {
            ++check.drifts[found->second].calls;
            continue;
          }
        }
        DriftEntry entry{at, call_name, std::string(call.function->name), drift, {}, 1, true};
        for (std::size_t k = 0; k < drift.places.size(); ++k) {
          if (k < drift.linked_values.size() && drift.linked_values[k]) continue;
          const std::string place = drift.places[k].empty() ? call_name : drift.places[k];
          if (entry.place_names.empty() || entry.place_names.back() != place) entry.place_names.push_back(place);
        }
        entry.linkable = !argument.inline_list && drift.workbook.size() == drift.published.size();
        check.drifts.push_back(std::move(entry));
      }
    }
  });
  // In reading order, row by row, as a planner goes through a sheet.
  const auto reading_order = [](const auto& a, const auto& b) {
    return std::tie(a.call_cell.Sheet, a.call_cell.Row, a.call_cell.Column) <
           std::tie(b.call_cell.Sheet, b.call_cell.Row, b.call_cell.Column);
  };
  std::stable_sort(check.drifts.begin(), check.drifts.end(), reading_order);
  std::stable_sort(check.unlikely.begin(), check.unlikely.end(), reading_order);
  return check;
}

namespace {

// "Plan.B3" or "Plan.B3:B5": where a reference argument reads.
std::string reference_text(const OpenWorkbook& book, const FormulaToken& token, const CellAddress& base) {
  if (css::sheet::SingleReference ref; token.Data >>= ref) {
    const CellAddress at = absolute(ref, base);
    return deleted(ref) || !book.exists(at) ? std::string() : book.name(at);
  }
  if (css::sheet::ComplexReference ref; token.Data >>= ref) {
    const CellAddress from = absolute(ref.Reference1, base), to = absolute(ref.Reference2, base);
    if (deleted(ref.Reference1) || deleted(ref.Reference2) || !book.exists(from) || !book.exists(to)) return {};
    const std::string last = book.name(to);
    return book.name(from) + ":" + last.substr(last.rfind('.') + 1);
  }
  return {};
}

std::string text_token(const Tokens& tokens, TokenRange span) {
  ::rtl::OUString text;
  if (span.end - span.begin == 1 && (tokens[span.begin].Data >>= text)) return from_office(text);
  return {};
}

}  // namespace

namespace {

// Every formula cell's value as it shows, by cell name (the effect of a template update).
std::map<std::string, std::string> formula_values(const OpenWorkbook& book) {
  std::map<std::string, std::string> shown;
  for_each_formula(book, [&](const CellAddress& at, const Tokens&) {
    shown[book.name(at)] = from_office(Reference<css::text::XText>(book.cell(at), UNO_QUERY_THROW)->getString());
  });
  return shown;
}

// Replaces `from` by `to` wherever the workbook names the template: string tokens of TEMPLATE.*
// calls, and text cells those calls read. Returns how many places changed.
int rename_source(const OpenWorkbook& book, const std::string& from, const std::string& to) {
  int renamed = 0;
  std::vector<CellAddress> source_cells;
  for_each_formula(book, [&](const CellAddress& at, const Tokens& tokens) {
    Tokens rewritten = tokens;
    bool changed = false;
    for (const auto& call : calls_in(tokens, book.ops)) {
      if (!names_template(call) || call.arguments.empty() || call.arguments[0].end - call.arguments[0].begin != 1) continue;
      FormulaToken& token = rewritten.getArray()[call.arguments[0].begin];
      if (::rtl::OUString text; (token.Data >>= text) && from_office(text) == from) {
        token.Data <<= to_office(to);
        changed = true;
      } else if (css::sheet::SingleReference ref; (token.Data >>= ref) && !deleted(ref)) {
        const CellAddress cell = absolute(ref, at);
        if (book.exists(cell)) source_cells.push_back(cell);
      }
    }
    if (changed) {
      Reference<css::sheet::XFormulaTokens>(book.cell(at), UNO_QUERY_THROW)->setTokens(rewritten);
      ++renamed;
    }
  });
  for (const auto& at : source_cells) {
    const auto cell = book.cell(at);
    Reference<css::text::XText> text(cell, UNO_QUERY_THROW);
    if (cell->getType() == css::table::CellContentType_TEXT && from_office(text->getString()) == from) {
      text->setString(to_office(to));
      ++renamed;
    }
  }
  return renamed;
}

void recalculate(const Reference<css::frame::XModel>& document) {
  Reference<css::sheet::XCalculatable> calculatable(document, UNO_QUERY);
  if (calculatable.is()) calculatable->calculateAll();
}

}  // namespace

std::optional<TemplateUpdate> template_update(templates::Reader& reader, const Reference<css::frame::XModel>& document,
                                              const std::string& source) {
  const auto served = templates::served_source(source);
  if (!served || !served->version) return std::nullopt;
  const std::string unpinned = served->origin + served->path;
  const auto base_dir = folder_of_url(document->getURL());
  const auto newest = reader.info(unpinned, "version", base_dir);
  if (!newest || !std::holds_alternative<double>(*newest)) return std::nullopt;
  TemplateUpdate update;
  update.used = static_cast<double>(*served->version);
  update.newest = std::get<double>(*newest);
  if (update.newest <= update.used) return std::nullopt;
  update.used_source = source;
  update.newest_source = unpinned + "@" + std::to_string(static_cast<long long>(update.newest));
  auto before = reader.document(source, base_dir);
  auto after = reader.document(update.newest_source, base_dir);
  if (!before || !after) return std::nullopt;
  update.changes = templates::key_changes(**before, **after);
  // The effect, as the office works it out: apply, recalculate, read, undo.
  const OpenWorkbook book(document);
  const auto shown_before = formula_values(book);
  Reference<css::document::XUndoManager> undo(Reference<css::document::XUndoManagerSupplier>(document, UNO_QUERY_THROW)->getUndoManager());
  const bool was_modified = Reference<css::util::XModifiable>(document, UNO_QUERY_THROW)->isModified();
  int renamed = 0;
  {
    UndoContext trial(document, "alignkit: the effect of a template update");
    renamed = rename_source(book, source, update.newest_source);
  }
  if (renamed == 0) return update;  // nothing names it as such (it is read through a calculation)
  recalculate(document);
  const auto shown_after = formula_values(book);
  undo->undo();
  undo->clearRedo();
  recalculate(document);
  Reference<css::util::XModifiable>(document, UNO_QUERY_THROW)->setModified(was_modified);
  for (const auto& [cell, value] : shown_after) {
    const auto old = shown_before.find(cell);
    if (old != shown_before.end() && old->second != value) update.effects.push_back({cell, old->second, value});
  }
  return update;
}

void use_newest_version(const Reference<css::frame::XModel>& document, const TemplateUpdate& update,
                        const std::string& undo_title) {
  const OpenWorkbook book(document);
  {
    UndoContext undo(document, undo_title);
    rename_source(book, update.used_source, update.newest_source);
  }
  recalculate(document);
}

CellExplained explain_cell(templates::Reader& reader, const Reference<css::frame::XModel>& document, const CellAddress& at) {
  const OpenWorkbook book(document);
  CellExplained explained;
  explained.cell = book.name(at);
  const auto cell = book.cell(at);
  explained.error_code = static_cast<int>(cell->getError());
  explained.shown = from_office(Reference<css::text::XText>(cell, UNO_QUERY_THROW)->getString());
  if (cell->getType() != css::table::CellContentType_FORMULA) return explained;
  const Tokens tokens = Reference<css::sheet::XFormulaTokens>(cell, UNO_QUERY_THROW)->getTokens();
  const auto calls = calls_in(tokens, book.ops);
  const auto base_dir = folder_of_url(document->getURL());
  for (const auto& call : calls) {
    // A link inside another call's argument is explained there, as where that argument comes from.
    if (is_link_call(call) && std::any_of(calls.begin(), calls.end(), [&](const FoundCall& outer) {
          return &outer != &call && outer.at < call.at && call.end <= outer.end;
        })) {
      continue;
    }
    CallExplained one;
    one.function = std::string(call.function->name);
    std::vector<alignment::Seen> seen;
    std::vector<Arg> values;
    bool known = true;
    for (std::size_t i = 0; i < call.function->arguments.size(); ++i) {
      const ArgumentInfo& info = call.function->arguments[i];
      ArgumentExplained argument;
      argument.name = std::string(info.name);
      if (i >= call.arguments.size() || call.arguments[i].begin == call.arguments[i].end) {
        if (i >= call.arguments.size() && !info.optional()) break;  // too few: the office said so already
        argument.from = ArgumentExplained::From::left_out;
        if (info.fallback) argument.default_text = default_text(*info.fallback);
        argument.value = Arg{Missing{}};
        seen.push_back({alignment::Seen::Kind::left_out, {}, {}, {}, Arg{Missing{}}});
        values.push_back(Missing{});
        one.arguments.push_back(std::move(argument));
        continue;
      }
      const TokenRange span = call.arguments[i];
      ArgumentSeen held = seen_argument(book, tokens, calls, span, at);
      if (const FoundCall* link = link_at(calls, span)) {
        argument.from = ArgumentExplained::From::template_key;
        argument.where = link->arguments.size() == 2 ? text_token(tokens, link->arguments[1]) : std::string();
        if (auto source = source_named(book, tokens, *link, at)) argument.source = source->text;
        if (!argument.source.empty() && !argument.where.empty()) {
          if (auto value = reader.value(argument.source, argument.where, base_dir)) {
            if (const auto* number = std::get_if<double>(&*value)) held.seen.value = Arg{*number};
            if (const auto* text = std::get_if<std::string>(&*value)) held.seen.value = Arg{*text};
          }
        }
      } else if (held.in_formula) {
        argument.from = ArgumentExplained::From::formula;
      } else if (const std::string where = reference_text(book, tokens[span.begin], at);
                 !where.empty() && span.end - span.begin == 1) {
        argument.from = ArgumentExplained::From::cell;
        argument.where = where;
      } else if (held.seen.kind != alignment::Seen::Kind::other || span.end - span.begin != 1) {
        argument.from = ArgumentExplained::From::calculation;
      }
      if (span.end - span.begin == 1) {  // a text typed in the formula (a template's source, a shape)
        if (::rtl::OUString text; tokens[span.begin].Data >>= text) {
          argument.from = ArgumentExplained::From::formula;
          held.seen.value = Arg{from_office(text)};
        }
      }
      argument.value = held.seen.value;
      known = known && held.seen.value.has_value();
      if (held.seen.value) values.push_back(*held.seen.value);
      seen.push_back(held.seen);
      one.arguments.push_back(std::move(argument));
    }
    if (known) {
      CallContext context;
      context.base_dir = base_dir;
      context.templates = &reader;
      const auto result = evaluate(*call.function, values, context);
      one.evaluated = true;
      if (!result) one.error = result.error().message;
    }
    one.unlikely = alignment::check_call(*call.function, seen, nlohmann::json::object()).unlikely;
    explained.calls.push_back(std::move(one));
  }
  return explained;
}

void link_drift(const Reference<css::frame::XModel>& document, const DriftEntry& entry, const std::string& source,
                const std::string& undo_title) {
  const OpenWorkbook book(document);
  const auto named = sources_named(book);
  const auto found = named.find(source);
  const std::vector<FormulaToken> source_tokens = found != named.end() ? found->second.second.tokens
                                                    : std::vector<FormulaToken>{FormulaToken(book.ops.push, Any(to_office(source)))};
  auto link_tokens = [&](const std::string& key) {
    std::vector<FormulaToken> link{FormulaToken(book.ops.external, Any(to_office(std::string(kFunctionsPrefix) + "templateValue"))),
                                   FormulaToken(book.ops.open, Any())};
    link.insert(link.end(), source_tokens.begin(), source_tokens.end());
    link.push_back(FormulaToken(book.ops.separator, Any()));
    link.push_back(FormulaToken(book.ops.push, Any(to_office(key))));
    link.push_back(FormulaToken(book.ops.close, Any()));
    return link;
  };
  UndoContext undo(document, undo_title);
  const auto& drift = entry.drift;
  for (std::size_t k = 0; k < drift.places.size() && k < drift.value_keys.size(); ++k) {
    if (k < drift.linked_values.size() && drift.linked_values[k]) continue;  // follows the template already
    if (!drift.places[k].empty()) {
      // A typed cell: it becomes the link, and every formula reading it follows.
      const auto dot = drift.places[k].rfind('.');
      const auto sheet = std::find(book.sheet_names.begin(), book.sheet_names.end(), drift.places[k].substr(0, dot));
      Reference<css::table::XCellRange> sheet_cells(book.sheets->getByIndex(static_cast<sal_Int32>(sheet - book.sheet_names.begin())),
                                                    UNO_QUERY_THROW);
      Reference<css::sheet::XFormulaTokens> cell(sheet_cells->getCellRangeByName(to_office(drift.places[k].substr(dot + 1))),
                                                 UNO_QUERY_THROW);
      const auto link = link_tokens(drift.value_keys[k]);
      cell->setTokens(Tokens(link.data(), static_cast<sal_Int32>(link.size())));
      continue;
    }
    // A number typed in the call's own formula: that token becomes the link.
    Reference<css::sheet::XFormulaTokens> cell(book.cell(entry.call_cell), UNO_QUERY_THROW);
    const Tokens tokens = cell->getTokens();
    const auto calls = calls_in(tokens, book.ops);
    for (const auto& call : calls) {
      if (call.function->name != entry.function || drift.argument_index >= call.arguments.size()) continue;
      const TokenRange span = call.arguments[drift.argument_index];
      const ArgumentSeen seen = seen_argument(book, tokens, calls, span, entry.call_cell);
      if (!seen.in_formula || seen.seen.numbers != drift.workbook) continue;
      std::vector<FormulaToken> rewritten(tokens.begin(), tokens.begin() + span.begin);
      const auto link = link_tokens(drift.value_keys[k]);
      rewritten.insert(rewritten.end(), link.begin(), link.end());
      rewritten.insert(rewritten.end(), tokens.begin() + span.end, tokens.end());
      cell->setTokens(Tokens(rewritten.data(), static_cast<sal_Int32>(rewritten.size())));
      break;
    }
  }
}

nlohmann::json to_json(const WorkbookAlignment& check) {
  nlohmann::json drifts = nlohmann::json::array(), skipped = nlohmann::json::array();
  for (const auto& entry : check.drifts) {
    const auto& d = entry.drift;
    nlohmann::json item{{"cell", entry.call_name},      {"function", entry.function}, {"argument", d.argument},
                        {"key", d.key},                 {"keys", d.value_keys},       {"workbook", d.workbook},
                        {"published", d.published},     {"places", entry.place_names}, {"calls", entry.calls},
                        {"linkable", entry.linkable}};
    item["result"] = d.result_now ? nlohmann::json(*d.result_now) : nlohmann::json();
    item["result_published"] = d.result_published ? nlohmann::json(*d.result_published) : nlohmann::json();
    drifts.push_back(std::move(item));
  }
  for (const auto& entry : check.skipped) {
    skipped.push_back({{"cell", entry.call_name},
                       {"function", entry.function},
                       {"argument", entry.skipped.argument},
                       {"key", entry.skipped.key},
                       {"reason", entry.skipped.reason}});
  }
  nlohmann::json unlikely = nlohmann::json::array();
  for (const auto& entry : check.unlikely) {
    unlikely.push_back({{"cell", entry.call_name},
                        {"function", entry.function},
                        {"argument", entry.unlikely.argument},
                        {"value", entry.unlikely.value},
                        {"place", entry.place_name},
                        {"likely", {entry.unlikely.range.low, entry.unlikely.range.high}},
                        {"calls", entry.calls},
                        {"message", alignment::unlikely_message(entry.unlikely)}});
  }
  return {{"template", {{"source", check.source}, {"name", check.name}, {"version", check.version}, {"author", check.author}}},
          {"unlikely", unlikely},
          {"calls", check.calls},
          {"linked", check.linked},
          {"agree", check.agree},
          {"drifts", drifts},
          {"skipped", skipped}};
}

}  // namespace alignkit::addin
