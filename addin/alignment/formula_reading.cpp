#include "formula_reading.hpp"

#include <algorithm>
#include <limits>

#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/FormulaLanguage.hpp>
#include <com/sun/star/sheet/FormulaMapGroup.hpp>
#include <com/sun/star/sheet/FormulaMapGroupSpecialOffset.hpp>
#include <com/sun/star/sheet/FormulaResult.hpp>
#include <com/sun/star/sheet/NameToken.hpp>
#include <com/sun/star/sheet/XDatabaseRange.hpp>
#include <com/sun/star/sheet/ReferenceFlags.hpp>
#include <com/sun/star/sheet/XFormulaOpCodeMapper.hpp>
#include <com/sun/star/table/CellContentType.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/text/XText.hpp>

#include "alignkit/templates/templates.hpp"

namespace alignkit::addin::formulas {

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
  codes.spaces = special[css::sheet::FormulaMapGroupSpecialOffset::SPACES].Token.OpCode;
  if (special.getLength() > css::sheet::FormulaMapGroupSpecialOffset::WHITESPACE) {
    codes.whitespace = special[css::sheet::FormulaMapGroupSpecialOffset::WHITESPACE].Token.OpCode;
  }
  for (const auto& unary : mapper->getAvailableMappings(css::sheet::FormulaLanguage::API, css::sheet::FormulaMapGroup::UNARY_OPERATORS)) {
    if (unary.Name == "-") codes.negative = unary.Token.OpCode;
  }
  codes.name = special[css::sheet::FormulaMapGroupSpecialOffset::NAME].Token.OpCode;
  codes.db_area = special[css::sheet::FormulaMapGroupSpecialOffset::DB_AREA].Token.OpCode;
  codes.open = mapped[0].OpCode;
  codes.close = mapped[1].OpCode;
  codes.separator = mapped[2].OpCode;
  codes.percent = mapped[3].OpCode;
  return codes;
}

namespace {
// The one reference a named range stands for, when it names cells absolutely.
std::optional<FormulaToken> named_reference(const Reference<css::sheet::XFormulaTokens>& name, sal_Int32 push) {
  const Tokens tokens = name->getTokens();
  if (tokens.getLength() != 1 || tokens[0].OpCode != push) return std::nullopt;
  namespace flags = css::sheet::ReferenceFlags;
  constexpr sal_Int32 relative = flags::COLUMN_RELATIVE | flags::ROW_RELATIVE | flags::SHEET_RELATIVE;
  if (css::sheet::SingleReference ref; tokens[0].Data >>= ref) {
    if ((ref.Flags & relative) == 0) return tokens[0];
  } else if (css::sheet::ComplexReference range; tokens[0].Data >>= range) {
    if (((range.Reference1.Flags | range.Reference2.Flags) & relative) == 0) return tokens[0];
  }
  return std::nullopt;
}

css::sheet::SingleReference fixed_reference(sal_Int16 sheet, sal_Int32 column, sal_Int32 row) {
  css::sheet::SingleReference ref;
  ref.Sheet = sheet;
  ref.Column = column;
  ref.Row = row;
  ref.Flags = css::sheet::ReferenceFlags::SHEET_3D;
  return ref;
}

// Each name of `names` with its token index, until `found` says it is the one.
template <class Found>
void each_indexed(const Any& names, Found found) {
  Reference<css::container::XIndexAccess> all(names, UNO_QUERY);
  if (!all.is()) return;
  for (sal_Int32 i = 0; i < all->getCount(); ++i) {
    Reference<css::beans::XPropertySet> one(all->getByIndex(i), UNO_QUERY);
    sal_Int32 index = -1;
    if (one.is() && (one->getPropertyValue("TokenIndex") >>= index) && found(index, one)) return;
  }
}
}  // namespace

FormulaToken OpenWorkbook::resolved(const FormulaToken& token) const {
  if (token.OpCode != ops.name && token.OpCode != ops.db_area) return token;
  css::sheet::NameToken named;
  if (!(token.Data >>= named)) return token;
  const auto cached = names_.find({token.OpCode, named.Index});
  if (cached != names_.end()) return cached->second;
  FormulaToken reference = token;
  Reference<css::beans::XPropertySet> document(model, UNO_QUERY_THROW);
  if (token.OpCode == ops.name) {
    // A sheet's own names are the sheet's; the rest are the workbook's.
    const Any names = named.Sheet >= 0 && named.Sheet < sheets->getCount()
                          ? Reference<css::beans::XPropertySet>(sheets->getByIndex(named.Sheet), UNO_QUERY_THROW)->getPropertyValue("NamedRanges")
                          : document->getPropertyValue("NamedRanges");
    each_indexed(names, [&](sal_Int32 index, const Reference<css::beans::XPropertySet>& range) {
      if (index != named.Index) return false;
      if (auto found = named_reference(Reference<css::sheet::XFormulaTokens>(range, UNO_QUERY_THROW), ops.push)) reference = *found;
      return true;
    });
  } else {
    each_indexed(document->getPropertyValue("DatabaseRanges"), [&](sal_Int32 index, const Reference<css::beans::XPropertySet>& range) {
      if (index != named.Index) return false;
      Reference<css::sheet::XDatabaseRange> database(range, UNO_QUERY);
      if (!database.is()) return true;
      const css::table::CellRangeAddress area = database->getDataArea();
      css::sheet::ComplexReference whole;
      whole.Reference1 = fixed_reference(area.Sheet, area.StartColumn, area.StartRow);
      whole.Reference2 = fixed_reference(area.Sheet, area.EndColumn, area.EndRow);
      reference = FormulaToken(ops.push, Any(whole));
      return true;
    });
  }
  names_.emplace(std::make_pair(token.OpCode, named.Index), reference);
  return reference;
}

