// Goal cascade panel: a parent target split over teams or reps by weight, with the over-assignment.
#include <cmath>
#include <map>
#include <optional>

#include "form.hpp"
#include "formula_text.hpp"
#include "goal_cascade.hpp"
#include "number_text.hpp"
#include "panels.hpp"
#include "sheet_insertion.hpp"
#include "sheet_writer.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;
namespace {

class GoalCascadePanel final : public PanelView {
 public:
  explicit GoalCascadePanel(const PanelSetting& setting)
      : frame_(setting.frame),
        format_(setting.number_format),
        cascade_(seed_cascade()),
        parent_(setting.controls, "parent", tr("Parent target"), argument_description("GOAL.ALLOCATE", "total")),
        buffer_(setting.controls, "buffer", tr("Buffer (%)"), argument_description("GOAL.ALLOCATE", "buffer")),
        decimals_(setting.controls, "decimals", tr("Round to decimals"),
                  fill(tr("{1}; empty: no rounding"), {argument_description("GOAL.ALLOCATE", "decimals")})),
        children_caption_(setting.controls, "children_label", tr("Children · weight → target")),
        children_(setting.controls, "children"),
        child_name_(setting.controls, "child_name", tr("Name"), tr("The team's or rep's name, as the inserted block labels it")),
        child_weight_(setting.controls, "child_weight", tr("Weight"), argument_description("GOAL.ALLOCATE", "weights")),
        add_(setting.controls, "add", tr("Add")),
        remove_(setting.controls, "remove", tr("Remove")),
        from_selection_(setting.controls, "from_selection", tr("Take children from selection")),
        result_(setting.controls, "result"),
        picture_(setting.controls, "picture"),
        insert_(setting.controls, setting.frame, tr("Insert goal cascade"),
                tr("Writes the inputs, each child's live GOAL.ALLOCATE target and the over-assignment at the selected cell"),
                [this](const TemplateLink&, std::size_t column, std::size_t row) {
                  return cascade_block(cascade_, column, row);
                }) {
    from_selection_.set_tooltip(tr("Select two columns in the sheet: names, then weights (a heading row is skipped)"));
    result_.set_bold();
    insert_.add_controls();

    parent_.edit.on_typed([this] { if (!updating_) typed_parent(); });
    buffer_.edit.on_typed([this] { if (!updating_) typed_buffer(); });
    decimals_.edit.on_typed([this] { if (!updating_) typed_decimals(); });
    children_.on_select([this] { if (!updating_) child_selected(); });
    child_name_.edit.on_typed([this] { if (!updating_) typed_child_name(); });
    child_weight_.edit.on_typed([this] { if (!updating_) typed_child_weight(); });
    add_.on_press([this] { add_child(); });
    remove_.on_press([this] { remove_child(); });
    from_selection_.on_press([this] { take_selection(); });
    show_all();
  }

  [[nodiscard]] std::vector<LayoutRow> rows() const override {
    std::vector<LayoutRow> rows{parent_.row(), buffer_.row(), decimals_.row(), children_caption_.row(kLabelHeight),
                                children_.row(110), child_name_.row(), child_weight_.row(),
                                {kLineHeight, {{add_.name(), 1}, {remove_.name(), 1}}}, from_selection_.row(),
                                result_.row(2 * kLabelHeight), picture_.row(150)};
    for (auto& row : insert_.rows()) rows.push_back(std::move(row));
    return rows;
  }

 private:
  void show_all() {
    ProgrammaticUpdate guard(updating_);
    parent_.edit.set_text(format_editable(cascade_.parent_target, format_));
    buffer_.edit.set_text(format_editable(cascade_.buffer * 100, format_));
    decimals_.edit.set_text(cascade_.decimals ? std::to_string(*cascade_.decimals) : "");
    recompute();
    show_selected_child();
  }

  // Shows the selected child's stored name and weight, so a problem typed into them is gone.
  void show_selected_child() {
    problems_.erase(child_weight_.edit.name());
    ProgrammaticUpdate guard(updating_);
    const bool any = selected_ >= 0 && selected_ < static_cast<int>(cascade_.children.size());
    child_name_.edit.set_text(any ? cascade_.children[selected_].name : "");
    child_weight_.edit.set_text(any ? format_editable(cascade_.children[selected_].weight, format_) : "");
    remove_.set_enabled(any && cascade_.children.size() > 1);
    add_.set_enabled(cascade_.children.size() < kMaxCascadeChildren);
  }

