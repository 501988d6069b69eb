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

struct Read {
  Input inputs[4];  // total, the weights as a list, buffer, decimals
  int count;
};

[[noreturn]] void differs(std::string_view name) {
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("%.*s must be the same in every row of a partition", static_cast<int>(name.size()), name.data())));
  pg_unreachable();
}

// Plain stage: every row's weight, and the arguments every row shares.
bool read_partition(WindowObject window, const FunctionInfo& function, int argument_count, int64 rows, Read* read) {
  read->count = argument_count;
  auto* weights = static_cast<double*>(palloc(sizeof(double) * (rows ? rows : 1)));
  auto* present = static_cast<bool*>(palloc(rows ? rows : 1));
  bool null_result = false;
  for (int64 r = 0; r < rows; ++r) {
    CHECK_FOR_INTERRUPTS();
    for (int i = 0; i < argument_count; ++i) {
      bool is_null = false, is_out = false;
      const Datum value = WinGetFuncArgInPartition(window, i, r, WINDOW_SEEK_HEAD, false, &is_null, &is_out);
      if (i == 1) {  // one row's weight: NULL is an empty cell, which weighs 0
        present[r] = !is_null;
        weights[r] = is_null ? 0.0 : DatumGetFloat8(value);
        continue;
      }
      const ArgumentInfo& argument = function.arguments[static_cast<std::size_t>(i)];
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
  Input& list = read->inputs[1];
  list.kind = Input::Kind::list;
  list.length = static_cast<int>(rows);
  list.values = weights;
  list.present = present;
  return null_result;
}

void split(const FunctionInfo& function, const Read& read, Partition* partition, int64 rows) {
  std::vector<Arg> args;
  for (int i = 0; i < read.count; ++i) args.push_back(to_arg(read.inputs[i], function.arguments[static_cast<std::size_t>(i)]));
  auto result = evaluate(function, args);
  if (!result) throw BadInput(result.error().message);
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
  if (!partition->computed) {
    Read* read = static_cast<Read*>(palloc(sizeof(Read)));
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
