// Linking a drift: the typed values become TEMPLATE.VALUE calls of their published keys, one undo step.
#include "workbook_alignment.hpp"

#include <algorithm>

#include <com/sun/star/table/XCellRange.hpp>

#include "formula_reading.hpp"
#include "undo_context.hpp"

namespace alignkit::addin {
using namespace formulas;  // the formulas' reading (formula_reading.hpp)

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

}  // namespace alignkit::addin
