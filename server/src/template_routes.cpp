#include "template_routes.hpp"

#include "client_origin.hpp"

#include <algorithm>
#include <filesystem>

#include <Poco/Logger.h>

#include "alignkit/sharing.hpp"
#include "alignkit/templates.hpp"
#include "template_store.hpp"
#include "users.hpp"

namespace alignkit::service {
namespace {
using nlohmann::json;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
namespace fs = std::filesystem;

Poco::Logger& log() { return Poco::Logger::get("alignkit.templates"); }

using sharing::etag;
using sharing::version_of;

std::optional<std::string> bearer_token(const HTTPServerRequest& request) {
  const std::string header = request.get("Authorization", "");
  if (!header.starts_with("Bearer ") || header.size() <= 7) return std::nullopt;
  return header.substr(7);
}

Reply unauthorized(const std::string& message) {
  Reply reply = error_reply(HTTPResponse::HTTP_UNAUTHORIZED, message);
  reply.headers = {{"WWW-Authenticate", "Bearer realm=\"alignkit\""}};
  return reply;
}

// Who a publishing request's token names, or why not: tokens only over HTTPS or from this machine
// (judged before the token is even looked at), then a token, then a valid one.
struct Authentication {
  std::optional<User> user;
  HTTPResponse::HTTPStatus refusal = HTTPResponse::HTTP_OK;
  std::string why;
};

Authentication authenticate(const HTTPServerRequest& request, const ClientOrigin& origin, const ServiceOptions& options) {
  if (!accepts_token_from(origin.address, origin.over_tls)) {
    return {std::nullopt, HTTPResponse::HTTP_FORBIDDEN,
            "tokens are accepted only over HTTPS or from this machine (serve with --tls-cert/--tls-key)"};
  }
  const auto token = bearer_token(request);
  if (!token) return {std::nullopt, HTTPResponse::HTTP_UNAUTHORIZED, "no token: send Authorization: Bearer <your token>"};
  auto user = options.users->authenticate(*token);
  if (!user) return {std::nullopt, HTTPResponse::HTTP_UNAUTHORIZED, "the token is not valid (wrong, or its user was removed)"};
  return {std::move(user), HTTPResponse::HTTP_OK, {}};
}

json info_json(const VersionInfo& info) {
  return {{"name", info.name},       {"version", info.version}, {"author", info.author},
          {"updated", info.published}, {"message", info.message}, {"groups_changed", info.groups_changed}};
}

class TemplateRoutes {
 public:
  TemplateRoutes(HTTPServerRequest& request, const ClientOrigin& origin, const ServiceOptions& options)
      : request_(request), origin_(origin), options_(options) {}

  Reply answer(const std::string& rest, bool wants_csv, bool& close_connection) {
    const std::string& method = request_.getMethod();
    if (rest.empty()) {
      if (method != "GET") return error_reply(HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "use GET");
      if (auto refused = check_reader()) return *refused;
      return list(wants_csv);
    }
    const auto slash = rest.find('/');
    const std::string name = rest.substr(0, slash);
    const std::string tail = slash == std::string::npos ? "" : rest.substr(slash);
    if (!is_plain_name(name)) {
      return error_reply(HTTPResponse::HTTP_BAD_REQUEST,
                         "a template name is 1-64 letters, digits, '_', '-' or '.', not starting with '.'");
    }
    if (tail.empty() && method == "PUT") return publish(name, close_connection);
    if (method != "GET") return error_reply(HTTPResponse::HTTP_METHOD_NOT_ALLOWED, tail.empty() ? "use GET or PUT" : "use GET");
    if (auto refused = check_reader()) return *refused;
    if (tail.empty()) return document(name);
    if (tail == "/versions") return versions(name);
    if (tail.starts_with("/versions/")) {
      const auto number = version_of(tail.substr(std::string("/versions/").size()));
      if (!number) return error_reply(HTTPResponse::HTTP_NOT_FOUND, "a version is a whole number from 1");
      return stored(options_.store ? options_.store->version(name, *number) : std::nullopt, name);
    }
    return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no such endpoint under /v1/templates/" + name);
  }

 private:
  // --- Reading

  std::optional<Reply> check_reader() {
    if (may_read_templates(request_, options_)) return std::nullopt;
    return unauthorized("reading templates here needs a token (Authorization: Bearer …)");
  }

  Reply list(bool wants_csv) {
    json items = json::array();
    if (options_.store) {
      for (const auto& info : options_.store->list()) {
        json item = info_json(info);
        item["source"] = "store";
        items.push_back(std::move(item));
      }
    }
    for (json& item : folder_items()) items.push_back(std::move(item));
    Reply reply = json_reply(HTTPResponse::HTTP_OK, {{"templates", items}});
    if (wants_csv) {
      reply.csv = "name,version,updated,author\r\n";
      for (const json& item : items) {
        reply.csv += item["name"].get<std::string>() + "," + (item.contains("version") ? item["version"].dump() : "") +
                     "," + item.value("updated", "") + "," + item.value("author", "") + "\r\n";
      }
    }
    return reply;
  }

