// Alignment panel: where the open workbook's typed numbers differ from the template it follows.
// Lists each drift, selects its cell, and Link makes the typed cell follow the published key; says
// each likely typo; and, for the selected cell, why it shows what it shows.
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/sheet/XCellAddressable.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/view/XSelectionSupplier.hpp>

#include "catalog_text.hpp"
#include "form.hpp"
#include "number_text.hpp"
#include "office_text.hpp"
#include "panels.hpp"
#include "service_access.hpp"
#include "template_sharing.hpp"
#include "translation.hpp"
#include "workbook_alignment.hpp"

namespace alignkit::sidebar {

using addin::check_workbook;
using addin::DriftEntry;
using addin::followed_source;
using addin::link_drift;
using addin::UnlikelyEntry;
using addin::WorkbookAlignment;

using translation::fill;
using translation::tr;
namespace {
using css::uno::Reference;
using css::uno::UNO_QUERY;

class AlignmentPanel final : public PanelView, public TemplateSubscriber {
 public:
  explicit AlignmentPanel(const PanelSetting& setting)
      : templates_(addin::office_templates(setting.context)),
        frame_(setting.frame),
        format_(setting.number_format),
        check_(setting.controls, "check", tr("Check the workbook")),
        summary_(setting.controls, "summary"),
        drifts_(setting.controls, "drifts"),
        detail_(setting.controls, "detail"),
        link_(setting.controls, "link", tr("Link to the template")),
        message_(setting.controls, "message"),
        update_text_(setting.controls, "update_text"),
        use_version_(setting.controls, "use_version", tr("Use the newer version")),
        why_(setting.controls, "why", tr("Why this cell?")),
        why_text_(setting.controls, "why_text") {
    check_.set_tooltip(tr("Compares every number typed into an alignkit formula, or into the cells it reads, with "
                          "the template the workbook follows"));
    link_.set_tooltip(tr("Replaces the typed number with the TEMPLATE.VALUE formula of its published key (one undo step)"));
    link_.set_enabled(false);
    check_.on_press([this] { run_check(); });
    drifts_.on_select([this] { drift_selected(); });
    link_.on_press([this] { link(); });
    why_.set_tooltip(tr("Shows, for the selected cell, each alignkit function in its formula, where each argument "
                        "comes from, and why it is an error"));
    why_.on_press([this] { explain_selected_cell(); });
    use_version_.set_enabled(false);
    use_version_.on_press([this] { use_newer_version(); });
    subscribe(frame_key(frame_), this);
  }

  ~AlignmentPanel() override { unsubscribe(frame_key(frame_), this); }

  [[nodiscard]] std::vector<LayoutRow> rows() const override {
    return {check_.row(), summary_.row(4 * kLabelHeight), drifts_.row(110), detail_.row(6 * kLabelHeight),
            link_.row(), message_.row(3 * kLabelHeight), update_text_.row(8 * kLabelHeight), use_version_.row(),
            why_.row(), why_text_.row(14 * kLabelHeight)};
  }

  // The Templates panel's choice is the template checked against when the workbook names none.
  void use_template(const ChosenTemplate& chosen) override { chosen_source_ = chosen.link.source; }

 private:
  [[nodiscard]] Reference<css::frame::XModel> document() const {
    if (!frame_.is() || !frame_->getController().is()) return {};
    return frame_->getController()->getModel();
  }

  std::string number_list(const std::vector<double>& values) const {
    std::string text;
    for (double value : values) {
      if (!text.empty()) text += "; ";
      text += format_editable(value, format_);
    }
    return text;
  }

  void run_check() {
    message_.say("", false);
    link_.set_enabled(false);
    drifts_.set_items({}, -1);
    detail_.set_text("");
    check_result_.reset();
    update_.reset();
    update_text_.set_text("");
    use_version_.set_enabled(false);
    const auto model = document();
    if (!Reference<css::sheet::XSpreadsheetDocument>(model, UNO_QUERY).is()) return;
    auto source = followed_source(model);
    if (!source && !chosen_source_.empty()) source = chosen_source_;
    source_ = source.value_or("");  // none: the likely typos are still looked for
    auto check = check_workbook(*templates_, model, source_);
    if (!check) {
      summary_.say(fill(tr("The template cannot be read: {1}"), {check.error().message}), true);
      return;
    }
    check_result_ = std::move(check).value();
    show_summary();
    show_update(model);
    std::vector<std::string> items;
    for (const auto& entry : check_result_->drifts) items.push_back(item_text(entry));
    for (const auto& entry : check_result_->unlikely) items.push_back(typo_text(entry));
    drifts_.set_items(items, -1);
  }

