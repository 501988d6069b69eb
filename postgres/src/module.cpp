// The module as PostgreSQL loads it: its magic block, its one setting (where the template store
// is), and that setting's table for alignkit's own view of the store.
#include "alignkit/metrics/interruption.hpp"
#include "guard.hpp"
#include "store_access.hpp"

extern "C" {
PG_MODULE_MAGIC;
PGDLLEXPORT void _PG_init(void);
PGDLLEXPORT Datum alignkit_store_table(PG_FUNCTION_ARGS);
PG_FUNCTION_INFO_V1(alignkit_store_table);
}

void _PG_init(void) {
  alignkit::pg::define_store_setting();
  // The core's long loops stop at a cancel or statement_timeout (guarded() raises it).
  alignkit::set_interruption_check([] { alignkit::pg::check_for_interrupts(); });
}

// The store's table, schema-qualified and quoted, for alignkit.template_versions (the view).
Datum alignkit_store_table(PG_FUNCTION_ARGS) { PG_RETURN_TEXT_P(cstring_to_text(alignkit::pg::store_table())); }
