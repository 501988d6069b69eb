#include "sql_shapes.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace alignkit::sql {
namespace {

constexpr const char* kNumber = "double precision";
constexpr const char* kNumbers = "double precision[]";


// One value of an argument that takes one value: the kinds of SQL follow what a cell holds.
std::string scalar_type(ArgKind kind) {
  switch (kind) {
    case ArgKind::flag: return "boolean";
    case ArgKind::date: return "date";
    case ArgKind::text: return "text";
    case ArgKind::cells: return "boolean";  // one goal's "linked"
    default: return kNumber;
  }
}

std::string type_of(const ArgumentInfo& argument, bool ramp_as_list) {
  if (argument.kind == ArgKind::ramp) return ramp_as_list ? kNumbers : kNumber;
  if (argument.kind == ArgKind::value) return scalar_type(argument.typical);
  if (argument.kind == ArgKind::cells) return "boolean[]";
  if (takes_range(argument.kind)) return kNumbers;
  return scalar_type(argument.kind);
}

std::string literal(const Default& fallback) {
  if (const auto* number = std::get_if<double>(&fallback.value)) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", *number);
    return text;
  }
  if (const auto* flag = std::get_if<bool>(&fallback.value)) return *flag ? "true" : "false";
  if (const auto* text = std::get_if<std::string_view>(&fallback.value)) return quoted(*text);
  return "NULL";  // the function decides: NULL stands for "left out"
}

bool has_ramp(const FunctionInfo& function) {
  for (const auto& a : function.arguments) {
    if (a.kind == ArgKind::ramp) return true;
  }
  return false;
}

std::string result_of(const FunctionInfo& function) {
  switch (function.shape) {
    case ResultShape::number: return kNumber;
    case ResultShape::text: return "text";
    case ResultShape::column:
    case ResultShape::same_shape: return kNumbers;
    case ResultShape::block: {
      std::string columns = "period integer";
      for (std::string_view column : function.columns) {
        const bool varying = column.ends_with("[]");
        columns += ", " + std::string(varying ? column.substr(0, column.size() - 2) : column) + " " +
                   (varying ? kNumbers : kNumber);
      }
      return "TABLE (" + columns + ")";
    }
    case ResultShape::number_or_text: break;
  }
  return "text";
}

}  // namespace

std::string function_name(const FunctionInfo& function) {
  std::string name;
  for (char c : function.name) name += c == '.' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

bool generated(const FunctionInfo& function) { return !function.reads_files(); }

std::vector<Signature> signatures(const FunctionInfo& function) {
  std::vector<Signature> out;
  const int forms = has_ramp(function) ? 2 : 1;
  for (int form = 0; form < forms; ++form) {
    const bool ramp_as_list = form == 1;
    Signature signature;
    signature.returns = result_of(function);
    for (const auto& a : function.arguments) {
      Parameter parameter{std::string(a.name), type_of(a, ramp_as_list), {}};
      if (a.kind == ArgKind::value) signature.strict = false;  // NULL is an empty value, judged by the function
      if (a.fallback) {
        const bool left_to_function = std::holds_alternative<std::monostate>(a.fallback->value);
        if (left_to_function) signature.strict = false;
        // An optional ramp defaults in one form only, or leaving it out would fit both.
        if (!(a.kind == ArgKind::ramp && ramp_as_list)) parameter.default_text = literal(*a.fallback);
      }
      signature.parameters.push_back(std::move(parameter));
    }
    out.push_back(std::move(signature));
  }
  return out;
}

std::optional<RowsForm> rows_form(const FunctionInfo& function) {
  if (function.one_row.empty()) return std::nullopt;
  RowsForm form;
  form.window = function.shape == ResultShape::same_shape;
  // Each argument as one row gives it: a range becomes that row's value, the rest stay as they are.
  std::vector<std::vector<Parameter>> forms(1);
  std::size_t row_value = 0;
  std::size_t required = 0;
  std::vector<std::size_t> ends;  // how many arguments each overload takes
  for (std::size_t i = 0; i < function.arguments.size(); ++i) {
    const auto& a = function.arguments[i];
    if (!a.optional()) required = i + 1;
    if (takes_range(a.kind)) {
      const std::string type = scalar_type(a.kind == ArgKind::cells ? ArgKind::cells : ArgKind::number);
      for (auto& f : forms) f.push_back({std::string(function.one_row.at(row_value)), type, {}});
      ++row_value;
    } else if (a.kind == ArgKind::ramp) {
      auto as_list = forms;
      for (auto& f : forms) f.push_back({std::string(a.name), kNumber, {}});
      for (auto& f : as_list) f.push_back({std::string(a.name), kNumbers, {}});
      forms.insert(forms.end(), as_list.begin(), as_list.end());
    } else {
      for (auto& f : forms) f.push_back({std::string(a.name), type_of(a, false), {}});
    }
  }
  for (const auto& f : forms) {
    for (std::size_t count = required; count <= f.size(); ++count) {
      std::vector<Parameter> overload(f.begin(), f.begin() + static_cast<std::ptrdiff_t>(count));
      const bool seen = std::any_of(form.overloads.begin(), form.overloads.end(),
                                    [&](const auto& other) { return types_of(other) == types_of(overload); });
      if (!seen) form.overloads.push_back(std::move(overload));
    }
  }
  return form;
}

std::string types_of(const std::vector<Parameter>& parameters) {
  std::string out;
  for (const auto& p : parameters) out += (out.empty() ? "" : ", ") + p.type;
  return out;
}

std::string quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace alignkit::sql
