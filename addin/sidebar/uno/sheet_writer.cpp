#include "sheet_writer.hpp"
#include "undo_context.hpp"

#include <com/sun/star/awt/FontWeight.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/Locale.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/table/CellContentType.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/table/XColumnRowRange.hpp>
#include <com/sun/star/table/XTableColumns.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/i18n/NumberFormatIndex.hpp>
#include <com/sun/star/util/XNumberFormatTypes.hpp>
#include <com/sun/star/util/XNumberFormatsSupplier.hpp>

#include "controls.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;

using css::uno::Any;
using css::uno::Reference;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;

namespace {
// Calc's grid in 7.4: columns A..AMJ, rows 1..1048576.
constexpr std::size_t kColumns = 1024;
constexpr std::size_t kRows = 1048576;
constexpr sal_Int32 kInputBackground = 0xFFF5CE;  // the pale yellow spreadsheets use for inputs
}  // namespace

std::optional<InsertTarget> selected_cell(const Reference<css::frame::XFrame>& frame) {
  if (!frame.is()) return std::nullopt;
  Reference<css::frame::XController> controller = frame->getController();
  if (!controller.is()) return std::nullopt;
  Reference<css::sheet::XSpreadsheetDocument> document(controller->getModel(), UNO_QUERY);
  Reference<css::sheet::XCellRangeAddressable> selection(controller->getModel()->getCurrentSelection(), UNO_QUERY);
  if (!document.is() || !selection.is()) return std::nullopt;
  const auto address = selection->getRangeAddress();
  Reference<css::container::XIndexAccess> sheets(document->getSheets(), UNO_QUERY_THROW);
  Reference<css::sheet::XSpreadsheet> sheet(sheets->getByIndex(address.Sheet), UNO_QUERY_THROW);
  return InsertTarget{controller->getModel(), sheet, static_cast<std::size_t>(address.StartColumn),
                      static_cast<std::size_t>(address.StartRow)};
}

std::optional<std::vector<std::vector<PlainCell>>> selected_values(const Reference<css::frame::XFrame>& frame,
                                                                  std::size_t max_rows) {
  if (!frame.is() || !frame->getController().is()) return std::nullopt;
  Reference<css::sheet::XCellRangeData> data(frame->getController()->getModel()->getCurrentSelection(), UNO_QUERY);
  Reference<css::sheet::XCellRangeAddressable> range(data, UNO_QUERY);
  if (!data.is() || !range.is()) return std::nullopt;
  const auto address = range->getRangeAddress();
  if (static_cast<std::size_t>(address.EndRow - address.StartRow) >= max_rows) return std::nullopt;
  std::vector<std::vector<PlainCell>> rows;
  for (const auto& row : data->getDataArray()) {
    auto& cells = rows.emplace_back();
    for (const auto& value : row) {
      PlainCell cell;
      ::rtl::OUString text;
      if (value >>= cell.number) {
        cell.is_number = true;
      } else if (value >>= text) {
        cell.text = from_office(text);
      }
      cells.push_back(std::move(cell));
    }
  }
  return rows;
}

std::filesystem::path document_folder(const Reference<css::frame::XFrame>& frame) {
  if (!frame.is() || !frame->getController().is()) return {};
  return folder_of_url(frame->getController()->getModel()->getURL());
}

std::optional<std::string> placement_problem(const CellBlock& block) {
  if (block.origin_column() + block.width() > kColumns || block.origin_row() + block.height() > kRows) {
    return fill(tr("The block needs {1} columns and {2} rows from the selected cell; select a cell further up or left."),
                {std::to_string(block.width()), std::to_string(block.height())});
  }
  return std::nullopt;
}

std::string range_name(const CellBlock& block) {
  return block.address(0, 0, false) + ":" + block.address(block.width() - 1, block.height() - 1, false);
}

