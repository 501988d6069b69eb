// The trial update: a newer version applied, the workbook recalculated, read and put back.
#include "workbook_alignment.hpp"

#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/util/XModifiable.hpp>

#include "alignkit/templates/template_reader.hpp"
#include "alignkit/templates/templates.hpp"
#include "formula_reading.hpp"
#include "service_access.hpp"
#include "undo_context.hpp"

namespace alignkit::addin {
using namespace formulas;  // the formulas' reading (formula_reading.hpp)

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
      } else if (css::sheet::SingleReference ref; (book.resolved(token).Data >>= ref) && !deleted(ref)) {
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
  const auto newest_version = sharing::version_from_number(std::get<double>(*newest));
  if (!newest_version) return std::nullopt;
  update.used = *served->version;
  update.newest = *newest_version;
  if (update.newest <= update.used) return std::nullopt;
  update.used_source = source;
  update.newest_source = unpinned + "@" + std::to_string(update.newest);
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

}  // namespace alignkit::addin
