// The check as JSON, for `alignkit check --json` and the tests.
#include "workbook_alignment.hpp"

#include <cmath>

#include "formula_reading.hpp"

namespace alignkit::addin {
using namespace formulas;  // the formulas' reading (formula_reading.hpp)

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
  // No template followed: null, and only the likely typos were looked for.
  const nlohmann::json followed =
      check.source.empty() ? nlohmann::json()
                           : nlohmann::json{{"source", check.source}, {"name", check.name}, {"version", check.version}, {"author", check.author}};
  return {{"template", followed},
          {"unlikely", unlikely},
          {"calls", check.calls},
          {"linked", check.linked},
          {"agree", check.agree},
          {"drifts", drifts},
          {"skipped", skipped}};
}

namespace {
nlohmann::json cell_json(const Cell& cell) {
  if (const auto* number = std::get_if<double>(&cell)) return std::isnan(*number) ? nlohmann::json() : nlohmann::json(*number);
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  return nullptr;
}

nlohmann::json arg_json(const Arg& value) {
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* range = std::get_if<Range>(&value)) {
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t k = 0; k < range->size(); ++k) cells.push_back(cell_json(range->cell(k)));
    return {{"rows", range->rows}, {"cols", range->cols}, {"cells", cells}};
  }
  return "left out";
}

constexpr const char* from_name(ArgumentExplained::From from) {
  switch (from) {
    case ArgumentExplained::From::left_out: return "left out";
    case ArgumentExplained::From::formula: return "formula";
    case ArgumentExplained::From::cell: return "cell";
    case ArgumentExplained::From::template_key: return "template";
    case ArgumentExplained::From::calculation: break;
  }
  return "calculation";
}

constexpr const char* cause_name(CellExplained::Cause cause) {
  switch (cause) {
    case CellExplained::Cause::none: return "none";
    case CellExplained::Cause::alignkit: return "alignkit";
    case CellExplained::Cause::not_alignkit: return "not alignkit";
    case CellExplained::Cause::unknown: break;
  }
  return "unknown";
}
}  // namespace

nlohmann::json to_json(const CellExplained& explained) {
  nlohmann::json calls = nlohmann::json::array();
  for (const auto& call : explained.calls) {
    nlohmann::json arguments = nlohmann::json::array(), unlikely = nlohmann::json::array();
    for (const auto& argument : call.arguments) {
      arguments.push_back({{"name", argument.name},
                           {"from", from_name(argument.from)},
                           {"where", argument.where},
                           {"source", argument.source},
                           {"value", argument.value ? arg_json(*argument.value) : nlohmann::json()}});
    }
    for (const auto& one : call.unlikely) unlikely.push_back({{"argument", one.argument}, {"value", one.value}});
    calls.push_back({{"function", call.function},
                     {"arguments", arguments},
                     {"evaluated", call.evaluated},
                     {"error", call.error ? nlohmann::json(*call.error) : nlohmann::json()},
                     {"unlikely", unlikely}});
  }
  return {{"cell", explained.cell},
          {"shown", explained.shown},
          {"error_code", explained.error_code},
          {"cause", cause_name(explained.cause())},
          {"calls", calls}};
}

}  // namespace alignkit::addin
