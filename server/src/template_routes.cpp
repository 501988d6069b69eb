#include "template_routes.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <Poco/Logger.h>
#include <Poco/NumberParser.h>

#include "alignkit/templates.hpp"
#include "template_store.hpp"
#include "users.hpp"

namespace alignkit::service {
namespace {
using nlohmann::json;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
namespace fs = std::filesystem;

constexpr std::size_t kMaxMessageLength = 500;

Poco::Logger& log() { return Poco::Logger::get("alignkit.templates"); }

std::string quoted_version(int version) { return "\"" + std::to_string(version) + "\""; }

// "3", "\"3\"" or W/"3" -> 3; nothing for anything else.
std::optional<int> version_in(std::string text) {
  if (text.starts_with("W/")) text.erase(0, 2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  int version = 0;
  if (!Poco::NumberParser::tryParse(text, version) || version < 1) return std::nullopt;
  return version;
}

std::optional<std::string> bearer_token(const HTTPServerRequest& request) {
  const std::string header = request.get("Authorization", "");
  if (!header.starts_with("Bearer ") || header.size() <= 7) return std::nullopt;
  return header.substr(7);
}

json info_json(const VersionInfo& info) {
  return {{"name", info.name},       {"version", info.version}, {"author", info.author},
          {"updated", info.published}, {"message", info.message}, {"groups_changed", info.groups_changed}};
}

bool is_group(const json& document, const std::string& key) {
  return document.contains(key) && document[key].is_object();
}

class TemplateRoutes {
 public:
  TemplateRoutes(HTTPServerRequest& request, const ServiceOptions& options) : request_(request), options_(options) {}

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
      const auto number = version_in(tail.substr(std::string("/versions/").size()));
      if (!number) return error_reply(HTTPResponse::HTTP_NOT_FOUND, "a version is a whole number from 1");
      return stored(options_.store ? options_.store->version(name, *number) : std::nullopt, name);
    }
    return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no such endpoint under /v1/templates/" + name);
  }

 private:
  // --- Reading

  std::optional<Reply> check_reader() {
    if (options_.read_token.empty()) return std::nullopt;
    const auto token = bearer_token(request_);
    if (token && (*token == options_.read_token || (options_.users && options_.users->authenticate(*token)))) {
      return std::nullopt;
    }
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
      if (entry.path().extension() != ".json" || !entry.is_regular_file(ec)) continue;
      json item{{"name", entry.path().filename().string()}, {"source", "folder"}};
      auto document = templates::shared_store().load(entry.path());
      if (document) {
        item["title"] = (*document)->value("name", "");
        item["description"] = (*document)->value("description", "");
      } else {
        item["error"] = document.error().message;
      }
      list.push_back(std::move(item));
    }
    std::sort(list.begin(), list.end(), [](const json& a, const json& b) { return a["name"] < b["name"]; });
    return list;
  }

  Reply document(const std::string& name) {
    if (options_.store) {
      if (auto found = options_.store->latest(name)) return stored(std::move(found), name);
    }
    return folder_document(name);
  }

  Reply stored(std::optional<StoredTemplate> found, const std::string& name) {
    if (!found) return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no template '" + name + "' (or no such version)");
    const std::string etag = quoted_version(found->info.version);
    Reply reply;
    reply.headers = {{"ETag", etag},
                     {"X-Template-Version", std::to_string(found->info.version)},
                     {"X-Template-Author", found->info.author},
                     {"X-Template-Updated", found->info.published}};
    const auto if_none_match = version_in(request_.get("If-None-Match", ""));
    if (if_none_match && *if_none_match == found->info.version) {
      reply.status = HTTPResponse::HTTP_NOT_MODIFIED;
      reply.empty_body = true;
      return reply;
    }
    reply.body = json::parse(found->document);
    return reply;
  }

