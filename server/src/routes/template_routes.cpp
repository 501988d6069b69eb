// The service's /v1/templates routes: the store's owned, versioned templates (read — the latest,
// a version, or the one in force at an instant — publish with ETags, history) and the read-only
// folder of --templates.
#include <algorithm>
#include <filesystem>

#include <Poco/Logger.h>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/template_changes.hpp"
#include "alignkit/templates/templates.hpp"
#include "access/authentication.hpp"
#include "http/routes.hpp"
#include "http/service_state.hpp"
#include "store/template_store.hpp"
#include "access/users.hpp"

namespace alignkit::service {
namespace {
using nlohmann::json;
using Poco::Net::HTTPResponse;
namespace fs = std::filesystem;
using Kind = sharing::Outcome::Kind;

constexpr const char* kNameRule = "a template name is 1-64 letters, digits, '_', '-' or '.', not starting with '.'";

// What reaches a header was checked when it was written; a store edited by hand still never
// forges one.
std::string header_text(const std::string& text) { return sharing::printable(text); }

std::optional<Reply> refuse_reader(RequestScope& scope) {
  if (may_read_templates(scope)) return std::nullopt;
  Reply reply = error_reply(HTTPResponse::HTTP_UNAUTHORIZED, "reading templates here needs a token (Authorization: Bearer …)");
  reply.headers = {{"WWW-Authenticate", "Bearer realm=\"alignkit\""}};
  return reply;
}

// A name means one template: neither the store nor the folder may shadow the other.
bool in_folder(const ServiceOptions& options, const std::string& name) {
  if (options.templates_dir.empty()) return false;
  const auto file = templates::resolve(name, options.templates_dir, true);
  std::error_code ec;
  return file && fs::is_regular_file(*file, ec);
}

Reply both_hold(const std::string& name) {
  return error_reply(HTTPResponse::HTTP_CONFLICT,
                     "both the store and the templates folder hold '" + name + "': rename or remove one, so that the name means one template");
}

std::vector<sharing::TemplateSummary> folder_items(const ServiceOptions& options) {
  std::vector<sharing::TemplateSummary> list;
  std::error_code ec;
  if (options.templates_dir.empty()) return list;
  for (const auto& entry : fs::directory_iterator(options.templates_dir, ec)) {
    // Listed by the rule reading follows: a link that leads outside the folder is not there.
    if (entry.path().extension() != ".json" || !entry.is_regular_file(ec) ||
        !templates::resolve(entry.path().filename().string(), options.templates_dir, true)) {
      continue;
    }
    sharing::TemplateSummary item;
    item.name = entry.path().filename().string();
    item.source = "folder";
    auto document = options.template_files->load(entry.path());
    if (document) {
      item.title = (*document)->value("name", "");
      item.description = (*document)->value("description", "");
    } else {
      item.error = templates::without_folder(document.error().message, options.templates_dir);
    }
    list.push_back(std::move(item));
  }
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return list;
}

Reply stored(RequestScope& scope, std::optional<StoredTemplate> found, const std::string& missing) {
  if (!found) return error_reply(HTTPResponse::HTTP_NOT_FOUND, missing);
  Reply reply;
  reply.headers = {{sharing::kETagHeader, sharing::etag(found->info.version)},
                   {sharing::kVersionHeader, std::to_string(found->info.version)},
                   {sharing::kAuthorHeader, header_text(found->info.author)},
                   {sharing::kUpdatedHeader, header_text(found->info.updated)}};
  if (!found->info.approved_by.empty()) reply.headers.emplace_back(sharing::kApprovedByHeader, header_text(found->info.approved_by));
  const auto if_none_match = sharing::version_of(scope.request.get(sharing::kIfNoneMatchHeader, ""));
  if (if_none_match && *if_none_match == found->info.version) {
    reply.status = static_cast<HTTPResponse::HTTPStatus>(sharing::kNotModifiedStatus);
    reply.empty_body = true;
    return reply;
  }
  // Stored as the service wrote it when it was published (checked JSON): sent as it is, not
  // parsed and written again on every read.
  reply.json_text = std::move(found->document);
  return reply;
}

Reply folder_document(const ServiceOptions& options, const std::string& name) {
  auto file = templates::resolve(name, options.templates_dir, true);
  std::error_code ec;
  if (options.templates_dir.empty() || !file || !fs::is_regular_file(*file, ec)) {
    return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no template '" + name + "'");
  }
  auto loaded = options.template_files->load(*file);
  if (!loaded) {
    return error_reply(HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, templates::without_folder(loaded.error().message, options.templates_dir));
  }
  return json_reply(HTTPResponse::HTTP_OK, **loaded);
}

std::optional<Reply> bad_name(const std::string& name) {
  if (is_plain_name(name)) return std::nullopt;
  return error_reply(HTTPResponse::HTTP_BAD_REQUEST, kNameRule);
}

}  // namespace

Reply templates_list(RequestScope& scope) {
  if (auto refused = refuse_reader(scope)) return *refused;
  std::vector<sharing::TemplateSummary> items;
  if (scope.options.store) {
    for (auto& info : scope.options.store->list()) {
      sharing::TemplateSummary item;
      item.name = info.name;
      item.latest = std::move(info);
      items.push_back(std::move(item));
    }
  }
  for (auto& item : folder_items(scope.options)) items.push_back(std::move(item));
  Reply reply = json_reply(HTTPResponse::HTTP_OK, {{"templates", items}});
  if (scope.wants_csv()) {
    reply.content_type = "text/csv; charset=utf-8";
    reply.text = "name,version,updated,author\r\n";
    for (const auto& item : items) {
      const bool stored = item.latest.version > 0;
      reply.text += item.name + "," + (stored ? std::to_string(item.latest.version) : "") + "," + item.latest.updated + "," +
                    item.latest.author + "\r\n";
    }
  }
  return reply;
}

Reply template_read(RequestScope& scope) {
  const std::string& name = scope.param("name");
  if (auto bad = bad_name(name)) return *bad;
  if (auto refused = refuse_reader(scope)) return *refused;
  const auto& options = scope.options;
  if (const auto at = scope.query("at")) {
    const auto instant = sharing::utc_instant(*at);
    if (!instant) {
      return error_reply(HTTPResponse::HTTP_BAD_REQUEST,
                         "at takes a date (2026-03-31: the end of that day, UTC) or a time (2026-03-31T23:59:59Z)");
    }
    if (!options.store) return error_reply(HTTPResponse::HTTP_NOT_FOUND, "this service keeps no versions: it has no store");
    return stored(scope, options.store->latest_at(name, *instant),
                  "'" + name + "' had no published version yet at " + *instant);
  }
  if (options.store) {
    if (auto found = options.store->latest(name)) {
      return in_folder(options, name) ? both_hold(name) : stored(scope, std::move(found), {});
    }
  }
  return folder_document(options, name);
}

Reply template_history(RequestScope& scope) {
  const std::string& name = scope.param("name");
  if (auto bad = bad_name(name)) return *bad;
  if (auto refused = refuse_reader(scope)) return *refused;
  const auto history = scope.options.store ? scope.options.store->history(name) : std::vector<VersionInfo>{};
  if (history.empty()) return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no template '" + name + "' in the store");
  return json_reply(HTTPResponse::HTTP_OK, {{"name", name}, {"versions", history}});
}

Reply template_version(RequestScope& scope) {
  const std::string& name = scope.param("name");
  if (auto bad = bad_name(name)) return *bad;
  if (auto refused = refuse_reader(scope)) return *refused;
  const auto number = sharing::version_of(scope.param("version"));
  if (!number) return error_reply(HTTPResponse::HTTP_NOT_FOUND, "a version is a whole number from 1");
  return stored(scope, scope.options.store ? scope.options.store->version(name, *number) : std::nullopt,
                "no template '" + name + "' (or no such version)");
}

Reply template_changes(RequestScope& scope) {
  const std::string& name = scope.param("name");
  if (auto bad = bad_name(name)) return *bad;
  if (auto refused = refuse_reader(scope)) return *refused;
  const auto from = sharing::version_of(scope.query("from").value_or(""));
  const auto to = sharing::version_of(scope.query("to").value_or(""));
  if (!from || !to) return outcome_reply(Kind::invalid, "changes takes two versions: ?from=1&to=3");
  const auto before = scope.options.store ? scope.options.store->version(name, *from) : std::nullopt;
  const auto after = scope.options.store ? scope.options.store->version(name, *to) : std::nullopt;
  if (!before || !after) return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no template '" + name + "' (or no such version)");
  return json_reply(HTTPResponse::HTTP_OK,
                    sharing::Changes{name, *from, *to, templates::key_changes(json::parse(before->document), json::parse(after->document))});
}

Reply template_publish(RequestScope& scope) {
  const std::string& name = scope.param("name");
  if (auto bad = bad_name(name)) return *bad;
  const auto& options = scope.options;
  if (!options.store || (!options.users && !options.directory)) {
    return error_reply(HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "this service publishes nothing: start it with --store and --users (or ldap-url)");
  }
  const auto who = identify(scope);
  if (!who.account) {
    log_refusal(scope, name, "", who.why);
    return refusal_reply(who);
  }
  const auto& user = who.account->user;
  const auto refuse = [&](Kind kind, const std::string& why) {
    log_refusal(scope, name, user.name, why);
    return outcome_reply(kind, why);
  };
  auto body = read_body(scope.request, options.max_body_bytes);
  if (!body) {
    scope.close_connection = true;
    return refuse(Kind::too_large, "the template is larger than " + std::to_string(options.max_body_bytes) + " bytes");
  }
  auto parsed = templates::parse(*body);
  if (!parsed) return refuse(Kind::invalid, "not a valid template: " + parsed.error().message);
  if (in_folder(options, name)) {
    log_refusal(scope, name, user.name, "the templates folder holds it");
    return error_reply(HTTPResponse::HTTP_CONFLICT,
                       "the templates folder holds '" + name + "': a published template may not take its name");
  }
  const bool has_if_match = scope.request.has(sharing::kIfMatchHeader);
  const auto if_match = sharing::if_match_version(scope.request.get(sharing::kIfMatchHeader, ""));
  if (has_if_match && !if_match) return refuse(Kind::invalid, "If-Match takes the version's ETag as the service sent it, e.g. \"3\"");
  const auto outcome = sharing::publish(*options.store, name, if_match, *parsed, user,
                                        scope.request.get(sharing::kMessageHeader, ""));
  switch (outcome.kind) {
    case Kind::created:
    case Kind::done:
    case Kind::unchanged: break;
    case Kind::conflict: {
      const auto latest = outcome.version;
      Reply reply = refuse(Kind::conflict, latest == 0 ? "there is no such template yet: publish it without If-Match"
                                                       : "someone published version " + std::to_string(latest) +
                                                             " first: reload it, re-apply your change and publish again");
      reply.body["latest"] = latest;
      if (latest > 0) reply.headers = {{sharing::kETagHeader, sharing::etag(latest)}};
      return reply;
    }
    default: return refuse(outcome.kind, outcome.message);
  }
  if (outcome.kind != Kind::unchanged) {
    Poco::Logger::get("alignkit.templates")
        .information("%s published %s version %d (%s)", user.name, name, static_cast<int>(outcome.version),
                     outcome.groups_changed.empty() ? std::string("no change") : json(outcome.groups_changed).dump());
  }
  Reply reply = json_reply(static_cast<HTTPResponse::HTTPStatus>(sharing::status_of(outcome.kind)),
                           sharing::Published{name, outcome.version, outcome.groups_changed});
  reply.headers = {{sharing::kETagHeader, sharing::etag(outcome.version)}};
  if (outcome.kind == Kind::created) reply.headers.emplace_back(sharing::kLocationHeader, sharing::path(sharing::RouteName::template_read, {name}));
  return reply;
}

}  // namespace alignkit::service
