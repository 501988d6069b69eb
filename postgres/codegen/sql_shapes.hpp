#pragma once
// How a catalog function looks in SQL: its name, each argument's type and default, its result.
// The install script and the SQL reference are both written from these, so they cannot differ.
#include <optional>
#include <string>
#include <vector>

#include "alignkit/catalog/catalog.hpp"

namespace alignkit::sql {

/// "FUNNEL.BUDGET" -> "funnel_budget".
std::string function_name(const FunctionInfo& function);

/// One SQL signature of a catalog function (a ramp gives two: months, or a list of fractions).
struct Parameter {
  std::string name;
  std::string type;          // "double precision", "double precision[]", "boolean", "date", "text"
  std::string default_text;  // SQL literal, empty when required
};
struct Signature {
  std::vector<Parameter> parameters;
  std::string returns;  // "double precision", "text", "double precision[]", or "TABLE (…)"
  bool strict = true;   // no argument gives NULL a meaning of its own
};
std::vector<Signature> signatures(const FunctionInfo& function);

/// The same function over the rows of a table: an aggregate (or, for GOAL.ALLOCATE, a window).
/// One signature per number of arguments given (SQL aggregates take no defaults).
struct RowsForm {
  bool window = false;
  std::vector<std::vector<Parameter>> overloads;
};
std::optional<RowsForm> rows_form(const FunctionInfo& function);

/// Functions that SQL reaches through templates of its own (TEMPLATE.*), not generated.
bool generated(const FunctionInfo& function);

std::string types_of(const std::vector<Parameter>& parameters);  // "double precision, boolean"
std::string quoted(std::string_view text);                        // 'it''s'

}  // namespace alignkit::sql
