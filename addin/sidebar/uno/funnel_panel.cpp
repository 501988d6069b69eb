// Funnel panel: budget for a units target or units for a budget, stage by stage.
#include <map>

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

constexpr std::size_t kPictureWidth = 16;  // characters of the top stage's bar

class FunnelPanel final : public PanelView, public TemplateSubscriber {
 public:
  explicit FunnelPanel(const PanelSetting& setting)
      : frame_(setting.frame),
        controls_(setting.controls),
        format_(setting.number_format),
        plan_(seed_funnel()),
        insert_(setting.controls, setting.frame, tr("Insert funnel plan"),
                tr("Writes the inputs and live FUNNEL formulas at the selected cell"),
                [this](const TemplateLink& link, std::size_t column, std::size_t row) {
                  return funnel_block(plan_, link, column, row);
                }),
        publish_(setting.controls, setting.context, setting.frame, tr("funnel rates"),
                 [this](const nlohmann::json& document) { return funnel_assumptions(document, plan_); }) {
    using Kind = PanelControls::Kind;
    auto& c = controls_;
    c.add("to_budget", Kind::radio, tr("Units → budget"));
    c.add("to_units", Kind::radio, tr("Budget → units"));
    c.add("amount_label", Kind::label, tr("Units wanted"));
    c.add("amount", Kind::edit, "100");
    c.add("cost_label", Kind::label);
    c.add("cost", Kind::edit, "0.008");
    c.add("whole", Kind::check, tr("Round every stage to whole numbers"));
    c.set_checked("whole", true);
    c.add("stages_label", Kind::label, tr("Stages, top first · rate · volume"));
    c.add("stages", Kind::list);
    c.add("picture", Kind::text_area);
    c.add("stage_name_label", Kind::label, tr("Stage name"));
    c.add("stage_name", Kind::edit);
    c.add("stage_rate_label", Kind::label, tr("Conversion rate (%)"));
    c.add("stage_rate", Kind::edit);
    c.add("add", Kind::button, tr("Add"));
    c.add("remove", Kind::button, tr("Remove"));
    c.add("up", Kind::button, tr("Up"));
    c.add("down", Kind::button, tr("Down"));
    c.add("result", Kind::label);
    c.set_bold("result");
    c.add("cac", Kind::label);
    insert_.add_controls();
    publish_.add_controls();

    c.on_change("to_budget", [this] { direction_changed(FunnelDirection::units_to_budget); });
    c.on_change("to_units", [this] { direction_changed(FunnelDirection::budget_to_units); });
    c.on_change("amount", [this] { typed(plan_.amount, "amount"); });
    c.on_change("cost", [this] { typed(plan_.cost_per_top, "cost"); });
    c.on_change("whole", [this] { plan_.whole = controls_.checked("whole"); recompute(); });
    c.on_change("stages", [this] { stage_selected(); });
    c.on_change("stage_name", [this] { stage_name_typed(); });
    c.on_change("stage_rate", [this] { stage_rate_typed(); });
    c.on_change("add", [this] { add_stage(); });
    c.on_change("remove", [this] { remove_stage(); });
    c.on_change("up", [this] { move_stage(-1); });
    c.on_change("down", [this] { move_stage(+1); });

    selected_ = 1;
    show_plan();
    subscribe(frame_key(frame_), this);
  }

  ~FunnelPanel() override { unsubscribe(frame_key(frame_), this); }

  [[nodiscard]] std::vector<LayoutRow> rows() const override {
    std::vector<LayoutRow> rows{{kLineHeight, {{"to_budget", 1}, {"to_units", 1}}},
            labelled("amount_label", "amount"),
            labelled("cost_label", "cost"),
            full_width("whole"),
            full_width("stages_label", kLabelHeight),
            full_width("stages", 96),
            full_width("picture", 104),
            labelled("stage_name_label", "stage_name"),
            labelled("stage_rate_label", "stage_rate"),
            {kLineHeight, {{"add", 1}, {"remove", 1}, {"up", 1}, {"down", 1}}},
            full_width("result", kLabelHeight),
            full_width("cac", kLabelHeight),
            full_width("message", 3 * kLabelHeight),
            full_width("insert")};
    for (auto& row : publish_.rows()) rows.push_back(std::move(row));
    return rows;
  }

  void use_template(const ChosenTemplate& chosen) override {
    publish_.template_chosen(chosen);
    auto filled = funnel_from_template(*chosen.document, plan_);
    if (!filled) {
      show_message(controls_, "message", chosen.title + ": " + filled.error().message, true);
      return;
    }
    plan_ = *filled;
    selected_ = std::min<int>(selected_, static_cast<int>(plan_.stages.size()) - 1);
    show_plan();
  }

