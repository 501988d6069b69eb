// Funnel panel: budget for a units target or units for a budget, stage by stage.
#include <map>

#include "form.hpp"
#include "funnel_plan.hpp"
#include "number_text.hpp"
#include "panels.hpp"
#include "publish_button.hpp"
#include "sheet_insertion.hpp"
#include "template_sharing.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;
namespace {

class FunnelPanel final : public PanelView, public TemplateSubscriber {
 public:
  explicit FunnelPanel(const PanelSetting& setting)
      : frame_(setting.frame),
        format_(setting.number_format),
        plan_(seed_funnel()),
        to_budget_(setting.controls, "to_budget", tr("Units → budget")),
        to_units_(setting.controls, "to_units", tr("Budget → units")),
        amount_caption_(setting.controls, "amount_label", tr("Units wanted")),
        amount_(setting.controls, "amount"),
        cost_caption_(setting.controls, "cost_label"),
        cost_(setting.controls, "cost"),
        whole_(setting.controls, "whole", tr("Round every stage to whole numbers"), true),
        stages_caption_(setting.controls, "stages_label", tr("Stages, top first · rate · volume")),
        stages_(setting.controls, "stages"),
        picture_(setting.controls, "picture"),
        stage_name_caption_(setting.controls, "stage_name_label", tr("Stage name")),
        stage_name_(setting.controls, "stage_name"),
        stage_rate_caption_(setting.controls, "stage_rate_label", tr("Conversion rate (%)")),
        stage_rate_(setting.controls, "stage_rate"),
        add_(setting.controls, "add", tr("Add")),
        remove_(setting.controls, "remove", tr("Remove")),
        up_(setting.controls, "up", tr("Up")),
        down_(setting.controls, "down", tr("Down")),
        result_(setting.controls, "result"),
        cac_(setting.controls, "cac"),
        insert_(setting.controls, setting.frame, tr("Insert funnel plan"),
                tr("Writes the inputs and live FUNNEL formulas at the selected cell"),
                [this](const TemplateLink& link, std::size_t column, std::size_t row) {
                  return funnel_block(plan_, link, column, row);
                }),
        publish_(setting.controls, setting.context, setting.frame, tr("funnel rates"),
                 [this](const nlohmann::json& document) { return funnel_assumptions(document, plan_); }) {
    result_.set_bold();
    insert_.add_controls();
    publish_.add_controls();

    to_budget_.on_choose([this] { direction_changed(FunnelDirection::units_to_budget); });
    to_units_.on_choose([this] { direction_changed(FunnelDirection::budget_to_units); });
    amount_.on_typed([this] { typed(plan_.amount, amount_, amount_caption_); });
    cost_.on_typed([this] { typed(plan_.cost_per_top, cost_, cost_caption_); });
    whole_.on_toggle([this] {
      if (updating_) return;
      plan_.whole = whole_.checked();
      recompute();
    });
    stages_.on_select([this] { stage_selected(); });
    stage_name_.on_typed([this] { stage_name_typed(); });
    stage_rate_.on_typed([this] { stage_rate_typed(); });
    add_.on_press([this] { add_stage(); });
    remove_.on_press([this] { remove_stage(); });
    up_.on_press([this] { move_stage(-1); });
    down_.on_press([this] { move_stage(+1); });

    selected_ = 1;
    show_plan();
    subscribe(frame_key(frame_), this);
  }

  ~FunnelPanel() override { unsubscribe(frame_key(frame_), this); }

  [[nodiscard]] std::vector<LayoutRow> rows() const override {
    std::vector<LayoutRow> rows{{kLineHeight, {{to_budget_.name(), 1}, {to_units_.name(), 1}}},
                                labelled(amount_caption_.name(), amount_.name()),
                                labelled(cost_caption_.name(), cost_.name()),
                                whole_.row(),
                                stages_caption_.row(kLabelHeight),
                                stages_.row(96),
                                picture_.row(148),
                                labelled(stage_name_caption_.name(), stage_name_.name()),
                                labelled(stage_rate_caption_.name(), stage_rate_.name()),
                                {kLineHeight, {{add_.name(), 1}, {remove_.name(), 1}, {up_.name(), 1}, {down_.name(), 1}}},
                                result_.row(2 * kLabelHeight),
                                cac_.row(kLabelHeight)};
    for (auto& row : insert_.rows()) rows.push_back(std::move(row));
    for (auto& row : publish_.rows()) rows.push_back(std::move(row));
    return rows;
  }

