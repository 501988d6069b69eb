#!/usr/bin/python3
"""Lays out the sample workbooks so that they read well on screen and as PDF, through the office
itself: every column as wide as its content (long notes wrap instead of being cut), charts
below the tables, categories labelled, pages landscape and one page wide. Run it after
editing a sample, then look at the PDFs that scripts/run.sh writes.

  /usr/bin/python3 scripts/tidy-samples.py --oxt build/release/alignkit.oxt [samples/x.fods ...]
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from office import REPO, props, running_office  # noqa: E402

LONG_TEXT = 60          # characters: a text this long wraps in its column instead of widening it
WRAPPED_WIDTH = 9000    # 1/100 mm: the width a column with wrapped text gets
PADDING = 200           # 1/100 mm added to each fitted column
CHART_GAP = 600         # 1/100 mm between the last table row and the charts
CHART_SIZE = (16000, 9000)  # 1/100 mm: the least a chart gets, so that long category labels leave room for the plot


def used_area(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.RangeAddress.EndColumn, cursor.RangeAddress.EndRow


def is_empty(cell):
    return cell.getType().value == "EMPTY"


def tidy_sheet(sheet):
    last_column, last_row = used_area(sheet)
    # Long texts (typed, or a formula's result such as a template's source note) must not make
    # their column as wide as a sentence: set them aside while the columns are fitted. One with
    # room to its right inside the table runs on over the empty cells; any other wraps.
    set_aside, wrapping_columns = [], set()
    for row in range(last_row + 1):
        for column in range(last_column + 1):
            cell = sheet.getCellByPosition(column, row)
            if cell.getType().value not in ("TEXT", "FORMULA") or len(cell.getString()) <= LONG_TEXT:
                continue
            set_aside.append((cell, cell.getFormula()))
            runs_on = column < last_column and is_empty(sheet.getCellByPosition(column + 1, row))
            if not runs_on:
                wrapping_columns.add(column)
                cell.IsTextWrapped = True
            cell.setString("")
    columns = sheet.getColumns()
    for column in range(last_column + 1):
        col = columns.getByIndex(column)
        col.OptimalWidth = True
        col.Width = max(col.Width + PADDING, WRAPPED_WIDTH if column in wrapping_columns else 0)
    for cell, formula in set_aside:
        cell.setFormula(formula)
    return last_row


def covers_content(sheet, shape):
    """True when a cell with content lies under the shape."""
    x, y = shape.Position.X, shape.Position.Y
    right, bottom = x + shape.Size.Width, y + shape.Size.Height
    last_column, last_row = used_area(sheet)
    for row in range(last_row + 1):
        for column in range(last_column + 1):
            cell = sheet.getCellByPosition(column, row)
            p, s = cell.Position, cell.Size
            inside = p.X < right and p.X + s.Width > x and p.Y < bottom and p.Y + s.Height > y
            if inside and not is_empty(cell):
                return True
    return False


def place_charts(sheet, last_row):
    """Charts large enough to read, where they cover no cell: a chart placed beside a table stays
    there; any other goes below the tables, side by side."""
    top = sheet.getCellByPosition(0, last_row + 1).Position.Y + CHART_GAP
    left = 0
    page = sheet.DrawPage
    for i in range(page.Count):
        shape = page.getByIndex(i)
        if shape.ShapeType != "com.sun.star.drawing.OLE2Shape":
            continue
        size = shape.Size
        size.Width, size.Height = max(size.Width, CHART_SIZE[0]), max(size.Height, CHART_SIZE[1])
        shape.Size = size
        if not covers_content(sheet, shape):
            continue
        position = shape.Position
        position.X, position.Y = left, top
        shape.Position = position
        left += shape.Size.Width + CHART_GAP


def label_categories(sheet):
    """A chart's first range holds its category labels (team names, months), not a series."""
    charts = sheet.getCharts()
    for name in charts.ElementNames:
        chart = charts.getByName(name)
        ranges = list(chart.getRanges())
        first = ranges[0]
        label = sheet.getCellByPosition(first.StartColumn, first.StartRow + 1)
        if not chart.HasRowHeaders and first.StartColumn == first.EndColumn and label.getType().value == "TEXT":
            chart.HasRowHeaders = True
        elif not chart.HasRowHeaders and first.StartColumn > 0:
            # Numbers only: take the dates or names in column A of the same rows as categories.
            header = sheet.getCellRangeByPosition(0, first.StartRow, 0, first.EndRow).getRangeAddress()
            chart.setRanges(tuple([header] + ranges))
            chart.HasRowHeaders = True


def landscape_one_page_wide(doc, sheet):
    style = doc.StyleFamilies.getByName("PageStyles").getByName(sheet.PageStyle)
    if not style.IsLandscape:
        size = style.Size
        style.IsLandscape = True
        size.Width, size.Height = max(size.Width, size.Height), min(size.Width, size.Height)
        style.Size = size
    style.ScaleToPagesX = 1
    style.ScaleToPagesY = 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oxt", required=True, type=Path)
    parser.add_argument("samples", nargs="*", type=Path)
    args = parser.parse_args()
    samples = args.samples or sorted((REPO / "samples").glob("*.fods"))
    import uno
    with running_office(args.oxt.resolve()) as office:
        for path in samples:
            doc = office.load(path)
            try:
                doc.calculateAll()
                last_rows = [tidy_sheet(sheet) for sheet in doc.Sheets]
                doc.calculateAll()  # restored formulas show their text again: rows fit it
                for sheet, last_row in zip(doc.Sheets, last_rows):
                    for row in range(last_row + 1):
                        sheet.getRows().getByIndex(row).OptimalHeight = True
                    label_categories(sheet)
                    place_charts(sheet, last_row)
                    landscape_one_page_wide(doc, sheet)
                doc.storeToURL(uno.systemPathToFileUrl(str(path.resolve())),
                               props(FilterName="OpenDocument Spreadsheet Flat XML"))
                print(f"tidied {path}")
            finally:
                doc.close(True)


if __name__ == "__main__":
    main()
