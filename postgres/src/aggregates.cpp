// Every aggregate: one row's values are kept (plain memory in the aggregate's context) until the
// final call evaluates the catalog function on them as ranges; parallel workers send what they
// kept as bytea and the leader joins it. Parameters (scale_max, ramp, …) must be the same in
// every row.
#include <cmath>
#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include "catalog_rows.hpp"
#include "guard.hpp"
#include "inputs.hpp"

extern "C" {
PGDLLEXPORT Datum alignkit_aggregate_step(PG_FUNCTION_ARGS);
PGDLLEXPORT Datum alignkit_aggregate_final(PG_FUNCTION_ARGS);
PGDLLEXPORT Datum alignkit_aggregate_combine(PG_FUNCTION_ARGS);
PGDLLEXPORT Datum alignkit_aggregate_serialize(PG_FUNCTION_ARGS);
PGDLLEXPORT Datum alignkit_aggregate_deserialize(PG_FUNCTION_ARGS);
PG_FUNCTION_INFO_V1(alignkit_aggregate_step);
PG_FUNCTION_INFO_V1(alignkit_aggregate_final);
PG_FUNCTION_INFO_V1(alignkit_aggregate_combine);
PG_FUNCTION_INFO_V1(alignkit_aggregate_serialize);
PG_FUNCTION_INFO_V1(alignkit_aggregate_deserialize);
}

namespace alignkit::pg {
namespace {

constexpr int kMaxColumns = 3;  // per-row values of one call (actual, target, weight)

// The kept rows, all plain data: it is copied, sent and freed as bytes.
struct Kept {
  int function_index;
  int argument_count;  // the aggregate's arguments
  int columns;         // how many of them are per-row values
  bool per_row[kMaxArguments];
  bool parameters_set;
  bool null_result;     // a parameter was NULL
  bool any_value;       // some row had a value
  double parameters[kMaxArguments];
  int ramp_length;      // a ramp given as a list: its fractions follow the rows
  int64 rows, capacity;
  double* values;       // rows x columns
  bool* present;        // rows x columns
  double* ramp;
};

bool is_per_row(ArgKind kind) { return kind == ArgKind::numbers || kind == ArgKind::cells; }

MemoryContext aggregate_context(FunctionCallInfo fcinfo) {
  MemoryContext context = nullptr;
  if (!AggCheckCallContext(fcinfo, &context)) {
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("alignkit's aggregate steps run only in an aggregate")));
  }
  return context;
}

void reserve(Kept* kept, int64 rows, MemoryContext context) {
  if (rows <= kept->capacity) return;
  int64 capacity = kept->capacity ? kept->capacity : 64;
  while (capacity < rows) capacity *= 2;
  const Size values = sizeof(double) * static_cast<Size>(capacity * kept->columns);
  const Size present = static_cast<Size>(capacity * kept->columns);
  if (kept->values) {
    kept->values = static_cast<double*>(repalloc_huge(kept->values, values));
    kept->present = static_cast<bool*>(repalloc_huge(kept->present, present));
  } else {
    kept->values = static_cast<double*>(MemoryContextAllocHuge(context, values));
    kept->present = static_cast<bool*>(MemoryContextAllocHuge(context, present));
  }
  kept->capacity = capacity;
}

Kept* new_kept(const CalledAs& called, int argument_count, MemoryContext context) {
  auto* kept = static_cast<Kept*>(MemoryContextAllocZero(context, sizeof(Kept)));
  kept->function_index = called.function_index;
  kept->argument_count = argument_count;
  for (int i = 0; i < argument_count; ++i) {
    kept->per_row[i] = is_per_row(called.function->arguments[static_cast<std::size_t>(i)].kind);
    if (kept->per_row[i]) ++kept->columns;
  }
  return kept;
}

[[noreturn]] void differs(const ArgumentInfo& argument) {
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("%.*s must be the same in every row", static_cast<int>(argument.name.size()), argument.name.data())));
  pg_unreachable();
}

// A parameter of this row: the first row sets it, every other row must agree.
void keep_parameter(Kept* kept, FunctionCallInfo fcinfo, int i, Oid type, const ArgumentInfo& argument,
                    MemoryContext context) {
  if (PG_ARGISNULL(i + 1)) {
    kept->null_result = true;
    return;
  }
  if (type == FLOAT8ARRAYOID) {
    const Input list = read_list(PG_GETARG_DATUM(i + 1), argument);
    for (int k = 0; k < list.length; ++k) {
      if (!list.present[k]) {
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("%.*s has an empty month %d", static_cast<int>(argument.name.size()), argument.name.data(), k + 1)));
      }
    }
    if (!kept->parameters_set) {
      kept->ramp = static_cast<double*>(MemoryContextAlloc(context, sizeof(double) * (list.length ? list.length : 1)));
      std::memcpy(kept->ramp, list.values, sizeof(double) * list.length);
      kept->ramp_length = list.length;
    } else if (list.length != kept->ramp_length ||
               std::memcmp(list.values, kept->ramp, sizeof(double) * list.length) != 0) {
      differs(argument);
    }
    return;
  }
  const double value = type == BOOLOID ? (PG_GETARG_BOOL(i + 1) ? 1.0 : 0.0) : PG_GETARG_FLOAT8(i + 1);
  if (!kept->parameters_set) {
    kept->parameters[i] = value;
  } else if (!(value == kept->parameters[i] || (std::isnan(value) && std::isnan(kept->parameters[i])))) {
    differs(argument);
  }
}

