#pragma once
// PostgreSQL's server headers, included once, as C.
// The module is built with hidden symbols; PostgreSQL 15 leaves PGDLLEXPORT empty on ELF, so the
// entry points PostgreSQL looks up (PG_FUNCTION_INFO_V1, PG_MODULE_MAGIC) are made visible here.
#ifndef PGDLLEXPORT
#define PGDLLEXPORT __attribute__((visibility("default")))
#endif
extern "C" {
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "access/xact.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"
#include "utils/timestamp.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/varlena.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "lib/stringinfo.h"
#include "utils/tuplestore.h"
#include "windowapi.h"
}
