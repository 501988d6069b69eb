#include "sheet_insertion.hpp"

#include <com/sun/star/uno/Exception.hpp>

#include "panels.hpp"
#include "sheet_writer.hpp"
#include "template_sharing.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;
namespace {
const char* insert_label() { return tr("Insert into sheet"); }

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
  message_.emplace(controls_, "message");
  button_.emplace(controls_, "insert", insert_label());
  button_->set_tooltip(tooltip_);
  button_->on_press([this] { press(); });
}

void InsertButton::inputs_changed(const std::string& problem) {
  pending_range_.clear();
  button_->set_label(insert_label());
  message_->say(problem, !problem.empty());
  button_->set_enabled(problem.empty());
}

void InsertButton::say(const std::string& text, bool is_error) { message_->say(text, is_error); }

std::vector<LayoutRow> InsertButton::rows() const {
  return {message_->row(3 * kLabelHeight), button_->row()};
}

void InsertButton::press() {
  const auto outcome = [this]() -> InsertionOutcome {
    try {
      auto target = selected_cell(frame_);
      if (!target) return {tr("Select a cell of a spreadsheet first."), true};
      const auto chosen = chosen_template(frame_key(frame_));
      const CellBlock block = block_for_(chosen ? chosen->link : TemplateLink{}, target->column, target->row);
      if (auto problem = placement_problem(block)) return {*problem, true};
      const std::string range = range_name(block);
      const std::size_t occupied = occupied_cells(*target, block);
      if (occupied > 0 && pending_range_ != range) {
        pending_range_ = range;
        return {fill(occupied == 1 ? tr("{1} already holds 1 cell. Press Overwrite to replace it, or select another cell.")
                                   : tr("{1} already holds {2} cells. Press Overwrite to replace them, or select another cell."),
                     {range, std::to_string(occupied)}),
                true, true};
      }
      pending_range_.clear();
      write_block(*target, block, undo_title_);
      return {fill(tr("Inserted at {1}. Change a yellow input cell and the sheet follows; Edit ▸ Undo removes it."), {range})};
    } catch (const css::uno::Exception& error) {
      pending_range_.clear();
      return {fill(tr("Could not insert: {1}"), {from_office(error.Message)}), true};
    } catch (const std::exception& error) {
      pending_range_.clear();
      return {fill(tr("Could not insert: {1}"), {error.what()}), true};
    }
  }();
  message_->say(outcome.message, outcome.is_error);
  button_->set_label(outcome.awaiting_confirmation ? tr("Overwrite") : insert_label());
}

}  // namespace alignkit::sidebar
