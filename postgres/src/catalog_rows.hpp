#pragma once
// Which catalog row a SQL function is: found once per query from the name it was called as,
// with the SQL types of its arguments, and kept in the call's fn_extra.
#include "alignkit/catalog/catalog.hpp"
#include "inputs.hpp"
#include "postgres.hpp"

namespace alignkit::pg {

struct CalledAs {
  const FunctionInfo* function = nullptr;
  int function_index = 0;  // in functions(): the same in every process (parallel workers)
  int argument_count = 0;
  Oid types[kMaxArguments] = {};
  void* site = nullptr;  // what the entry point keeps from call to call (its own type)
  mutable ListBuffer lists[kMaxArguments] = {};  // where each list argument is decoded, row after row
};

/// The catalog row of the SQL function with this oid.
const CalledAs& called_as(FmgrInfo* flinfo, Oid function_oid);

}  // namespace alignkit::pg
