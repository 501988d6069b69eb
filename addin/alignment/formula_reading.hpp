#pragma once
// Reading a workbook's formulas as the office's own tokens (XFormulaTokens, opcodes from the
// document's FormulaOpCodeMapper): the alignkit calls in a formula, what each argument holds and
// where it comes from, the template sources TEMPLATE.* calls name. Shared by the check, linking,
// the trial update and the explanation; internal to the alignment library.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/sheet/CellFlags.hpp>
#include <com/sun/star/sheet/ComplexReference.hpp>
#include <com/sun/star/sheet/FormulaToken.hpp>
#include <com/sun/star/sheet/SingleReference.hpp>
#include <com/sun/star/sheet/XCellAddressable.hpp>
#include <com/sun/star/sheet/XCellRangesQuery.hpp>
#include <com/sun/star/sheet/XFormulaTokens.hpp>
#include <com/sun/star/sheet/XSheetCellRanges.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/table/CellAddress.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <nlohmann/json.hpp>

#include "alignkit/catalog/alignment.hpp"
#include "alignkit/catalog/catalog.hpp"
#include "cell_names.hpp"
#include "office_text.hpp"

namespace alignkit::addin::formulas {

namespace css = ::com::sun::star;
using css::sheet::FormulaToken;
using css::table::CellAddress;
using css::uno::Any;
using css::uno::Reference;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
using Tokens = Sequence<FormulaToken>;

inline constexpr std::string_view kFunctionsPrefix = "org.alignkit.calc.Functions.";
inline constexpr sal_Int32 kMaxRangeCells = 4096;  // a larger range is data, not a typed assumption

// The office's own numbers for the tokens a call is made of, asked of the document.
struct OpCodes {
  sal_Int32 push = 0, external = 0, open = 0, close = 0, separator = 0, percent = 0, negative = -1;
  // Spaces and line breaks as people type them (two kinds: before and since LibreOffice 7.3):
  // they change nothing, so an argument's tokens are read without them at either end.
  sal_Int32 spaces = -1, whitespace = -1;
  // A named range and a database range: read as the cells they name.
  sal_Int32 name = -1, db_area = -1;
  [[nodiscard]] bool blank(sal_Int32 code) const { return code == spaces || code == whitespace; }
};

OpCodes op_codes(const Reference<css::frame::XModel>& document);

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
  /// A named range or a database range as the absolute reference it names (a name for a
  /// formula or a relative one stays as it is: the check does not follow it).
  [[nodiscard]] FormulaToken resolved(const FormulaToken& token) const;
  [[nodiscard]] std::string name(const CellAddress& at) const {
    return sheet_names[static_cast<std::size_t>(at.Sheet)] + "." + cells::column_name(static_cast<std::size_t>(at.Column)) +
           std::to_string(at.Row + 1);
  }

  Reference<css::frame::XModel> model;
  Reference<css::container::XIndexAccess> sheets;
  OpCodes ops;
  std::vector<std::string> sheet_names;

 private:
  mutable std::map<std::pair<sal_Int32, sal_Int32>, FormulaToken> names_;  // (opcode, index) -> reference
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

// What one cell holds, for the check.
struct CellSeen {
  enum class Holds { number, link, empty, other } holds = Holds::other;
  std::optional<Cell> value;  // what a function reading it gets, when known
};

// One argument, with where its typed values are.
struct ArgumentSeen {
  alignment::Seen seen;
  bool in_formula = false;  // typed inside the formula itself
  bool inline_list = false;
};

// How a TEMPLATE.* call names its template: the text, and the tokens that name it anywhere
// (a reference made absolute, so a link written elsewhere names the same cell).
struct SourceNaming {
  std::string text;
  std::vector<FormulaToken> tokens;
};

std::string external_name(const FormulaToken& token);
/// Every alignkit call in a formula's tokens, with the tokens of each argument.
std::vector<FoundCall> calls_in(const Tokens& tokens, const OpCodes& ops);
bool is_link_call(const FoundCall& call);
bool names_template(const FoundCall& call);
/// The TEMPLATE.VALUE call that the tokens of `span` are exactly, if they are one.
const FoundCall* link_at(const std::vector<FoundCall>& calls, TokenRange span);
CellAddress absolute(const css::sheet::SingleReference& ref, const CellAddress& base);
bool deleted(const css::sheet::SingleReference& ref);
CellSeen seen_cell(const OpenWorkbook& book, const CellAddress& at);
std::optional<Arg> as_arg(const std::optional<Cell>& cell);
ArgumentSeen seen_range(const OpenWorkbook& book, const css::sheet::ComplexReference& ref, const CellAddress& base);
/// A TEMPLATE.VALUE in the formula is worth the followed template's value at its key.
std::optional<Arg> linked_value(const FoundCall& call, const Tokens& tokens, const nlohmann::json* followed);
/// Argument `span` of a formula whose calls are `calls`.
ArgumentSeen seen_argument(const OpenWorkbook& book, const Tokens& tokens, const std::vector<FoundCall>& calls, TokenRange span,
                           const CellAddress& base, const nlohmann::json* followed = nullptr);
std::optional<SourceNaming> source_named(const OpenWorkbook& book, const Tokens& tokens, const FoundCall& call,
                                         const CellAddress& base);
/// Each template source the workbook's TEMPLATE.* calls name, how often, and how.
std::map<std::string, std::pair<int, SourceNaming>> sources_named(const OpenWorkbook& book);
/// "Plan.B3" or "Plan.B3:B5": where a reference argument reads.
std::string reference_text(const OpenWorkbook& book, const FormulaToken& token, const CellAddress& base);
/// The text a one-token argument types, else empty.
std::string text_token(const Tokens& tokens, TokenRange span);

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

}  // namespace alignkit::addin::formulas
