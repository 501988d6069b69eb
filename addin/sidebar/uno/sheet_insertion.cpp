#include "sheet_insertion.hpp"

#include <com/sun/star/uno/Exception.hpp>

#include "panels.hpp"
#include "sheet_writer.hpp"
#include "template_sharing.hpp"

namespace alignkit::sidebar {
namespace {
constexpr char kInsertLabel[] = "Insert into sheet";

struct InsertionOutcome {
  std::string message;
  bool is_error = false;
  bool awaiting_confirmation = false;  // the block would overwrite cells: press again to confirm
};
}  // namespace

InsertButton::InsertButton(PanelControls& controls, const css::uno::Reference<css::frame::XFrame>& frame,
                           std::string undo_title, std::string tooltip, BlockFor block_for)
    : controls_(controls),
      frame_(frame),
      undo_title_(std::move(undo_title)),
      tooltip_(std::move(tooltip)),
      block_for_(std::move(block_for)) {}

void InsertButton::add_controls() {
  controls_.add("message", PanelControls::Kind::label);
  controls_.add("insert", PanelControls::Kind::button, kInsertLabel);
  controls_.set_tooltip("insert", tooltip_);
  controls_.on_change("insert", [this] { press(); });
}

void InsertButton::inputs_changed(const std::string& problem) {
  pending_range_.clear();
  controls_.set_text("insert", kInsertLabel);
  show_message(controls_, "message", problem, !problem.empty());
  controls_.set_enabled("insert", problem.empty());
}

void InsertButton::say(const std::string& text, bool is_error) { show_message(controls_, "message", text, is_error); }

std::vector<LayoutRow> InsertButton::rows() const {
  return {full_width("message", 3 * kLabelHeight), full_width("insert")};
}

void InsertButton::press() {
  const auto outcome = [this]() -> InsertionOutcome {
    try {
      auto target = selected_cell(frame_);
      if (!target) return {"Select a cell of a spreadsheet first.", true};
      const auto chosen = chosen_template(frame_key(frame_));
      const CellBlock block = block_for_(chosen ? chosen->link : TemplateLink{}, target->column, target->row);
      if (auto problem = placement_problem(block)) return {*problem, true};
      const std::string range = range_name(block);
      const std::size_t occupied = occupied_cells(*target, block);
      if (occupied > 0 && pending_range_ != range) {
        pending_range_ = range;
        return {range + " already holds " + std::to_string(occupied) + (occupied == 1 ? " cell" : " cells") +
                    ". Press Overwrite to replace them, or select another cell.",
                true, true};
      }
      pending_range_.clear();
      write_block(*target, block, undo_title_);
      return {"Inserted at " + range + ". Change a yellow input cell and the sheet follows; Edit ▸ Undo removes it."};
    } catch (const css::uno::Exception& error) {
      pending_range_.clear();
      return {"Could not insert: " + from_office(error.Message), true};
    } catch (const std::exception& error) {
      pending_range_.clear();
      return {std::string("Could not insert: ") + error.what(), true};
    }
  }();
  show_message(controls_, "message", outcome.message, outcome.is_error);
  controls_.set_text("insert", outcome.awaiting_confirmation ? "Overwrite" : kInsertLabel);
}

}  // namespace alignkit::sidebar