namespace {
Reference<css::table::XCellRange> block_range(const InsertTarget& target, const CellBlock& block) {
  return target.sheet->getCellRangeByPosition(
      static_cast<sal_Int32>(block.origin_column()), static_cast<sal_Int32>(block.origin_row()),
      static_cast<sal_Int32>(block.origin_column() + block.width() - 1),
      static_cast<sal_Int32>(block.origin_row() + block.height() - 1));
}

// The office's own formats, in the document's locale: a rate with two decimals, an amount with
// thousands separators and two decimals, a whole count with thousands separators.
struct Formats {
  sal_Int32 percent = 0, amount = 0, count = 0;
};

Formats office_formats(const Reference<css::frame::XModel>& document) {
  Reference<css::util::XNumberFormatsSupplier> supplier(document, UNO_QUERY_THROW);
  Reference<css::util::XNumberFormatTypes> types(supplier->getNumberFormats(), UNO_QUERY_THROW);
  const css::lang::Locale locale;  // the document's default language
  return {types->getFormatIndex(css::i18n::NumberFormatIndex::PERCENT_DEC2, locale),
          types->getFormatIndex(css::i18n::NumberFormatIndex::NUMBER_1000DEC2, locale),
          types->getFormatIndex(css::i18n::NumberFormatIndex::NUMBER_1000INT, locale)};
}

void style_cell(const Reference<css::table::XCell>& cell, const SheetCell& wanted, const Formats& formats) {
  Reference<css::beans::XPropertySet> properties(cell, UNO_QUERY_THROW);
  using Style = SheetCell::Style;
  const Style style = wanted.style;
  if (style == Style::heading || style == Style::result || style == Style::percent_result) {
    properties->setPropertyValue("CharWeight", Any(css::awt::FontWeight::BOLD));
  }
  if (style == Style::input || style == Style::percent_input) {
    properties->setPropertyValue("CellBackColor", Any(kInputBackground));
  }
  if (style == Style::percent_input || style == Style::percent_result) {
    properties->setPropertyValue("NumberFormat", Any(formats.percent));
  } else if (wanted.figure == SheetCell::Figure::amount) {
    properties->setPropertyValue("NumberFormat", Any(formats.amount));
  } else if (wanted.figure == SheetCell::Figure::count) {
    properties->setPropertyValue("NumberFormat", Any(formats.count));
  }
}

// Labels should be readable next to their inputs: widen the label column when it is too
// narrow for the longest label (the block's title may overflow, as titles do).
void widen_label_column(const InsertTarget& target, const CellBlock& block) {
  std::size_t longest = 0;
  for (std::size_t r = 1; r < block.height(); ++r) {
    const auto& row = block.rows()[r];
    if (!row.empty() && row[0].kind == SheetCell::Kind::text) longest = std::max(longest, row[0].text.size());
  }
  constexpr sal_Int32 kPerCharacter = 200;  // 1/100 mm per character of the default 10 pt font
  const sal_Int32 wanted = std::min<sal_Int32>(300 + kPerCharacter * static_cast<sal_Int32>(longest), 9000);
  Reference<css::table::XColumnRowRange> range(target.sheet, UNO_QUERY_THROW);
  Reference<css::beans::XPropertySet> column(
      range->getColumns()->getByIndex(static_cast<sal_Int32>(block.origin_column())), UNO_QUERY_THROW);
  sal_Int32 width = 0;
  column->getPropertyValue("Width") >>= width;
  if (width < wanted) column->setPropertyValue("Width", Any(wanted));
}

// The other columns only ever widen to fit what was written (a TRUE is VERDADERO in Spanish,
// wider than the column an English sheet gave it): never narrower than the planner made them.
void widen_value_columns(const InsertTarget& target, const CellBlock& block) {
  Reference<css::table::XColumnRowRange> range(target.sheet, UNO_QUERY_THROW);
  for (std::size_t c = 1; c < block.width(); ++c) {
    Reference<css::beans::XPropertySet> column(
        range->getColumns()->getByIndex(static_cast<sal_Int32>(block.origin_column() + c)), UNO_QUERY_THROW);
    sal_Int32 before = 0;
    column->getPropertyValue("Width") >>= before;
    column->setPropertyValue("OptimalWidth", Any(true));
    sal_Int32 fitted = 0;
    column->getPropertyValue("Width") >>= fitted;
    if (fitted < before) column->setPropertyValue("Width", Any(before));
  }
}
}  // namespace

std::size_t occupied_cells(const InsertTarget& target, const CellBlock& block) {
  const auto range = block_range(target, block);
  std::size_t occupied = 0;
  for (std::size_t r = 0; r < block.height(); ++r) {
    for (std::size_t c = 0; c < block.width(); ++c) {
      const auto cell = range->getCellByPosition(static_cast<sal_Int32>(c), static_cast<sal_Int32>(r));
      if (cell->getType() != css::table::CellContentType_EMPTY) ++occupied;
    }
  }
  return occupied;
}

void write_block(const InsertTarget& target, const CellBlock& block, const std::string& undo_title) {
  const auto range = block_range(target, block);
  const Formats formats = office_formats(target.document);
  addin::UndoContext undo(target.document, undo_title);
  for (std::size_t r = 0; r < block.height(); ++r) {
    const auto& row = block.rows()[r];
    for (std::size_t c = 0; c < block.width(); ++c) {
      const auto cell = range->getCellByPosition(static_cast<sal_Int32>(c), static_cast<sal_Int32>(r));
      const SheetCell blank;
      const SheetCell& wanted = c < row.size() ? row[c] : blank;
      switch (wanted.kind) {
        case SheetCell::Kind::empty: cell->setFormula(::rtl::OUString()); break;
        case SheetCell::Kind::number: cell->setValue(wanted.number); break;
        case SheetCell::Kind::formula: cell->setFormula(to_office(wanted.text)); break;
        case SheetCell::Kind::text:
          Reference<css::text::XText>(cell, UNO_QUERY_THROW)->setString(to_office(wanted.text));
          break;
      }
      style_cell(cell, wanted, formats);
    }
  }
  widen_label_column(target, block);
  widen_value_columns(target, block);
}

}  // namespace alignkit::sidebar
