// Capacity and hiring panel: monthly targets, quota, ramp, attrition and today's team give the
// hires each month needs and the capacity they bring, drawn as bars in the panel.
#include <optional>

#include "formula_text.hpp"
#include "hiring_wizard.hpp"
#include "number_text.hpp"
#include "panels.hpp"
#include "sheet_insertion.hpp"
#include "sheet_writer.hpp"

namespace alignkit::sidebar {
namespace {

constexpr std::size_t kChartWidth = 14;  // characters of the longest bar: fits the deck's narrowest width

// A field of the panel: its control name, label and the HIRING.PLAN argument it fills.
struct HiringField {
  const char* name;
  const char* label;
  const char* argument;
  bool percent;
};
constexpr HiringField kFields[] = {
    {"quota", "Monthly quota", "quota", false},
    {"ramp", "Ramp (months)", "ramp", false},
    {"attrition", "Monthly attrition (%)", "monthly_attrition", true},
    {"current", "Reps today", "current_reps", false},
    {"lead", "Hire months ahead", "lead_months", false},
};

class HiringPanel final : public PanelView {
 public:
  explicit HiringPanel(const PanelSetting& setting)
      : frame_(setting.frame),
        controls_(setting.controls),
        format_(setting.number_format),
        inputs_(seed_hiring()),
        insert_(setting.controls, setting.frame, "Insert hiring plan",
                "Writes the inputs, the months and live HIRING.PLAN and CAPACITY.PLAN formulas at the selected cell",
                [this](const TemplateLink&, std::size_t column, std::size_t row) {
                  return hiring_block(inputs_, column, row);
                }) {
    using Kind = PanelControls::Kind;
    auto& c = controls_;
    c.add("targets_label", Kind::label, "Monthly targets (separated by ;)");
    c.add("targets", Kind::edit);
    c.set_tooltip("targets", argument_description("HIRING.PLAN", "targets"));
    c.add("from_selection", Kind::button, "Take targets from selection");
    c.set_tooltip("from_selection", "Select the monthly targets in the sheet, one per cell");
    for (const auto& field : kFields) {
      c.add(std::string(field.name) + "_label", Kind::label, field.label);
      c.add(field.name, Kind::edit);
      c.set_tooltip(field.name, argument_description("HIRING.PLAN", field.argument));
      c.on_change(field.name, [this] { if (!updating_) typed(); });
    }
    c.add("result", Kind::label);
    c.set_bold("result");
    c.add("chart", Kind::text_area);
    insert_.add_controls();
    c.on_change("targets", [this] { if (!updating_) typed(); });
    c.on_change("from_selection", [this] { take_selection(); });
    show_all();
  }

  [[nodiscard]] std::vector<LayoutRow> rows() const override {
    std::vector<LayoutRow> rows{full_width("targets_label", kLabelHeight), full_width("targets"),
                                full_width("from_selection")};
    for (const auto& field : kFields) rows.push_back(labelled(std::string(field.name) + "_label", field.name));
    rows.push_back(full_width("result", 2 * kLabelHeight));
    rows.push_back(full_width("chart", 200));
    rows.push_back(full_width("message", 3 * kLabelHeight));
    rows.push_back(full_width("insert"));
    return rows;
  }

 private:
  double* value_of(const HiringField& field) {
    const std::string name = field.name;
    if (name == "quota") return &inputs_.quota;
    if (name == "ramp") return &inputs_.ramp_months;
    if (name == "attrition") return &inputs_.monthly_attrition;
    return &inputs_.current_reps;
  }

  void show_all() {
    ProgrammaticUpdate guard(updating_);
    std::string targets;
    for (std::size_t m = 0; m < inputs_.targets.size(); ++m) {
      targets += (m ? "; " : "") + format_editable(inputs_.targets[m], format_);
    }
    controls_.set_text("targets", targets);
    for (const auto& field : kFields) {
      if (std::string(field.name) == "lead") {
        controls_.set_text("lead", inputs_.lead_months ? format_editable(*inputs_.lead_months, format_) : "");
        continue;
      }
      const double value = *value_of(field);
      controls_.set_text(field.name, format_editable(field.percent ? value * 100 : value, format_));
    }
    recompute();
  }

  std::optional<std::string> read_fields() {
    auto targets = targets_from_text(controls_.text("targets"),
                                     [this](const std::string& text) { return parse_number(text, format_); });
    if (!targets) return field_problem("Monthly targets", targets.error());
    inputs_.targets = std::move(targets).value();
    for (const auto& field : kFields) {
      const std::string text = controls_.text(field.name);
      if (std::string(field.name) == "lead" && text.find_first_not_of(' ') == std::string::npos) {
        inputs_.lead_months.reset();  // empty: as many months ahead as the ramp
        continue;
      }
      auto value = parse_number(text, format_);
      if (!value) return field_problem(field.label, value.error());
      if (std::string(field.name) == "lead") {
        inputs_.lead_months = *value;
      } else {
        *value_of(field) = field.percent ? *value / 100 : *value;
      }
    }
    return std::nullopt;
  }

  void typed() {
    problem_ = read_fields().value_or("");
    recompute();
  }

  void recompute() {
    auto months = problem_.empty() ? evaluate(inputs_) : Result<std::vector<HiringMonth>>(Error{problem_});
    if (!months) {
      controls_.set_text("result", "Hires: –");
      controls_.set_text("chart", "");
      insert_.inputs_changed(months.error().message);
      return;
    }
    double hires = 0;
    for (const auto& month : *months) hires += month.hires;
    controls_.set_text("result", "Hires: " + format_number(hires, 0, format_) + " over " +
                                     std::to_string(months->size()) + " months\n░ target  █ capacity  +N hires");
    std::string chart;
    for (const auto& line : hiring_chart(*months, kChartWidth)) chart += line + "\n";
    controls_.set_text("chart", chart);
    insert_.inputs_changed("");
  }

  void take_selection() {
    const auto rows = selected_values(frame_, kMaxHiringMonths);
    if (!rows) return show_message(controls_, "message", "Select the monthly targets in the sheet (at most 60).", true);
    std::vector<double> targets;
    for (const auto& row : *rows) {
      for (const auto& cell : row) {
        if (cell.is_number) targets.push_back(cell.number);
      }
    }
    if (targets.empty() || targets.size() > kMaxHiringMonths) {
      return show_message(controls_, "message", "The selection holds no numbers to use as monthly targets.", true);
    }
    inputs_.targets = targets;
    problem_.clear();
    show_all();
    show_message(controls_, "message", "Took " + std::to_string(targets.size()) + " monthly targets from the selection.", false);
  }

  css::uno::Reference<css::frame::XFrame> frame_;
  PanelControls& controls_;
  NumberFormat format_;
  HiringInputs inputs_;
  bool updating_ = false;
  std::string problem_;
  InsertButton insert_;
};

}  // namespace

std::unique_ptr<PanelView> make_hiring_panel(const PanelSetting& setting) {
  return std::make_unique<HiringPanel>(setting);
}

}  // namespace alignkit::sidebar
