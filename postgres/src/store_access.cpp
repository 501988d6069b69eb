#include "store_access.hpp"

#include <cstring>
#include <string>

#include "alignkit/templates/store_schema.hpp"
#include "guard.hpp"

namespace alignkit::pg {

namespace {
// The administrator's word on where the store is: a schema-qualified table name. A superuser sets
// it (ALTER DATABASE … SET alignkit.store = 'schema.table', or in postgresql.conf); a role's own
// SET is refused by PostgreSQL, so no role can point another's reads at a table it planted.
constexpr const char* kDefaultStore = "public.template_versions";
char* store_setting = nullptr;

// The setting's schema and table (checked when set).
struct StoreName {
  const char* schema;
  const char* table;
};
StoreName store_name() {
  List* names = nullptr;
  SplitIdentifierString(pstrdup(store_setting != nullptr ? store_setting : kDefaultStore), '.', &names);
  return {static_cast<const char*>(linitial(names)), static_cast<const char*>(lsecond(names))};
}

[[noreturn]] void null_column(const char* name, const char* template_name) {
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("the template store's column %s is NULL in a row of template \"%s\"", name, template_name)));
  pg_unreachable();
}

bool check_store_setting(char** value, void** /*extra*/, GucSource /*source*/) {
  if (*value == nullptr) return true;
  List* names = nullptr;
  char* copy = pstrdup(*value);
  if (!SplitIdentifierString(copy, '.', &names) || list_length(names) != 2) {
    GUC_check_errdetail("alignkit.store is a schema-qualified table name, like public.template_versions");
    return false;
  }
  return true;
}
}  // namespace

void define_store_setting() {
  DefineCustomStringVariable("alignkit.store", "The template service's store: a schema-qualified table name.",
                             "Only a superuser may change it; alignkit never looks for the store on the search path.",
                             &store_setting, kDefaultStore, PGC_SUSET, 0, check_store_setting, nullptr,
                             nullptr);
  MarkGUCPrefixReserved("alignkit");
}

const char* store_table() {
  const auto [schema, table] = store_name();
  const Oid schema_oid = get_namespace_oid(schema, true);
  const Oid relation = OidIsValid(schema_oid) ? get_relname_relid(table, schema_oid) : InvalidOid;
  if (!OidIsValid(relation)) {
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("this database has no template store (table %s.%s)", schema, table),
                    errhint("Start the template service with --store postgresql:… on this database, reach its store "
                            "with postgres_fdw, or have a superuser set alignkit.store to where it is (docs/postgresql.md).")));
  }
  const char kind = get_rel_relkind(relation);
  if (kind != RELKIND_RELATION && kind != RELKIND_PARTITIONED_TABLE && kind != RELKIND_FOREIGN_TABLE) {
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("alignkit.store (%s.%s) is not a table or a foreign table", schema, table)));
  }
  return quote_qualified_identifier(schema, table);
}

const char* mirror_table() {
  const char* schema = store_name().schema;
  const Oid schema_oid = get_namespace_oid(schema, true);
  if (!OidIsValid(schema_oid)) return nullptr;
  const Oid relation = get_relname_relid(store_schema::kMirrorTable, schema_oid);
  if (!OidIsValid(relation)) return nullptr;
  const char kind = get_rel_relkind(relation);
  if (kind != RELKIND_RELATION && kind != RELKIND_FOREIGN_TABLE) return nullptr;
  return quote_qualified_identifier(schema, store_schema::kMirrorTable);
}

char* store_text(HeapTuple row, TupleDesc columns, int column, const char* name, const char* template_name) {
  char* value = SPI_getvalue(row, columns, column);
  if (value == nullptr) null_column(name, template_name);
  return value;
}

int store_int(HeapTuple row, TupleDesc columns, int column, const char* name, const char* template_name) {
  bool is_null = false;
  const Datum value = SPI_getbinval(row, columns, column, &is_null);
  if (is_null) null_column(name, template_name);
  int64 number = 0;
  switch (SPI_gettypeid(columns, column)) {
    case INT2OID: number = DatumGetInt16(value); break;
    case INT4OID: number = DatumGetInt32(value); break;
    case INT8OID: number = DatumGetInt64(value); break;
    default:
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                      errmsg("the template store's column %s is not a whole number (it is %s)", name,
                             format_type_be(SPI_gettypeid(columns, column)))));
  }
  if (number < 0 || number > PG_INT32_MAX) {
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("the template store's column %s holds %lld in a row of template \"%s\"", name,
                           static_cast<long long>(number), template_name)));
  }
  return static_cast<int>(number);
}

const char* in_store(const char* query, const char* table) {
  static const char* const kFrom = "FROM template_versions";
  const char* from = std::strstr(query, kFrom);
  if (from == nullptr) return query;
  StringInfoData text;
  initStringInfo(&text);
  appendBinaryStringInfo(&text, query, static_cast<int>(from - query));
  appendStringInfo(&text, "FROM %s", table);
  appendStringInfoString(&text, from + std::strlen(kFrom));
  return text.data;
}

KeptReads* kept_reads(FunctionCallInfo fcinfo) {
  auto* kept = static_cast<KeptReads*>(fcinfo->flinfo->fn_extra);
  if (kept == nullptr) {
    kept = static_cast<KeptReads*>(MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(KeptReads)));
    kept->memory = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "alignkit template reads", ALLOCSET_SMALL_SIZES);
    fcinfo->flinfo->fn_extra = kept;
  }
  if (ActiveSnapshotSet()) {
    const Snapshot now = GetActiveSnapshot();
    if (now->xmin != kept->xmin || now->xmax != kept->xmax || now->xcnt != kept->xcnt || now->curcid != kept->curcid) {
      MemoryContextReset(kept->memory);
      kept->count = 0;
      kept->first = nullptr;
      kept->xmin = now->xmin;
      kept->xmax = now->xmax;
      kept->xcnt = now->xcnt;
      kept->curcid = now->curcid;
    }
  }
  return kept;
}

void make_room(KeptReads* kept) {
  if (kept->count < kKeptTemplates) return;
  MemoryContextReset(kept->memory);
  kept->count = 0;
  kept->first = nullptr;
}

void not_a_number(const char* key) {
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("%s holds a text, not a number", key),
                  errhint("Read texts with alignkit.template_text.")));
  pg_unreachable();
}

}  // namespace alignkit::pg
