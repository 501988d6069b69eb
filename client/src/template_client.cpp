#include "template_client.hpp"

#include <functional>

#include <Poco/URI.h>

#include "alignkit/templates.hpp"

namespace alignkit::client {
namespace {
using nlohmann::json;
using Kind = Outcome::Kind;

// A value the answer's shape promised; anything else is a malformed answer.
template <class T>
T field(const json& object, const char* name) {
  return object.at(name).get<T>();
}
template <class T>
T optional_field(const json& object, const char* name, T fallback) {
  const auto found = object.find(name);
  return found == object.end() || found->is_null() ? fallback : found->get<T>();
}

std::string query_escaped(const std::string& text) {
  std::string out;
  Poco::URI::encode(text, "&=+?#/:", out);
  return out;
}

sharing::VersionInfo version_info(const json& item) {
  sharing::VersionInfo info;
  info.name = field<std::string>(item, "name");
  info.version = field<Version>(item, "version");
  info.author = optional_field<std::string>(item, "author", "");
  info.published = optional_field<std::string>(item, "updated", "");
  info.message = optional_field<std::string>(item, "message", "");
  info.groups_changed = optional_field<std::vector<std::string>>(item, "groups_changed", {});
  info.approved_by = optional_field<std::string>(item, "approved_by", "");
  return info;
}

Proposal proposal_of(const json& item) {
  Proposal proposal;
  proposal.id = field<std::int64_t>(item, "id");
  proposal.name = field<std::string>(item, "name");
  proposal.base = field<Version>(item, "base");
  proposal.author = field<std::string>(item, "author");
  proposal.message = optional_field<std::string>(item, "message", "");
  proposal.created = optional_field<std::string>(item, "created", "");
  proposal.status = field<std::string>(item, "status");
  proposal.groups = optional_field<std::vector<std::string>>(item, "groups", {});
  proposal.decided_by = optional_field<std::string>(item, "decided_by", "");
  proposal.reason = optional_field<std::string>(item, "reason", "");
  proposal.published_as = optional_field<Version>(item, "version", 0);
  if (item.contains("document")) proposal.document = item["document"];
  for (const auto& change : optional_field<json>(item, "changes", json::array())) {
    KeyChange key_change{field<std::string>(change, "key"), std::nullopt, std::nullopt};
    if (change.contains("from")) key_change.from = change["from"];
    if (change.contains("to")) key_change.to = change["to"];
    proposal.changes.push_back(std::move(key_change));
  }
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
  if (http.status == 304) answer.outcome.kind = Kind::unchanged;
  if (const auto version = sharing::version_of(http.header(sharing::kETagHeader))) answer.outcome.version = *version;
  if (!answer.outcome.succeeded()) {
    answer.outcome.message = error_message(http);
    if (answer.outcome.kind == Kind::unexpected) {
      answer.outcome.message = "the service at " + transport.server() + " answered " + std::to_string(http.status) + ": " +
                               answer.outcome.message;
    }
    if (answer.outcome.kind == Kind::throttled && !http.header("Retry-After").empty()) {
      answer.outcome.message += " (Retry-After " + http.header("Retry-After") + " s)";
    }
    const auto parsed = json::parse(http.body, nullptr, false);
    if (answer.outcome.kind == Kind::conflict && parsed.is_object() && parsed.contains("latest") &&
        parsed["latest"].is_number_integer()) {
      answer.outcome.version = parsed["latest"].get<Version>();
    }
    return answer;
  }
  if (http.status == 304) return answer;
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

TemplateRead read_document(const HttpAnswer& http) {
  TemplateRead read;
  read.text = http.body;
  auto document = templates::parse(http.body);
  if (!document) throw json::type_error::create(302, "not a template", nullptr);
  read.document = std::move(document).value();
  read.info.version = sharing::version_of(http.header(sharing::kVersionHeader)).value_or(0);
  read.info.author = http.header(sharing::kAuthorHeader);
  read.info.approved_by = http.header(sharing::kApprovedByHeader);
  read.info.published = http.header(sharing::kPublishedHeader);
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

Answer<std::vector<TemplateListing>> TemplateClient::list() const {
  return exchange<std::vector<TemplateListing>>(transport_, "GET", std::string(sharing::kTemplatesRoute), {}, {},
                                                [](const HttpAnswer& http) {
    std::vector<TemplateListing> listings;
    for (const auto& item : field<json>(parsed_object(http), "templates")) {
      listings.push_back({field<std::string>(item, "name"), optional_field<Version>(item, "version", 0),
                          optional_field<std::string>(item, "author", ""), optional_field<std::string>(item, "updated", ""),
                          optional_field<std::string>(item, "title", "")});
    }
    return listings;
  });
}

Answer<TemplateRead> TemplateClient::read(const std::string& name, std::optional<Version> if_none_match) const {
  std::map<std::string, std::string> headers;
  if (if_none_match) headers[sharing::kIfNoneMatchHeader] = sharing::etag(*if_none_match);
  auto answer = exchange<TemplateRead>(transport_, "GET", sharing::template_route(name), {}, headers, read_document);
  answer.value.info.name = name;
  return answer;
}

Answer<TemplateRead> TemplateClient::read_version(const std::string& name, Version version) const {
  auto answer = exchange<TemplateRead>(transport_, "GET", sharing::version_route(name, version), {}, {}, read_document);
  answer.value.info.name = name;
  return answer;
}

Answer<TemplateRead> TemplateClient::read_at(const std::string& name, const std::string& instant) const {
  auto answer = exchange<TemplateRead>(transport_, "GET", sharing::template_route(name) + "?at=" + query_escaped(instant),
                                       {}, {}, read_document);
  answer.value.info.name = name;
  return answer;
}

Answer<std::vector<sharing::VersionInfo>> TemplateClient::history(const std::string& name) const {
  return exchange<std::vector<sharing::VersionInfo>>(transport_, "GET", sharing::versions_route(name), {}, {},
                                                     [](const HttpAnswer& http) {
    std::vector<sharing::VersionInfo> versions;
    for (const auto& item : field<json>(parsed_object(http), "versions")) versions.push_back(version_info(item));
    return versions;
  });
}

Answer<Version> TemplateClient::publish(const std::string& name, std::optional<Version> base, const std::string& document,
                                        const std::string& message) const {
  std::map<std::string, std::string> headers;
  if (base) headers[sharing::kIfMatchHeader] = sharing::etag(*base);
  std::vector<std::string> groups_changed;
  auto answer = exchange<Version>(transport_, "PUT", sharing::template_route(name), document, with_message(headers, message),
                                  [&groups_changed](const HttpAnswer& http) {
                                    const json body = parsed_object(http);
                                    groups_changed = optional_field<std::vector<std::string>>(body, "groups_changed", {});
                                    return field<Version>(body, "version");
                                  });
  if (answer.ok()) {
    answer.outcome.version = answer.value;
    answer.outcome.groups_changed = std::move(groups_changed);
    if (base && answer.value == *base) answer.outcome.kind = Kind::unchanged;  // 200 with its own base: nothing new
  }
  return answer;
}

Answer<Me> TemplateClient::me() const {
  return exchange<Me>(transport_, "GET", std::string(sharing::kMeRoute), {}, {}, [](const HttpAnswer& http) {
    const json body = parsed_object(http);
    Me me{{field<std::string>(body, "name"), field<std::vector<std::string>>(body, "owns")}, false};
    me.reads_only = optional_field<bool>(body, "reads_only", me.owner.groups.empty());
    return me;
  });
}

Answer<Proposal> TemplateClient::propose(const std::string& name, Version base, const std::string& document,
                                         const std::string& message) const {
  return exchange<Proposal>(transport_, "POST", sharing::template_proposals_route(name), document,
                            with_message({{sharing::kIfMatchHeader, sharing::etag(base)}}, message),
                            [](const HttpAnswer& http) { return proposal_of(parsed_object(http)); });
}

Answer<std::vector<Proposal>> TemplateClient::proposals(const std::string& name, bool all) const {
  return exchange<std::vector<Proposal>>(transport_, "GET",
                                         sharing::template_proposals_route(name) + (all ? "?status=all" : ""), {}, {},
                                         [](const HttpAnswer& http) {
    std::vector<Proposal> list;
    for (const auto& item : field<json>(parsed_object(http), "proposals")) list.push_back(proposal_of(item));
    return list;
  });
}

Answer<Proposal> TemplateClient::proposal(std::int64_t id) const {
  return exchange<Proposal>(transport_, "GET", sharing::proposal_route(id), {}, {},
                            [](const HttpAnswer& http) { return proposal_of(parsed_object(http)); });
}

Answer<Proposal> TemplateClient::approve(std::int64_t id, const std::string& message) const {
  return exchange<Proposal>(transport_, "POST", sharing::proposal_route(id) + "/approve", {}, with_message({}, message),
                            [](const HttpAnswer& http) { return proposal_of(parsed_object(http)); });
}

Answer<Proposal> TemplateClient::decline(std::int64_t id, const std::string& reason) const {
  return exchange<Proposal>(transport_, "POST", sharing::proposal_route(id) + "/decline", {}, with_message({}, reason),
                            [](const HttpAnswer& http) { return proposal_of(parsed_object(http)); });
}

Answer<Proposal> TemplateClient::withdraw(std::int64_t id) const {
  return exchange<Proposal>(transport_, "DELETE", sharing::proposal_route(id), {}, {},
                            [](const HttpAnswer& http) { return proposal_of(parsed_object(http)); });
}

}  // namespace alignkit::client
