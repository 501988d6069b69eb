// Templates in SQL: the versions the template service published, read from its store in this
// database (the table and queries are the service's own, alignkit/store_schema.hpp), or a
// document the query already has (jsonb). SQL never writes templates.
#include <cstring>
#include <string>

#include "alignkit/templates/store_schema.hpp"
#include "guard.hpp"
#include "key_lookup.hpp"
#include "store_access.hpp"

extern "C" {
PGDLLEXPORT Datum alignkit_template_value(PG_FUNCTION_ARGS);
PGDLLEXPORT Datum alignkit_template_text(PG_FUNCTION_ARGS);
PGDLLEXPORT Datum alignkit_template_value_jsonb(PG_FUNCTION_ARGS);
PGDLLEXPORT Datum alignkit_template_info(PG_FUNCTION_ARGS);
PG_FUNCTION_INFO_V1(alignkit_template_value);
PG_FUNCTION_INFO_V1(alignkit_template_text);
PG_FUNCTION_INFO_V1(alignkit_template_value_jsonb);
PG_FUNCTION_INFO_V1(alignkit_template_info);
}

namespace alignkit::pg {
namespace {

// One published version, copied out of SPI's memory (the columns of store_schema::kNewest).
struct Published {
  char* name;
  int version;
  char* author;
  char* published;
  char* message;
  char* approved_by;
  char* document;
};

char* text_arg(FunctionCallInfo fcinfo, int i) { return text_to_cstring(PG_GETARG_TEXT_PP(i)); }

// One read kept for the statement: which version was asked for, and what it was.
struct RememberedRead {
  char* name;
  bool newest;
  int version;
  Published published;
  RememberedRead* next;
};

// Plain stage: the newest (or the given) version of a template, copied into `memory`; an error
// when there is none or a column the store holds is NULL.
void read_published(const char* name, bool newest, int version, MemoryContext memory, Published* out) {
  if (SPI_connect() != SPI_OK_CONNECT) ereport(ERROR, (errmsg("alignkit: could not read the template store")));
  const char* table = store_table();
  Oid types[2] = {TEXTOID, INT4OID};
  Datum values[2] = {CStringGetTextDatum(name), Int32GetDatum(version)};
  const int status = SPI_execute_with_args(in_store(newest ? store_schema::kNewest : store_schema::kVersion, table),
                                           newest ? 1 : 2, types, values, nullptr, true, 1);
  if (status != SPI_OK_SELECT) ereport(ERROR, (errmsg("alignkit: could not read the template store")));
  if (SPI_processed == 0) {
    if (newest) {
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("template \"%s\" was never published", name)));
    }
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("template \"%s\" has no version %d", name, version)));
  }
  HeapTuple row = SPI_tuptable->vals[0];
  TupleDesc columns = SPI_tuptable->tupdesc;
  // The columns of store_schema::kNewest, each checked before use.
  char* texts[6] = {store_text(row, columns, 1, "name", name),      store_text(row, columns, 3, "author", name),
                    store_text(row, columns, 4, "published", name), store_text(row, columns, 5, "message", name),
                    store_text(row, columns, 7, "approved_by", name), store_text(row, columns, 8, "document", name)};
  const int number = store_int(row, columns, 2, "version", name);
  MemoryContext old = MemoryContextSwitchTo(memory);
  *out = Published{pstrdup(texts[0]), number, pstrdup(texts[1]), pstrdup(texts[2]), pstrdup(texts[3]),
                   pstrdup(texts[4]), pstrdup(texts[5])};
  MemoryContextSwitchTo(old);
  SPI_finish();
}

// The same template read again within a statement gives the same version (STABLE): kept per call
// site, a few templates at a time (kept_reads).
const Published* published_for(FunctionCallInfo fcinfo, const char* name, bool newest, int version) {
  KeptReads* kept = kept_reads(fcinfo);
  for (auto* read = static_cast<RememberedRead*>(kept->first); read != nullptr; read = read->next) {
    if (read->newest == newest && read->version == version && std::strcmp(read->name, name) == 0) return &read->published;
  }
  make_room(kept);
  auto* read = static_cast<RememberedRead*>(MemoryContextAllocZero(kept->memory, sizeof(RememberedRead)));
  read_published(name, newest, version, kept->memory, &read->published);
  read->name = MemoryContextStrdup(kept->memory, name);
  read->newest = newest;
  read->version = version;
  read->next = static_cast<RememberedRead*>(kept->first);
  kept->first = read;
  ++kept->count;
  return &read->published;
}

