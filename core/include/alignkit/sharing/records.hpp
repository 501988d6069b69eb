#pragma once
// The service's records, each one type with one JSON form (to_json/from_json), used by the
// routes, the client, `store backup`/`restore` and the tests. A field's C++ name is its JSON name.
// from_json throws nlohmann's exceptions for a shape the protocol does not have: the client turns
// them into an outcome with a sentence, restore into a refusal naming the entry.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "alignkit/templates/template_changes.hpp"

namespace alignkit::sharing {

/// A published version's number: 1, 2, … (0 where none exists yet). The store keeps it as a
/// 32-bit integer, so every side does.
using Version = std::int32_t;

/// One version as the history lists it (GET …/versions, a backup's entry without its document).
struct VersionInfo {
  std::string name;
  Version version = 0;
  std::string author;
  std::string updated;  // when it was published: ISO 8601, UTC
  std::string message;
  std::vector<std::string> groups_changed;
  std::string approved_by;  // who approved the proposal it came from; empty when its author published it
};
void to_json(nlohmann::json& out, const VersionInfo& info);
/// A backup written before 0.3 names the time "published"; it is read too.
void from_json(const nlohmann::json& in, VersionInfo& info);

/// A template as GET /v1/templates lists it: a store's (its latest version) or a read-only file of
/// the service's templates folder (its title and description, or why it cannot be read).
struct TemplateSummary {
  std::string name;
  std::string source = "store";  // "store" or "folder"
  VersionInfo latest;            // a store's; version 0 for a file
  std::string title, description, error;  // a file's
};
void to_json(nlohmann::json& out, const TemplateSummary& summary);
void from_json(const nlohmann::json& in, TemplateSummary& summary);

/// A proposal, as listed (the document and its changes come with a single read).
struct Proposal {
  std::int64_t id = 0;
  std::string name;  // the template
  Version base = 0;
  std::string author, message;
  std::vector<std::string> groups;
  std::string created;
  std::string status = "open";  // open, approved, declined, withdrawn
  std::string decided_by, reason, decided;  // who approved or declined it, why, when
  Version version = 0;                      // the version an approval published
};
void to_json(nlohmann::json& out, const Proposal& proposal);
void from_json(const nlohmann::json& in, Proposal& proposal);

/// A user as GET /v1/me and /v1/owners tell one.
struct UserRecord {
  std::string name;
  std::vector<std::string> owns;  // the groups they own ("*": all)
  bool reads_only = false;        // owns no group: reads and proposes
  std::string signed_in;          // GET /v1/me: "token" or "directory" (the company directory); empty elsewhere
};
void to_json(nlohmann::json& out, const UserRecord& user);
void from_json(const nlohmann::json& in, UserRecord& user);

/// What a publish answers: the version it made and the groups it changed.
struct Published {
  std::string name;
  Version version = 0;
  std::vector<std::string> groups_changed;
};
void to_json(nlohmann::json& out, const Published& published);
void from_json(const nlohmann::json& in, Published& published);

/// GET /v1/health: the service is up, its version and how many functions it answers.
struct Health {
  std::string status;  // "ok"
  std::string version;
  std::size_t functions = 0;
  std::vector<std::string> sign_in;  // how people may sign in to the page: "token", and "directory" when configured
};
void to_json(nlohmann::json& out, const Health& health);
void from_json(const nlohmann::json& in, Health& health);

/// GET /v1/templates/NAME/changes?from=&to=: what differs between two versions, key by key.
struct Changes {
  std::string name;
  Version from = 0, to = 0;
  std::vector<templates::KeyChange> changes;
};
void to_json(nlohmann::json& out, const Changes& changes);
void from_json(const nlohmann::json& in, Changes& changes);

/// One figure a template feeds (POST /v1/templates/NAME/effects): the call, and what it answers
/// with the draft (`after`) and with the version it starts from (`before`, null for a new figure).
/// A figure is a number, or {"error": why} where it cannot be computed.
struct Effect {
  std::string what, function;
  nlohmann::json call;         // {"function": …, "args": […]}, as POST /v1/eval takes it
  nlohmann::json call_before;  // the same with the version it starts from; null for a new figure
  nlohmann::json after, before;
};
struct Effects {
  std::string name;
  Version base = 0;  // the version compared with; 0: none
  std::vector<Effect> effects;
};
void to_json(nlohmann::json& out, const Effect& effect);
void from_json(const nlohmann::json& in, Effect& effect);
void to_json(nlohmann::json& out, const Effects& effects);
void from_json(const nlohmann::json& in, Effects& effects);

}  // namespace alignkit::sharing

namespace alignkit::templates {
/// {"key": "people.annual_salary", "path": "/people/annual_salary", "from": …, "to": …}: no
/// "from" for an added key, no "to" for a removed one; the path is what the key means.
void to_json(nlohmann::json& out, const KeyChange& change);
void from_json(const nlohmann::json& in, KeyChange& change);
}  // namespace alignkit::templates
