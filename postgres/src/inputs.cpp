#include "inputs.hpp"

#include <cmath>
#include <string>

#include "guard.hpp"

namespace alignkit::pg {
namespace {

[[noreturn]] void bad_list(const ArgumentInfo& argument, const char* problem) {
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("%.*s %s", static_cast<int>(argument.name.size()), argument.name.data(), problem)));
  pg_unreachable();
}

std::string name_of(const ArgumentInfo& argument) { return std::string(argument.name); }

}  // namespace

Input read_list(Datum datum, const ArgumentInfo& argument) {
  ArrayType* array = DatumGetArrayTypeP(datum);
  if (ARR_NDIM(array) > 1) bad_list(argument, "must be a list (a one-dimensional array), not a block");
  const int count = ArrayGetNItems(ARR_NDIM(array), ARR_DIMS(array));
  if (count > kMaxListLength) bad_list(argument, "has more values than a Calc column holds (1048576)");
  const Oid element = ARR_ELEMTYPE(array);
  if (element != FLOAT8OID && element != BOOLOID) bad_list(argument, "must be an array of numbers");
  Input input = Input::left_out();
  input.kind = Input::Kind::list;
  input.length = count;
  auto* values = static_cast<double*>(palloc(sizeof(double) * (count ? count : 1)));
  auto* present = static_cast<bool*>(palloc(count ? count : 1));
  const bits8* nulls = ARR_NULLBITMAP(array);
  const char* data = ARR_DATA_PTR(array);
  for (int k = 0; k < count; ++k) {
    present[k] = !nulls || (nulls[k / 8] & (1 << (k % 8)));
    if (!present[k]) {
      values[k] = 0;
    } else if (element == FLOAT8OID) {
      values[k] = *reinterpret_cast<const float8*>(data);
      data += sizeof(float8);
    } else {
      values[k] = *reinterpret_cast<const bool*>(data) ? 1.0 : 0.0;
      data += sizeof(bool);
    }
  }
  input.values = values;
  input.present = present;
  return input;
}

Input read_input(FunctionCallInfo fcinfo, int i, Oid type, const ArgumentInfo& argument) {
  switch (type) {
    case FLOAT8OID: return Input::of_number(PG_GETARG_FLOAT8(i));
    case BOOLOID: return Input::of_number(PG_GETARG_BOOL(i) ? 1.0 : 0.0);
    case DATEOID: {
      const DateADT date = PG_GETARG_DATEADT(i);
      if (DATE_NOT_FINITE(date)) bad_list(argument, "must be a finite date");
      return Input::of_number(kCalcSerialOfPostgresEpoch + date);
    }
    case TEXTOID: {
      text* value = PG_GETARG_TEXT_PP(i);
      Input input = Input::left_out();
      input.kind = Input::Kind::text;
      input.text = VARDATA_ANY(value);
      input.length = static_cast<int>(VARSIZE_ANY_EXHDR(value));
      return input;
    }
    default: return read_list(PG_GETARG_DATUM(i), argument);
  }
}

void set_arg(Arg& arg, const Input& input, const ArgumentInfo& argument) {
  switch (input.kind) {
    case Input::Kind::left_out: arg = Missing{}; return;
    case Input::Kind::number:
      if (!std::isfinite(input.number)) throw BadInput(name_of(argument) + " is not a finite number");
      arg = input.number;
      return;
    case Input::Kind::text: arg = std::string(input.text, static_cast<std::size_t>(input.length)); return;
    case Input::Kind::list: break;
  }
  if (!std::holds_alternative<Range>(arg)) arg = Range{};
  auto& range = std::get<Range>(arg);
  auto& cells = range.cells;
  cells.clear();
  cells.reserve(static_cast<std::size_t>(input.length));
  for (int k = 0; k < input.length; ++k) {
    if ((k & 0xffff) == 0xffff) check_for_interrupts();
    if (!input.present[k]) {
      cells.emplace_back(EmptyCell{});
      continue;
    }
    if (!std::isfinite(input.values[k])) {
      throw BadInput(name_of(argument) + ": value " + std::to_string(k + 1) + " is not a finite number");
    }
    cells.emplace_back(input.values[k]);
  }
  // Calc reads one cell as a number of ramp months; SQL's list is always fractions, and a rep
  // is at 100% after the last one listed, so one more month at 100% says the same.
  if (argument.kind == ArgKind::ramp && cells.size() == 1) cells.emplace_back(1.0);
  range.rows = cells.size();
  range.cols = cells.empty() ? 0 : 1;
}

Arg to_arg(const Input& input, const ArgumentInfo& argument) {
  Arg arg;
  set_arg(arg, input, argument);
  return arg;
}

}  // namespace alignkit::pg
