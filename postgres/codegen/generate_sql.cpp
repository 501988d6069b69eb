// Writes alignkit's PostgreSQL install script and its SQL reference from the function catalog,
// so that a new catalog row appears in SQL with nothing written by hand.
//   alignkit-sqlgen install <alignkit--VERSION.sql>
//   alignkit-sqlgen upgrade <alignkit--FROM--VERSION.sql>
//   alignkit-sqlgen reference <sql-reference.md>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "alignkit/catalog/catalog.hpp"
#include "sql_shapes.hpp"

namespace {
using alignkit::FunctionInfo;
namespace sql = alignkit::sql;

std::string parameters_text(const std::vector<sql::Parameter>& parameters, bool with_defaults) {
  std::string out;
  for (const auto& p : parameters) {
    out += (out.empty() ? "" : ", ") + p.name + " " + p.type;
    if (with_defaults && !p.default_text.empty()) out += " DEFAULT " + p.default_text;
  }
  return out;
}

// The one C entry point for each kind of result: it finds its catalog row by the SQL name it was called as.
std::string_view entry_point(const FunctionInfo& f) {
  return f.shape == alignkit::ResultShape::block ? "alignkit_rows" : "alignkit_call";
}

void write_function(std::ostream& out, const FunctionInfo& f) {
  const std::string name = "alignkit." + sql::function_name(f);
  for (const auto& s : sql::signatures(f)) {
    out << "CREATE FUNCTION " << name << "(" << parameters_text(s.parameters, true) << ")\n"
        << "  RETURNS " << s.returns << "\n";
    out << "  AS 'MODULE_PATHNAME', '" << entry_point(f) << "'\n"
        << "  LANGUAGE C IMMUTABLE" << (s.strict ? " STRICT" : "") << " PARALLEL SAFE;\n"
        << "COMMENT ON FUNCTION " << name << "(" << sql::types_of(s.parameters) << ") IS "
        << sql::quoted(f.description) << ";\n\n";
  }
  const auto over_rows = sql::rows_form(f);
  if (!over_rows) return;
  for (const auto& overload : over_rows->overloads) {
    if (over_rows->window) {
      out << "CREATE FUNCTION " << name << "(" << parameters_text(overload, false) << ")\n"
          << "  RETURNS double precision\n  AS 'MODULE_PATHNAME', 'alignkit_window'\n"
          << "  LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;\n"
          << "COMMENT ON FUNCTION " << name << "(" << sql::types_of(overload) << ") IS "
          << sql::quoted(std::string(f.description) + ", each row its part of the partition's total") << ";\n\n";
      continue;
    }
    const std::string step = "alignkit._" + sql::function_name(f) + "_step";
    out << "CREATE FUNCTION " << step << "(internal, " << sql::types_of(overload) << ")\n"
        << "  RETURNS internal AS 'MODULE_PATHNAME', 'alignkit_aggregate_step'\n"
        << "  LANGUAGE C IMMUTABLE PARALLEL SAFE;\n"
        << "CREATE AGGREGATE " << name << "(" << parameters_text(overload, false) << ") (\n"
        << "  SFUNC = " << step << ", STYPE = internal, FINALFUNC = alignkit._aggregate_final,\n"
        << "  COMBINEFUNC = alignkit._aggregate_combine, SERIALFUNC = alignkit._aggregate_serialize,\n"
        << "  DESERIALFUNC = alignkit._aggregate_deserialize, PARALLEL = SAFE);\n"
        << "COMMENT ON AGGREGATE " << name << "(" << sql::types_of(overload) << ") IS "
        << sql::quoted(std::string(f.description) + ", over the rows of a table") << ";\n\n";
  }
}

// The functions that read the template service's store, written once for the install script and
// the reference (they are not catalog rows: SQL reads templates by name, not by file path).
struct TemplateFunction {
  const char* name;
  const char* parameters;  // with names and defaults
  const char* types;       // the signature COMMENT ON names
  const char* returns;
  const char* entry;       // the C entry point
  const char* labels;      // volatility, strictness, parallel safety
  const char* comment;
};
constexpr TemplateFunction kTemplateFunctions[] = {
    {"template_value", "name text, key text, version integer DEFAULT NULL", "text, text, integer", "double precision",
     "alignkit_template_value", "STABLE PARALLEL SAFE",
     "The number at a dotted key of the newest (or the given) published version of a template"},
    {"template_text", "name text, key text, version integer DEFAULT NULL", "text, text, integer", "text",
     "alignkit_template_text", "STABLE PARALLEL SAFE",
     "The value at a dotted key of the newest (or the given) published version of a template, as text"},
    {"template_value", "document jsonb, key text", "jsonb, text", "double precision", "alignkit_template_value_jsonb",
     "IMMUTABLE STRICT PARALLEL SAFE", "The number at a dotted key of a template document the query already has"},
    {"template_value", "name text, key text, as_of timestamp with time zone", "text, text, timestamp with time zone",
     "double precision", "alignkit_template_value_at", "STABLE STRICT PARALLEL SAFE",
     "The number at a dotted key of the version of a template that was the latest at an instant"},
    {"template_text", "name text, key text, as_of timestamp with time zone", "text, text, timestamp with time zone", "text",
     "alignkit_template_text_at", "STABLE STRICT PARALLEL SAFE",
     "The value at a dotted key of the version of a template that was the latest at an instant, as text"},
    {"template_info", "name text, field text", "text, text", "text", "alignkit_template_info", "STABLE STRICT PARALLEL SAFE",
     "What a dashboard needs to know about a published template: name, version, updated, author, approved_by, message"},
};

// Every published version with the time it was in force, for BI tools that chart assumptions
// over time. A function finds the store's table when it is called (it may be made after the
// extension, or be a foreign table) where the setting alignkit.store says; the view shows it
// under alignkit's name.
constexpr const char* kTemplateVersionsView = R"sql(CREATE FUNCTION alignkit._store_table() RETURNS text
  AS 'MODULE_PATHNAME', 'alignkit_store_table' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION alignkit._template_versions()
  RETURNS TABLE (name text, version integer, author text, approved_by text, published timestamp with time zone,
                 valid_from timestamp with time zone, valid_to timestamp with time zone)
  LANGUAGE plpgsql STABLE PARALLEL SAFE AS $versions$
DECLARE
  store text := alignkit._store_table();  -- where alignkit.store says, never found on the search path
BEGIN
  RETURN QUERY EXECUTE format(
    'SELECT v.name, v.version, v.author, v.approved_by, v.published::timestamptz, v.published::timestamptz,'
    ' lead(v.published::timestamptz) OVER (PARTITION BY v.name ORDER BY v.version) FROM %s v', store);
END
$versions$;
CREATE VIEW alignkit.template_versions WITH (security_invoker = true) AS SELECT * FROM alignkit._template_versions();
-- Anyone may ask; the store's rows are read with the caller's own privileges on its table.
GRANT SELECT ON alignkit.template_versions TO PUBLIC;
COMMENT ON VIEW alignkit.template_versions IS 'Every published version of every template: who published it, who approved it, and from when to when it was the latest (valid_to NULL for the latest)';
)sql";

