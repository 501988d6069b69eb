#include "commands/eval_command.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/template_reader.hpp"
#include "alignkit/templates/templates.hpp"
#include "routes/json_calls.hpp"

namespace alignkit::service {
namespace {
using nlohmann::json;

constexpr const char* kUsageText =
    "usage: alignkit eval FUNCTION [ARG...]\n"
    "       alignkit eval --json FILE|-\n"
    "Evaluates alignkit functions with the spreadsheet's names and argument order.\n"
    "  ARG       a number, TRUE/FALSE, a text, a range as a comma list (0.02,0.05,0.2),\n"
    "            or \"\" to leave an optional argument out\n"
    "  --json    evaluate {\"function\": ..., \"args\": [...]} or {\"calls\": [...]} from a file or stdin\n"
    "Exit codes: 0 ok, 1 invalid input (the reason on stderr), 2 usage.\n";

std::optional<double> number_of(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

Cell cell_of(const std::string& text) {
  if (text.empty()) return EmptyCell{};
  if (auto number = number_of(text)) return *number;
  return text;
}

Arg arg_of(const std::string& text) {
  if (text.empty()) return Missing{};
  if (text == "TRUE" || text == "true") return 1.0;
  if (text == "FALSE" || text == "false") return 0.0;
  if (text.find(',') != std::string::npos) {
    std::vector<Cell> cells;
    std::stringstream items(text);
    for (std::string item; std::getline(items, item, ',');) cells.push_back(cell_of(item));
    if (text.back() == ',') cells.emplace_back(EmptyCell{});
    return Range::column(std::move(cells));
  }
  if (auto number = number_of(text)) return *number;
  return text;
}

std::string show(double value) {
  std::ostringstream text;
  text.precision(15);
  text << value;
  return text.str();
}

void print(const Output& output, std::ostream& out) {
  if (const auto* number = std::get_if<double>(&output)) {
    out << show(*number) << '\n';
  } else if (const auto* text = std::get_if<std::string>(&output)) {
    out << *text << '\n';
  } else {
    const auto& block = std::get<NumberBlock>(output);
    for (std::size_t r = 0; r < block.rows; ++r) {
      for (std::size_t c = 0; c < block.cols; ++c) out << (c ? "," : "") << show(block.values[r * block.cols + c]);
      out << '\n';
    }
    for (const auto& error : block.errors) out << sharing::printable(error.message) << '\n';  // after the rows, which show nan
  }
}

CallContext cli_context(templates::Reader& reader) { return CallContext{std::filesystem::current_path(), false, true, &reader}; }

int run_json(const std::string& source, std::istream& in, std::ostream& out, std::ostream& err, templates::Reader& reader) {
  std::string text;
  if (source == "-") {
    text.assign(std::istreambuf_iterator<char>(in), {});
  } else {
    std::ifstream file(source, std::ios::binary);
    if (!file) {
      err << "alignkit: cannot read " << source << '\n';
      return kUsage;
    }
    text.assign(std::istreambuf_iterator<char>(file), {});
  }
  if (!templates::nesting_within(text, kMaxJsonDepth)) {
    err << "alignkit: the JSON is nested too deeply\n";
    return kInvalidInput;
  }
  const json request = json::parse(text, nullptr, false);
  if (request.is_discarded()) {
    err << "alignkit: not valid JSON\n";
    return kInvalidInput;
  }
  if (request.is_object() && request.contains("calls")) {
    if (!request["calls"].is_array()) {
      err << "alignkit: \"calls\" must be an array\n";
      return kInvalidInput;
    }
    json results = json::array();
    bool all_ok = true;
    for (const json& call : request["calls"]) {
      auto result = evaluate_call(call, cli_context(reader));
      all_ok = all_ok && result.ok;
      results.push_back(std::move(result.body));
    }
    out << json{{"results", results}}.dump(2) << '\n';
    return all_ok ? kOk : kInvalidInput;
  }
  auto result = evaluate_call(request, cli_context(reader));
  out << result.body.dump(2) << '\n';
  if (!result.ok) err << "alignkit: " << result.body["error"].get<std::string>() << '\n';
  return result.ok ? kOk : kInvalidInput;
}

}  // namespace

int run_eval(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err,
             templates::Reader& reader) {
  if (args.empty()) {
    err << kUsageText;
    return kUsage;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    out << kUsageText;
    return kOk;
  }
  if (args[0] == "--json") {
    if (args.size() != 2) {
      err << kUsageText;
      return kUsage;
    }
    return run_json(args[1], in, out, err, reader);
  }
  const FunctionInfo* function = find_function(args[0]);
  if (!function) {
    err << "alignkit: unknown function '" << args[0] << "' (alignkit functions lists them)\n";
    return kUsage;
  }
  std::vector<Arg> values;
  for (std::size_t i = 1; i < args.size(); ++i) values.push_back(arg_of(args[i]));
  auto result = evaluate(*function, values, cli_context(reader));
  if (!result) {
    err << "alignkit: " << function->name << ": " << sharing::printable(result.error().message) << '\n';
    return kInvalidInput;
  }
  print(*result, out);
  return kOk;
}

}  // namespace alignkit::service
