#pragma once
// Cells as people read them in A1 notation, with no office: the sidebar's blocks write them into
// formulas, the alignment check names the cells it explains.
#include <cstddef>
#include <string>

namespace alignkit::cells {

/// "A", "Z", "AA", ... for a 0-based column.
std::string column_name(std::size_t column);

}  // namespace alignkit::cells