  // A newer version of the template the workbook is pinned to: what changed, what it changes here.
  void show_update(const Reference<css::frame::XModel>& model) {
    update_ = addin::template_update(*templates_, model, source_);
    if (!update_) return;
    const std::string newest = std::to_string(update_->newest), used = std::to_string(update_->used);
    std::string text = fill(tr("Version {1} is published; this workbook uses version {2}."), {newest, used});
    for (const auto& change : update_->changes) {
      const auto shown = [](const std::optional<nlohmann::json>& value) {
        return !value ? std::string("—") : value->is_string() ? value->get<std::string>() : value->dump();
      };
      text += "\n  " + change.key + ": " + shown(change.from) + " → " + shown(change.to);
    }
    text += "\n" + (update_->effects.empty() ? std::string(tr("No cell of this workbook changes."))
                                              : fill(tr("{1} cells change:"), {std::to_string(update_->effects.size())}));
    constexpr std::size_t kShown = 8;
    for (std::size_t k = 0; k < update_->effects.size() && k < kShown; ++k) {
      const auto& effect = update_->effects[k];
      text += "\n  " + effect.cell + ": " + effect.before + " → " + effect.after;
    }
    if (update_->effects.size() > kShown) text += "\n  …";
    update_text_.set_text(text);
    use_version_.set_label(fill(tr("Use version {1}"), {newest}));
    use_version_.set_enabled(true);
  }

  void use_newer_version() {
    if (!update_) return;
    const auto applied = *update_;
    addin::use_newest_version(document(), applied, fill(tr("Use version {1}"), {std::to_string(applied.newest)}));
    run_check();
    message_.say(fill(tr("The workbook now follows version {1}. Edit ▸ Undo goes back to version {2}."),
                      {std::to_string(applied.newest), std::to_string(applied.used)}),
                 false);
  }

  // A likely typo's line, after the drifts: where, the argument, the value and what it is read as.
  std::string typo_text(const UnlikelyEntry& entry) const {
    std::string place = entry.place_name;
    if (check_result_->sheets == 1 && place.find('.') != std::string::npos) place = place.substr(place.rfind('.') + 1);
    return fill(tr("{1} {2}: {3}, likely a typo"), {place, entry.unlikely.argument, format_editable(entry.unlikely.value, format_)});
  }

  // What the value is read as, in the planner's words and number format.
  std::string typo_reading(const alignment::Unlikely& unlikely) const {
    const auto number = [this](double value) { return format_editable(value, format_); };
    if (unlikely.share && unlikely.value >= unlikely.range.high) {
      return fill(tr("{1} is read as {2} % — did you mean {1} % ({3})?"),
                  {number(unlikely.value), number(unlikely.value * 100), number(unlikely.value / 100)});
    }
    return fill(tr("{1} is outside what {2} likely holds ({3} to {4})."),
                {number(unlikely.value), unlikely.argument, number(unlikely.range.low), number(unlikely.range.high)});
  }

  void typo_selected(const UnlikelyEntry& entry) {
    std::string text = fill(tr("{1} in {2}, argument {3}."), {entry.function, entry.call_name, entry.unlikely.argument});
    text += "\n" + typo_reading(entry.unlikely);
    text += "\n" + std::string(tr("The formula computes with the value as typed; nothing is changed."));
    if (entry.calls > 1) text += "\n" + fill(tr("{1} formulas read these cells."), {std::to_string(entry.calls)});
    detail_.set_text(text);
    link_.set_enabled(false);
    message_.say("", false);
    select_cell(entry.place_name);
  }

  // One line of the list, short enough for the sidebar: where, and only the values that differ
  // (the detail below shows the whole list).
  std::string item_text(const DriftEntry& entry) const {
    std::string place = entry.place_names.empty() ? entry.call_name : entry.place_names.front();
    if (check_result_->sheets == 1 && place.find('.') != std::string::npos) place = place.substr(place.rfind('.') + 1);
    const auto& drift = entry.drift;
    std::vector<double> typed = drift.workbook, published = drift.published;
    if (drift.workbook.size() == drift.published.size()) {
      const auto differing = alignment::differing_positions(drift.workbook, drift.published, drift.linked_values);
      if (!differing.empty()) {
        typed.clear();
        published.clear();
        for (const auto k : differing) typed.push_back(drift.workbook[k]), published.push_back(drift.published[k]);
      }
    }
    return fill(tr("{1} {2}: {3} typed, {4} published"), {place, drift.argument, number_list(typed), number_list(published)});
  }

