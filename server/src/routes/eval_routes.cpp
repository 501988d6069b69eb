// The functions over HTTP: /v1/health, /v1/functions, /v1/eval and /v1/batch (JSON, or CSV when
// the client sends Accept: text/csv).
#include "alignkit/catalog/catalog.hpp"
#include "alignkit/templates/template_effects.hpp"
#include "alignkit/templates/templates.hpp"
#include "store/template_store.hpp"
#include "access/authentication.hpp"
#include "routes/json_calls.hpp"
#include "http/routes.hpp"
#include "http/service_state.hpp"

namespace alignkit::service {
namespace {
using nlohmann::json;
using Poco::Net::HTTPResponse;

constexpr const char* kCsv = "text/csv; charset=utf-8";

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string csv_value(const json& value) {
  return value.is_string() ? csv_field(value.get<std::string>()) : value.is_null() ? "" : value.dump();
}

// One result ({"value"}, {"values"} or {"error"}) as CSV rows.
std::string result_csv(const json& result) {
  std::string out = result.contains("error") ? "error\r\n" : "value\r\n";
  if (result.contains("error")) return out.append(csv_field(result["error"].get<std::string>())).append("\r\n");
  if (result.contains("value")) return out.append(csv_value(result["value"])).append("\r\n");
  for (const json& row : result["values"]) {
    if (!row.is_array()) {
      out += csv_value(row) + "\r\n";
      continue;
    }
    std::string line;
    for (const json& cell : row) {
      if (!line.empty()) line += ',';
      line += csv_value(cell);
    }
    out += line + "\r\n";
  }
  return out;
}

std::string batch_csv(const json& answer) {
  std::string table = "index,value,error\r\n";
  std::size_t index = 0;
  for (const json& body : answer["results"]) {
    const std::string value = body.contains("value")    ? csv_value(body["value"])
                              : body.contains("values") ? csv_field(body["values"].dump())
                                                        : "";
    const std::string error = body.contains("error") ? csv_field(body["error"].get<std::string>()) : "";
    table += std::to_string(index++) + "," + value + "," + error + "\r\n";
  }
  return table;
}

}  // namespace

Reply health(RequestScope& scope) {
  sharing::Health health{"ok", ALIGNKIT_VERSION, functions().size(), {}};
  if (scope.options.users) health.sign_in.push_back("token");
  if (scope.options.directory) health.sign_in.push_back("directory");
  return json_reply(HTTPResponse::HTTP_OK, health);
}

Reply functions_list(RequestScope& scope) {
  Reply reply = json_reply(HTTPResponse::HTTP_OK, {{"functions", catalogue_json()}});
  if (!scope.wants_csv()) return reply;
  reply.content_type = kCsv;
  reply.text = "name,family,description,arguments\r\n";
  for (const auto& f : functions()) {
    std::string arguments;
    for (const auto& a : f.arguments) {
      arguments += (arguments.empty() ? "" : "; ") + std::string(a.name) + (a.optional() ? " (optional)" : "");
    }
    reply.text += csv_field(std::string(f.name)) + "," + csv_field(std::string(f.family)) + "," +
                  csv_field(std::string(f.description)) + "," + csv_field(arguments) + "\r\n";
  }
  return reply;
}

Reply template_effects(RequestScope& scope) {
  const std::string& name = scope.param("name");
  if (!may_read_templates(scope)) return error_reply(HTTPResponse::HTTP_UNAUTHORIZED, "reading templates here needs a token");
  auto body = read_body(scope.request, scope.options.max_body_bytes);
  if (!body) {
    scope.close_connection = true;
    return error_reply(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "the draft is larger than the service takes");
  }
  auto draft = templates::parse(*body);
  if (!draft) return error_reply(HTTPResponse::HTTP_BAD_REQUEST, "not a valid template: " + draft.error().message);
  // Before: the version the draft starts from (If-Match), else the latest.
  std::optional<sharing::StoredTemplate> base;
  if (scope.options.store) {
    const auto version = sharing::if_match_version(scope.request.get(sharing::kIfMatchHeader, ""));
    base = version ? scope.options.store->version(name, *version) : scope.options.store->latest(name);
  }
  const json before = base ? json::parse(base->document) : json::object();
  const CallContext context{scope.options.templates_dir, true, false, nullptr};
  const auto figure = [&](const templates::EffectCall& effect) -> json {
    const auto result = evaluate_call(effect.call, context);
    if (!result.ok) return {{"error", result.body["error"]}};
    if (!effect.sum_of_column) return result.body["value"];
    double sum = 0;
    for (const auto& row : result.body["values"]) sum += row.is_array() ? row[0].get<double>() : row.get<double>();
    return sum;
  };
  sharing::Effects effects{name, base ? base->info.version : 0, {}};
  const auto before_calls = templates::effect_calls(before);
  for (const auto& effect : templates::effect_calls(*draft)) {
    sharing::Effect item{std::string(effect.what), std::string(effect.function), effect.call, nullptr, figure(effect), nullptr};
    for (const auto& old : before_calls) {
      if (old.what == effect.what) {
        item.before = figure(old);
        item.call_before = old.call;
      }
    }
    effects.effects.push_back(std::move(item));
  }
  return json_reply(HTTPResponse::HTTP_OK, effects);
}

Reply evaluate(RequestScope& scope) {
  auto body = read_body(scope.request, scope.options.max_body_bytes);
  if (!body) {
    scope.close_connection = true;
    return error_reply(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                       "request body is larger than " + std::to_string(scope.options.max_body_bytes) + " bytes");
  }
  const bool batch = scope.request.getURI().starts_with("/v1/batch");
  const CallContext context{scope.options.templates_dir, true, may_read_templates(scope), &scope.state.templates};
  auto answer = answer_request(*body, batch, context, {scope.options.max_batch_calls, scope.options.max_answer_cells});
  Reply reply = json_reply(static_cast<HTTPResponse::HTTPStatus>(answer.status), std::move(answer.body));
  if (scope.wants_csv() && (!batch || answer.status == 200)) {
    reply.content_type = kCsv;
    reply.text = batch ? batch_csv(reply.body) : result_csv(reply.body);  // a value or an error, as CSV
  }
  return reply;
}

}  // namespace alignkit::service
