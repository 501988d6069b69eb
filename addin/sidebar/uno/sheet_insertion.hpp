#pragma once
// "Insert into sheet" for every panel: place the block at the selected cell, warn once before
// overwriting anything, then write it as one undo step.
#include <functional>
#include <string>

#include <com/sun/star/frame/XFrame.hpp>

#include "cell_block.hpp"

namespace alignkit::sidebar {

struct InsertionOutcome {
  std::string message;
  bool is_error = false;
  bool awaiting_confirmation = false;  // the block would overwrite cells: press again to confirm
};

class SheetInsertion {
 public:
  using BlockAt = std::function<CellBlock(std::size_t column, std::size_t row)>;

  InsertionOutcome insert(const css::uno::Reference<css::frame::XFrame>& frame, const BlockAt& block_at,
                          const std::string& undo_title);
  /// Inputs changed: a pending overwrite warning no longer applies.
  void reset() { pending_range_.clear(); }

 private:
  std::string pending_range_;
};

}  // namespace alignkit::sidebar
