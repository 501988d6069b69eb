// (Over 400 lines: the aggregates share one transition, serialization and final stage, kept
// together so that the memory and parallel rules are read in one place.)
// Every aggregate keeps the rows it is given as plain data in the aggregate's memory context and
// evaluates the catalog function once, in the final call, on all of them as ranges; parallel
// workers send what they kept as bytea and the leader joins it. Parameters (scale_max, ramp, …)
// must be the same in every row.
// While rows repeat (scores, ratings, tenure months, linked flags) each distinct row is kept once
// with how many times it came, a tally: no memory per row, so a million answers cost about what
// counting them by hand in SQL costs. Past kTallyLimit distinct rows they are kept one by one.
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

constexpr int kMaxColumns = static_cast<int>(kMaxRangesOverRows);  // per-row values of one call (actual, target, weight)
constexpr int kTallyLimit = 1024;  // distinct rows a tally holds before rows are kept one by one
constexpr int kFirstTally = 8;     // a new tally's room; it doubles as rows come

// One row's per-row values (a NULL is 0 with its bit clear in `present`) and, in a tally, how
// many rows were this one. Rows are the same when their bits are: -0 and 0 stay apart.
struct Row {
  double values[kMaxColumns];
  int64 count;
  uint8 present;
};

// All plain data: it is copied, sent and freed as bytes.
struct AggregateState {
  int function_index;
  int argument_count;  // the aggregate's arguments
  int columns;         // how many of them are per-row values
  bool per_row[kMaxArguments];
  Oid types[kMaxArguments];  // each argument's SQL type, as called
  bool parameters_set;
  bool null_result;     // a parameter was NULL
  bool any_value;       // some row had a value
  double parameters[kMaxArguments];
  int ramp_length;      // a ramp given as a list: its fractions follow the rows
  int tally_size;       // distinct rows in `tally`; -1 once rows are kept one by one
  int tally_capacity;
  int64 rows, capacity;  // rows kept one by one
  Row* tally;           // in the order each distinct row first came
  int16* slots;         // the tally's hash index: 2 x tally_capacity, -1 free
  double* values;       // rows x columns
  bool* present;        // rows x columns
  double* ramp;
};

MemoryContext aggregate_context(FunctionCallInfo fcinfo) {
  MemoryContext context = nullptr;
  if (!AggCheckCallContext(fcinfo, &context)) {
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("alignkit's aggregate steps run only in an aggregate")));
  }
  return context;
}

// Unused columns are 0 in every row, so all kMaxColumns are compared: a fixed size the compiler
// unrolls (this runs for every row).
bool same_row(const Row& a, const Row& b) {
  return a.present == b.present && std::memcmp(a.values, b.values, sizeof a.values) == 0;
}

// MurmurHash3's 64-bit finalizer over each used value's bits: a double's low bits are mostly 0
// (small whole numbers differ only in their top bits), so every bit must reach the slot's bits.
uint32 row_hash(const Row& row, int columns) {
  uint64 hash = row.present;
  for (int c = 0; c < columns; ++c) {
    uint64 bits = 0;
    std::memcpy(&bits, &row.values[c], sizeof bits);
    hash ^= bits;
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33;
  }
  return static_cast<uint32>(hash);
}

// The hash index over the tally as it stands, for a tally of `capacity` rows.
void index_tally(AggregateState* kept, int capacity, MemoryContext context) {
  const int slot_count = 2 * capacity;  // a power of two, at most half full
  if (kept->slots) pfree(kept->slots);
  kept->slots = static_cast<int16*>(MemoryContextAlloc(context, sizeof(int16) * slot_count));
  std::fill_n(kept->slots, slot_count, int16{-1});
  for (int k = 0; k < kept->tally_size; ++k) {
    uint32 slot = row_hash(kept->tally[k], kept->columns) & (slot_count - 1);
    while (kept->slots[slot] >= 0) slot = (slot + 1) & (slot_count - 1);
    kept->slots[slot] = static_cast<int16>(k);
  }
}

