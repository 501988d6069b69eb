#include "catalog_rows.hpp"

#include "guard.hpp"

namespace alignkit::pg {

const CalledAs& called_as(FmgrInfo* flinfo, Oid function_oid) {
  if (flinfo->fn_extra) return *static_cast<const CalledAs*>(flinfo->fn_extra);
  auto* found = static_cast<CalledAs*>(MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(CalledAs)));
  char* name = get_func_name(function_oid);
  Oid* types = nullptr;
  const Oid result_type = get_func_signature(function_oid, &types, &found->argument_count);
  (void)result_type;
  const int index = guarded([&] {
    const FunctionInfo* function = name ? find_function(name) : nullptr;
    const auto all = functions();
    return function ? static_cast<int>(function - all.data()) : -1;
  });
  if (index < 0 || found->argument_count > static_cast<int>(kMaxArguments)) {
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_FUNCTION), errmsg("alignkit has no function %s", name ? name : "?")));
  }
  for (int i = 0; i < found->argument_count; ++i) {
    found->types[i] = types[i];
    found->lists[i].context = flinfo->fn_mcxt;
  }
  found->function_index = index;
  found->function = &functions()[static_cast<std::size_t>(index)];
  flinfo->fn_extra = found;
  return *found;
}

}  // namespace alignkit::pg