  void show_summary() {
    const auto& check = *check_result_;
    if (check.source.empty()) {
      const auto typos = check.unlikely.size();
      std::string text = tr("The workbook follows no template, so only likely typos were looked for. Choose one in "
                            "Shared templates to compare its numbers.");
      text += " ";
      text += typos == 0   ? std::string(tr("No likely typo."))
              : typos == 1 ? std::string(tr("1 likely typo: a typed number far outside what its argument holds."))
                           : fill(tr("{1} likely typos: typed numbers far outside what their arguments hold."),
                                  {std::to_string(typos)});
      summary_.say(text, false);
      return;
    }
    std::string followed = check.name.empty() ? source_ : check.name;
    std::string text = check.author.empty()
                           ? fill(tr("Checked against {1}, version {2}."), {followed, std::to_string(check.version)})
                           : fill(tr("Checked against {1}, version {2} by {3}."),
                                  {followed, std::to_string(check.version), check.author});
    const auto count = check.drifts.size();
    text += " ";
    text += count == 0   ? std::string(tr("No drift: every typed number equals the published one."))
            : count == 1 ? std::string(tr("1 drift: a typed number differs from the template. Select it to see where."))
                         : fill(tr("{1} drifts: typed numbers that differ from the template. Select one to see where."),
                                {std::to_string(count)});
    if (!check.skipped.empty()) {
      text += " " + fill(tr("{1} not compared: the template lacks their keys."), {std::to_string(check.skipped.size())});
    }
    if (const auto typos = check.unlikely.size(); typos > 0) {
      text += " " + (typos == 1 ? std::string(tr("1 likely typo: a typed number far outside what its argument holds."))
                                : fill(tr("{1} likely typos: typed numbers far outside what their arguments hold."),
                                       {std::to_string(typos)}));
    }
    summary_.say(text, false);
  }

  void drift_selected() {
    const int index = drifts_.selected();
    if (!check_result_ || index < 0) return;
    if (const auto typo = static_cast<std::size_t>(index) - check_result_->drifts.size();
        static_cast<std::size_t>(index) >= check_result_->drifts.size()) {
      if (typo < check_result_->unlikely.size()) typo_selected(check_result_->unlikely[typo]);
      return;
    }
    const DriftEntry& entry = check_result_->drifts[static_cast<std::size_t>(index)];
    const auto& drift = entry.drift;
    std::string text = fill(tr("{1} in {2}, argument {3}."), {entry.function, entry.call_name, drift.argument});
    std::string places;
    for (const auto& place : entry.place_names) places += (places.empty() ? "" : ", ") + place;
    text += "\n" + fill(tr("Typed: {1} (in {2})"), {number_list(drift.workbook), places});
    text += "\n" + fill(tr("Published: {1} ({2})"), {number_list(drift.published), drift.key});
    if (drift.result_now && drift.result_published) {
      text += "\n" + fill(tr("Result: {1} → {2} with the published value"),
                          {format_number(*drift.result_now, 2, format_), format_number(*drift.result_published, 2, format_)});
    }
    if (entry.calls > 1) text += "\n" + fill(tr("{1} formulas read these cells."), {std::to_string(entry.calls)});
    detail_.set_text(text);
    link_.set_enabled(entry.linkable);
    message_.say(entry.linkable ? "" : tr("A list typed inside the formula cannot be linked: put its values in cells first."),
                 false);
    select_cell(entry.place_names.empty() ? entry.call_name : entry.place_names.front());
  }

  // What a value is, as the planner reads it: numbers in their format, a range's first values.
  std::string value_text(const Arg& value) const {
    if (const auto* number = std::get_if<double>(&value)) return format_editable(*number, format_);
    if (const auto* text = std::get_if<std::string>(&value)) return "\"" + *text + "\"";
    if (const auto* range = std::get_if<Range>(&value)) {
      constexpr std::size_t kShown = 6;
      std::string text;
      for (std::size_t k = 0; k < range->size() && k < kShown; ++k) {
        if (!text.empty()) text += "; ";
        const Cell cell = range->cell(k);
        if (const auto* number = std::get_if<double>(&cell)) text += format_editable(*number, format_);
        else if (const auto* words = std::get_if<std::string>(&cell)) text += "\"" + *words + "\"";
        else text += tr("(empty)");
      }
      return range->size() > kShown ? text + "; …" : text;
    }
    return tr("(empty)");
  }

  std::string argument_text(const addin::ArgumentExplained& argument) const {
    using From = addin::ArgumentExplained::From;
    const std::string value = argument.value ? value_text(*argument.value) : std::string(tr("(not known here)"));
    // The argument's name as the Function Wizard shows it in the planner's language.
    const std::string name(translation::translate(translation::ui_language(), translation::kArgumentNameContext, argument.name));
    switch (argument.from) {
      case From::left_out: {
        if (argument.default_text.empty()) return fill(tr("{1}: left out (the function decides)"), {name});
        const std::string fallback(translation::translate(translation::ui_language(), translation::kValueContext, argument.default_text));
        return fill(tr("{1}: left out, so {2}"), {name, fallback});
      }
      case From::formula: return fill(tr("{1}: {2}, typed in the formula"), {name, value});
      case From::cell: return fill(tr("{1}: {2}, from {3}"), {name, value, argument.where});
      case From::template_key:
        return fill(tr("{1}: {2}, from the template {3}, key {4}"), {name, value, argument.source, argument.where});
      case From::calculation: break;
    }
    return fill(tr("{1}: {2}, from a calculation"), {name, value});
  }

