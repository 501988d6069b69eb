#pragma once
// "Insert into sheet" for every panel: the button and its message line. It places the block
// at the selected cell, warns once before overwriting anything, then writes it as one undo step.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <com/sun/star/frame/XFrame.hpp>

#include "cell_block.hpp"
#include "form.hpp"
#include "panel_layout.hpp"

namespace alignkit::sidebar {

class InsertButton {
 public:
  /// The block a panel writes at (column, row), naming its template inputs through `link`.
  using BlockFor = std::function<CellBlock(const TemplateLink& link, std::size_t column, std::size_t row)>;

  InsertButton(PanelControls& controls, const css::uno::Reference<css::frame::XFrame>& frame, std::string undo_title,
               std::string tooltip, BlockFor block_for);

  /// Adds the panel's "message" line and "insert" button; called where they belong in the
  /// panel's tab order.
  void add_controls();

  /// The panel's inputs changed: a pending overwrite warning no longer applies. With a
  /// problem, it is shown in red and nothing can be inserted; without, the message clears.
  void inputs_changed(const std::string& problem);
  /// Shows a message on the panel's message line (red for a problem).
  void say(const std::string& text, bool is_error);
  /// The message line and the button, as the panel lays them out.
  [[nodiscard]] std::vector<LayoutRow> rows() const;

 private:
  void press();

  PanelControls& controls_;
  std::optional<form::Label> message_;  // made by add_controls(), where the panel's tab order wants them
  std::optional<form::Button> button_;
  css::uno::Reference<css::frame::XFrame> frame_;
  std::string undo_title_;
  std::string tooltip_;
  BlockFor block_for_;
  std::string pending_range_;  // the range the last press warned about
};

}  // namespace alignkit::sidebar
