// Goal cascade panel: a parent target split over teams or reps by weight, with the over-assignment.
#include <optional>

#include "formula_text.hpp"
#include "goal_cascade.hpp"
#include "number_text.hpp"
#include "panels.hpp"
#include "sheet_insertion.hpp"
#include "sheet_writer.hpp"

namespace alignkit::sidebar {
namespace {

class GoalCascadePanel final : public PanelView {
 public:
  explicit GoalCascadePanel(const PanelSetting& setting)
      : frame_(setting.frame),
        controls_(setting.controls),
        format_(setting.number_format),
        cascade_(seed_cascade()),
        insert_(setting.controls, setting.frame, "Insert goal cascade",
                "Writes the inputs, each child's live GOAL.ALLOCATE target and the over-assignment at the selected cell",
                [this](const TemplateLink&, std::size_t column, std::size_t row) {
                  return cascade_block(cascade_, column, row);
                }) {
    using Kind = PanelControls::Kind;
    auto& c = controls_;
    c.add("parent_label", Kind::label, "Parent target");
    c.add("parent", Kind::edit);
    c.set_tooltip("parent", argument_description("GOAL.ALLOCATE", "total"));
    c.add("buffer_label", Kind::label, "Buffer (%)");
    c.add("buffer", Kind::edit);
    c.set_tooltip("buffer", argument_description("GOAL.ALLOCATE", "buffer"));
    c.add("decimals_label", Kind::label, "Round to decimals");
    c.add("decimals", Kind::edit);
    c.set_tooltip("decimals", argument_description("GOAL.ALLOCATE", "decimals") + "; empty: no rounding");
    c.add("children_label", Kind::label, "Children · weight → target");
    c.add("children", Kind::list);
    c.add("child_name_label", Kind::label, "Name");
    c.add("child_name", Kind::edit);
    c.add("child_weight_label", Kind::label, "Weight");
    c.add("child_weight", Kind::edit);
    c.set_tooltip("child_weight", argument_description("GOAL.ALLOCATE", "weights"));
    c.add("add", Kind::button, "Add");
    c.add("remove", Kind::button, "Remove");
    c.add("from_selection", Kind::button, "Take children from selection");
    c.set_tooltip("from_selection", "Select two columns in the sheet: names, then weights (a heading row is skipped)");
    c.add("result", Kind::label);
    c.set_bold("result");
    insert_.add_controls();

    c.on_change("parent", [this] { if (!updating_) typed_parent(); });
    c.on_change("buffer", [this] { if (!updating_) typed_buffer(); });
    c.on_change("decimals", [this] { if (!updating_) typed_decimals(); });
    c.on_change("children", [this] { if (!updating_) child_selected(); });
    c.on_change("child_name", [this] { if (!updating_) typed_child_name(); });
    c.on_change("child_weight", [this] { if (!updating_) typed_child_weight(); });
    c.on_change("add", [this] { add_child(); });
    c.on_change("remove", [this] { remove_child(); });
    c.on_change("from_selection", [this] { take_selection(); });
    show_all();
  }

  [[nodiscard]] std::vector<LayoutRow> rows() const override {
    return {labelled("parent_label", "parent"),
            labelled("buffer_label", "buffer"),
            labelled("decimals_label", "decimals"),
            full_width("children_label", kLabelHeight),
            full_width("children", 110),
            labelled("child_name_label", "child_name"),
            labelled("child_weight_label", "child_weight"),
            {kLineHeight, {{"add", 1}, {"remove", 1}}},
            full_width("from_selection"),
            full_width("result", 2 * kLabelHeight),
            full_width("message", 3 * kLabelHeight),
            full_width("insert")};
  }

 private:
  void show_all() {
    ProgrammaticUpdate guard(updating_);
    controls_.set_text("parent", format_editable(cascade_.parent_target, format_));
    controls_.set_text("buffer", format_editable(cascade_.buffer * 100, format_));
    controls_.set_text("decimals", cascade_.decimals ? std::to_string(*cascade_.decimals) : "");
    recompute();
    show_selected_child();
  }

  void show_selected_child() {
    ProgrammaticUpdate guard(updating_);
    const bool any = selected_ >= 0 && selected_ < static_cast<int>(cascade_.children.size());
    controls_.set_text("child_name", any ? cascade_.children[selected_].name : "");
    controls_.set_text("child_weight", any ? format_editable(cascade_.children[selected_].weight, format_) : "");
    controls_.set_enabled("remove", any && cascade_.children.size() > 1);
    controls_.set_enabled("add", cascade_.children.size() < kMaxCascadeChildren);
  }

