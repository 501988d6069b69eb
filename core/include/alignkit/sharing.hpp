#pragma once
// Sharing templates through the template service, in one place for the service, the `alignkit`
// command, the add-in and the sidebar: the protocol's words (ETags, headers), which groups a
// change touches, who may publish it, and publishing itself with a typed outcome. Transport
// (HTTP, tokens, limits) stays with each front end; the rules live here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace alignkit::sharing {

// --- The protocol's words
inline constexpr const char* kVersionHeader = "X-Template-Version";  // the version a reply carries
inline constexpr const char* kAuthorHeader = "X-Template-Author";    // who published it
inline constexpr const char* kUpdatedHeader = "X-Template-Updated";  // when (ISO 8601, UTC)
inline constexpr const char* kMessageHeader = "X-Message";           // why, sent with a publish
inline constexpr std::size_t kMaxMessageLength = 500;

/// A version as an ETag: "\"3\"".
std::string etag(long long version);
/// The version an If-Match names: a strong ETag exactly as etag() writes it ("\"3\"", not W/"3",
/// 3 or "03"); nothing for anything else.
std::optional<int> if_match_version(std::string_view tag);
/// The version in an ETag ("\"3\"", W/"3") or a version header ("3"); nothing for anything else
/// and for numbers below 1.
std::optional<int> version_of(std::string_view tag);

// --- What a change touches, and who may make it

/// The top-level keys two versions of a template differ in (added, removed or changed).
std::vector<std::string> changed_groups(const nlohmann::json& before, const nlohmann::json& after);

/// A user as the ownership rule sees one: a name and the top-level groups owned ("*": all).
struct Owner {
  std::string name;
  std::vector<std::string> groups;
  [[nodiscard]] bool owns(std::string_view group) const;
};

/// Every top-level key of a template has an owner: a key holding an object is a group of its
/// own (`people`, `funnel`, …); every other key (`name`, `description`, `currency`,
/// `template_version`, …) belongs to the group `template`.
inline constexpr std::string_view kTemplateGroup = "template";
std::string group_of(const nlohmann::json& before, const nlohmann::json& after, const std::string& key);

/// Why `owner` may not publish `after` over `before` (changing `changed`), or nothing when the
/// owner may: every group a change touches (added, changed or removed) must be the owner's, and
/// a new template needs every group it holds.
std::optional<std::string> refusal(const Owner& owner, const nlohmann::json& before, const nlohmann::json& after,
                                   const std::vector<std::string>& changed);

// --- Publishing

struct VersionInfo {
  std::string name;
  int version = 0;
  std::string author;
  std::string published;  // ISO 8601, UTC
  std::string message;
  std::vector<std::string> groups_changed;
};

struct StoredTemplate {
  VersionInfo info;
  std::string document;  // the template's JSON text
};

struct StoreResult {
  enum class Outcome { created, updated, conflict } outcome = Outcome::conflict;
  int version = 0;  // the new version, or on conflict the latest one
};

/// Where published versions are kept (the service's SQLite or PostgreSQL store).
class VersionStore {
 public:
  virtual ~VersionStore() = default;
  virtual std::optional<StoredTemplate> latest(const std::string& name) = 0;
  /// Stores `document` as the next version when `expected` is the latest one (0: the template
  /// must not exist yet). Exactly one of several writers racing on one version wins.
  virtual StoreResult publish(const std::string& name, int expected, const std::string& document,
                              const VersionInfo& about) = 0;
};

/// What became of a publish.
struct Outcome {
  enum class Kind {
    created,           // version 1 of a new template
    updated,           // a new version
    unchanged,         // the same document again: no new version
    version_required,  // the template exists and the request named no version it builds on
    conflict,          // someone else published first (or there is no such template yet): `version` is the latest
    forbidden,         // the publisher does not own what the change touches: `message` says which groups
  } kind = Kind::conflict;
  int version = 0;
  std::vector<std::string> groups_changed;
  std::string message;  // why, for a refusal
};

/// Publishes `document` as the version after `based_on` (nothing: the request named none).
Outcome publish(VersionStore& store, const std::string& name, std::optional<int> based_on, const nlohmann::json& document,
                const Owner& publisher, std::string_view message);

}  // namespace alignkit::sharing