  void use_template(const ChosenTemplate& chosen) override {
    publish_.template_chosen(chosen);
    auto filled = funnel_from_template(*chosen.document, plan_);
    if (!filled) {
      insert_.say(chosen.title + ": " + filled.error().message, true);
      return;
    }
    plan_ = *filled;
    selected_ = std::min<int>(selected_, static_cast<int>(plan_.stages.size()) - 1);
    show_plan();
  }

 private:
  // Writes the whole plan into the controls without treating it as typing.
  void show_plan() {
    {
      ProgrammaticUpdate guard(updating_);
      const bool to_budget = plan_.direction == FunnelDirection::units_to_budget;
      to_budget_.set_checked(to_budget);
      to_units_.set_checked(!to_budget);
      amount_caption_.set_text(to_budget ? tr("Units wanted") : tr("Budget"));
      amount_.set_text(format_editable(plan_.amount.value, format_));
      cost_.set_text(format_editable(plan_.cost_per_top.value, format_));
      whole_.set_checked(plan_.whole);
      show_selected_stage();
    }
    recompute();
  }

  void show_selected_stage() {
    ProgrammaticUpdate guard(updating_);
    const auto& stage = plan_.stages[static_cast<std::size_t>(selected_)];
    stage_name_.set_text(stage.name.value);
    stage_rate_.set_text(selected_ == 0 ? "" : format_editable(stage.rate.value * 100, format_));
    stage_rate_.set_enabled(selected_ != 0);
    remove_.set_enabled(plan_.stages.size() > 2);
    add_.set_enabled(plan_.stages.size() < kMaxFunnelStages);
    up_.set_enabled(selected_ > 1);
    down_.set_enabled(selected_ > 0 && selected_ + 1 < static_cast<int>(plan_.stages.size()));
  }

  void typed(LinkedNumber& input, const form::Edit& field, const form::Label& caption) {
    if (updating_) return;
    input.template_key.clear();  // the planner's own figure now, not the template's
    problems_.erase(field.name());
    if (auto value = parse_number(field.text(), format_)) {
      input.value = *value;
    } else {
      problems_[field.name()] = field_problem(caption.text(), value.error());
    }
    recompute();
  }

  void direction_changed(FunnelDirection direction) {
    if (updating_ || direction == plan_.direction) return;
    // Carry the answer across: the budget just computed becomes the budget to spend.
    if (auto outcome = evaluate(plan_, format_)) plan_.amount = {outcome->result, {}};
    plan_.direction = direction;
    show_plan();
  }

  void stage_selected() {
    if (updating_) return;
    const int index = stages_.selected();
    if (index < 0 || index >= static_cast<int>(plan_.stages.size())) return;
    selected_ = index;
    problems_.erase(stage_rate_.name());  // the editor now shows the stored rate again
    rate_hint_.clear();
    show_selected_stage();
    recompute();
  }

  void stage_name_typed() {
    if (updating_) return;
    auto& name = plan_.stages[static_cast<std::size_t>(selected_)].name;
    name = {stage_name_.text(), {}};
    recompute();
  }

  void stage_rate_typed() {
    if (updating_ || selected_ == 0) return;
    auto& rate = plan_.stages[static_cast<std::size_t>(selected_)].rate;
    rate.template_key.clear();
    problems_.erase(stage_rate_.name());
    const std::string text = stage_rate_.text();
    rate_hint_ = fraction_in_percent_field(text, format_).value_or("");  // 0.2 for 20 %: asked, never changed
    if (auto value = parse_percent(text, format_)) {
      rate.value = *value;
    } else {
      problems_[stage_rate_.name()] = field_problem(tr("The conversion rate"), value.error());
    }
    recompute();
  }

  void add_stage() {
    if (plan_.stages.size() >= kMaxFunnelStages) return;
    plan_.stages.insert(plan_.stages.begin() + selected_ + 1, FunnelStage{{tr("New stage"), {}}, {0.5, {}}});
    ++selected_;
    show_selected_stage();
    recompute();
  }