  void recompute() {
    auto outcome = problems_.empty() ? evaluate(cascade_) : Result<CascadeOutcome>(Error{problems_.begin()->second});
    std::vector<std::string> items;
    for (std::size_t i = 0; i < cascade_.children.size(); ++i) {
      const auto& child = cascade_.children[i];
      items.push_back(child.name + "  ·  " + format_number(child.weight, 2, format_) + "  →  " +
                      (outcome ? format_number(outcome->targets[i], cascade_.decimals.value_or(2), format_) : "–"));
    }
    {
      ProgrammaticUpdate guard(updating_);
      children_.set_items(items, selected_);
    }
    if (!outcome) {
      picture_.show_svg({});
      result_.set_text(fill(tr("Children add up to {1}"), {"–"}));
      insert_.inputs_changed(outcome.error().message);
      return;
    }
    const double over = outcome->overassignment;
    const std::string total = format_number(outcome->total, 0, format_);
    const std::string percent = format_percent(std::abs(over), format_, 2);
    std::string said = std::abs(over) < 1e-12 ? fill(tr("Children add up to {1}: exactly the parent target"), {total})
                       : over > 0             ? fill(tr("Children add up to {1}: {2} over-assigned"), {total, percent})
                                              : fill(tr("Children add up to {1}: {2} short of the parent"), {total, percent});
    if (auto hint = fraction_in_percent_field(buffer_.edit.text(), format_)) said += "\n" + *hint;
    result_.set_text(said);
    std::vector<std::string> child_labels;
    for (std::size_t i = 0; i < outcome->targets.size() && i < cascade_.children.size(); ++i) {
      child_labels.push_back(cascade_.children[i].name + "  " + format_number(outcome->targets[i], 0, format_));
    }
    picture_.show_svg(cascade_svg(*outcome, cascade_.parent_target,
                                  fill(tr("Parent target {1}"), {format_number(cascade_.parent_target, 0, format_)}),
                                  fill(tr("Children together {1}"), {total}), child_labels));
    insert_.inputs_changed("");
  }

  // Reads a field; on a problem, keeps it (naming the field) until that field is fixed, and the
  // last good value meanwhile: no result is shown while any field holds unusable text.
  std::optional<double> read(const form::Field& field) {
    auto value = &field == &buffer_ ? parse_percent(field.edit.text(), format_) : parse_number(field.edit.text(), format_);
    if (value) {
      problems_.erase(field.edit.name());
      return *value;
    }
    problems_[field.edit.name()] = field_problem(field.caption_text, value.error());
    return std::nullopt;
  }

  void typed_parent() {
    if (auto value = read(parent_)) cascade_.parent_target = *value;
    recompute();
  }
  void typed_buffer() {
    if (auto value = read(buffer_)) cascade_.buffer = *value;
    recompute();
  }
  void typed_decimals() {
    problems_.erase(decimals_.edit.name());
    if (decimals_.edit.text().find_first_not_of(' ') == std::string::npos) {
      cascade_.decimals.reset();
    } else if (auto value = read(decimals_)) {
      if (*value != static_cast<int>(*value) || *value < 0 || *value > 6) {
        problems_[decimals_.edit.name()] = tr("Round to decimals: a whole number from 0 to 6, or empty for no rounding");
      } else {
        cascade_.decimals = static_cast<int>(*value);
      }
    }
    recompute();
  }
  void child_selected() {
    selected_ = children_.selected();
    show_selected_child();
    recompute();
  }
  void typed_child_name() {
    if (selected_ < 0) return;
    cascade_.children[selected_].name = child_name_.edit.text();
    recompute();
  }
  void typed_child_weight() {
    if (selected_ < 0) return;
    if (auto value = read(child_weight_)) cascade_.children[selected_].weight = *value;
    recompute();
  }
  void add_child() {
    if (cascade_.children.size() >= kMaxCascadeChildren) return;
    cascade_.children.push_back({fill(tr("Team {1}"), {std::to_string(cascade_.children.size() + 1)}), 1});
    selected_ = static_cast<int>(cascade_.children.size()) - 1;
    show_selected_child();
    recompute();
  }
  void remove_child() {
    if (selected_ < 0 || cascade_.children.size() <= 1) return;
    cascade_.children.erase(cascade_.children.begin() + selected_);
    selected_ = std::min<int>(selected_, static_cast<int>(cascade_.children.size()) - 1);
    show_selected_child();
    recompute();
  }
  void take_selection() {
    const auto rows = selected_values(frame_, kMaxCascadeChildren + 1);
    if (!rows) return insert_.say(tr("Select two columns in the sheet: names, then weights."), true);
    auto children = children_from_rows(*rows);
    if (!children) return insert_.say(children.error().message, true);
    cascade_.children = std::move(children).value();
    selected_ = 0;
    show_selected_child();
    recompute();
    insert_.say(fill(tr("Took {1} children from the selection."), {std::to_string(cascade_.children.size())}), false);
  }

  css::uno::Reference<css::frame::XFrame> frame_;
  NumberFormat format_;
  GoalCascade cascade_;
  int selected_ = 0;
  bool updating_ = false;
  std::map<std::string, std::string> problems_;  // field -> why its text is not usable
  form::Field parent_, buffer_, decimals_;
  form::Label children_caption_;
  form::ListBox children_;
  form::Field child_name_, child_weight_;
  form::Button add_, remove_, from_selection_;
  form::Label result_;
  form::Picture picture_;
  InsertButton insert_;
};

}  // namespace

std::unique_ptr<PanelView> make_goal_cascade_panel(const PanelSetting& setting) {
  return std::make_unique<GoalCascadePanel>(setting);
}

}  // namespace alignkit::sidebar