  void recompute() {
    auto outcome = problem_.empty() ? evaluate(cascade_) : Result<CascadeOutcome>(Error{problem_});
    std::vector<std::string> items;
    for (std::size_t i = 0; i < cascade_.children.size(); ++i) {
      const auto& child = cascade_.children[i];
      items.push_back(child.name + "  ·  " + format_number(child.weight, 2, format_) + "  →  " +
                      (outcome ? format_number(outcome->targets[i], cascade_.decimals.value_or(2), format_) : "–"));
    }
    {
      ProgrammaticUpdate guard(updating_);
      controls_.set_items("children", items, selected_);
    }
    if (!outcome) {
      controls_.set_text("result", "Children add up to –");
      insert_.inputs_changed(outcome.error().message);
      return;
    }
    const double over = outcome->overassignment;
    controls_.set_text("result", "Children add up to " + format_number(outcome->total, 0, format_) + ": " +
                                     (std::abs(over) < 1e-12 ? "exactly the parent target"
                                                             : format_number(over * 100, 1, format_) + "% " +
                                                                   (over > 0 ? "over-assigned" : "short of the parent")));
    insert_.inputs_changed("");
  }

  // Reads a field; on a problem, shows it (naming the field) and keeps the last good value.
  std::optional<double> read(const std::string& field, const std::string& label) {
    auto value = parse_number(controls_.text(field), format_);
    problem_ = value ? "" : field_problem(label, value.error());
    return value ? std::optional<double>(*value) : std::nullopt;
  }

  void typed_parent() {
    if (auto value = read("parent", "Parent target")) cascade_.parent_target = *value;
    recompute();
  }
  void typed_buffer() {
    if (auto value = read("buffer", "Buffer")) cascade_.buffer = *value / 100;
    recompute();
  }
  void typed_decimals() {
    problem_.clear();
    const std::string text = controls_.text("decimals");
    if (text.find_first_not_of(" ") == std::string::npos) {
      cascade_.decimals.reset();
    } else if (auto value = read("decimals", "Round to decimals")) {
      if (*value != static_cast<int>(*value) || *value < 0 || *value > 6) {
        problem_ = "Round to decimals: a whole number from 0 to 6, or empty for no rounding";
      } else {
        cascade_.decimals = static_cast<int>(*value);
      }
    }
    recompute();
  }
  void child_selected() {
    selected_ = controls_.selected("children");
    show_selected_child();
  }
  void typed_child_name() {
    if (selected_ < 0) return;
    cascade_.children[selected_].name = controls_.text("child_name");
    recompute();
  }
  void typed_child_weight() {
    if (selected_ < 0) return;
    if (auto value = read("child_weight", "Weight")) cascade_.children[selected_].weight = *value;
    recompute();
  }
  void add_child() {
    if (cascade_.children.size() >= kMaxCascadeChildren) return;
    cascade_.children.push_back({"Team " + std::to_string(cascade_.children.size() + 1), 1});
    selected_ = static_cast<int>(cascade_.children.size()) - 1;
    recompute();
    show_selected_child();
  }
  void remove_child() {
    if (selected_ < 0 || cascade_.children.size() <= 1) return;
    cascade_.children.erase(cascade_.children.begin() + selected_);
    selected_ = std::min<int>(selected_, static_cast<int>(cascade_.children.size()) - 1);
    recompute();
    show_selected_child();
  }
  void take_selection() {
    const auto rows = selected_values(frame_, kMaxCascadeChildren + 1);
    if (!rows) return show_message(controls_, "message", "Select two columns in the sheet: names, then weights.", true);
    auto children = children_from_rows(*rows);
    if (!children) return show_message(controls_, "message", children.error().message, true);
    cascade_.children = std::move(children).value();
    selected_ = 0;
    problem_.clear();
    recompute();
    show_selected_child();
    show_message(controls_, "message", "Took " + std::to_string(cascade_.children.size()) + " children from the selection.", false);
  }

  css::uno::Reference<css::frame::XFrame> frame_;
  PanelControls& controls_;
  NumberFormat format_;
  GoalCascade cascade_;
  int selected_ = 0;
  bool updating_ = false;
  std::string problem_;  // why the last typed field is not usable
  InsertButton insert_;
};

}  // namespace

std::unique_ptr<PanelView> make_goal_cascade_panel(const PanelSetting& setting) {
  return std::make_unique<GoalCascadePanel>(setting);
}

}  // namespace alignkit::sidebar