// Counts `row` in the tally; false when the tally is full and the row is a new one.
bool tally_add(AggregateState* kept, const Row& row, MemoryContext context) {
  const int slot_count = 2 * kept->tally_capacity;
  uint32 slot = row_hash(row, kept->columns) & (slot_count - 1);
  for (int16 k; (k = kept->slots[slot]) >= 0; slot = (slot + 1) & (slot_count - 1)) {
    if (same_row(kept->tally[k], row)) {
      kept->tally[k].count += row.count;
      return true;
    }
  }
  if (kept->tally_size == kTallyLimit) return false;
  if (kept->tally_size == kept->tally_capacity) {
    kept->tally_capacity *= 2;
    kept->tally = static_cast<Row*>(repalloc(kept->tally, sizeof(Row) * kept->tally_capacity));
    kept->tally[kept->tally_size++] = row;
    index_tally(kept, kept->tally_capacity, context);
    return true;
  }
  kept->slots[slot] = static_cast<int16>(kept->tally_size);
  kept->tally[kept->tally_size++] = row;
  return true;
}

void start_tally(AggregateState* kept, int capacity, MemoryContext context) {
  kept->tally_capacity = capacity;
  kept->tally = static_cast<Row*>(MemoryContextAlloc(context, sizeof(Row) * capacity));
  index_tally(kept, capacity, context);
}

void reserve(AggregateState* kept, int64 rows, MemoryContext context) {
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

void append_one_by_one(AggregateState* kept, const Row& row, MemoryContext context) {
  reserve(kept, kept->rows + row.count, context);
  for (int64 r = 0; r < row.count; ++r, ++kept->rows) {
    for (int c = 0; c < kept->columns; ++c) {
      kept->values[kept->rows * kept->columns + c] = row.values[c];
      kept->present[kept->rows * kept->columns + c] = (row.present >> c) & 1;
    }
  }
}

// Every row `from` keeps one by one, after those of `into` (which keeps them one by one too).
void append_kept(AggregateState* into, const AggregateState& from, MemoryContext context) {
  if (from.rows == 0) return;
  reserve(into, into->rows + from.rows, context);
  const Size cells = static_cast<Size>(from.rows * from.columns);
  std::memcpy(into->values + into->rows * into->columns, from.values, sizeof(double) * cells);
  std::memcpy(into->present + into->rows * into->columns, from.present, cells);
  into->rows += from.rows;
}

// Too many distinct rows for a tally: its rows, in tally order, become the first rows kept.
void keep_one_by_one(AggregateState* kept, MemoryContext context) {
  const int tally_size = kept->tally_size;
  kept->tally_size = -1;
  for (int k = 0; k < tally_size; ++k) append_one_by_one(kept, kept->tally[k], context);
  pfree(kept->tally);
  pfree(kept->slots);
  kept->tally = nullptr;
  kept->slots = nullptr;
  kept->tally_capacity = 0;
}

// `row.count` rows like `row`, in a tally while it takes them.
void add_rows(AggregateState* kept, const Row& row, MemoryContext context) {
  if (kept->tally_size >= 0) {
    if (tally_add(kept, row, context)) return;
    keep_one_by_one(kept, context);
  }
  append_one_by_one(kept, row, context);
}

int64 row_count(const AggregateState& kept) {
  if (kept.tally_size < 0) return kept.rows;
  int64 rows = 0;
  for (int k = 0; k < kept.tally_size; ++k) rows += kept.tally[k].count;
  return rows;
}

AggregateState* new_state(const CalledAs& called, int argument_count, MemoryContext context) {
  auto* kept = static_cast<AggregateState*>(MemoryContextAllocZero(context, sizeof(AggregateState)));
  kept->function_index = called.function_index;
  kept->argument_count = argument_count;
  if (argument_count > static_cast<int>(called.function->arguments.size()) || argument_count > static_cast<int>(kMaxArguments)) {
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("alignkit: more arguments than the catalog row declares")));
  }
  for (int i = 0; i < argument_count; ++i) {
    kept->per_row[i] = takes_range(called.function->arguments[static_cast<std::size_t>(i)].kind);
    kept->types[i] = called.types[i];
    if (kept->per_row[i]) ++kept->columns;
  }
  if (kept->columns > kMaxColumns) {  // the catalog test holds every row to kMaxRangesOverRows
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("alignkit: more per-row values than a row of the state holds")));
  }
  start_tally(kept, kFirstTally, context);
  return kept;
}

[[noreturn]] void differs(const ArgumentInfo& argument) {
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("%.*s must be the same in every row", static_cast<int>(argument.name.size()), argument.name.data())));
  pg_unreachable();
}

