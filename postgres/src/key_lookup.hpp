#pragma once
// C++ stage only (called inside guarded()): what a key of a published document holds, read with
// core's template rules. Kept apart from store_access.cpp, whose calls raise PostgreSQL errors:
// a file holds one stage, so no PostgreSQL error can jump over a C++ destructor here.
#include <cstddef>

namespace alignkit::pg {

/// What a key holds, as plain data (in the call's memory context).
struct Found {
  bool is_text;
  double number;
  char* text;
};
/// The value at a dotted key of a document; throws BadInput when there is none.
Found* lookup(const char* document, std::size_t length, const char* key);

}  // namespace alignkit::pg