void append(Kept* into, const Kept& from, MemoryContext context) {
  if (from.rows == 0) return;
  reserve(into, into->rows + from.rows, context);
  const Size cells = static_cast<Size>(from.rows * from.columns);
  std::memcpy(into->values + into->rows * into->columns, from.values, sizeof(double) * cells);
  std::memcpy(into->present + into->rows * into->columns, from.present, cells);
  into->rows += from.rows;
}

// The kept rows as the catalog's ranges, and the function's answer.
double evaluate_kept(const Kept& kept) {
  const FunctionInfo& function = functions()[static_cast<std::size_t>(kept.function_index)];
  std::vector<Arg> args;
  int column = 0;
  for (int i = 0; i < kept.argument_count; ++i) {
    const ArgumentInfo& argument = function.arguments[static_cast<std::size_t>(i)];
    if (kept.per_row[i]) {
      // Numbers with NaN for an empty cell: 8 bytes a row, the cheapest form the core reads.
      // Reserved, not sized: every row is written once, so no zeroing of megabytes first.
      std::vector<double> numbers;
      numbers.reserve(static_cast<std::size_t>(kept.rows));
      for (int64 r = 0; r < kept.rows; ++r) {
        if ((r & 0xffff) == 0) check_for_interrupts();
        const int64 at = r * kept.columns + column;
        if (!kept.present[at]) {
          numbers.push_back(std::numeric_limits<double>::quiet_NaN());
        } else if (!std::isfinite(kept.values[at])) {
          throw BadInput(std::string(argument.name) + ": row " + std::to_string(r + 1) + " is not a finite number");
        } else {
          numbers.push_back(kept.values[at]);
        }
      }
      args.emplace_back(Range::column_of_numbers(std::move(numbers)));
      ++column;
    } else if (argument.kind == ArgKind::ramp && kept.ramp) {
      // The kept list read as any SQL list is (inputs.cpp): one listed month is still fractions.
      const std::unique_ptr<bool[]> present(new bool[static_cast<std::size_t>(kept.ramp_length)]);
      std::fill_n(present.get(), kept.ramp_length, true);
      Input list = Input::left_out();
      list.kind = Input::Kind::list;
      list.length = kept.ramp_length;
      list.values = kept.ramp;
      list.present = present.get();
      args.push_back(to_arg(list, argument));
    } else {
      if (!std::isfinite(kept.parameters[i])) throw BadInput(std::string(argument.name) + " is not a finite number");
      args.emplace_back(kept.parameters[i]);
    }
  }
  auto result = evaluate(function, args);
  if (!result) throw BadInput(result.error().message);
  return std::get<double>(*result);
}

}  // namespace
}  // namespace alignkit::pg

using namespace alignkit::pg;

Datum alignkit_aggregate_step(PG_FUNCTION_ARGS) {
  MemoryContext context = aggregate_context(fcinfo);
  Kept* kept = PG_ARGISNULL(0) ? nullptr : reinterpret_cast<Kept*>(PG_GETARG_POINTER(0));
  const Aggref* aggregate = AggGetAggref(fcinfo);
  if (!aggregate) ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("alignkit's aggregate step needs its aggregate")));
  const CalledAs& called = called_as(fcinfo->flinfo, aggregate->aggfnoid);
  const int argument_count = PG_NARGS() - 1;
  if (!kept) kept = new_kept(called, argument_count, context);
  reserve(kept, kept->rows + 1, context);
  double* values = kept->values + kept->rows * kept->columns;
  bool* present = kept->present + kept->rows * kept->columns;
  int column = 0;
  for (int i = 0; i < argument_count; ++i) {
    const alignkit::ArgumentInfo& argument = called.function->arguments[static_cast<std::size_t>(i)];
    if (!kept->per_row[i]) {
      keep_parameter(kept, fcinfo, i, called.types[i], argument, context);
      continue;
    }
    present[column] = !PG_ARGISNULL(i + 1);
    values[column] = !present[column]                 ? 0.0
                     : called.types[i] == BOOLOID     ? (PG_GETARG_BOOL(i + 1) ? 1.0 : 0.0)
                                                      : PG_GETARG_FLOAT8(i + 1);
    kept->any_value = kept->any_value || present[column];
    ++column;
  }
  kept->parameters_set = true;
  ++kept->rows;
  PG_RETURN_POINTER(kept);
}