// The schema is made by the install script, not named in the control file: a schema made here is
// a member of the extension (DROP EXTENSION removes it and its grants), and one that already
// exists — which another role with CREATE on the database could have made, to put functions of
// its own among alignkit's — stops the install instead of being used.
constexpr const char* kOwnSchema = R"sql(DO $schema$
BEGIN
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'alignkit') THEN
    RAISE EXCEPTION 'a schema named alignkit already exists (owned by %)',
        (SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'alignkit')
      USING ERRCODE = '42P06',
        DETAIL = 'alignkit makes its own schema, so that no other role can put functions among its own.',
        HINT = 'See what is in it (\dn+ alignkit, \df alignkit.*), then DROP SCHEMA alignkit and run CREATE EXTENSION alignkit again.';
  END IF;
END
$schema$;
CREATE SCHEMA alignkit;

)sql";

void write_body(std::ostream& out);

void write_install(std::ostream& out) {
  out << "-- alignkit for PostgreSQL, generated from the alignkit function catalog. Do not edit.\n"
         "\\echo Use \"CREATE EXTENSION alignkit\" to load this file. \\quit\n\n"
      << kOwnSchema;
  write_body(out);
}

// Everything the install script and the update scripts make alike.
void write_body(std::ostream& out) {
  out <<
         "-- What every aggregate shares: one row's values are kept until the final call, and the\n"
         "-- kept values of parallel workers are sent and joined.\n"
         "CREATE FUNCTION alignkit._aggregate_final(internal) RETURNS double precision\n"
         "  AS 'MODULE_PATHNAME', 'alignkit_aggregate_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;\n"
         "CREATE FUNCTION alignkit._aggregate_combine(internal, internal) RETURNS internal\n"
         "  AS 'MODULE_PATHNAME', 'alignkit_aggregate_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;\n"
         "CREATE FUNCTION alignkit._aggregate_serialize(internal) RETURNS bytea\n"
         "  AS 'MODULE_PATHNAME', 'alignkit_aggregate_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;\n"
         "CREATE FUNCTION alignkit._aggregate_deserialize(bytea, internal) RETURNS internal\n"
         "  AS 'MODULE_PATHNAME', 'alignkit_aggregate_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;\n\n";
  for (const auto& f : alignkit::functions()) {
    if (sql::generated(f)) write_function(out, f);
  }
  out << "-- Templates published through the template service, read from its store in this database.\n";
  for (const auto& t : kTemplateFunctions) {
    out << "CREATE FUNCTION alignkit." << t.name << "(" << t.parameters << ")\n  RETURNS " << t.returns << " AS 'MODULE_PATHNAME', '"
        << t.entry << "'\n  LANGUAGE C " << t.labels << ";\n"
        << "COMMENT ON FUNCTION alignkit." << t.name << "(" << t.types << ") IS " << sql::quoted(t.comment) << ";\n";
  }
  out << kTemplateVersionsView;
}

