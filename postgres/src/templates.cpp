// Templates in SQL: the versions the template service published, read from its store in this
// database (the table and queries are the service's own, alignkit/store_schema.hpp), or a
// document the query already has (jsonb). SQL never writes templates.
#include <cstring>
#include <string>

#include "alignkit/store_schema.hpp"
#include "guard.hpp"
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

// Plain stage: the newest (or the given) version of a template, an error when there is none.
Published* read_published(const char* name, bool newest, int version) {
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
  bool is_null = false;
  HeapTuple row = SPI_tuptable->vals[0];
  TupleDesc columns = SPI_tuptable->tupdesc;
  auto* published = static_cast<Published*>(SPI_palloc(sizeof(Published)));
  const auto copy = [&](int column) {
    char* value = SPI_getvalue(row, columns, column);
    const Size length = value ? std::strlen(value) : 0;
    char* out = static_cast<char*>(SPI_palloc(length + 1));
    if (value) std::memcpy(out, value, length);
    out[length] = '\0';
    return out;
  };
  published->name = copy(1);
  published->version = DatumGetInt32(SPI_getbinval(row, columns, 2, &is_null));
  published->author = copy(3);
  published->published = copy(4);
  published->message = copy(5);
  published->approved_by = copy(7);
  published->document = copy(8);
  SPI_finish();
  return published;
}

// The same template read again within a statement gives the same version (STABLE): kept per call site.
struct RememberedRead {
  char* name;
  bool newest;
  int version;
  Published* published;
};

Published* published_for(FunctionCallInfo fcinfo, const char* name, bool newest, int version) {
  auto* kept = static_cast<RememberedRead*>(fcinfo->flinfo->fn_extra);
  if (kept && kept->newest == newest && kept->version == version && std::strcmp(kept->name, name) == 0) {
    return kept->published;
  }
  Published* published = read_published(name, newest, version);
  MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
  if (!kept) kept = static_cast<RememberedRead*>(palloc0(sizeof(RememberedRead)));
  kept->name = pstrdup(name);
  kept->newest = newest;
  kept->version = version;
  kept->published = static_cast<Published*>(palloc(sizeof(Published)));
  *kept->published = Published{pstrdup(published->name), published->version,      pstrdup(published->author),
                               pstrdup(published->published), pstrdup(published->message), pstrdup(published->approved_by),
                               pstrdup(published->document)};
  MemoryContextSwitchTo(old);
  fcinfo->flinfo->fn_extra = kept;
  return kept->published;
}

Found* found_in_store(FunctionCallInfo fcinfo) {
  const char* name = text_arg(fcinfo, 0);
  const char* key = text_arg(fcinfo, 1);
  const bool newest = PG_NARGS() < 3 || PG_ARGISNULL(2);
  const Published* published = published_for(fcinfo, name, newest, newest ? 0 : PG_GETARG_INT32(2));
  return guarded([&] { return lookup(published->document, std::strlen(published->document), key); });
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
  else if (std::strcmp(field, "stale") == 0) answer = "false";  // read from the store itself, never a kept copy
  else if (std::strcmp(field, "checked") == 0) {
    answer = timestamptz_to_str(GetCurrentStatementStartTimestamp());
  } else {
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("field must be \"name\", \"version\", \"updated\", \"author\", \"approved_by\", \"message\", \"stale\" or \"checked\"")));
  }
  PG_RETURN_TEXT_P(cstring_to_text(answer));
}
