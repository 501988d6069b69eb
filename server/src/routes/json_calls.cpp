#include "routes/json_calls.hpp"

#include <cmath>

#include "alignkit/templates/templates.hpp"

namespace alignkit::service {
namespace {
using nlohmann::json;

Result<Cell> cell_of(const json& value, std::size_t index) {
  if (value.is_null()) return Cell{EmptyCell{}};
  if (value.is_boolean()) return Cell{value.get<bool>() ? 1.0 : 0.0};
  if (value.is_number()) return Cell{value.get<double>()};
  if (value.is_string()) return Cell{value.get<std::string>()};
  return Error{"range item " + std::to_string(index + 1) + " must be a number, text, boolean or null"};
}

Result<Arg> arg_of(const json& value) {
  if (value.is_null()) return Arg{Missing{}};
  if (value.is_boolean()) return Arg{value.get<bool>() ? 1.0 : 0.0};
  if (value.is_number()) return Arg{value.get<double>()};
  if (value.is_string()) return Arg{value.get<std::string>()};
  if (!value.is_array()) return Error{"an argument must be a number, text, boolean, null or an array"};
  Range range;
  const bool two_d = !value.empty() && value.front().is_array();
  range.rows = value.size();
  range.cols = two_d ? value.front().size() : (value.empty() ? 0 : 1);
  for (std::size_t r = 0; r < value.size(); ++r) {
    const json& row = value[r];
    if (two_d != row.is_array() || (two_d && row.size() != range.cols)) {
      return Error{"a 2-D range must be an array of rows of the same length"};
    }
    if (!two_d) {
      auto cell = cell_of(row, r);
      if (!cell) return cell.error();
      range.cells.push_back(std::move(cell).value());
      continue;
    }
    for (std::size_t c = 0; c < row.size(); ++c) {
      auto cell = cell_of(row[c], r * range.cols + c);
      if (!cell) return cell.error();
      range.cells.push_back(std::move(cell).value());
    }
  }
  return Arg{std::move(range)};
}

std::string_view shape_name(ResultShape shape) {
  switch (shape) {
    case ResultShape::number: return "number";
    case ResultShape::text: return "text";
    case ResultShape::number_or_text: return "number or text";
    case ResultShape::column: return "column";
    case ResultShape::same_shape: return "array shaped like its range";
    case ResultShape::block: return "block of rows";
  }
  return "value";
}

}  // namespace

json output_json(const Output& output) {
  if (const auto* number = std::get_if<double>(&output)) return {{"value", *number}};
  if (const auto* text = std::get_if<std::string>(&output)) return {{"value", *text}};
  const auto& block = std::get<NumberBlock>(output);
  if (block.cols == 1) {
    json values = block.values;  // a bad row of a column answered at once is NaN: JSON's null
    if (block.errors.empty()) return {{"values", values}};
    json errors = json::array();
    for (const auto& error : block.errors) errors.push_back({{"row", error.row + 1}, {"error", error.message}});
    return {{"values", values}, {"errors", errors}};
  }
  json rows = json::array();
  for (std::size_t r = 0; r < block.rows; ++r) {
    rows.push_back(std::vector<double>(block.values.begin() + static_cast<std::ptrdiff_t>(r * block.cols),
                                       block.values.begin() + static_cast<std::ptrdiff_t>((r + 1) * block.cols)));
  }
  return {{"values", rows}};
}

CallResult evaluate_call(const json& call, const CallContext& context) noexcept {
  try {
    if (!call.is_object()) return {{{"error", "a call must be an object with \"function\" and \"args\""}}};
    const auto name = call.find("function");
    if (name == call.end() || !name->is_string()) return {{{"error", "\"function\" must name a function"}}};
    const FunctionInfo* function = find_function(name->get<std::string>());
    if (!function) {
      return {{{"error", "unknown function '" + name->get<std::string>() + "' (GET /v1/functions lists them)"}}, false, true};
    }
    std::vector<Arg> args;
    if (const auto list = call.find("args"); list != call.end()) {
      if (!list->is_array()) return {{{"error", "\"args\" must be an array"}}};
      for (const json& value : *list) {
        auto arg = arg_of(value);
        if (!arg) return {{{"error", std::string(function->name) + ": " + arg.error().message}}};
        args.push_back(std::move(arg).value());
      }
    }
    auto result = evaluate(*function, args, context);
    if (!result) return {{{"error", std::string(function->name) + ": " + result.error().message}}};
    const auto* block = std::get_if<NumberBlock>(&*result);
    return {output_json(*result), true, false, block ? block->values.size() : 1};
  } catch (const std::exception& e) {
    return {{{"error", std::string("unexpected problem: ") + e.what()}}};
  }
}

RequestAnswer answer_request(std::string_view body, bool batch, const CallContext& context,
                             const RequestLimits& limits) noexcept {
  try {
    const auto bad = [](std::string message) { return RequestAnswer{400, {{"error", std::move(message)}}}; };
    const auto too_large = [&] {
      return bad("the answer would hold more than " + std::to_string(limits.max_answer_cells) +
                 " numbers, this service's limit (max-answer-cells): ask for fewer or smaller calls per request");
    };
    if (const auto at = templates::invalid_utf8_at(body)) {
      return bad("request body is not UTF-8 text (at byte " + std::to_string(*at) + ")");
    }
    if (!templates::nesting_within(body, kMaxJsonDepth)) return bad("request JSON is nested too deeply");
    const json request = json::parse(body, nullptr, false);
    if (request.is_discarded()) return bad("request body is not valid JSON");
    if (!batch) {
      auto result = evaluate_call(request, context);
      if (result.cells > limits.max_answer_cells) return too_large();
      return {result.ok ? 200 : 400, std::move(result.body)};
    }
    const auto calls = request.is_object() ? request.find("calls") : request.end();
    if (!request.is_object() || calls == request.end() || !calls->is_array()) return bad("a batch is {\"calls\": [...]}");
    if (calls->size() > limits.max_batch_calls) {
      return bad("a batch holds at most " + std::to_string(limits.max_batch_calls) + " calls");
    }
    json results = json::array();
    std::size_t cells = 0;
    for (const json& call : *calls) {
      auto result = evaluate_call(call, context);
      cells += result.cells;
      if (cells > limits.max_answer_cells) return too_large();  // the answers so far are freed here
      results.push_back(std::move(result.body));
    }
    return {200, {{"results", std::move(results)}}};
  } catch (const std::exception& e) {
    return {500, {{"error", std::string("unexpected problem: ") + e.what()}}};
  }
}

json catalogue_json() {
  json list = json::array();
  for (const auto& f : functions()) {
    json arguments = json::array();
    for (const auto& a : f.arguments) {
      arguments.push_back({{"name", a.name},
                           {"description", a.description},
                           {"kind", kind_key(a.kind)},
                           {"takes_column", f.answers_columns() && takes_column(a.kind)},
                           {"optional", a.optional()},
                           {"published_as", a.published_as},
                           {"share", a.share},
                           {"unit", a.share ? std::string_view("percent") : unit_key(a.unit)},
                           // For a page in another language: the words translators translate, and the default apart.
                           {"summary", a.summary}});
      if (a.fallback) {
        const std::string value = default_text(*a.fallback);
        arguments.back()["default"] = {{"value", value.empty() ? json() : json(value)},
                                       {"meaning", a.fallback->meaning.empty() ? json() : json(a.fallback->meaning)}};
      }
      if (a.plausible) {
        arguments.back()["plausible"] = {{"low", a.plausible->low}, {"high", a.plausible->high},
                                         {"low_open", a.plausible->low_open}, {"high_open", a.plausible->high_open}};
      }
    }
    list.push_back({{"name", f.name},
                    {"family", f.family},
                    {"description", f.description},
                    {"arguments", arguments},
                    {"result", shape_name(f.shape)},
                    {"answers_columns", f.answers_columns()}});
  }
  return list;
}

}  // namespace alignkit::service
