// GOAL.ALLOCATE as a window: the partition's weights are read once, split by the catalog
// function, and each row answers its part; with decimals the parts of a partition add up to
// the rounded total exactly (largest remainder), as in Calc.
#include <cmath>
#include <vector>

#include "catalog_rows.hpp"
#include "guard.hpp"
#include "inputs.hpp"

extern "C" {
PGDLLEXPORT Datum alignkit_window(PG_FUNCTION_ARGS);
PG_FUNCTION_INFO_V1(alignkit_window);
}

namespace alignkit::pg {
namespace {

// What a partition keeps between its rows' calls (zeroed by PostgreSQL when the partition starts).
struct alignas(double) Partition {
  bool computed;
  bool null_result;
  double* parts() { return reinterpret_cast<double*>(this + 1); }  // one per row, after this header
};

// The partition's arguments as the catalog row declares them (GOAL.ALLOCATE: total, the weights
// as a list, buffer, decimals): sized by the catalog's most, never by one row's count today.
struct PartitionInputs {
  Input inputs[kMaxArguments];
  int count;
};

[[noreturn]] void differs(std::string_view name) {
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("%.*s must be the same in every row of a partition", static_cast<int>(name.size()), name.data())));
  pg_unreachable();
}

// Plain stage: every row's weight, and the arguments every row shares.
bool read_partition(WindowObject window, const FunctionInfo& function, int argument_count, int64 rows, PartitionInputs* read) {
  read->count = argument_count;
  auto* weights = static_cast<double*>(palloc(sizeof(double) * (rows ? rows : 1)));
  auto* present = static_cast<bool*>(palloc(rows ? rows : 1));
  bool null_result = false;
  int list_at = -1;  // the argument each row gives one value of
  for (int i = 0; i < argument_count && rows == 0; ++i) {
    if (takes_range(function.arguments[static_cast<std::size_t>(i)].kind)) list_at = i;
  }
  for (int64 r = 0; r < rows; ++r) {
    CHECK_FOR_INTERRUPTS();
    for (int i = 0; i < argument_count; ++i) {
      bool is_null = false, is_out = false;
      const Datum value = WinGetFuncArgInPartition(window, i, r, WINDOW_SEEK_HEAD, false, &is_null, &is_out);
      const ArgumentInfo& argument = function.arguments[static_cast<std::size_t>(i)];
      if (takes_range(argument.kind)) {  // one row's weight: NULL is an empty cell, which weighs 0
        present[r] = !is_null;
        weights[r] = is_null ? 0.0 : DatumGetFloat8(value);
        list_at = i;
        continue;
      }
      const bool left_to_function = argument.fallback && std::holds_alternative<std::monostate>(argument.fallback->value);
      Input& shared = read->inputs[i];
      if (is_null) {
        if (!left_to_function) null_result = true;
        if (r > 0 && shared.kind != Input::Kind::left_out) differs(argument.name);
        continue;
      }
      const double number = DatumGetFloat8(value);
      if (r == 0) {
        shared.kind = Input::Kind::number;
        shared.number = number;
      } else if (shared.kind != Input::Kind::number ||
                 !(shared.number == number || (std::isnan(number) && std::isnan(shared.number)))) {
        differs(argument.name);
      }
    }
  }
  if (list_at < 0) ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("alignkit: the window's catalog row takes no range")));
  Input& list = read->inputs[list_at];
  list.kind = Input::Kind::list;
  list.length = static_cast<int>(rows);
  list.values = weights;
  list.present = present;
  return null_result;
}

void split(const FunctionInfo& function, const PartitionInputs& read, Partition* partition, int64 rows) {
  std::vector<Arg> args;
  for (int i = 0; i < read.count; ++i) args.push_back(to_arg(read.inputs[i], function.arguments[static_cast<std::size_t>(i)]));
  auto result = evaluate(function, args);
  if (!result) throw_error(result.error());
  const auto& parts = std::get<NumberBlock>(*result).values;
  if (static_cast<int64>(parts.size()) != rows) throw std::logic_error("the parts do not match the partition's rows");
  for (int64 r = 0; r < rows; ++r) partition->parts()[r] = parts[static_cast<std::size_t>(r)];
}

}  // namespace
}  // namespace alignkit::pg

using namespace alignkit::pg;

Datum alignkit_window(PG_FUNCTION_ARGS) {
  WindowObject window = PG_WINDOW_OBJECT();
  const CalledAs& called = called_as(fcinfo->flinfo, fcinfo->flinfo->fn_oid);
  const int64 rows = WinGetPartitionRowCount(window);
  if (rows > kMaxListLength) {
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("a partition has more rows than a Calc column holds (1048576)")));
  }
  auto* partition = static_cast<Partition*>(
      WinGetPartitionLocalMemory(window, sizeof(Partition) + sizeof(double) * (rows ? rows : 1)));
  if (PG_NARGS() > static_cast<int>(called.function->arguments.size()) || PG_NARGS() > static_cast<int>(alignkit::kMaxArguments)) {
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("alignkit: more arguments than the catalog row declares")));
  }
  if (!partition->computed) {
    auto* read = static_cast<PartitionInputs*>(palloc(sizeof(PartitionInputs)));
    for (Input& input : read->inputs) input = Input::left_out();
    partition->null_result = read_partition(window, *called.function, PG_NARGS(), rows, read);
    if (!partition->null_result) {
      guarded([&] {
        split(*called.function, *read, partition, rows);
        return true;
      });
    }
    partition->computed = true;
  }
  if (partition->null_result) PG_RETURN_NULL();
  PG_RETURN_FLOAT8(partition->parts()[WinGetCurrentPosition(window)]);
}