  json folder_items() const {
    json list = json::array();
    std::error_code ec;
    if (options_.templates_dir.empty()) return list;
    for (const auto& entry : fs::directory_iterator(options_.templates_dir, ec)) {
      // Listed by the rule reading follows: a link that leads outside the folder is not there.
      if (entry.path().extension() != ".json" || !entry.is_regular_file(ec) ||
          !templates::resolve(entry.path().filename().string(), options_.templates_dir, true)) {
        continue;
      }
      json item{{"name", entry.path().filename().string()}, {"source", "folder"}};
      auto document = options_.template_files->load(entry.path());
      if (document) {
        item["title"] = (*document)->value("name", "");
        item["description"] = (*document)->value("description", "");
      } else {
        item["error"] = templates::without_folder(document.error().message, options_.templates_dir);
      }
      list.push_back(std::move(item));
    }
    std::sort(list.begin(), list.end(), [](const json& a, const json& b) { return a["name"] < b["name"]; });
    return list;
  }

  // A name means one template: neither the store nor the folder may shadow the other.
  [[nodiscard]] bool in_folder(const std::string& name) const {
    if (options_.templates_dir.empty()) return false;
    const auto file = templates::resolve(name, options_.templates_dir, true);
    std::error_code ec;
    return file && fs::is_regular_file(*file, ec);
  }

  static Reply both_hold(const std::string& name) {
    return error_reply(HTTPResponse::HTTP_CONFLICT, "both the store and the templates folder hold '" + name +
                                                        "': rename or remove one, so that the name means one template");
  }

  Reply document(const std::string& name) {
    if (options_.store) {
      if (auto found = options_.store->latest(name)) return in_folder(name) ? both_hold(name) : stored(std::move(found), name);
    }
    return folder_document(name);
  }

  Reply stored(std::optional<StoredTemplate> found, const std::string& name) {
    if (!found) return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no template '" + name + "' (or no such version)");
    Reply reply;
    reply.headers = {{"ETag", etag(found->info.version)},
                     {sharing::kVersionHeader, std::to_string(found->info.version)},
                     {sharing::kAuthorHeader, found->info.author},
                     {sharing::kUpdatedHeader, found->info.published}};
    const auto if_none_match = version_of(request_.get("If-None-Match", ""));
    if (if_none_match && *if_none_match == found->info.version) {
      reply.status = HTTPResponse::HTTP_NOT_MODIFIED;
      reply.empty_body = true;
      return reply;
    }
    // Stored as the service wrote it when it was published (checked JSON): sent as it is, not
    // parsed and written again on every read.
    reply.json_text = std::move(found->document);
    return reply;
  }

  Reply folder_document(const std::string& name) const {
    auto file = templates::resolve(name, options_.templates_dir, true);
    std::error_code ec;
    if (options_.templates_dir.empty() || !file || !fs::is_regular_file(*file, ec)) {
      return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no template '" + name + "'");
    }
    auto loaded = options_.template_files->load(*file);
    if (!loaded) {
      return error_reply(HTTPResponse::HTTP_UNPROCESSABLE_ENTITY,
                         templates::without_folder(loaded.error().message, options_.templates_dir));
    }
    return json_reply(HTTPResponse::HTTP_OK, **loaded);
  }

  Reply versions(const std::string& name) {
    const auto history = options_.store ? options_.store->history(name) : std::vector<VersionInfo>{};
    if (history.empty()) return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no template '" + name + "' in the store");
    json list = json::array();
    for (const auto& info : history) list.push_back(info_json(info));
    return json_reply(HTTPResponse::HTTP_OK, {{"name", name}, {"versions", list}});
  }

  // --- Publishing

  Reply publish(const std::string& name, bool& close_connection) {
    if (!options_.store || !options_.users) {
      return error_reply(HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                         "this service publishes nothing: start it with --store and --users");
    }
    const auto who = authenticate(request_, origin_, options_);
    if (!who.user) {
      return who.refusal == HTTPResponse::HTTP_UNAUTHORIZED ? refuse_unauthorized(name, who.why)
                                                            : refuse(who.refusal, name, "", who.why);
    }
    const auto& user = who.user;

    auto body = read_body(request_, options_.max_body_bytes);
    if (!body) {
      close_connection = true;
      return refuse(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, name, user->name,
                    "the template is larger than " + std::to_string(options_.max_body_bytes) + " bytes");
    }
    auto parsed = templates::parse(*body);
    if (!parsed) return refuse(HTTPResponse::HTTP_BAD_REQUEST, name, user->name, "not a valid template: " + parsed.error().message);
    if (in_folder(name)) {
      return refuse(HTTPResponse::HTTP_CONFLICT, name, user->name,
                    "the templates folder holds '" + name + "': a published template may not take its name");
    }

    const bool has_if_match = request_.has("If-Match");
    const auto if_match = sharing::if_match_version(request_.get("If-Match", ""));
    if (has_if_match && !if_match) {
      return refuse(HTTPResponse::HTTP_BAD_REQUEST, name, user->name,
                    "If-Match takes the version's ETag as the service sent it, e.g. \"3\"");
    }
    const auto outcome = sharing::publish(*options_.store, name, if_match, *parsed, *user,
                                          request_.get(sharing::kMessageHeader, ""));
    return answer(outcome, name, user->name);
  }

