// Turnover panel: the cost of one departure and its breakdown.
#include <map>

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

std::string field_name(std::size_t i) { return "input" + std::to_string(i); }

class TurnoverPanel final : public PanelView, public TemplateSubscriber {
 public:
  explicit TurnoverPanel(const PanelSetting& setting)
      : frame_(setting.frame),
        controls_(setting.controls),
        format_(setting.number_format),
        plan_(seed_turnover()),
        insert_(setting.controls, setting.frame, tr("Insert turnover cost"),
                tr("Writes the inputs, a live TURNOVER.COST formula and its breakdown at the selected cell"),
                [this](const TemplateLink& link, std::size_t column, std::size_t row) {
                  return turnover_block(plan_, link, column, row);
                }),
        publish_(setting.controls, setting.context, setting.frame, tr("turnover figures"),
                 [this](const nlohmann::json&) { return Result<Assumptions>(turnover_assumptions(plan_)); }) {
    using Kind = PanelControls::Kind;
    for (std::size_t i = 0; i < kTurnoverInputs; ++i) {
      controls_.add(field_name(i) + "_label", Kind::label, turnover_fields()[i].label);
      controls_.add(field_name(i), Kind::edit);
      controls_.set_tooltip(field_name(i), argument_description("TURNOVER.COST", turnover_fields()[i].argument));
      controls_.on_change(field_name(i), [this, i] { typed(i); });
    }
    controls_.add("result", Kind::label);
    controls_.set_bold("result");
    controls_.add("breakdown", Kind::label);
    insert_.add_controls();
    publish_.add_controls();
    show_plan();
    subscribe(frame_key(frame_), this);
  }

  ~TurnoverPanel() override { unsubscribe(frame_key(frame_), this); }

  [[nodiscard]] std::vector<LayoutRow> rows() const override {
    std::vector<LayoutRow> rows;
    for (std::size_t i = 0; i < kTurnoverInputs; ++i) rows.push_back(labelled(field_name(i) + "_label", field_name(i)));
    rows.push_back(full_width("result", kLabelHeight));
    rows.push_back(full_width("breakdown", 6 * kLabelHeight));
    rows.push_back(full_width("message", 3 * kLabelHeight));
    rows.push_back(full_width("insert"));
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
    updating_ = true;
    for (std::size_t i = 0; i < kTurnoverInputs; ++i) {
      controls_.set_text(field_name(i), format_editable(plan_.inputs[i].value, format_));
    }
    updating_ = false;
    recompute();
  }

  void typed(std::size_t i) {
    if (updating_) return;
    plan_.inputs[i].template_key.clear();
    problems_.erase(i);
    const std::string text = controls_.text(field_name(i));
    if (auto value = parse_number(text, format_)) {
      plan_.inputs[i].value = *value;
    } else {
      problems_[i] = field_problem(turnover_fields()[i].label, value.error());
    }
    recompute();
  }

  void recompute() {
    auto cost = problems_.empty() ? evaluate(plan_) : Result<turnover::CostBreakdown>(Error{problems_.begin()->second});
    if (!cost) {
      controls_.set_text("result", fill(tr("Cost of one departure: {1}"), {"–"}));
      controls_.set_text("breakdown", "");
      insert_.inputs_changed(cost.error().message);
      return;
    }
    controls_.set_text("result", fill(tr("Cost of one departure: {1}"), {format_number(cost->total(), 0, format_)}));
    controls_.set_text("breakdown", fill(tr("Vacancy, margin lost: {1}\nRamp, margin lost: {2}\nRecruiting: {3}\n"
                                            "Onboarding: {4}\nSeparation: {5}\nSalary saved while vacant: −{6}"),
                                         {format_number(cost->vacancy, 0, format_), format_number(cost->ramp, 0, format_),
                                          format_number(cost->recruiting, 0, format_), format_number(cost->onboarding, 0, format_),
                                          format_number(cost->separation, 0, format_),
                                          format_number(cost->salary_saved, 0, format_)}));
    insert_.inputs_changed("");
  }

  css::uno::Reference<css::frame::XFrame> frame_;
  PanelControls& controls_;
  NumberFormat format_;
  TurnoverPlan plan_;
  bool updating_ = false;
  std::map<std::size_t, std::string> problems_;  // input -> why its text is not usable
  InsertButton insert_;
  PublishButton publish_;
};

}  // namespace

std::unique_ptr<PanelView> make_turnover_panel(const PanelSetting& setting) {
  return std::make_unique<TurnoverPanel>(setting);
}

}  // namespace alignkit::sidebar
