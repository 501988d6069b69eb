#pragma once
// The alignment check of an open workbook: reads every alignkit call's formula as the office's
// own tokens, says what each argument holds (alignment::Seen), compares with the template the
// workbook follows, and links a drift to the published key (one undo step). The Alignment panel
// and the headless check (AlignmentJob) both run it.
#include <optional>
#include <string>
#include <vector>

#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/table/CellAddress.hpp>
#include <nlohmann/json.hpp>

#include "alignkit/catalog/alignment.hpp"
#include "alignkit/sharing/records.hpp"
#include "alignkit/metrics/result.hpp"
#include "alignkit/templates/template_changes.hpp"

namespace alignkit::addin {

namespace css = ::com::sun::star;

/// One drift as a planner sees it: where, which argument, both values, the call's result both ways.
struct DriftEntry {
  css::table::CellAddress call_cell;  // the (first) formula whose argument drifts
  std::string call_name;              // "Plan.B9"
  std::string function;               // "FUNNEL.BUDGET"
  alignment::Drift drift;
  std::vector<std::string> place_names;  // where the typed values are ("Plan.B3"; the call's cell when in its formula)
  int calls = 1;                         // formulas that read the same typed cells
  bool linkable = true;                  // false for a list typed inside the formula ({0.03;0.2})
};

struct SkippedEntry {
  std::string call_name, function;
  alignment::Skipped skipped;
};

/// A typed value far outside what its argument likely holds (a whole percent for a fraction).
struct UnlikelyEntry {
  css::table::CellAddress call_cell;  // the (first) formula that reads it
  std::string call_name, function;
  std::string place_name;  // where it is typed (the call's cell when in its formula)
  alignment::Unlikely unlikely;
  int calls = 1;           // formulas that read the same typed cell
};

struct WorkbookAlignment {
  std::string source;               // the template followed
  std::string name, author;         // as TEMPLATE.INFO says them
  sharing::Version version = 0;  // 0: a file, or a template that says none
  int calls = 0, linked = 0, agree = 0;
  int sheets = 1;  // a single sheet's cells can be named without it
  std::vector<DriftEntry> drifts;
  std::vector<SkippedEntry> skipped;
  std::vector<UnlikelyEntry> unlikely;  // in reading order, as the drifts
};

/// Why a cell shows what it shows: each alignkit call in its formula, what each argument holds
/// and where it comes from, and the function's own message when the call is an error.
struct ArgumentExplained {
  enum class From {
    left_out,     // not given: the default
    formula,      // typed in the formula
    cell,         // a cell or a range (`where`)
    template_key, // TEMPLATE.VALUE in the formula (`where`: the key; `source`: the template)
    calculation,  // anything else: another formula's result
  };
  std::string name;           // the catalog's argument name
  From from = From::calculation;
  std::string where, source;
  std::string default_text;   // left out: the default as the descriptions write it ("0", "FALSE"); empty: the function's choice
  std::optional<Arg> value;   // what the function gets, when known
};
struct CallExplained {
  std::string function;  // "FUNNEL.BUDGET"
  std::vector<ArgumentExplained> arguments;
  std::optional<std::string> error;  // the function's own message, when this call is bad input
  bool evaluated = false;            // false: an argument's value was not known here
  std::vector<alignment::Unlikely> unlikely;
};
struct CellExplained {
  std::string cell;        // "Plan.B9"
  std::string shown;       // what the cell shows
  int error_code = 0;      // the office's error number (502: Err:502), 0 when none
  std::vector<CallExplained> calls;  // empty: the cell holds no alignkit function
  /// Where the cell's error comes from, as far as alignkit can tell: never "not alignkit's"
  /// while an argument of one of its calls is not known here.
  enum class Cause { none, alignkit, not_alignkit, unknown };
  [[nodiscard]] Cause cause() const;
};
/// A newer version of the template the workbook follows, pinned to an older one
/// (https://…/v1/templates/NAME@3): what changed and what it would change in the workbook.
struct TemplateUpdate {
  std::string used_source, newest_source;  // …/NAME@3 and …/NAME@5
  sharing::Version used = 0, newest = 0;
  std::vector<templates::KeyChange> changes;
  struct CellEffect {
    std::string cell, before, after;  // as the cells show them
  };
  std::vector<CellEffect> effects;  // every formula cell whose value would change, in reading order
};
/// The update waiting for a workbook that follows `source`: none when the source names no
/// version, the service cannot say, or the version is the newest. Works the effect out by
/// applying the newest version, recalculating and undoing it (the undo stack is left as it was).
std::optional<TemplateUpdate> template_update(templates::Reader& reader, const css::uno::Reference<css::frame::XModel>& document,
                                              const std::string& source);
/// Makes the workbook follow `update.newest_source` wherever it names `update.used_source` (in a
/// formula, or as the text of a cell its formulas read): one undo step; the workbook recalculated.
void use_newest_version(const css::uno::Reference<css::frame::XModel>& document, const TemplateUpdate& update,
                        const std::string& undo_title);

/// Explains the cell at `at` (templates read through `reader`, relative to the workbook's folder).
CellExplained explain_cell(templates::Reader& reader, const css::uno::Reference<css::frame::XModel>& document,
                           const css::table::CellAddress& at);

/// The template source the workbook's own TEMPLATE.VALUE / TEMPLATE.INFO calls name (the one
/// named most often); nothing when it names none.
std::optional<std::string> followed_source(const css::uno::Reference<css::frame::XModel>& document);

/// Checks the workbook against the template at `source` (a file, relative to the workbook's
/// folder, or a served template). An Error when the template cannot be read.
Result<WorkbookAlignment> check_workbook(templates::Reader& reader, const css::uno::Reference<css::frame::XModel>& document,
                                         const std::string& source);

/// Replaces the drift's typed values with TEMPLATE.VALUE calls of its published keys, naming the
/// template as the workbook's own links do (else by `source`), as one undo step.
void link_drift(const css::uno::Reference<css::frame::XModel>& document, const DriftEntry& entry,
                const std::string& source, const std::string& undo_title);

/// The check as JSON, for `alignkit check --json` and the tests.
nlohmann::json to_json(const WorkbookAlignment& check);
/// "Why this cell?" as JSON, for the tests: each call's arguments, where each comes from and its value.
nlohmann::json to_json(const CellExplained& explained);

}  // namespace alignkit::addin
