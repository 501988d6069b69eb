#pragma once
// Reading the template service's store from SQL: where its table is (this database's search path,
// a table or a foreign table — never alignkit's own view of the same name), the store's queries
// aimed at it, and what a key of a published document holds.
#include <cstddef>

#include "postgres.hpp"

namespace alignkit::pg {

/// Plain stage, inside SPI: the store's table, schema-qualified, or an error saying it is missing.
const char* store_table();
/// Plain stage, inside SPI: one of store_schema's queries reading `table` instead.
const char* in_store(const char* query, const char* table);

/// What a key holds, as plain data.
struct Found {
  bool is_text;
  double number;
  char* text;
};
/// C++ stage (in guarded()): the value at a dotted key of a document; BadInput when there is none.
Found* lookup(const char* document, std::size_t length, const char* key);

/// Plain stage: a number was asked for and the key holds a text.
[[noreturn]] void not_a_number(const char* key);

}  // namespace alignkit::pg
