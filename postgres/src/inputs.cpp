#include "inputs.hpp"

#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
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

// An array as stored, read where it lies. A small array in a table row has a one-byte header
// (PostgreSQL "packs" it) and then its body is not aligned: detoasting would copy it to fix
// that, so the header fields and values are read with memcpy instead. Offsets inside the body
// are those of the unpacked array, counted from a four-byte header.
struct StoredArray {
  const char* base;  // where a four-byte header would begin: body offsets count from here
  Size size;         // as if unpacked
  int ndim;
  int32 dataoffset;
  Oid element;

  template <typename T>
  T at(Size offset) const {
    T value;
    std::memcpy(&value, base + offset, sizeof value);
    return value;
  }
};

StoredArray stored_array(Datum datum) {
  const auto* packed = reinterpret_cast<const struct varlena*>(PG_DETOAST_DATUM_PACKED(datum));
  StoredArray array;
  array.base = VARDATA_ANY(packed) - VARHDRSZ;
  array.size = VARSIZE_ANY_EXHDR(packed) + VARHDRSZ;
  array.ndim = array.at<int>(offsetof(ArrayType, ndim));
  array.dataoffset = array.at<int32>(offsetof(ArrayType, dataoffset));
  array.element = array.at<Oid>(offsetof(ArrayType, elemtype));
  return array;
}

Input read_list(Datum datum, const ArgumentInfo& argument, ListBuffer* reuse) {
  const StoredArray array = stored_array(datum);
  if (array.size < sizeof(ArrayType) || array.ndim < 0 || array.ndim > MAXDIM ||
      array.size < ARR_OVERHEAD_NONULLS(array.ndim)) {
    bad_list(argument, "is not a readable array");
  }
  if (array.ndim > 1) bad_list(argument, "must be a list (a one-dimensional array), not a block");
  const int count = array.ndim == 0 ? 0 : array.at<int>(sizeof(ArrayType));
  if (count < 0) bad_list(argument, "is not a readable array");
  if (count > kMaxListLength) bad_list(argument, "has more values than a Calc column holds (1048576)");
  if (array.element != FLOAT8OID && array.element != BOOLOID) bad_list(argument, "must be an array of numbers");
  const Size element_size = array.element == FLOAT8OID ? sizeof(float8) : sizeof(bool);
  // As ARR_NULLBITMAP and ARR_DATA_OFFSET do: the bitmap right after the dimensions, the data aligned.
  const Size nulls_at = sizeof(ArrayType) + 2 * sizeof(int) * static_cast<Size>(array.ndim);
  const Size data_at = array.dataoffset != 0 ? static_cast<Size>(array.dataoffset) : ARR_OVERHEAD_NONULLS(array.ndim);
  const bits8* nulls = array.dataoffset != 0 ? reinterpret_cast<const bits8*>(array.base + nulls_at) : nullptr;
  if (data_at > array.size || (nulls && nulls_at + (count + 7) / 8 > data_at)) bad_list(argument, "is not a readable array");
  int stored = count;  // NULL elements take no room in the data
  for (int k = 0; nulls && k < count; ++k) stored -= (nulls[k / 8] & (1 << (k % 8))) ? 0 : 1;
  if (array.size - data_at < element_size * static_cast<Size>(stored)) {
    bad_list(argument, "is not a readable array");  // never from PostgreSQL itself: a damaged value
  }
  Input input = Input::left_out();
  input.kind = Input::Kind::list;
  input.length = count;
  double* values;
  bool* present;
  if (reuse) {
    if (reuse->capacity < count) {
      // Grown in the buffer's own context; the smaller one goes with the query.
      reuse->values = static_cast<double*>(MemoryContextAlloc(reuse->context, sizeof(double) * count));
      reuse->present = static_cast<bool*>(MemoryContextAlloc(reuse->context, count));
      reuse->capacity = count;
    }
    values = reuse->values;
    present = reuse->present;
  } else {
    values = static_cast<double*>(palloc(sizeof(double) * (count ? count : 1)));
    present = static_cast<bool*>(palloc(count ? count : 1));
  }
  const char* data = array.base + data_at;
  for (int k = 0; k < count; ++k) {
    present[k] = !nulls || (nulls[k / 8] & (1 << (k % 8)));
    if (!present[k]) {
      values[k] = 0;
    } else if (array.element == FLOAT8OID) {
      std::memcpy(&values[k], data, sizeof(float8));
      data += sizeof(float8);
    } else {
      values[k] = *data ? 1.0 : 0.0;
      data += sizeof(bool);
    }
  }
  input.values = values;
  input.present = present;
  return input;
}

Input read_input(FunctionCallInfo fcinfo, int i, Oid type, const ArgumentInfo& argument, ListBuffer* reuse) {
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
    default: return read_list(PG_GETARG_DATUM(i), argument, reuse);
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
  // A list is numbers and empty cells (NULL elements), held as numbers with NaN for empty:
  // written over the previous row's without allocating.
  auto& numbers = range.numbers;
  range.cells.clear();
  numbers.resize(static_cast<std::size_t>(input.length));
  for (int k = 0; k < input.length; ++k) {
    if ((k & 0xffff) == 0xffff) check_for_interrupts();
    if (!input.present[k]) {
      numbers[static_cast<std::size_t>(k)] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    if (!std::isfinite(input.values[k])) {
      throw BadInput(name_of(argument) + ": value " + std::to_string(k + 1) + " is not a finite number");
    }
    numbers[static_cast<std::size_t>(k)] = input.values[k];
  }
  // Calc reads one cell as a number of ramp months; SQL's list is always fractions, and a rep
  // is at 100% after the last one listed, so one more month at 100% says the same.
  if (argument.kind == ArgKind::ramp && numbers.size() == 1) numbers.push_back(1.0);
  range.rows = numbers.size();
  range.cols = numbers.empty() ? 0 : 1;
}

Arg to_arg(const Input& input, const ArgumentInfo& argument) {
  Arg arg;
  set_arg(arg, input, argument);
  return arg;
}

}  // namespace alignkit::pg
