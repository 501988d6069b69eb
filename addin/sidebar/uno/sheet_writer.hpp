#pragma once
// Writes a wizard's cell block into the spreadsheet at the selected cell, as one undo step.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>

#include "cell_block.hpp"

namespace alignkit::sidebar {

namespace css = ::com::sun::star;

struct InsertTarget {
  css::uno::Reference<css::frame::XModel> document;
  css::uno::Reference<css::sheet::XSpreadsheet> sheet;
  std::size_t column = 0;
  std::size_t row = 0;
};

/// The top-left cell of the selection in the frame's spreadsheet; nothing when the frame does
/// not show a spreadsheet.
std::optional<InsertTarget> selected_cell(const css::uno::Reference<css::frame::XFrame>& frame);

/// The values of the selected range, row by row (at most `max_rows` rows); nothing when the
/// frame does not show a spreadsheet or the selection is not one range.
std::optional<std::vector<std::vector<PlainCell>>> selected_values(const css::uno::Reference<css::frame::XFrame>& frame,
                                                                  std::size_t max_rows);

/// The folder of the frame's document ("" when it was never saved).
std::filesystem::path document_folder(const css::uno::Reference<css::frame::XFrame>& frame);

/// A planner-readable reason the block cannot go there (off the sheet), or nothing.
std::optional<std::string> placement_problem(const CellBlock& block);
/// How many cells the block would overwrite that are not empty.
std::size_t occupied_cells(const InsertTarget& target, const CellBlock& block);
/// The block's range in A1 notation, e.g. "B2:D12".
std::string range_name(const CellBlock& block);

/// Writes every cell of the block, inside one undo context titled `undo_title`.
void write_block(const InsertTarget& target, const CellBlock& block, const std::string& undo_title);

}  // namespace alignkit::sidebar