  void remove_stage() {
    if (plan_.stages.size() <= 2) return;
    plan_.stages.erase(plan_.stages.begin() + selected_);
    if (selected_ == 0) plan_.stages.front().rate = {1, {}};  // the new top has no rate
    selected_ = std::min<int>(selected_, static_cast<int>(plan_.stages.size()) - 1);
    show_selected_stage();
    recompute();
  }

  void move_stage(int step) {
    const int other = selected_ + step;
    // The top stage has no rate, so only stages below it are reordered.
    if (selected_ < 1 || other < 1 || other >= static_cast<int>(plan_.stages.size())) return;
    std::swap(plan_.stages[static_cast<std::size_t>(selected_)], plan_.stages[static_cast<std::size_t>(other)]);
    selected_ = other;
    show_selected_stage();
    recompute();
  }

  void recompute() {
    const bool to_budget = plan_.direction == FunnelDirection::units_to_budget;
    const std::string top = plan_.stages.front().name.value;
    cost_caption_.set_text(fill(tr("Cost per entry into {1}"), {top.empty() ? std::string(tr("top")) : top}));

    auto outcome = problems_.empty() ? evaluate(plan_, format_) : Result<FunnelOutcome>(Error{problems_.begin()->second});
    std::vector<std::string> items;
    for (std::size_t i = 0; i < plan_.stages.size(); ++i) {
      std::string item = plan_.stages[i].name.value;
      if (i > 0) item += " · " + format_percent(plan_.stages[i].rate.value, format_);
      if (outcome) item += " → " + format_number(outcome->volumes[i], 2, format_);
      items.push_back(std::move(item));
    }
    {
      ProgrammaticUpdate guard(updating_);
      stages_.set_items(items, selected_);
    }

    if (outcome) {
      std::vector<std::string> labels;
      for (std::size_t i = 0; i < outcome->volumes.size() && i < plan_.stages.size(); ++i) {
        labels.push_back(plan_.stages[i].name.value + "  " + format_number(outcome->volumes[i], 0, format_));
      }
      picture_.show_svg(funnel_svg(*outcome, labels));
    } else {
      picture_.show_svg({});
    }
    if (!outcome) {
      result_.set_text(fill(to_budget ? tr("Budget: {1}") : tr("Units: {1}"), {"–"}));
      cac_.set_text("");
      insert_.inputs_changed(outcome.error().message);
      return;
    }
    result_.set_text(fill(to_budget ? tr("Budget: {1}") : tr("Units: {1}"), {format_number(outcome->result, 2, format_)}) +
                     (rate_hint_.empty() ? "" : "\n" + rate_hint_));
    cac_.set_text(outcome->cost_per_unit > 0 ? fill(tr("Cost per unit: {1}"), {format_number(outcome->cost_per_unit, 2, format_)})
                                                         : std::string(tr("No unit sold at this budget")));
    insert_.inputs_changed("");
  }

  css::uno::Reference<css::frame::XFrame> frame_;
  NumberFormat format_;
  FunnelPlan plan_;
  int selected_ = 0;
  bool updating_ = false;
  std::map<std::string, std::string> problems_;  // field -> why its text is not usable
  std::string rate_hint_;  // the selected stage's rate typed as a fraction, asked about
  form::RadioButton to_budget_, to_units_;
  form::Label amount_caption_;
  form::Edit amount_;
  form::Label cost_caption_;
  form::Edit cost_;
  form::CheckBox whole_;
  form::Label stages_caption_;
  form::ListBox stages_;
  form::Picture picture_;
  form::Label stage_name_caption_;
  form::Edit stage_name_;
  form::Label stage_rate_caption_;
  form::Edit stage_rate_;
  form::Button add_, remove_, up_, down_;
  form::Label result_, cac_;
  InsertButton insert_;
  PublishButton publish_;
};

}  // namespace

std::unique_ptr<PanelView> make_funnel_panel(const PanelSetting& setting) {
  return std::make_unique<FunnelPanel>(setting);
}

}  // namespace alignkit::sidebar