Datum alignkit_aggregate_final(PG_FUNCTION_ARGS) {
  if (PG_ARGISNULL(0)) PG_RETURN_NULL();
  const Kept* kept = reinterpret_cast<const Kept*>(PG_GETARG_POINTER(0));
  // No row with a value: NULL, as avg() of nothing.
  if (kept->null_result || !kept->any_value) PG_RETURN_NULL();
  const double answer = guarded([&] { return evaluate_kept(*kept); });
  PG_RETURN_FLOAT8(answer);
}

Datum alignkit_aggregate_combine(PG_FUNCTION_ARGS) {
  MemoryContext context = aggregate_context(fcinfo);
  Kept* into = PG_ARGISNULL(0) ? nullptr : reinterpret_cast<Kept*>(PG_GETARG_POINTER(0));
  const Kept* from = PG_ARGISNULL(1) ? nullptr : reinterpret_cast<const Kept*>(PG_GETARG_POINTER(1));
  if (!from) PG_RETURN_POINTER(into);
  if (!into) {
    into = static_cast<Kept*>(MemoryContextAllocZero(context, sizeof(Kept)));
    *into = *from;
    into->values = nullptr;
    into->present = nullptr;
    into->rows = into->capacity = 0;
    if (from->ramp) {
      into->ramp = static_cast<double*>(MemoryContextAlloc(context, sizeof(double) * from->ramp_length));
      std::memcpy(into->ramp, from->ramp, sizeof(double) * from->ramp_length);
    }
  } else if (from->parameters_set) {
    const auto& function = alignkit::functions()[static_cast<std::size_t>(into->function_index)];
    for (int i = 0; i < into->argument_count; ++i) {
      if (into->per_row[i]) continue;
      const bool same_ramp = into->ramp_length == from->ramp_length &&
                             (!into->ramp || std::memcmp(into->ramp, from->ramp, sizeof(double) * into->ramp_length) == 0);
      if (into->parameters[i] != from->parameters[i] || !same_ramp) differs(function.arguments[static_cast<std::size_t>(i)]);
    }
    into->null_result = into->null_result || from->null_result;
    into->any_value = into->any_value || from->any_value;
  }
  append(into, *from, context);
  PG_RETURN_POINTER(into);
}

Datum alignkit_aggregate_serialize(PG_FUNCTION_ARGS) {
  const Kept* kept = reinterpret_cast<const Kept*>(PG_GETARG_POINTER(0));
  const Size cells = static_cast<Size>(kept->rows * kept->columns);
  const Size size = sizeof(Kept) + sizeof(double) * kept->ramp_length + sizeof(double) * cells + cells;
  bytea* out = static_cast<bytea*>(palloc_extended(VARHDRSZ + size, MCXT_ALLOC_HUGE));
  SET_VARSIZE(out, VARHDRSZ + size);
  char* at = VARDATA(out);
  std::memcpy(at, kept, sizeof(Kept));
  at += sizeof(Kept);
  if (kept->ramp_length) std::memcpy(at, kept->ramp, sizeof(double) * kept->ramp_length);
  at += sizeof(double) * kept->ramp_length;
  if (cells) std::memcpy(at, kept->values, sizeof(double) * cells);
  at += sizeof(double) * cells;
  if (cells) std::memcpy(at, kept->present, cells);
  PG_RETURN_BYTEA_P(out);
}

Datum alignkit_aggregate_deserialize(PG_FUNCTION_ARGS) {
  MemoryContext context = aggregate_context(fcinfo);
  const bytea* in = PG_GETARG_BYTEA_PP(0);
  const char* at = VARDATA_ANY(in);
  const Size size = VARSIZE_ANY_EXHDR(in);
  if (size < sizeof(Kept)) ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("alignkit: a damaged aggregate state")));
  auto* kept = static_cast<Kept*>(MemoryContextAlloc(context, sizeof(Kept)));
  std::memcpy(kept, at, sizeof(Kept));
  at += sizeof(Kept);
  const Size cells = static_cast<Size>(kept->rows * kept->columns);
  if (size != sizeof(Kept) + sizeof(double) * kept->ramp_length + sizeof(double) * cells + cells ||
      kept->function_index < 0 || kept->function_index >= static_cast<int>(alignkit::functions().size())) {
    ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("alignkit: a damaged aggregate state")));
  }
  kept->ramp = nullptr;
  if (kept->ramp_length) {
    kept->ramp = static_cast<double*>(MemoryContextAlloc(context, sizeof(double) * kept->ramp_length));
    std::memcpy(kept->ramp, at, sizeof(double) * kept->ramp_length);
  }
  at += sizeof(double) * kept->ramp_length;
  kept->values = nullptr;
  kept->present = nullptr;
  kept->capacity = 0;
  const int64 rows = kept->rows;
  kept->rows = 0;
  reserve(kept, rows, context);
  if (cells) std::memcpy(kept->values, at, sizeof(double) * cells);
  at += sizeof(double) * cells;
  if (cells) std::memcpy(kept->present, at, cells);
  kept->rows = rows;
  PG_RETURN_POINTER(kept);
}