// Two rows' values of a parameter agree: equal, or both NaN (a NaN given in every row is one value).
bool same_parameter(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// A parameter of this row: the first row sets it, every other row must agree.
void keep_parameter(AggregateState* kept, FunctionCallInfo fcinfo, int i, Oid type, const ArgumentInfo& argument,
                    MemoryContext context) {
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
  } else if (!same_parameter(value, kept->parameters[i])) {
    differs(argument);
  }
}

// The columns handed to the core, kept from one final call to the next in this backend: a fresh
// column of a million rows costs its page faults at every call (on a virtual machine as long as
// the scan itself), a reused one none. At most 32 MiB in all are kept (4,194,304 numbers), the
// ceiling up to which glibc's malloc itself keeps freed memory for reuse.
constexpr std::size_t kReusedNumbers = 4194304;

std::vector<double>& reused_column(int column) {
  static std::vector<double> columns[kMaxColumns];
  return columns[column];
}

void keep_for_reuse(int column, std::vector<double>&& numbers) {
  std::size_t others = 0;
  for (int c = 0; c < kMaxColumns; ++c) others += c == column ? 0 : reused_column(c).capacity();
  if (others + numbers.capacity() <= kReusedNumbers) reused_column(column) = std::move(numbers);
}

// One column of the kept rows as the core reads it: NaN for an empty cell (8 bytes a row, the
// cheapest form it reads), a tally's rows in the order they first came.
std::vector<double> column_numbers(const AggregateState& kept, int column, const ArgumentInfo& argument) {
  std::vector<double> numbers = std::move(reused_column(column));
  numbers.clear();
  numbers.reserve(static_cast<std::size_t>(row_count(kept)));  // reserved, not zeroed first
  auto add = [&](double value, bool present, int64 count) {
    if (present && !std::isfinite(value)) {
      // No row number: the rows of an aggregate have no order to count in.
      throw BadInput(std::string(argument.name) + ": a row holds " + (std::isnan(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity") +
                     ", not a finite number");
    }
    numbers.insert(numbers.end(), static_cast<std::size_t>(count), present ? value : std::numeric_limits<double>::quiet_NaN());
  };
  if (kept.tally_size >= 0) {
    for (int k = 0; k < kept.tally_size; ++k) {
      const Row& row = kept.tally[k];
      add(row.values[column], (row.present >> column) & 1, row.count);
    }
    return numbers;
  }
  for (int64 r = 0; r < kept.rows; ++r) {
    if ((r & 0xffff) == 0) check_for_interrupts();
    const int64 at = r * kept.columns + column;
    add(kept.values[at], kept.present[at], 1);
  }
  return numbers;
}

// The kept rows as the catalog's ranges, and the function's answer.
double evaluate_kept(const AggregateState& kept) {
  const FunctionInfo& function = functions()[static_cast<std::size_t>(kept.function_index)];
  std::vector<Arg> args;
  int column = 0;
  for (int i = 0; i < kept.argument_count; ++i) {
    const ArgumentInfo& argument = function.arguments[static_cast<std::size_t>(i)];
    if (kept.per_row[i]) {
      args.emplace_back(Range::column_of_numbers(column_numbers(kept, column++, argument)));
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
  column = 0;
  for (int i = 0; i < kept.argument_count; ++i) {
    if (kept.per_row[i]) keep_for_reuse(column++, std::move(std::get<Range>(args[static_cast<std::size_t>(i)]).numbers));
  }
  if (!result) throw_error(result.error());
  return std::get<double>(*result);
}

// The state as bytes: the header, the tally, the ramp, the rows kept one by one.
Size tally_bytes(const AggregateState& kept) { return sizeof(Row) * static_cast<Size>(std::max(kept.tally_size, 0)); }
Size cell_count(const AggregateState& kept) { return static_cast<Size>(kept.rows * kept.columns); }
Size state_bytes(const AggregateState& kept) {
  return sizeof(AggregateState) + tally_bytes(kept) + sizeof(double) * kept.ramp_length + (sizeof(double) + 1) * cell_count(kept);
}

}  // namespace
}  // namespace alignkit::pg

using namespace alignkit::pg;

Datum alignkit_aggregate_step(PG_FUNCTION_ARGS) {
  MemoryContext context = aggregate_context(fcinfo);
  AggregateState* kept = PG_ARGISNULL(0) ? nullptr : reinterpret_cast<AggregateState*>(PG_GETARG_POINTER(0));
  if (!kept) {
    const Aggref* aggregate = AggGetAggref(fcinfo);
    if (!aggregate) ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("alignkit's aggregate step needs its aggregate")));
    kept = new_state(called_as(fcinfo->flinfo, aggregate->aggfnoid), PG_NARGS() - 1, context);
  }
  const auto& function = alignkit::functions()[static_cast<std::size_t>(kept->function_index)];
  // A row with a NULL parameter makes the answer NULL, and its parameters are compared with no
  // other row's: one rule whatever order the rows come in (parallel workers' included).
  bool parameter_null = false;
  for (int i = 0; i < kept->argument_count; ++i) parameter_null = parameter_null || (!kept->per_row[i] && PG_ARGISNULL(i + 1));
  kept->null_result = kept->null_result || parameter_null;
  Row row{};
  row.count = 1;
  int column = 0;
  for (int i = 0; i < kept->argument_count; ++i) {
    if (!kept->per_row[i]) {
      if (!parameter_null) keep_parameter(kept, fcinfo, i, kept->types[i], function.arguments[static_cast<std::size_t>(i)], context);
      continue;
    }
    if (!PG_ARGISNULL(i + 1)) {
      row.present |= static_cast<uint8>(1u << column);
      row.values[column] = kept->types[i] == BOOLOID ? (PG_GETARG_BOOL(i + 1) ? 1.0 : 0.0) : PG_GETARG_FLOAT8(i + 1);
    }
    ++column;
  }
  kept->parameters_set = kept->parameters_set || !parameter_null;
  kept->any_value = kept->any_value || row.present != 0;
  add_rows(kept, row, context);
  PG_RETURN_POINTER(kept);
}

