// Plan against actual over time: a template's value as it was at an instant — the version that was
// the latest then. A monthly comparison asks it once per row, so a call site loads each
// template's history once per statement (every version's time and document) and finds the
// version by binary search; each version's document is read once per key.
#include <cstring>

#include "alignkit/templates/store_schema.hpp"
#include "guard.hpp"
#include "key_lookup.hpp"
#include "store_access.hpp"

extern "C" {
PGDLLEXPORT Datum alignkit_template_value_at(PG_FUNCTION_ARGS);
PGDLLEXPORT Datum alignkit_template_text_at(PG_FUNCTION_ARGS);
PG_FUNCTION_INFO_V1(alignkit_template_value_at);
PG_FUNCTION_INFO_V1(alignkit_template_text_at);
}

namespace alignkit::pg {
namespace {

struct VersionAt {
  TimestampTz published;
  int version;
  char* document;
  char* key;     // the key last read from it, and what it held
  Found* found;
};

struct History {
  char* name;
  int count;
  VersionAt* versions;  // oldest first
  History* next;        // another template this call site read in the same statement
};

// Plain stage: every version of `name`, in `memory`; an error when there is none, or when a column
// the store holds is NULL or not what the store writes.
History* load_history(const char* name, MemoryContext memory) {
  if (SPI_connect() != SPI_OK_CONNECT) ereport(ERROR, (errmsg("alignkit: could not read the template store")));
  const char* table = store_table();
  Oid types[1] = {TEXTOID};
  Datum values[1] = {CStringGetTextDatum(name)};
  if (SPI_execute_with_args(in_store(store_schema::kHistory, table), 1, types, values, nullptr, true, 0) != SPI_OK_SELECT) {
    ereport(ERROR, (errmsg("alignkit: could not read the template store")));
  }
  if (SPI_processed == 0) {
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("template \"%s\" was never published", name)));
  }
  auto* history = static_cast<History*>(MemoryContextAllocZero(memory, sizeof(History)));
  history->count = static_cast<int>(SPI_processed);
  history->versions = static_cast<VersionAt*>(MemoryContextAllocHuge(memory, sizeof(VersionAt) * SPI_processed));
  for (uint64 i = 0; i < SPI_processed; ++i) {
    HeapTuple row = SPI_tuptable->vals[i];
    VersionAt& at = history->versions[i];
    at.version = store_int(row, SPI_tuptable->tupdesc, 1, "version", name);
    const char* published = store_text(row, SPI_tuptable->tupdesc, 2, "published", name);
    at.published = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in, CStringGetDatum(published),
                                                           ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
    at.document = MemoryContextStrdup(memory, store_text(row, SPI_tuptable->tupdesc, 3, "document", name));
    at.key = nullptr;
    at.found = nullptr;
  }
  SPI_finish();
  return history;
}

// Each template's history once per call site and statement, a few templates at a time (kept_reads).
History* history_for(FunctionCallInfo fcinfo, const char* name) {
  KeptReads* kept = kept_reads(fcinfo);
  for (auto* history = static_cast<History*>(kept->first); history != nullptr; history = history->next) {
    if (std::strcmp(history->name, name) == 0) return history;
  }
  make_room(kept);
  History* history = load_history(name, kept->memory);
  history->name = MemoryContextStrdup(kept->memory, name);
  history->next = static_cast<History*>(kept->first);
  kept->first = history;
  ++kept->count;
  return history;
}

const Found* found_at(FunctionCallInfo fcinfo) {
  const char* name = text_to_cstring(PG_GETARG_TEXT_PP(0));
  const char* key = text_to_cstring(PG_GETARG_TEXT_PP(1));
  const TimestampTz as_of = PG_GETARG_TIMESTAMPTZ(2);
  History* history = history_for(fcinfo, name);
  // The last version published at or before as_of.
  int low = 0, high = history->count;
  while (low < high) {
    const int middle = low + (high - low) / 2;
    if (history->versions[middle].published <= as_of) low = middle + 1;
    else high = middle;
  }
  if (low == 0) {
    // Each text copied at once: timestamptz_to_str answers in one buffer it reuses.
    const char* asked = pstrdup(timestamptz_to_str(as_of));
    const char* first = pstrdup(timestamptz_to_str(history->versions[0].published));
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("template \"%s\" had no published version at %s: its first is from %s", name, asked, first)));
  }
  VersionAt& at = history->versions[low - 1];
  if (at.key != nullptr && std::strcmp(at.key, key) == 0) return at.found;
  // The first key read from a version is kept with it; another is read for this row alone, so a
  // statement alternating keys keeps no more per row.
  const bool keep = at.key == nullptr;
  MemoryContext old = MemoryContextSwitchTo(keep ? kept_reads(fcinfo)->memory : CurrentMemoryContext);
  const char* document = at.document;
  const Found* found = guarded([&] { return lookup(document, std::strlen(document), key); });
  if (keep) {
    at.found = const_cast<Found*>(found);
    at.key = pstrdup(key);
  }
  MemoryContextSwitchTo(old);
  return found;
}

}  // namespace
}  // namespace alignkit::pg

using namespace alignkit::pg;

Datum alignkit_template_value_at(PG_FUNCTION_ARGS) {
  const Found* found = found_at(fcinfo);
  if (found->is_text) not_a_number(text_to_cstring(PG_GETARG_TEXT_PP(1)));
  PG_RETURN_FLOAT8(found->number);
}

Datum alignkit_template_text_at(PG_FUNCTION_ARGS) {
  const Found* found = found_at(fcinfo);
  if (found->is_text) PG_RETURN_TEXT_P(cstring_to_text(found->text));
  PG_RETURN_TEXT_P(cstring_to_text(float8out_internal(found->number)));
}
