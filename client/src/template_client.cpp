#include "template_client.hpp"

#include <functional>

#include "alignkit/templates/templates.hpp"

namespace alignkit::client {
namespace {
using nlohmann::json;
using Kind = Outcome::Kind;

using sharing::RouteName;
using sharing::path;

Proposal proposal_of(const json& item) {
  Proposal proposal;
  static_cast<sharing::Proposal&>(proposal) = item.get<sharing::Proposal>();
  if (item.contains("document")) proposal.document = item["document"];
  if (item.contains("changes")) item["changes"].get_to(proposal.changes);
  return proposal;
}

// One exchange: the outcome the status stands for, the service's words for a refusal, and the
// record read from a successful answer by `read` — whose failure (a shape the protocol does not
// have) is an outcome with a sentence too.
template <class T>
Answer<T> exchange(const HttpTransport& transport, const std::string& method, const std::string& path,
                   const std::string& body, const std::map<std::string, std::string>& headers,
                   const std::function<T(const HttpAnswer&)>& read) {
  Answer<T> answer;
  HttpAnswer http;
  try {
    http = transport.request(method, path, body, headers);
  } catch (const Unreachable& e) {
    answer.outcome = {Kind::unreachable, 0, {}, e.what()};
    return answer;
  }
  answer.outcome.kind = sharing::outcome_of(http.status);
  if (http.status == sharing::kNotModifiedStatus) answer.outcome.kind = Kind::unchanged;
  if (const auto version = sharing::version_of(http.header(sharing::kETagHeader))) answer.outcome.version = *version;
  if (!answer.outcome.succeeded()) {
    answer.outcome.message = error_message(http);
    if (answer.outcome.kind == Kind::unexpected) {
      answer.outcome.message = "the service at " + transport.server() + " answered " + std::to_string(http.status) + ": " +
                               answer.outcome.message;
    }
    if (const std::string wait = http.header(sharing::kRetryAfterHeader); !wait.empty()) {
      answer.outcome.message += " (Retry-After " + wait + " s)";
    }
    const auto parsed = json::parse(http.body, nullptr, false);
    if (answer.outcome.kind == Kind::conflict && parsed.is_object() && parsed.contains("latest") &&
        parsed["latest"].is_number_integer()) {
      answer.outcome.version = parsed["latest"].get<Version>();
    }
    return answer;
  }
  if (http.status == sharing::kNotModifiedStatus) return answer;
  try {
    answer.value = read(http);
  } catch (const json::exception&) {
    answer.outcome = {Kind::unexpected, 0, {},
                      "the service at " + transport.server() + " did not answer as an alignkit template service does"};
  }
  return answer;
}

json parsed_object(const HttpAnswer& http) {
  json body = json::parse(http.body);
  if (!body.is_object()) throw json::type_error::create(302, "not an object", nullptr);
  return body;
}

// The record `T` an answer's body holds, as its from_json reads it.
template <class T>
T record(const HttpAnswer& http) {
  return parsed_object(http).get<T>();
}

// The list `key` of an answer's body, each item a record `T`.
template <class T>
std::vector<T> records(const HttpAnswer& http, const char* key) {
  return parsed_object(http).at(key).get<std::vector<T>>();
}

TemplateRead read_document(const HttpAnswer& http) {
  TemplateRead read;
  read.text = http.body;
  auto document = templates::parse(http.body);
  if (!document) throw json::type_error::create(302, "not a template", nullptr);
  read.document = std::move(document).value();
  read.info.version = sharing::version_of(http.header(sharing::kVersionHeader)).value_or(0);
  read.info.author = http.header(sharing::kAuthorHeader);
  read.info.approved_by = http.header(sharing::kApprovedByHeader);
  read.info.updated = http.header(sharing::kUpdatedHeader);
  return read;
}

std::map<std::string, std::string> with_message(std::map<std::string, std::string> headers, const std::string& message) {
  if (!message.empty()) headers[sharing::kMessageHeader] = message;
  return headers;
}

}  // namespace

std::string error_message(const HttpAnswer& answer) {
  const auto body = json::parse(answer.body, nullptr, false);
  if (body.is_object() && body.contains("error") && body["error"].is_string()) return body["error"].get<std::string>();
  return "the service answered " + std::to_string(answer.status);
}

TemplateClient::TemplateClient(std::string server, TransportOptions options)
    : transport_(std::move(server), std::move(options)) {}

Answer<sharing::Health> TemplateClient::health() const {
  return exchange<sharing::Health>(transport_, "GET", path(RouteName::health), {}, {}, record<sharing::Health>);
}

Answer<json> TemplateClient::functions() const {
  return exchange<json>(transport_, "GET", path(RouteName::functions), {}, {},
                        [](const HttpAnswer& http) { return parsed_object(http).at("functions"); });
}

Answer<json> TemplateClient::evaluate(const json& call) const {
  return exchange<json>(transport_, "POST", path(RouteName::eval), call.dump(), {}, parsed_object);
}

Answer<json> TemplateClient::evaluate_batch(const json& calls) const {
  return exchange<json>(transport_, "POST", path(RouteName::batch), calls.dump(), {}, parsed_object);
}

Answer<std::string> TemplateClient::metrics() const {
  return exchange<std::string>(transport_, "GET", path(RouteName::metrics), {}, {},
                               [](const HttpAnswer& http) { return http.body; });
}

Answer<std::vector<sharing::TemplateSummary>> TemplateClient::list() const {
  return exchange<std::vector<sharing::TemplateSummary>>(
      transport_, "GET", path(RouteName::templates), {}, {},
      [](const HttpAnswer& http) { return records<sharing::TemplateSummary>(http, "templates"); });
}

Answer<TemplateRead> TemplateClient::read(const std::string& name, std::optional<Version> if_none_match) const {
  std::map<std::string, std::string> headers;
  if (if_none_match) headers[sharing::kIfNoneMatchHeader] = sharing::etag(*if_none_match);
  auto answer = exchange<TemplateRead>(transport_, "GET", path(RouteName::template_read, {name}), {}, headers, read_document);
  answer.value.info.name = name;
  return answer;
}

Answer<TemplateRead> TemplateClient::read_version(const std::string& name, Version version) const {
  auto answer = exchange<TemplateRead>(transport_, "GET", path(RouteName::template_version, {name, std::to_string(version)}), {}, {}, read_document);
  answer.value.info.name = name;
  return answer;
}

Answer<TemplateRead> TemplateClient::read_at(const std::string& name, const std::string& instant) const {
  auto answer = exchange<TemplateRead>(transport_, "GET", path(RouteName::template_read, {name}) + "?at=" + sharing::percent_encoded(instant),
                                       {}, {}, read_document);
  answer.value.info.name = name;
  return answer;
}

Answer<std::vector<sharing::VersionInfo>> TemplateClient::history(const std::string& name) const {
  return exchange<std::vector<sharing::VersionInfo>>(transport_, "GET", path(RouteName::template_versions, {name}), {}, {},
                                                     [](const HttpAnswer& http) {
    return records<sharing::VersionInfo>(http, "versions");
  });
}

Answer<Version> TemplateClient::publish(const std::string& name, std::optional<Version> base, const std::string& document,
                                        const std::string& message) const {
  std::map<std::string, std::string> headers;
  if (base) headers[sharing::kIfMatchHeader] = sharing::etag(*base);
  std::vector<std::string> groups_changed;
  auto answer = exchange<Version>(transport_, "PUT", path(RouteName::template_publish, {name}), document, with_message(headers, message),
                                  [&groups_changed](const HttpAnswer& http) {
                                    auto published = record<sharing::Published>(http);
                                    groups_changed = std::move(published.groups_changed);
                                    return published.version;
                                  });
  if (answer.ok()) {
    answer.outcome.version = answer.value;
    answer.outcome.groups_changed = std::move(groups_changed);
    if (base && answer.value == *base) answer.outcome.kind = Kind::unchanged;  // 200 with its own base: nothing new
  }
  return answer;
}

Answer<sharing::Changes> TemplateClient::changes(const std::string& name, Version from, Version to) const {
  return exchange<sharing::Changes>(transport_, "GET",
                                    path(RouteName::template_changes, {name}) + "?from=" + std::to_string(from) +
                                        "&to=" + std::to_string(to),
                                    {}, {}, record<sharing::Changes>);
}

Answer<sharing::Effects> TemplateClient::effects(const std::string& name, std::optional<Version> base,
                                                 const std::string& draft) const {
  std::map<std::string, std::string> headers;
  if (base) headers[sharing::kIfMatchHeader] = sharing::etag(*base);
  return exchange<sharing::Effects>(transport_, "POST", path(RouteName::template_effects, {name}), draft, headers,
                                    record<sharing::Effects>);
}

Answer<Me> TemplateClient::me() const {
  return exchange<Me>(transport_, "GET", path(RouteName::me), {}, {}, record<Me>);
}

Answer<std::vector<sharing::UserRecord>> TemplateClient::owners() const {
  return exchange<std::vector<sharing::UserRecord>>(transport_, "GET", path(RouteName::owners), {}, {},
                                                    [](const HttpAnswer& http) { return records<sharing::UserRecord>(http, "users"); });
}

Answer<Session> TemplateClient::sign_in() const {
  return exchange<Session>(transport_, "POST", path(RouteName::session_open), {}, {}, [](const HttpAnswer& http) {
    const std::string set = http.header("Set-Cookie");
    if (set.empty()) throw json::type_error::create(302, "no session cookie", nullptr);
    return Session{set.substr(0, set.find(';'))};
  });
}

Answer<Session> TemplateClient::sign_out(const Session& session) const {
  return exchange<Session>(transport_, "DELETE", path(RouteName::session_close), {}, {{"Cookie", session.cookie}},
                           [](const HttpAnswer&) { return Session{}; });
}

Answer<Proposal> TemplateClient::propose(const std::string& name, Version base, const std::string& document,
                                         const std::string& message) const {
  return exchange<Proposal>(transport_, "POST", path(RouteName::proposal_create, {name}), document,
                            with_message({{sharing::kIfMatchHeader, sharing::etag(base)}}, message),
                            [](const HttpAnswer& http) { return proposal_of(parsed_object(http)); });
}

Answer<std::vector<Proposal>> TemplateClient::proposals(const std::string& name, bool all) const {
  return exchange<std::vector<Proposal>>(transport_, "GET",
                                         path(RouteName::proposals, {name}) + (all ? "?status=all" : ""), {}, {},
                                         [](const HttpAnswer& http) {
    std::vector<Proposal> list;
    const json body = parsed_object(http);  // held: a range-for over a temporary's member dangles
    for (const auto& item : body.at("proposals")) list.push_back(proposal_of(item));
    return list;
  });
}

Answer<Proposal> TemplateClient::proposal(std::int64_t id) const {
  return exchange<Proposal>(transport_, "GET", path(RouteName::proposal_read, {std::to_string(id)}), {}, {},
                            [](const HttpAnswer& http) { return proposal_of(parsed_object(http)); });
}

Answer<Proposal> TemplateClient::approve(std::int64_t id, const std::string& message) const {
  return exchange<Proposal>(transport_, "POST", path(RouteName::proposal_approve, {std::to_string(id)}), {}, with_message({}, message),
                            [](const HttpAnswer& http) { return proposal_of(parsed_object(http)); });
}

Answer<Proposal> TemplateClient::decline(std::int64_t id, const std::string& reason) const {
  return exchange<Proposal>(transport_, "POST", path(RouteName::proposal_decline, {std::to_string(id)}), {}, with_message({}, reason),
                            [](const HttpAnswer& http) { return proposal_of(parsed_object(http)); });
}

Answer<Proposal> TemplateClient::withdraw(std::int64_t id) const {
  return exchange<Proposal>(transport_, "DELETE", path(RouteName::proposal_withdraw, {std::to_string(id)}), {}, {},
                            [](const HttpAnswer& http) { return proposal_of(parsed_object(http)); });
}

}  // namespace alignkit::client