Datum alignkit_aggregate_final(PG_FUNCTION_ARGS) {
  if (PG_ARGISNULL(0)) PG_RETURN_NULL();
  const AggregateState* kept = reinterpret_cast<const AggregateState*>(PG_GETARG_POINTER(0));
  // No row with a value: NULL, as avg() of nothing.
  if (kept->null_result || !kept->any_value) PG_RETURN_NULL();
  const double answer = guarded([&] { return evaluate_kept(*kept); });
  PG_RETURN_FLOAT8(answer);
}

Datum alignkit_aggregate_combine(PG_FUNCTION_ARGS) {
  MemoryContext context = aggregate_context(fcinfo);
  AggregateState* into = PG_ARGISNULL(0) ? nullptr : reinterpret_cast<AggregateState*>(PG_GETARG_POINTER(0));
  const AggregateState* from = PG_ARGISNULL(1) ? nullptr : reinterpret_cast<const AggregateState*>(PG_GETARG_POINTER(1));
  if (!from) PG_RETURN_POINTER(into);
  if (!into) {
    into = static_cast<AggregateState*>(MemoryContextAllocZero(context, sizeof(AggregateState)));
    *into = *from;
    into->tally = nullptr;
    into->slots = nullptr;
    into->tally_size = 0;
    into->values = nullptr;
    into->present = nullptr;
    into->rows = into->capacity = 0;
    start_tally(into, kFirstTally, context);
    if (from->ramp) {
      into->ramp = static_cast<double*>(MemoryContextAlloc(context, sizeof(double) * from->ramp_length));
      std::memcpy(into->ramp, from->ramp, sizeof(double) * from->ramp_length);
    }
  } else if (from->parameters_set && !into->parameters_set) {
    // Only `from` saw a row whose parameters count: they are the ones.
    std::memcpy(into->parameters, from->parameters, sizeof into->parameters);
    into->ramp = nullptr;
    into->ramp_length = from->ramp_length;
    if (from->ramp) {
      into->ramp = static_cast<double*>(MemoryContextAlloc(context, sizeof(double) * (from->ramp_length ? from->ramp_length : 1)));
      std::memcpy(into->ramp, from->ramp, sizeof(double) * from->ramp_length);
    }
    into->parameters_set = true;
  } else if (from->parameters_set) {
    const auto& function = alignkit::functions()[static_cast<std::size_t>(into->function_index)];
    for (int i = 0; i < into->argument_count; ++i) {
      if (into->per_row[i]) continue;
      const bool same_ramp = into->ramp_length == from->ramp_length &&
                             (!into->ramp || std::memcmp(into->ramp, from->ramp, sizeof(double) * into->ramp_length) == 0);
      if (!same_parameter(into->parameters[i], from->parameters[i]) || !same_ramp) {
        differs(function.arguments[static_cast<std::size_t>(i)]);
      }
    }
  }
  into->null_result = into->null_result || from->null_result;
  into->any_value = into->any_value || from->any_value;
  if (from->tally_size >= 0) {
    for (int k = 0; k < from->tally_size; ++k) add_rows(into, from->tally[k], context);
  } else {
    // More than kTallyLimit different rows came to `from`, so they will to `into`: both keep
    // rows one by one, and from's are copied in bulk.
    if (into->tally_size >= 0) keep_one_by_one(into, context);
    append_kept(into, *from, context);
  }
  PG_RETURN_POINTER(into);
}