Found* found_in_store(FunctionCallInfo fcinfo) {
  const char* name = text_arg(fcinfo, 0);
  const char* key = text_arg(fcinfo, 1);
  const bool newest = PG_NARGS() < 3 || PG_ARGISNULL(2);
  const Published* published = published_for(fcinfo, name, newest, newest ? 0 : PG_GETARG_INT32(2));
  return guarded([&] { return lookup(published->document, std::strlen(published->document), key); });
}

// When a mirrored copy was last brought up to date (nullptr: the store itself), and whether that
// is too long ago.
struct Mirrored {
  const char* when;
  bool stale;
};
Mirrored mirrored_state() {
  if (SPI_connect() != SPI_OK_CONNECT) ereport(ERROR, (errmsg("alignkit: could not read the template store")));
  Mirrored mirrored{nullptr, false};
  if (const char* table = mirror_table()) {
    const char* query = psprintf("SELECT mirrored, mirrored::timestamptz < now() - interval '%s' FROM %s LIMIT 1",
                                 store_schema::kMirrorStaleAfter, table);
    if (SPI_execute(query, true, 1) == SPI_OK_SELECT && SPI_processed == 1) {
      char* when = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
      bool is_null = false;
      const Datum old = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &is_null);
      if (when != nullptr) {  // copied into the caller's memory: SPI's goes at SPI_finish
        char* kept = static_cast<char*>(SPI_palloc(std::strlen(when) + 1));
        std::strcpy(kept, when);
        mirrored.when = kept;
      }
      mirrored.stale = !is_null && DatumGetBool(old);
    } else {
      mirrored.stale = true;  // a copy that never said when: take it as behind
    }
  }
  SPI_finish();
  return mirrored;
}

}  // namespace
}  // namespace alignkit::pg

using namespace alignkit::pg;

Datum alignkit_template_value(PG_FUNCTION_ARGS) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1)) PG_RETURN_NULL();
  const Found* found = found_in_store(fcinfo);
  if (found->is_text) not_a_number(text_arg(fcinfo, 1));
  PG_RETURN_FLOAT8(found->number);
}

Datum alignkit_template_text(PG_FUNCTION_ARGS) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1)) PG_RETURN_NULL();
  const Found* found = found_in_store(fcinfo);
  if (found->is_text) PG_RETURN_TEXT_P(cstring_to_text(found->text));
  PG_RETURN_TEXT_P(cstring_to_text(float8out_internal(found->number)));
}

Datum alignkit_template_value_jsonb(PG_FUNCTION_ARGS) {
  Jsonb* document = PG_GETARG_JSONB_P(0);
  const char* key = text_arg(fcinfo, 1);
  StringInfoData text;
  initStringInfo(&text);
  JsonbToCString(&text, &document->root, static_cast<int>(VARSIZE(document)));
  const Found* found = guarded([&] { return lookup(text.data, static_cast<std::size_t>(text.len), key); });
  if (found->is_text) not_a_number(key);
  PG_RETURN_FLOAT8(found->number);
}

Datum alignkit_template_info(PG_FUNCTION_ARGS) {
  const char* name = text_arg(fcinfo, 0);
  const char* field = text_arg(fcinfo, 1);
  const Published* published = published_for(fcinfo, name, true, 0);
  const char* answer = nullptr;
  if (std::strcmp(field, "name") == 0) answer = published->name;
  else if (std::strcmp(field, "version") == 0) answer = psprintf("%d", published->version);
  else if (std::strcmp(field, "updated") == 0) answer = published->published;
  else if (std::strcmp(field, "author") == 0) answer = published->author;
  else if (std::strcmp(field, "approved_by") == 0) answer = published->approved_by;
  else if (std::strcmp(field, "message") == 0) answer = published->message;
  else if (std::strcmp(field, "stale") == 0 || std::strcmp(field, "checked") == 0) {
    // The store itself is never stale and is checked now; a copy kept by `alignkit store mirror`
    // is as of its last run, stale when that is older than two runs of the mirror timer.
    const Mirrored mirrored = mirrored_state();
    if (std::strcmp(field, "stale") == 0) answer = mirrored.stale ? "true" : "false";
    else answer = mirrored.when ? mirrored.when : timestamptz_to_str(GetCurrentStatementStartTimestamp());
  } else {
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("field must be \"name\", \"version\", \"updated\", \"author\", \"approved_by\", \"message\", \"stale\" or \"checked\"")));
  }
  PG_RETURN_TEXT_P(cstring_to_text(answer));
}
