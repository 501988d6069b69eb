#include "cell_names.hpp"

namespace alignkit::cells {

std::string column_name(std::size_t column) {
  std::string name;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), char('A' + (n - 1) % 26));
  return name;
}

}  // namespace alignkit::cells