  // Each outcome of a publish as its HTTP answer.
  Reply answer(const sharing::Outcome& outcome, const std::string& name, const std::string& who) {
    using Kind = sharing::Outcome::Kind;
    switch (outcome.kind) {
      case Kind::version_required: return refuse(HTTPResponse::HTTP_PRECONDITION_REQUIRED, name, who, outcome.message);
      case Kind::conflict: return conflict(name, who, outcome.version);
      case Kind::forbidden: return refuse(HTTPResponse::HTTP_FORBIDDEN, name, who, outcome.message);
      case Kind::unchanged:
      case Kind::created:
      case Kind::updated: break;
    }
    if (outcome.kind != Kind::unchanged) {
      log().information("%s published %s version %d (%s)", who, name, outcome.version,
                        outcome.groups_changed.empty() ? std::string("no change") : json(outcome.groups_changed).dump());
    }
    Reply reply = json_reply(outcome.kind == Kind::created ? HTTPResponse::HTTP_CREATED : HTTPResponse::HTTP_OK,
                             {{"name", name}, {"version", outcome.version}, {"groups_changed", outcome.groups_changed}});
    reply.headers = {{"ETag", etag(outcome.version)}};
    if (outcome.kind == Kind::created) reply.headers.emplace_back("Location", "/v1/templates/" + name);
    return reply;
  }

  Reply conflict(const std::string& name, const std::string& who, int latest) {
    Reply reply = refuse(HTTPResponse::HTTP_PRECONDITION_FAILED, name, who,
                         latest == 0 ? "there is no such template yet: publish it without If-Match"
                                     : "someone published version " + std::to_string(latest) +
                                           " first: reload it, re-apply your change and publish again");
    reply.body["latest"] = latest;
    if (latest > 0) reply.headers = {{"ETag", etag(latest)}};
    return reply;
  }

  Reply refuse_unauthorized(const std::string& name, const std::string& why) {
    log().warning("refused PUT %s from %s by unknown user: %s", printable(name), origin_address(),
                  printable(why));
    return unauthorized(why);
  }

  // Every refused write is logged with who, what and why — never with the token.
  Reply refuse(HTTPResponse::HTTPStatus status, const std::string& name, const std::string& who, const std::string& why) {
    log().warning("refused PUT %s from %s by %s: %s", printable(name), origin_address(),
                  who.empty() ? std::string("unknown user") : printable(who), printable(why));
    return error_reply(status, why);
  }

  HTTPServerRequest& request_;
  const ClientOrigin& origin_;
  const ServiceOptions& options_;

  [[nodiscard]] std::string origin_address() const { return origin_.address.toString(); }
};

}  // namespace

bool may_read_templates(const HTTPServerRequest& request, const ServiceOptions& options) {
  if (options.read_token.empty() && !options.reading_needs_token) return true;
  const auto token = bearer_token(request);
  return token && ((!options.read_token.empty() && same_secret(*token, options.read_token)) ||
                   (options.users && options.users->authenticate(*token)));
}

bool accepts_token_from(const Poco::Net::IPAddress& client, bool tls) { return tls || client.isLoopback(); }

Reply who_publishes(const HTTPServerRequest& request, const ClientOrigin& origin, const ServiceOptions& options) {
  if (!options.store || !options.users) {
    return error_reply(HTTPResponse::HTTP_NOT_FOUND, "this service publishes nothing: it has no users");
  }
  const auto who = authenticate(request, origin, options);
  if (!who.user) return who.refusal == HTTPResponse::HTTP_UNAUTHORIZED ? unauthorized(who.why) : error_reply(who.refusal, who.why);
  const auto& user = who.user;
  return json_reply(HTTPResponse::HTTP_OK, {{"name", user->name}, {"owns", user->groups}});
}

std::optional<Reply> route_templates(HTTPServerRequest& request, const ClientOrigin& origin, const std::string& path,
                                     const ServiceOptions& options, bool wants_csv, bool& close_connection) {
  constexpr std::string_view kPrefix = "/v1/templates";
  if (!path.starts_with(kPrefix)) return std::nullopt;
  std::string rest = path.substr(kPrefix.size());
  if (!rest.empty() && rest.front() != '/') return std::nullopt;
  if (!rest.empty()) rest.erase(0, 1);
  return TemplateRoutes(request, origin, options).answer(rest, wants_csv, close_connection);
}

}  // namespace alignkit::service