Datum alignkit_aggregate_serialize(PG_FUNCTION_ARGS) {
  const AggregateState* kept = reinterpret_cast<const AggregateState*>(PG_GETARG_POINTER(0));
  const Size size = state_bytes(*kept);
  bytea* out = static_cast<bytea*>(palloc_extended(VARHDRSZ + size, MCXT_ALLOC_HUGE));
  SET_VARSIZE(out, VARHDRSZ + size);
  char* at = VARDATA(out);
  auto put = [&at](const void* from, Size bytes) {
    if (bytes) std::memcpy(at, from, bytes);
    at += bytes;
  };
  put(kept, sizeof(AggregateState));
  put(kept->tally, tally_bytes(*kept));
  put(kept->ramp, sizeof(double) * kept->ramp_length);
  put(kept->values, sizeof(double) * cell_count(*kept));
  put(kept->present, cell_count(*kept));
  PG_RETURN_BYTEA_P(out);
}

Datum alignkit_aggregate_deserialize(PG_FUNCTION_ARGS) {
  MemoryContext context = aggregate_context(fcinfo);
  const bytea* in = PG_GETARG_BYTEA_PP(0);
  const char* at = VARDATA_ANY(in);
  const Size size = VARSIZE_ANY_EXHDR(in);
  auto damaged = [] { ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("alignkit: a damaged aggregate state"))); };
  if (size < sizeof(AggregateState)) damaged();
  auto* kept = static_cast<AggregateState*>(MemoryContextAlloc(context, sizeof(AggregateState)));
  std::memcpy(kept, at, sizeof(AggregateState));
  at += sizeof(AggregateState);
  if (kept->function_index < 0 || kept->function_index >= static_cast<int>(alignkit::functions().size()) ||
      kept->argument_count < 0 || kept->argument_count > static_cast<int>(alignkit::kMaxArguments) || kept->columns < 0 ||
      kept->columns > kMaxColumns || kept->tally_size < -1 || kept->tally_size > kTallyLimit ||
      kept->ramp_length < 0 || kept->rows < 0 || (kept->tally_size >= 0 && kept->rows != 0) ||
      size != state_bytes(*kept)) {
    damaged();
  }
  const int tally_size = kept->tally_size;
  const int64 rows = kept->rows;
  kept->tally = nullptr;
  kept->slots = nullptr;
  kept->ramp = nullptr;
  kept->values = nullptr;
  kept->present = nullptr;
  kept->rows = kept->capacity = 0;
  if (tally_size >= 0) {
    int capacity = kFirstTally;
    while (capacity < tally_size) capacity *= 2;
    kept->tally_capacity = capacity;
    kept->tally = static_cast<Row*>(MemoryContextAlloc(context, sizeof(Row) * capacity));
    if (tally_size) std::memcpy(kept->tally, at, sizeof(Row) * tally_size);
    index_tally(kept, capacity, context);
    at += sizeof(Row) * tally_size;
  }
  if (kept->ramp_length) {
    kept->ramp = static_cast<double*>(MemoryContextAlloc(context, sizeof(double) * kept->ramp_length));
    std::memcpy(kept->ramp, at, sizeof(double) * kept->ramp_length);
  }
  at += sizeof(double) * kept->ramp_length;
  if (rows) {
    const Size cells = static_cast<Size>(rows * kept->columns);
    reserve(kept, rows, context);
    std::memcpy(kept->values, at, sizeof(double) * cells);
    std::memcpy(kept->present, at + sizeof(double) * cells, cells);
    kept->rows = rows;
  }
  PG_RETURN_POINTER(kept);
}