  // Why this cell: its alignkit calls, where each argument comes from, and the reason for an error.
  void explain_selected_cell() {
    const auto model = document();
    Reference<css::sheet::XCellAddressable> selected(
        frame_.is() && frame_->getController().is()
            ? Reference<css::view::XSelectionSupplier>(frame_->getController(), UNO_QUERY)->getSelection()
            : css::uno::Any(),
        UNO_QUERY);
    if (!Reference<css::sheet::XSpreadsheetDocument>(model, UNO_QUERY).is() || !selected.is()) {
      why_text_.set_text(tr("Select one cell, then press Why this cell?"));
      return;
    }
    const auto explained = addin::explain_cell(*templates_, model, selected->getCellAddress());
    std::string text = fill(tr("{1} shows {2}."), {explained.cell, explained.shown.empty() ? std::string(tr("(empty)")) : explained.shown});
    if (explained.calls.empty()) {
      text += "\n" + std::string(tr("It holds no alignkit function."));
      why_text_.set_text(text);
      return;
    }
    for (const auto& call : explained.calls) {
      text += "\n" + std::string(translation::translate(translation::ui_language(), translation::kFunctionNameContext, call.function)) + ":";
      for (const auto& argument : call.arguments) text += "\n  " + argument_text(argument);
      if (call.error) {
        text += "\n" + fill(tr("Err:502 because {1}"), {translation::translate_message(translation::ui_language(), *call.error)});
      } else if (call.evaluated) {
        text += "\n" + std::string(tr("These arguments are valid."));
      }
      for (const auto& unlikely : call.unlikely) text += "\n" + typo_reading(unlikely);
    }
    using Cause = addin::CellExplained::Cause;
    if (explained.cause() == Cause::not_alignkit) {
      text += "\n" + std::string(tr("The error is not alignkit's: another part of the formula, or a cell it reads, gives it."));
    } else if (explained.cause() == Cause::unknown) {
      text += "\n" + std::string(tr("alignkit cannot tell where the error comes from: an argument above is not known here."));
    }
    why_text_.set_text(text);
  }

  void select_cell(const std::string& place) {
    const auto model = document();
    Reference<css::sheet::XSpreadsheetDocument> spreadsheet(model, UNO_QUERY);
    Reference<css::view::XSelectionSupplier> selection(frame_->getController(), UNO_QUERY);
    const auto dot = place.rfind('.');
    if (!spreadsheet.is() || !selection.is() || dot == std::string::npos) return;
    const auto sheets = spreadsheet->getSheets();
    if (!sheets->hasByName(to_office(place.substr(0, dot)))) return;
    Reference<css::table::XCellRange> sheet(sheets->getByName(to_office(place.substr(0, dot))), UNO_QUERY);
    if (sheet.is()) selection->select(css::uno::Any(sheet->getCellRangeByName(to_office(place.substr(dot + 1)))));
  }

  void link() {
    const int index = drifts_.selected();
    if (!check_result_ || index < 0 || index >= static_cast<int>(check_result_->drifts.size())) return;
    const DriftEntry entry = check_result_->drifts[static_cast<std::size_t>(index)];
    link_drift(document(), entry, source_, tr("Link to the published value"));
    run_check();
    message_.say(fill(tr("{1} now follows {2}. Edit ▸ Undo puts the typed number back."),
                      {entry.place_names.empty() ? entry.call_name : entry.place_names.front(), entry.drift.key}),
                 false);
  }

  std::shared_ptr<templates::Reader> templates_;  // what the check reads the template through
  css::uno::Reference<css::frame::XFrame> frame_;
  NumberFormat format_;
  std::string chosen_source_, source_;
  std::optional<WorkbookAlignment> check_result_;
  form::Button check_;
  form::Label summary_;
  form::ListBox drifts_;
  form::Label detail_;
  form::Button link_;
  form::Label message_;
  form::Label update_text_;
  form::Button use_version_;
  std::optional<addin::TemplateUpdate> update_;
  form::Button why_;
  form::Label why_text_;
};

}  // namespace

std::unique_ptr<PanelView> make_alignment_panel(const PanelSetting& setting) {
  return std::make_unique<AlignmentPanel>(setting);
}

}  // namespace alignkit::sidebar
