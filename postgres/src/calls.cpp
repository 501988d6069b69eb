// The entry points of every generated function: one for a number, a text or a list, one for a
// block (a set of rows). Each finds its catalog row by the name it was called as.
#include <cstring>
#include <string>
#include <vector>

#include "catalog_rows.hpp"
#include "guard.hpp"
#include "inputs.hpp"

extern "C" {
PG_MODULE_MAGIC;
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
  int count = 0;
  bool gives_null = false;
  Input values[kMaxArguments];
};

// Plain stage: the arguments as plain data.
Inputs* read_inputs(FunctionCallInfo fcinfo, const CalledAs& called) {
  auto* inputs = static_cast<Inputs*>(palloc0(sizeof(Inputs)));
  inputs->count = PG_NARGS();
  for (int i = 0; i < inputs->count; ++i) {
    const ArgumentInfo& argument = called.function->arguments[static_cast<std::size_t>(i)];
    if (PG_ARGISNULL(i)) {
      if (!null_means_left_out(argument)) inputs->gives_null = true;
      continue;  // left_out
    }
    inputs->values[i] = read_input(fcinfo, i, called.types[i], argument);
  }
  return inputs;
}

// What a function answered, as plain data for the plain stage to return.
struct Answer {
  double number = 0;
  char* text = nullptr;
  Datum* values = nullptr;  // a list, or a block row by row
  int rows = 0, cols = 0;
  int lead_in = 0;  // a block's rows before period 1
};

Output evaluate_inputs(const FunctionInfo& function, const Inputs& inputs) {
  std::vector<Arg> args;
  args.reserve(static_cast<std::size_t>(inputs.count));
  for (int i = 0; i < inputs.count; ++i) {
    args.push_back(to_arg(inputs.values[i], function.arguments[static_cast<std::size_t>(i)]));
  }
  auto result = evaluate(function, args);
  if (!result) throw BadInput(result.error().message);
  return std::move(result).value();
}

Answer* answer_of(const FunctionInfo& function, const Inputs& inputs) {
  Output output = evaluate_inputs(function, inputs);
  auto* answer = allocate<Answer>(1);
  *answer = Answer{};
  if (const auto* number = std::get_if<double>(&output)) {
    answer->number = *number;
  } else if (const auto* text = std::get_if<std::string>(&output)) {
    answer->text = allocate<char>(text->size() + 1);
    std::memcpy(answer->text, text->c_str(), text->size() + 1);
  } else {
    const auto& block = std::get<NumberBlock>(output);
    answer->rows = static_cast<int>(block.rows);
    answer->cols = static_cast<int>(block.cols);
    answer->values = allocate<Datum>(block.values.size());
    for (std::size_t k = 0; k < block.values.size(); ++k) answer->values[k] = Float8GetDatum(block.values[k]);
    // Periods are the rows of the first argument; a block longer than that starts with lead-in periods.
    answer->lead_in = answer->rows - inputs.values[0].length;
  }
  return answer;
}

}  // namespace
}  // namespace alignkit::pg

using namespace alignkit::pg;

Datum alignkit_call(PG_FUNCTION_ARGS) {
  const CalledAs& called = called_as(fcinfo->flinfo, fcinfo->flinfo->fn_oid);
  const Inputs* inputs = read_inputs(fcinfo, called);
  if (inputs->gives_null) PG_RETURN_NULL();
  const Answer* answer = guarded([&] { return answer_of(*called.function, *inputs); });
  switch (called.function->shape) {
    case alignkit::ResultShape::number: PG_RETURN_FLOAT8(answer->number);
    case alignkit::ResultShape::text: PG_RETURN_TEXT_P(cstring_to_text(answer->text));
    default:
      PG_RETURN_ARRAYTYPE_P(construct_array(answer->values, answer->rows * answer->cols, FLOAT8OID, sizeof(float8),
                                            FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
  }
}

Datum alignkit_rows(PG_FUNCTION_ARGS) {
  const CalledAs& called = called_as(fcinfo->flinfo, fcinfo->flinfo->fn_oid);
  const Inputs* inputs = read_inputs(fcinfo, called);
  InitMaterializedSRF(fcinfo, 0);
  if (inputs->gives_null) return (Datum)0;  // no rows
  const Answer* answer = guarded([&] { return answer_of(*called.function, *inputs); });
  auto* result = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  const auto& columns = called.function->columns;
  const int named = static_cast<int>(columns.size());
  Datum values[alignkit::kMaxArguments + 2];
  bool nulls[alignkit::kMaxArguments + 2] = {};
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