  Reply folder_document(const std::string& name) const {
    auto file = templates::resolve(name, options_.templates_dir, true);
    std::error_code ec;
    if (options_.templates_dir.empty() || !file || !fs::is_regular_file(*file, ec)) {
      return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no template '" + name + "'");
    }
    auto loaded = templates::shared_store().load(*file);
    if (!loaded) return error_reply(HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, loaded.error().message);
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
    // Checked before the token is even looked at.
    if (!accepts_token_from(request_.clientAddress().host(), options_.tls())) {
      return refuse(HTTPResponse::HTTP_FORBIDDEN, name, "",
                    "tokens are accepted only over HTTPS or from this machine (serve with --tls-cert/--tls-key)");
    }
    const auto token = bearer_token(request_);
    if (!token) return refuse_unauthorized(name, "no token: send Authorization: Bearer <your token>");
    const auto user = options_.users->authenticate(*token);
    if (!user) return refuse_unauthorized(name, "the token is not valid (wrong, or its user was removed)");

    auto body = read_body(request_, options_.max_body_bytes);
    if (!body) {
      close_connection = true;
      return refuse(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, name, user->name,
                    "the template is larger than " + std::to_string(options_.max_body_bytes) + " bytes");
    }
    auto parsed = templates::parse(*body);
    if (!parsed) return refuse(HTTPResponse::HTTP_BAD_REQUEST, name, user->name, "not a valid template: " + parsed.error().message);

    const auto latest = options_.store->latest(name);
    const bool has_if_match = request_.has("If-Match");
    const auto if_match = version_in(request_.get("If-Match", ""));
    if (has_if_match && !if_match) {
      return refuse(HTTPResponse::HTTP_BAD_REQUEST, name, user->name, "If-Match takes a version, e.g. \"3\"");
    }
    if (latest && !has_if_match) {
      return refuse(HTTPResponse::HTTP_PRECONDITION_REQUIRED, name, user->name,
                    "send If-Match with the version you edited (the latest is " + std::to_string(latest->info.version) + ")");
    }
    const int expected = latest ? *if_match : 0;
    if ((latest ? latest->info.version : 0) != expected || (!latest && has_if_match)) {
      return conflict(name, user->name, latest ? latest->info.version : 0);
    }

    const json before = latest ? json::parse(latest->document) : json::object();
    const auto changed = changed_groups(before, *parsed);
    if (auto refused = check_ownership(*user, name, before, *parsed, changed)) return *refused;

    if (latest && changed.empty()) {  // the same document again: nothing to publish, no new version
      Reply same = json_reply(HTTPResponse::HTTP_OK, {{"name", name}, {"version", latest->info.version}, {"groups_changed", changed}});
      same.headers = {{"ETag", quoted_version(latest->info.version)}};
      return same;
    }
    VersionInfo about;
    about.author = user->name;
    about.message = request_.get("X-Message", "").substr(0, kMaxMessageLength);
    about.groups_changed = changed;
    const auto result = options_.store->publish(name, expected, parsed->dump(), about);
    if (result.outcome == PublishResult::Outcome::conflict) return conflict(name, user->name, result.version);
    log().information("%s published %s version %d (%s)", user->name, name, result.version,
                      changed.empty() ? std::string("no change") : json(changed).dump());
    Reply reply = json_reply(
        result.outcome == PublishResult::Outcome::created ? HTTPResponse::HTTP_CREATED : HTTPResponse::HTTP_OK,
        {{"name", name}, {"version", result.version}, {"groups_changed", changed}});
    reply.headers = {{"ETag", quoted_version(result.version)}};
    if (result.outcome == PublishResult::Outcome::created) reply.headers.emplace_back("Location", "/v1/templates/" + name);
    return reply;
  }

