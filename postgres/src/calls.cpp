// The entry points of every generated function: one for a number, a text or a list, one for a
// block (a set of rows). Each finds its catalog row by the name it was called as.
#include <cstring>
#include <string>
#include <vector>

#include "catalog_rows.hpp"
#include "guard.hpp"
#include "inputs.hpp"

extern "C" {
PGDLLEXPORT Datum alignkit_call(PG_FUNCTION_ARGS);
PGDLLEXPORT Datum alignkit_rows(PG_FUNCTION_ARGS);
PG_FUNCTION_INFO_V1(alignkit_call);
PG_FUNCTION_INFO_V1(alignkit_rows);
}

namespace alignkit::pg {
namespace {

// A NULL argument gives NULL, except where the catalog gives leaving it out a meaning of its own
// (a default the function decides, or a value it judges itself: GOAL.SMART's empty baseline).
bool null_means_left_out(const ArgumentInfo& argument) {
  return argument.kind == ArgKind::value ||
         (argument.fallback && std::holds_alternative<std::monostate>(argument.fallback->value));
}

struct Inputs {
  int count;
  bool gives_null;
  Input values[kMaxArguments];  // the first `count` are read
};

// Plain stage: the arguments as plain data.
void read_inputs(FunctionCallInfo fcinfo, const CalledAs& called, Inputs& inputs) {
  inputs.count = PG_NARGS();
  inputs.gives_null = false;
  for (int i = 0; i < inputs.count; ++i) {
    const ArgumentInfo& argument = called.function->arguments[static_cast<std::size_t>(i)];
    if (PG_ARGISNULL(i)) {
      if (!null_means_left_out(argument)) inputs.gives_null = true;
      inputs.values[i] = Input::left_out();
      continue;
    }
    if (called.types[i] == FLOAT8OID) {  // most arguments: written in place, only what a number uses
      inputs.values[i].kind = Input::Kind::number;
      inputs.values[i].number = PG_GETARG_FLOAT8(i);
      continue;
    }
    inputs.values[i] = read_input(fcinfo, i, called.types[i], argument, &called.lists[i]);
  }
}

// What a function answered, as plain data for the plain stage to return.
struct CallResult {
  double number = 0;
  char* text = nullptr;
  Datum* values = nullptr;  // a list, or a block row by row
  int rows = 0, cols = 0;
  int lead_in = 0;  // a block's rows before period 1
};

// The arguments of one call site, kept from row to row so that their memory is reused; freed
// with the query's memory (a reset callback on fn_mcxt).
struct CallSite {
  std::vector<Arg> args;
  MemoryContextCallback freed;
};

std::vector<Arg>& arguments_of(FmgrInfo* flinfo) {
  auto* called = static_cast<CalledAs*>(flinfo->fn_extra);
  if (!called->site) {
    auto* site = new CallSite;
    site->freed.func = [](void* site) { delete static_cast<CallSite*>(site); };
    site->freed.arg = site;
    MemoryContextRegisterResetCallback(flinfo->fn_mcxt, &site->freed);  // never raises
    called->site = site;
  }
  return static_cast<CallSite*>(called->site)->args;
}

Output evaluate_inputs(const FunctionInfo& function, const Inputs& inputs, std::vector<Arg>& args) {
  args.resize(static_cast<std::size_t>(inputs.count));
  for (int i = 0; i < inputs.count; ++i) {
    set_arg(args[static_cast<std::size_t>(i)], inputs.values[i], function.arguments[static_cast<std::size_t>(i)]);
  }
  auto result = evaluate(function, args);
  if (!result) throw_error(result.error());
  return std::move(result).value();
}

CallResult result_of(const FunctionInfo& function, const Inputs& inputs, std::vector<Arg>& args) {
  Output output = evaluate_inputs(function, inputs, args);
  CallResult answer;
  if (const auto* number = std::get_if<double>(&output)) {
    answer.number = *number;
  } else if (const auto* text = std::get_if<std::string>(&output)) {
    answer.text = allocate<char>(text->size() + 1);
    std::memcpy(answer.text, text->c_str(), text->size() + 1);
  } else {
    const auto& block = std::get<NumberBlock>(output);
    answer.rows = static_cast<int>(block.rows);
    answer.cols = static_cast<int>(block.cols);
    answer.values = allocate<Datum>(block.values.size());
    for (std::size_t k = 0; k < block.values.size(); ++k) answer.values[k] = Float8GetDatum(block.values[k]);
    // Periods are the rows of the first argument; a block longer than that starts with lead-in periods.
    answer.lead_in = answer.rows - inputs.values[0].length;
  }
  return answer;
}

}  // namespace
}  // namespace alignkit::pg

using namespace alignkit::pg;

Datum alignkit_call(PG_FUNCTION_ARGS) {
  const CalledAs& called = called_as(fcinfo->flinfo, fcinfo->flinfo->fn_oid);
  Inputs inputs;
  read_inputs(fcinfo, called, inputs);
  if (inputs.gives_null) PG_RETURN_NULL();
  const CallResult answer = guarded([&] { return result_of(*called.function, inputs, arguments_of(fcinfo->flinfo)); });
  switch (called.function->shape) {
    case alignkit::ResultShape::number: PG_RETURN_FLOAT8(answer.number);
    case alignkit::ResultShape::text: PG_RETURN_TEXT_P(cstring_to_text(answer.text));
    default:
      PG_RETURN_ARRAYTYPE_P(construct_array(answer.values, answer.rows * answer.cols, FLOAT8OID, sizeof(float8),
                                            FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
  }
}

Datum alignkit_rows(PG_FUNCTION_ARGS) {
  const CalledAs& called = called_as(fcinfo->flinfo, fcinfo->flinfo->fn_oid);
  Inputs inputs;
  read_inputs(fcinfo, called, inputs);
  InitMaterializedSRF(fcinfo, 0);
  if (inputs.gives_null) return (Datum)0;  // no rows
  const CallResult result_rows = guarded([&] { return result_of(*called.function, inputs, arguments_of(fcinfo->flinfo)); });
  const CallResult* answer = &result_rows;
  auto* result = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  const auto& columns = called.function->columns;
  const int named = static_cast<int>(columns.size());
  // The period, then each named column (the catalog bounds them; alignkit_sqlgen checks it at build).
  Datum values[alignkit::kMaxResultColumns + 1];
  bool nulls[alignkit::kMaxResultColumns + 1] = {};
  for (int r = 0; r < answer->rows; ++r) {
    const Datum* row = answer->values + static_cast<std::ptrdiff_t>(r) * answer->cols;
    values[0] = Int32GetDatum(r + 1 - answer->lead_in);
    int from = 0;
    for (int c = 0; c < named; ++c) {
      if (columns[static_cast<std::size_t>(c)].ends_with("[]")) {
        const int varying = answer->cols - (named - 1);  // every column the named ones leave
        values[c + 1] = PointerGetDatum(
            construct_array(const_cast<Datum*>(row + from), varying, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
        from += varying;
      } else {
        values[c + 1] = row[from++];
      }
    }
    tuplestore_putvalues(result->setResult, result->setDesc, values, nulls);
    CHECK_FOR_INTERRUPTS();
  }
  return (Datum)0;
}