 private:
  // Writes the whole plan into the controls without treating it as typing.
  void show_plan() {
    updating_ = true;
    const bool to_budget = plan_.direction == FunnelDirection::units_to_budget;
    controls_.set_checked("to_budget", to_budget);
    controls_.set_checked("to_units", !to_budget);
    controls_.set_text("amount_label", to_budget ? tr("Units wanted") : tr("Budget"));
    controls_.set_text("amount", format_editable(plan_.amount.value, format_));
    controls_.set_text("cost", format_editable(plan_.cost_per_top.value, format_));
    controls_.set_checked("whole", plan_.whole);
    show_selected_stage();
    updating_ = false;
    recompute();
  }

  static std::string controls_label(const std::string& field) { return field + "_label"; }

  void show_selected_stage() {
    const bool was_updating = updating_;
    updating_ = true;
    const auto& stage = plan_.stages[static_cast<std::size_t>(selected_)];
    controls_.set_text("stage_name", stage.name.value);
    controls_.set_text("stage_rate", selected_ == 0 ? "" : format_editable(stage.rate.value * 100, format_));
    controls_.set_enabled("stage_rate", selected_ != 0);
    controls_.set_enabled("remove", plan_.stages.size() > 2);
    controls_.set_enabled("add", plan_.stages.size() < kMaxFunnelStages);
    controls_.set_enabled("up", selected_ > 1);
    controls_.set_enabled("down", selected_ > 0 && selected_ + 1 < static_cast<int>(plan_.stages.size()));
    updating_ = was_updating;
  }

  void typed(LinkedNumber& input, const std::string& field) {
    if (updating_) return;
    input.template_key.clear();  // the planner's own figure now, not the template's
    problems_.erase(field);
    if (auto value = parse_number(controls_.text(field), format_)) {
      input.value = *value;
    } else {
      problems_[field] = field_problem(controls_.text(controls_label(field)), value.error());
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
    const int index = controls_.selected("stages");
    if (index < 0 || index >= static_cast<int>(plan_.stages.size())) return;
    selected_ = index;
    problems_.erase("stage_rate");  // the editor now shows the stored rate again
    show_selected_stage();
    recompute();
  }

  void stage_name_typed() {
    if (updating_) return;
    auto& name = plan_.stages[static_cast<std::size_t>(selected_)].name;
    name = {controls_.text("stage_name"), {}};
    recompute();
  }

  void stage_rate_typed() {
    if (updating_ || selected_ == 0) return;
    auto& rate = plan_.stages[static_cast<std::size_t>(selected_)].rate;
    rate.template_key.clear();
    problems_.erase("stage_rate");
    const std::string text = controls_.text("stage_rate");
    // Typed as a percentage: "20" and "20%" are both a fifth.
    if (auto value = parse_number(text, format_)) {
      rate.value = text.find('%') == std::string::npos ? *value / 100 : *value;
    } else {
      problems_["stage_rate"] = field_problem(tr("The conversion rate"), value.error());
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
    controls_.set_text("cost_label", fill(tr("Cost per {1} entry"), {top.empty() ? std::string(tr("top")) : top}));

    auto outcome = problems_.empty() ? evaluate(plan_, format_) : Result<FunnelOutcome>(Error{problems_.begin()->second});
    std::vector<std::string> items;
    for (std::size_t i = 0; i < plan_.stages.size(); ++i) {
      std::string item = plan_.stages[i].name.value;
      if (i > 0) item += " · " + format_percent(plan_.stages[i].rate.value, format_);
      if (outcome) item += " → " + format_number(outcome->volumes[i], 2, format_);
      items.push_back(std::move(item));
    }
    const bool was_updating = updating_;
    updating_ = true;
    controls_.set_items("stages", items, selected_);
    updating_ = was_updating;

    std::string picture;
    if (outcome) {
      const auto bars = funnel_bars(*outcome, kPictureWidth);
      for (std::size_t i = 0; i < bars.size(); ++i) {
        picture += bars[i] + " " + format_number(outcome->volumes[i], 0, format_) + "\n";
      }
    }
    controls_.set_text("picture", picture);
    if (!outcome) {
      controls_.set_text("result", fill(to_budget ? tr("Budget: {1}") : tr("Units: {1}"), {"–"}));
      controls_.set_text("cac", "");
      insert_.inputs_changed(outcome.error().message);
      return;
    }
    controls_.set_text("result", fill(to_budget ? tr("Budget: {1}") : tr("Units: {1}"), {format_number(outcome->result, 2, format_)}));
    controls_.set_text("cac", outcome->cost_per_unit > 0 ? fill(tr("Cost per unit: {1}"), {format_number(outcome->cost_per_unit, 2, format_)})
                                                         : std::string(tr("No unit sold at this budget")));
    insert_.inputs_changed("");
  }

  css::uno::Reference<css::frame::XFrame> frame_;
  PanelControls& controls_;
  NumberFormat format_;
  FunnelPlan plan_;
  int selected_ = 0;
  bool updating_ = false;
  std::map<std::string, std::string> problems_;  // field -> why its text is not usable
  InsertButton insert_;
  PublishButton publish_;
};

}  // namespace

std::unique_ptr<PanelView> make_funnel_panel(const PanelSetting& setting) {
  return std::make_unique<FunnelPanel>(setting);
}

}  // namespace alignkit::sidebar