std::string external_name(const FormulaToken& token) {
  ::rtl::OUString name;
  token.Data >>= name;
  return from_office(name);
}

namespace {
// An argument's tokens without the spaces and line breaks around it: "( 25; 3 )" reads as "(25;3)".
TokenRange trimmed(const Tokens& tokens, const OpCodes& ops, TokenRange span) {
  while (span.begin < span.end && ops.blank(tokens[span.begin].OpCode)) ++span.begin;
  while (span.end > span.begin && ops.blank(tokens[span.end - 1].OpCode)) --span.end;
  return span;
}
}  // namespace

std::vector<FoundCall> calls_in(const Tokens& tokens, const OpCodes& ops) {
  std::vector<FoundCall> calls;
  const sal_Int32 n = tokens.getLength();
  for (sal_Int32 i = 0; i + 1 < n; ++i) {
    if (tokens[i].OpCode != ops.external) continue;
    sal_Int32 open = i + 1;  // "FUNNEL.BUDGET (": spaces may stand before the parenthesis
    while (open < n && ops.blank(tokens[open].OpCode)) ++open;
    if (open >= n || tokens[open].OpCode != ops.open) continue;
    const std::string name = external_name(tokens[i]);
    if (!name.starts_with(kFunctionsPrefix)) continue;
    FoundCall call;
    call.function = find_function(std::string_view(name).substr(kFunctionsPrefix.size()));
    if (!call.function) continue;
    call.at = i;
    int depth = 0;
    sal_Int32 begin = open + 1;
    for (sal_Int32 j = open; j < n; ++j) {
      if (tokens[j].OpCode == ops.open) {
        ++depth;
      } else if (tokens[j].OpCode == ops.close) {
        if (--depth == 0) {
          call.arguments.push_back(trimmed(tokens, ops, {begin, j}));
          call.end = j + 1;
          break;
        }
      } else if (tokens[j].OpCode == ops.separator && depth == 1) {
        call.arguments.push_back(trimmed(tokens, ops, {begin, j}));
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

namespace {
// A number typed in the formula: its sign, the number, a percent sign, spaces between them.
std::optional<double> typed_number(const OpCodes& ops, const Tokens& tokens, TokenRange span) {
  sal_Int32 k = span.begin;
  double sign = 1;
  if (k < span.end && tokens[k].OpCode == ops.negative) {
    sign = -1;
    for (++k; k < span.end && ops.blank(tokens[k].OpCode);) ++k;
  }
  double number = 0;
  if (k >= span.end || tokens[k].OpCode != ops.push || !(tokens[k].Data >>= number)) return std::nullopt;
  for (++k; k < span.end && ops.blank(tokens[k].OpCode);) ++k;
  if (k < span.end && tokens[k].OpCode == ops.percent) {
    number /= 100;
    ++k;
  }
  return k == span.end ? std::optional<double>(sign * number) : std::nullopt;
}
}  // namespace

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
                           const CellAddress& base, const nlohmann::json* followed) {
  using Kind = alignment::Seen::Kind;
  ArgumentSeen argument;
  const sal_Int32 length = span.end - span.begin;
  if (length == 0) {
    argument.seen = {Kind::left_out, {}, {}, {}, Arg{Missing{}}};
    return argument;
  }
  const FormulaToken first = book.resolved(tokens[span.begin]);
  if (const FoundCall* link = link_at(calls, span)) {
    argument.seen.kind = Kind::linked;
    argument.seen.value = linked_value(*link, tokens, followed);
    return argument;
  }
  argument.seen.kind = Kind::other;
  double number = 0;
  if (const auto typed = typed_number(book.ops, tokens, span)) {  // 3, -5, 250%, - 3
    argument.seen = {Kind::constant, {*typed}, {""}, {}, Arg{*typed}};
    argument.in_formula = true;
    return argument;
  }
  if (first.OpCode != book.ops.push || length != 1) return argument;
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

std::optional<SourceNaming> source_named(const OpenWorkbook& book, const Tokens& tokens, const FoundCall& call,
                                         const CellAddress& base) {
  if (call.arguments.empty() || call.arguments[0].end - call.arguments[0].begin != 1) return std::nullopt;
  const FormulaToken token = book.resolved(tokens[call.arguments[0].begin]);
  if (token.OpCode != book.ops.push) return std::nullopt;
  if (::rtl::OUString text; token.Data >>= text) return SourceNaming{from_office(text), {token}};
  css::sheet::SingleReference ref;
  if (!(token.Data >>= ref) || deleted(ref)) return std::nullopt;
  const CellAddress at = absolute(ref, base);
  if (!book.exists(at) || book.cell(at)->getType() == css::table::CellContentType_EMPTY) return std::nullopt;
  const std::string text = from_office(Reference<css::text::XText>(book.cell(at), UNO_QUERY_THROW)->getString());
  return SourceNaming{text, {FormulaToken(book.ops.push, Any(fixed_reference(at.Sheet, at.Column, at.Row)))}};
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

// "Plan.B3" or "Plan.B3:B5": where a reference argument reads.
std::string reference_text(const OpenWorkbook& book, const FormulaToken& written, const CellAddress& base) {
  const FormulaToken token = book.resolved(written);
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

}  // namespace alignkit::addin::formulas
