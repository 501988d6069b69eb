#include "sheet_insertion.hpp"

#include <com/sun/star/uno/Exception.hpp>

#include "controls.hpp"
#include "sheet_writer.hpp"

namespace alignkit::sidebar {

InsertionOutcome SheetInsertion::insert(const css::uno::Reference<css::frame::XFrame>& frame, const BlockAt& block_at,
                                        const std::string& undo_title) {
  try {
    auto target = selected_cell(frame);
    if (!target) return {"Select a cell of a spreadsheet first.", true};
    const CellBlock block = block_at(target->column, target->row);
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
    write_block(*target, block, undo_title);
    return {"Inserted at " + range + ". Change a yellow input cell and the sheet follows; Edit ▸ Undo removes it."};
  } catch (const css::uno::Exception& error) {
    pending_range_.clear();
    return {"Could not insert: " + from_office(error.Message), true};
  } catch (const std::exception& error) {
    pending_range_.clear();
    return {std::string("Could not insert: ") + error.what(), true};
  }
}

}  // namespace alignkit::sidebar