  // A group is owned; the template's own fields (name, description, template_version) may be
  // changed by anyone who owns one of its groups. A new template needs every group it holds.
  std::optional<Reply> check_ownership(const User& user, const std::string& name, const json& before,
                                       const json& after, const std::vector<std::string>& changed) {
    std::vector<std::string> not_owned;
    bool owns_any = false;
    for (const auto& [key, value] : after.items()) {
      if (value.is_object() && user.owns_group(key)) owns_any = true;
    }
    for (const auto& key : changed) {
      const bool group = is_group(before, key) || is_group(after, key);
      if (group && !user.owns_group(key)) not_owned.push_back(key);
    }
    if (before.empty()) {
      for (const auto& [key, value] : after.items()) {
        if (value.is_object() && !user.owns_group(key) &&
            std::find(not_owned.begin(), not_owned.end(), key) == not_owned.end()) {
          not_owned.push_back(key);
        }
      }
    }
    if (!not_owned.empty()) {
      std::string list;
      for (const auto& g : not_owned) list += (list.empty() ? "" : ", ") + g;
      return refuse(HTTPResponse::HTTP_FORBIDDEN, name, user.name,
                    user.name + " does not own the group" + (not_owned.size() > 1 ? "s " : " ") + list +
                        ": ask its owner to publish that change");
    }
    if (!changed.empty() && !owns_any && !user.owns_group("*")) {
      return refuse(HTTPResponse::HTTP_FORBIDDEN, name, user.name, user.name + " owns no group of this template");
    }
    return std::nullopt;
  }

  Reply conflict(const std::string& name, const std::string& who, int latest) {
    Reply reply = refuse(HTTPResponse::HTTP_PRECONDITION_FAILED, name, who,
                         latest == 0 ? "there is no such template yet: publish it without If-Match"
                                     : "someone published version " + std::to_string(latest) +
                                           " first: reload it, re-apply your change and publish again");
    reply.body["latest"] = latest;
    if (latest > 0) reply.headers = {{"ETag", quoted_version(latest)}};
    return reply;
  }

  Reply unauthorized(const std::string& message) {
    Reply reply = error_reply(HTTPResponse::HTTP_UNAUTHORIZED, message);
    reply.headers = {{"WWW-Authenticate", "Bearer realm=\"alignkit\""}};
    return reply;
  }

  Reply refuse_unauthorized(const std::string& name, const std::string& why) {
    log().warning("refused PUT %s from %s by unknown user: %s", name, request_.clientAddress().host().toString(), why);
    return unauthorized(why);
  }

  // Every refused write is logged with who, what and why — never with the token.
  Reply refuse(HTTPResponse::HTTPStatus status, const std::string& name, const std::string& who, const std::string& why) {
    log().warning("refused PUT %s from %s by %s: %s", name, request_.clientAddress().host().toString(),
                  who.empty() ? std::string("unknown user") : who, why);
    return error_reply(status, why);
  }

  HTTPServerRequest& request_;
  const ServiceOptions& options_;
};

}  // namespace

bool accepts_token_from(const Poco::Net::IPAddress& client, bool tls) { return tls || client.isLoopback(); }

std::vector<std::string> changed_groups(const json& before, const json& after) {
  std::set<std::string> keys;
  for (const auto& [key, value] : before.items()) keys.insert(key);
  for (const auto& [key, value] : after.items()) keys.insert(key);
  std::vector<std::string> changed;
  for (const auto& key : keys) {
    if (!before.contains(key) || !after.contains(key) || before[key] != after[key]) changed.push_back(key);
  }
  return changed;
}

std::optional<Reply> route_templates(HTTPServerRequest& request, const std::string& path, const ServiceOptions& options,
                                     bool wants_csv, bool& close_connection) {
  constexpr std::string_view kPrefix = "/v1/templates";
  if (!path.starts_with(kPrefix)) return std::nullopt;
  std::string rest = path.substr(kPrefix.size());
  if (!rest.empty() && rest.front() != '/') return std::nullopt;
  if (!rest.empty()) rest.erase(0, 1);
  return TemplateRoutes(request, options).answer(rest, wants_csv, close_connection);
}

}  // namespace alignkit::service
