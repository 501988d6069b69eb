// The check: every alignkit call of the workbook against the template it follows.
#include "workbook_alignment.hpp"

#include <map>
#include <memory>
#include <tuple>

#include "alignkit/templates/template_reader.hpp"
#include "formula_reading.hpp"
#include "service_access.hpp"

namespace alignkit::addin {
using namespace formulas;  // the formulas' reading (formula_reading.hpp)

namespace {

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
  // No template: the likely typos only (their plausible ranges are the catalog's).
  static const auto kNoTemplate = std::make_shared<const nlohmann::json>(nlohmann::json::object());
  std::shared_ptr<const nlohmann::json> template_document = kNoTemplate;
  WorkbookAlignment check;
  check.sheets = book.sheets->getCount();
  if (!source.empty()) {
    auto followed = reader.document(source, base_dir);
    if (!followed) return followed.error();
    template_document = *followed;
    check.source = source;
    check.name = text_info(reader, source, "name", base_dir);
    check.author = text_info(reader, source, "author", base_dir);
    if (auto version = reader.info(source, "version", base_dir); version && std::holds_alternative<double>(*version)) {
      check.version = sharing::version_from_number(std::get<double>(*version)).value_or(0);
    }
  }
  const nlohmann::json* followed = template_document.get();
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
        arguments.push_back(seen_argument(book, tokens, calls, span, at, source.empty() ? nullptr : followed));
        seen.push_back(arguments.back().seen);
      }
      auto report = alignment::check_call(*call.function, seen, *followed);
      if (source.empty()) report.skipped.clear();  // no template: nothing to compare, only typos to see
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

}  // namespace alignkit::addin
