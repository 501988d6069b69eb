// The check as JSON, for `alignkit check --json` and the tests.
#include "workbook_alignment.hpp"


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

}  // namespace alignkit::addin
