#include "store_access.hpp"

#include <cstring>
#include <string>

#include "alignkit/store_schema.hpp"
#include "alignkit/templates.hpp"
#include "guard.hpp"

namespace alignkit::pg {

const char* store_table() {
  // The first table (or foreign table, or partitioned table) of that name on the search path:
  // a view is skipped, so alignkit.template_versions never reads itself.
  static const char* const kFind =
      "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
      " FROM unnest(current_schemas(false)) WITH ORDINALITY AS s(schema, position)"
      " JOIN pg_namespace n ON n.nspname = s.schema"
      " JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = $1 AND c.relkind IN ('r', 'p', 'f')"
      " ORDER BY s.position LIMIT 1";
  Oid types[1] = {TEXTOID};
  Datum values[1] = {CStringGetTextDatum(store_schema::kTable)};
  const int status = SPI_execute_with_args(kFind, 1, types, values, nullptr, true, 1);
  if (status != SPI_OK_SELECT) ereport(ERROR, (errmsg("alignkit: could not look for the template store")));
  if (SPI_processed == 0) {
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("this database has no template store (table %s)", store_schema::kTable),
                    errhint("Start the template service with --store postgresql:… on this database, reach its store "
                            "with postgres_fdw, or put the store's schema on the search_path (docs/postgresql.md).")));
  }
  return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
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

Found* lookup(const char* document, std::size_t length, const char* key) {
  auto parsed = templates::parse(std::string_view(document, length));
  if (!parsed) throw BadInput("the template is not usable: " + parsed.error().message);
  auto value = templates::lookup(*parsed, key);
  if (!value) throw BadInput(value.error().message);
  auto* found = allocate<Found>(1);
  *found = Found{};
  if (const auto* number = std::get_if<double>(&*value)) {
    found->number = *number;
  } else {
    const auto& text = std::get<std::string>(*value);
    found->is_text = true;
    found->text = allocate<char>(text.size() + 1);
    std::memcpy(found->text, text.c_str(), text.size() + 1);
  }
  return found;
}

void not_a_number(const char* key) {
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("%s holds a text, not a number", key),
                  errhint("Read texts with alignkit.template_text.")));
  pg_unreachable();
}

}  // namespace alignkit::pg
