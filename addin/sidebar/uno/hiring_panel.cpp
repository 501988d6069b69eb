// Capacity and hiring panel: monthly targets, quota, ramp, attrition and today's team give the
// hires each month needs and the capacity they bring, drawn as bars in the panel.
#include <optional>

#include "form.hpp"
#include "formula_text.hpp"
#include "hiring_wizard.hpp"
#include "number_text.hpp"
#include "panels.hpp"
#include "sheet_insertion.hpp"
#include "sheet_writer.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;
namespace {

// A number field of the panel and the HIRING.PLAN argument it fills (its tooltip is the catalog's).
form::Field hiring_field(PanelControls& controls, const char* name, const char* caption, const char* argument) {
  return form::Field(controls, name, caption, argument_description("HIRING.PLAN", argument));
}

class HiringPanel final : public PanelView {
 public:
  explicit HiringPanel(const PanelSetting& setting)
      : frame_(setting.frame),
        format_(setting.number_format),
        inputs_(seed_hiring()),
        targets_caption_(setting.controls, "targets_label", tr("Monthly targets (separated by ;)")),
        targets_(setting.controls, "targets"),
        from_selection_(setting.controls, "from_selection", tr("Take targets from selection")),
        quota_(hiring_field(setting.controls, "quota", tr("Monthly quota"), "quota")),
        ramp_(hiring_field(setting.controls, "ramp", tr("Ramp (months)"), "ramp")),
        attrition_(hiring_field(setting.controls, "attrition", tr("Monthly attrition (%)"), "monthly_attrition")),
        current_(hiring_field(setting.controls, "current", tr("Reps today"), "current_reps")),
        lead_(hiring_field(setting.controls, "lead", tr("Hire months ahead"), "lead_months")),
        result_(setting.controls, "result"),
        chart_(setting.controls, "chart"),
        insert_(setting.controls, setting.frame, tr("Insert hiring plan"),
                tr("Writes the inputs, the months and live HIRING.PLAN and CAPACITY.PLAN formulas at the selected cell"),
                [this](const TemplateLink&, std::size_t column, std::size_t row) {
                  return hiring_block(inputs_, column, row);
                }) {
    targets_.set_tooltip(argument_description("HIRING.PLAN", "targets"));
    from_selection_.set_tooltip(tr("Select the monthly targets in the sheet, one per cell"));
    result_.set_bold();
    insert_.add_controls();
    targets_.on_typed([this] { if (!updating_) typed(); });
    for (const form::Field* field : fields()) field->edit.on_typed([this] { if (!updating_) typed(); });
    from_selection_.on_press([this] { take_selection(); });
    show_all();
  }

  [[nodiscard]] std::vector<LayoutRow> rows() const override {
    std::vector<LayoutRow> rows{targets_caption_.row(kLabelHeight), targets_.row(), from_selection_.row()};
    for (const form::Field* field : fields()) rows.push_back(field->row());
    rows.push_back(result_.row(2 * kLabelHeight));
    rows.push_back(chart_.row(170));
    for (auto& row : insert_.rows()) rows.push_back(std::move(row));
    return rows;
  }

 private:
  [[nodiscard]] std::vector<const form::Field*> fields() const { return {&quota_, &ramp_, &attrition_, &current_, &lead_}; }

  void show_all() {
    ProgrammaticUpdate guard(updating_);
    std::string targets;
    for (std::size_t m = 0; m < inputs_.targets.size(); ++m) {
      targets += (m ? "; " : "") + format_editable(inputs_.targets[m], format_);
    }
    targets_.set_text(targets);
    quota_.edit.set_text(format_editable(inputs_.quota, format_));
    ramp_.edit.set_text(format_editable(inputs_.ramp_months, format_));
    attrition_.edit.set_text(format_editable(inputs_.monthly_attrition * 100, format_));
    current_.edit.set_text(format_editable(inputs_.current_reps, format_));
    lead_.edit.set_text(inputs_.lead_months ? format_editable(*inputs_.lead_months, format_) : "");
    recompute();
  }

  // Every field read, or the first problem, naming its field.
  std::optional<std::string> read_fields() {
    auto targets = targets_from_text(targets_.text(), [this](const std::string& text) { return parse_number(text, format_); });
    if (!targets) return field_problem(tr("Monthly targets"), targets.error());
    HiringInputs read = inputs_;
    read.targets = std::move(targets).value();
    const std::pair<const form::Field*, double*> numbers[] = {
        {&quota_, &read.quota}, {&ramp_, &read.ramp_months}, {&attrition_, &read.monthly_attrition},
        {&current_, &read.current_reps}};
    for (const auto& [field, slot] : numbers) {
      auto value = field == &attrition_ ? parse_percent(field->edit.text(), format_)
                                        : parse_number(field->edit.text(), format_);
      if (!value) return field_problem(field->caption_text, value.error());
      *slot = *value;
    }
    read.lead_months.reset();  // empty: as many months ahead as the ramp
    if (lead_.edit.text().find_first_not_of(' ') != std::string::npos) {
      auto value = parse_number(lead_.edit.text(), format_);
      if (!value) return field_problem(lead_.caption_text, value.error());
      read.lead_months = *value;
    }
    inputs_ = std::move(read);
    return std::nullopt;
  }

  void typed() {
    problem_ = read_fields().value_or("");
    recompute();
  }

  void recompute() {
    auto months = problem_.empty() ? evaluate(inputs_) : Result<std::vector<HiringMonth>>(Error{problem_});
    if (!months) {
      result_.set_text(fill(tr("Hires: {1}"), {"–"}));
      chart_.show_svg({});
      insert_.inputs_changed(months.error().message);
      return;
    }
    double hires = 0;
    for (const auto& month : *months) hires += month.hires;
    std::string said = fill(tr("Hires: {1} over {2} months"), {format_number(hires, 0, format_), std::to_string(months->size())});
    // 0.035 in "Monthly attrition (%)" plans with 0.035 %: asked, never changed.
    if (auto hint = fraction_in_percent_field(attrition_.edit.text(), format_)) said += "\n" + *hint;
    result_.set_text(said);
    chart_.show_svg(hiring_svg(*months, {tr("capacity"), tr("target"), tr("headcount")}));
    insert_.inputs_changed("");
  }

  void take_selection() {
    const auto rows = selected_values(frame_, kMaxHiringMonths);
    if (!rows) return insert_.say(tr("Select the monthly targets in the sheet (at most 60)."), true);
    std::vector<double> targets;
    for (const auto& row : *rows) {
      for (const auto& cell : row) {
        if (cell.is_number) targets.push_back(cell.number);
      }
    }
    if (targets.empty()) return insert_.say(tr("The selection holds no numbers to use as monthly targets."), true);
    inputs_.targets = targets;
    problem_.clear();
    show_all();
    insert_.say(fill(tr("Took {1} monthly targets from the selection."), {std::to_string(targets.size())}), false);
  }

  css::uno::Reference<css::frame::XFrame> frame_;
  NumberFormat format_;
  HiringInputs inputs_;
  bool updating_ = false;
  std::string problem_;
  form::Label targets_caption_;
  form::Edit targets_;
  form::Button from_selection_;
  form::Field quota_, ramp_, attrition_, current_, lead_;
  form::Label result_;
  form::Picture chart_;
  InsertButton insert_;
};

}  // namespace

std::unique_ptr<PanelView> make_hiring_panel(const PanelSetting& setting) {
  return std::make_unique<HiringPanel>(setting);
}

}  // namespace alignkit::sidebar
