#pragma once
// A call's SQL arguments as the catalog's spreadsheet-shaped arguments. Reading happens in two
// steps: read_input() takes a Datum apart into plain data (it may raise PostgreSQL errors and
// holds no C++ objects); to_arg() makes the core's Arg from it inside guarded().
#include <cstddef>

#include "alignkit/catalog/catalog.hpp"
#include "alignkit/metrics/values.hpp"
#include "postgres.hpp"

namespace alignkit::pg {

/// A list holds at most as many values as a Calc column has rows.
inline constexpr int kMaxListLength = 1048576;

/// One argument as plain data, in the call's memory context. No member initialisers: a call
/// keeps up to eight of these on the stack, and zeroing them cost more than the math.
struct Input {
  enum class Kind : char { left_out, number, text, list } kind;
  double number;
  const char* text;  // not NUL-terminated
  int length;        // of text, or of the list
  const double* values;
  const bool* present;  // false: a NULL element, an empty cell

  static Input left_out() { return {Kind::left_out, 0, nullptr, 0, nullptr, nullptr}; }
  static Input of_number(double value) { return {Kind::number, value, nullptr, 0, nullptr, nullptr}; }
};

/// Days from Calc's day 0 (1899-12-30) to PostgreSQL's (2000-01-01).
inline constexpr double kCalcSerialOfPostgresEpoch = 36526;

/// Where a list's values are decoded: kept by a call site from row to row, so reading a list
/// allocates nothing once it has been as long before. Plain memory of the query (fn_mcxt).
struct ListBuffer {
  MemoryContext context;
  double* values;
  bool* present;
  int capacity;
};

/// Reads argument i of type `type` (NULLs are the caller's: this needs a value).
Input read_input(FunctionCallInfo fcinfo, int i, Oid type, const ArgumentInfo& argument, ListBuffer* reuse = nullptr);

/// A list of numbers (float8[] or boolean[]) as plain data: in `reuse` when given, else in
/// memory of the current context. Read in place, without the copy detoasting would make.
Input read_list(Datum datum, const ArgumentInfo& argument, ListBuffer* reuse = nullptr);

/// The core's argument; numbers that are not finite are bad input, named by the argument.
Arg to_arg(const Input& input, const ArgumentInfo& argument);
/// The same, written into an argument kept from an earlier row (a list reuses its memory).
void set_arg(Arg& arg, const Input& input, const ArgumentInfo& argument);

}  // namespace alignkit::pg
