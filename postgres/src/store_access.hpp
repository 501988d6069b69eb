#pragma once
// Plain stage (every call may raise a PostgreSQL error, none throws): reading the template
// service's store from SQL — where its table is (the setting alignkit.store, which only a
// superuser may change — never a name found on the caller's search path), the store's queries
// aimed at it, and each value read from the store's rows checked for NULL and type before use.
// What a key of a document holds is the C++ stage's (key_lookup.hpp).
#include <cstddef>

#include "postgres.hpp"

namespace alignkit::pg {

/// Defines alignkit.store (PGC_SUSET); called once when the module is loaded.
void define_store_setting();

/// Plain stage, inside SPI: the store's table, schema-qualified and quoted, or an error saying it
/// is missing or is not a table.
const char* store_table();
/// The table where a copy kept by `alignkit store mirror` notes when it was last brought up to
/// date (beside the store's table), or nullptr when the store is no such copy.
const char* mirror_table();
/// Plain stage, inside SPI: one of store_schema's queries reading `table` instead.
const char* in_store(const char* query, const char* table);

/// Plain stage, inside SPI: column `column` (named `name`) of a store row as text, or 22023
/// naming the column when it is NULL. The text is in SPI's memory.
char* store_text(HeapTuple row, TupleDesc columns, int column, const char* name, const char* template_name);
/// Plain stage, inside SPI: an integer column (int2/int4/int8 within int's range), else 22023.
int store_int(HeapTuple row, TupleDesc columns, int column, const char* name, const char* template_name);

/// What a call site keeps of the store for one statement: the reads of a few templates, in a
/// memory context of its own that is emptied once it holds kKeptTemplates of them, so a statement
/// whose rows name ever more templates reads again instead of growing without bound.
inline constexpr int kKeptTemplates = 16;
struct KeptReads {
  MemoryContext memory;
  int count;
  void* first;  // the caller's list of reads
  // What the reads saw: kept only while the statement's snapshot is the same one (a call site in
  // a PL/pgSQL loop lives across statements, and each must see the store as it is then).
  TransactionId xmin, xmax;
  uint32 xcnt;
  CommandId curcid;
};
/// The call site's kept reads (made on first use, for as long as the call site lives), emptied
/// when the snapshot they were read with is not the one in use now.
KeptReads* kept_reads(FunctionCallInfo fcinfo);
/// Room for one more read: empties the kept reads when full; allocate the new one in kept->memory.
void make_room(KeptReads* kept);

/// Plain stage: a number was asked for and the key holds a text.
[[noreturn]] void not_a_number(const char* key);

}  // namespace alignkit::pg
