// Turnover panel: the cost of one departure and its breakdown.
#include <map>

#include "form.hpp"
#include "formula_text.hpp"
#include "number_text.hpp"
#include "panels.hpp"
#include "publish_button.hpp"
#include "sheet_insertion.hpp"
#include "template_sharing.hpp"
#include "turnover_plan.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;
namespace {

// The fields are TURNOVER.COST's arguments, named as the catalog names them ("annual_salary").
std::vector<form::Field> turnover_form(PanelControls& controls) {
  std::vector<form::Field> fields;
  fields.reserve(turnover_fields().size());
  for (const auto& field : turnover_fields()) {
    fields.emplace_back(controls, std::string(field.argument), field.label,
                        argument_description("TURNOVER.COST", field.argument));
  }
  return fields;
}

class TurnoverPanel final : public PanelView, public TemplateSubscriber {
 public:
  explicit TurnoverPanel(const PanelSetting& setting)
      : frame_(setting.frame),
        format_(setting.number_format),
        plan_(seed_turnover()),
        fields_(turnover_form(setting.controls)),
        result_(setting.controls, "result"),
        breakdown_(setting.controls, "breakdown"),
        insert_(setting.controls, setting.frame, tr("Insert turnover cost"),
                tr("Writes the inputs, a live TURNOVER.COST formula and its breakdown at the selected cell"),
                [this](const TemplateLink& link, std::size_t column, std::size_t row) {
                  return turnover_block(plan_, link, column, row);
                }),
        publish_(setting.controls, setting.context, setting.frame, tr("turnover figures"),
                 [this](const nlohmann::json&) { return Result<Assumptions>(turnover_assumptions(plan_)); }) {
    for (std::size_t i = 0; i < fields_.size(); ++i) fields_[i].edit.on_typed([this, i] { typed(i); });
    result_.set_bold();
    insert_.add_controls();
    publish_.add_controls();
    show_plan();
    subscribe(frame_key(frame_), this);
  }

  ~TurnoverPanel() override { unsubscribe(frame_key(frame_), this); }

  [[nodiscard]] std::vector<LayoutRow> rows() const override {
    std::vector<LayoutRow> rows;
    for (const auto& field : fields_) rows.push_back(field.row());
    rows.push_back(result_.row(kLabelHeight));
    rows.push_back(breakdown_.row(6 * kLabelHeight));
    for (auto& row : insert_.rows()) rows.push_back(std::move(row));
    for (auto& row : publish_.rows()) rows.push_back(std::move(row));
    return rows;
  }

  void use_template(const ChosenTemplate& chosen) override {
    publish_.template_chosen(chosen);
    plan_ = turnover_from_template(*chosen.document, plan_);
    problems_.clear();
    show_plan();
  }

 private:
  void show_plan() {
    {
      ProgrammaticUpdate guard(updating_);
      for (std::size_t i = 0; i < fields_.size(); ++i) fields_[i].edit.set_text(format_editable(plan_.inputs[i].value, format_));
    }
    recompute();
  }

  void typed(std::size_t i) {
    if (updating_) return;
    plan_.inputs[i].template_key.clear();
    problems_.erase(i);
    const std::string text = fields_[i].edit.text();
    if (auto value = parse_number(text, format_)) {
      plan_.inputs[i].value = *value;
    } else {
      problems_[i] = field_problem(turnover_fields()[i].label, value.error());
    }
    recompute();
  }

  void recompute() {
    auto cost = problems_.empty() ? evaluate(plan_) : Result<TurnoverCost>(Error{problems_.begin()->second});
    if (!cost) {
      result_.set_text(fill(tr("Cost of one departure: {1}"), {"–"}));
      breakdown_.set_text("");
      insert_.inputs_changed(cost.error().message);
      return;
    }
    result_.set_text(fill(tr("Cost of one departure: {1}"), {format_number(cost->total, 0, format_)}));
    breakdown_.set_text(fill(tr("Vacancy, margin lost: {1}\nRamp, margin lost: {2}\nRecruiting: {3}\n"
                                            "Onboarding: {4}\nSeparation: {5}\nSalary saved while vacant: −{6}"),
                                         {format_number(cost->vacancy, 0, format_), format_number(cost->ramp, 0, format_),
                                          format_number(cost->recruiting, 0, format_), format_number(cost->onboarding, 0, format_),
                                          format_number(cost->separation, 0, format_),
                                          format_number(cost->salary_saved, 0, format_)}));
    insert_.inputs_changed("");
  }

  css::uno::Reference<css::frame::XFrame> frame_;
  NumberFormat format_;
  TurnoverPlan plan_;
  bool updating_ = false;
  std::map<std::size_t, std::string> problems_;  // input -> why its text is not usable
  std::vector<form::Field> fields_;  // in TURNOVER.COST's argument order
  form::Label result_, breakdown_;
  InsertButton insert_;
  PublishButton publish_;
};

}  // namespace

std::unique_ptr<PanelView> make_turnover_panel(const PanelSetting& setting) {
  return std::make_unique<TurnoverPanel>(setting);
}

}  // namespace alignkit::sidebar