void write_reference(std::ostream& out) {
  out << "# alignkit in PostgreSQL — function reference\n\n"
         "Generated from the function catalog (`alignkit-sqlgen reference`); a test keeps this page equal to it.\n"
         "Every function is in the schema `alignkit`. Numbers are `double precision`, ranges are\n"
         "`double precision[]` (a NULL element is an empty cell). An argument with a `DEFAULT` may be left out;\n"
         "`DEFAULT NULL` means the function decides, as in Calc. See `docs/postgresql.md` for the rules.\n";
  std::string_view family;
  for (const auto& f : alignkit::functions()) {
    if (!sql::generated(f)) continue;
    if (f.family != family) {
      family = f.family;
      out << "\n## " << family << "\n";
    }
    out << "\n### `alignkit." << sql::function_name(f) << "`\n\n" << f.description << " (Calc: `" << f.name << "`).\n\n```sql\n";
    for (const auto& s : sql::signatures(f)) {
      out << "alignkit." << sql::function_name(f) << "(" << parameters_text(s.parameters, true) << ")\n  RETURNS "
          << s.returns << "\n";
    }
    if (const auto rows = sql::rows_form(f)) {
      out << (rows->window ? "-- window, with OVER (PARTITION BY …):\n" : "-- aggregate over a table's rows:\n");
      for (const auto& overload : rows->overloads) {
        out << "alignkit." << sql::function_name(f) << "(" << parameters_text(overload, false) << ")\n";
      }
    }
    out << "```\n\n";
    for (const auto& a : f.arguments) out << "- `" << a.name << "`: " << a.description << "\n";
  }
  out << "\n## Shared templates\n\n```sql\n";
  for (const auto& t : kTemplateFunctions) out << "alignkit." << t.name << "(" << t.parameters << ") RETURNS " << t.returns << "\n";
  out << "-- a view: every published version and when it was the latest\n"
         "alignkit.template_versions (name text, version integer, author text, approved_by text, published timestamptz,\n"
         "                            valid_from timestamptz, valid_to timestamptz)\n";
  out << "```\n";
}

}  // namespace

// ALTER EXTENSION alignkit UPDATE from any earlier version: every function and aggregate of this
// version created or replaced in place (a user's views that call them stay), then every member
// of the extension this script did not touch — what this version no longer has — dropped.
// Replacing keeps each object's identity, so a later version may only add arguments with a new
// signature, not rename or retype them (PostgreSQL refuses that in CREATE OR REPLACE).
void write_upgrade(std::ostream& out) {
  std::ostringstream body;
  write_body(body);
  std::string text = body.str();
  auto replace_all = [&text](std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  };
  replace_all("CREATE FUNCTION ", "CREATE OR REPLACE FUNCTION ");
  replace_all("CREATE AGGREGATE ", "CREATE OR REPLACE AGGREGATE ");
  replace_all("CREATE VIEW ", "CREATE OR REPLACE VIEW ");
  out << "-- alignkit for PostgreSQL, an update from an earlier version, generated from the alignkit\n"
         "-- function catalog. Do not edit.\n"
         "\\echo Use \"ALTER EXTENSION alignkit UPDATE\" to load this file. \\quit\n"
      << text
      << "\n-- What this version no longer has: the members this script did not create or replace (their\n"
         "-- catalog rows are older than this transaction). Aggregates first: they use their step functions.\n"
         "-- Without CASCADE: a user's view that still calls one stops the update and says which.\n"
         "DO $update$\n"
         "DECLARE\n"
         "  member record;\n"
         "BEGIN\n"
         "  FOR member IN\n"
         "    SELECT p.oid::regprocedure AS signature, p.prokind\n"
         "    FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid\n"
         "    WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'\n"
         "      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'alignkit')\n"
         "      AND p.xmin <> (pg_current_xact_id()::text::bigint % 4294967296)::text::xid\n"
         "    ORDER BY p.prokind = 'a' DESC\n"
         "  LOOP\n"
         "    EXECUTE format('DROP %s %s', CASE member.prokind WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, member.signature);\n"
         "  END LOOP;\n"
         "END\n"
         "$update$;\n";
}

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: alignkit-sqlgen install|upgrade|reference <output>\n";
    return 2;
  }
  // The row functions keep a row on the stack, sized by the catalog's bound: a catalog past it
  // stops the build here.
  for (const auto& function : alignkit::functions()) {
    if (function.columns.size() > alignkit::kMaxResultColumns) {
      std::cerr << "alignkit-sqlgen: " << function.name << " answers " << function.columns.size()
                << " columns, more than kMaxResultColumns (" << alignkit::kMaxResultColumns << ")\n";
      return 1;
    }
  }
  const std::string_view kind = argv[1];
  std::ostringstream text;
  if (kind == "install") write_install(text);
  else if (kind == "upgrade") write_upgrade(text);
  else if (kind == "reference") write_reference(text);
  else {
    std::cerr << "alignkit-sqlgen: unknown output '" << kind << "'\n";
    return 2;
  }
  std::ofstream out(argv[2], std::ios::binary);
  out << text.str();
  return out ? 0 : 1;
}
