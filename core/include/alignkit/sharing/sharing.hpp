#pragma once
// Sharing templates through the template service, in one place for the service, the `alignkit`
// command, the add-in and the sidebar: the protocol's words (headers, ETags, what each HTTP status
// means; its routes and records are sharing/routes.hpp and sharing/records.hpp), which groups a
// change touches, who may publish it, and publishing itself with a typed outcome. Transport
// (sockets, TLS, tokens on the wire) stays with each side; the rules live here.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "alignkit/sharing/records.hpp"
#include "alignkit/sharing/routes.hpp"

namespace alignkit::sharing {

// --- The protocol's words: headers

inline constexpr const char* kETagHeader = "ETag";
inline constexpr const char* kIfMatchHeader = "If-Match";
inline constexpr const char* kIfNoneMatchHeader = "If-None-Match";
inline constexpr const char* kAuthorizationHeader = "Authorization";
inline constexpr const char* kVersionHeader = "X-Template-Version";  // the version a reply carries
inline constexpr const char* kAuthorHeader = "X-Template-Author";    // who published it
inline constexpr const char* kApprovedByHeader = "X-Template-Approved-By";  // who approved it, when it was proposed
inline constexpr const char* kUpdatedHeader = "X-Template-Updated";    // when it was published (ISO 8601, UTC)
inline constexpr const char* kMessageHeader = "X-Message";           // why, sent with a publish
inline constexpr const char* kRetryAfterHeader = "Retry-After";      // seconds to wait, with 429 and 503
inline constexpr const char* kLocationHeader = "Location";           // where a created template or proposal is
inline constexpr std::size_t kMaxMessageLength = 500;

/// "Bearer TOKEN", the Authorization header's value.
std::string bearer(std::string_view token);
/// The token an Authorization header carries ("Bearer TOKEN"); nothing for anything else.
std::optional<std::string> token_of(std::string_view authorization);

/// A version as an ETag: "\"3\"".
std::string etag(Version version);
/// The version an If-Match names: a strong ETag exactly as etag() writes it ("\"3\"", not W/"3",
/// 3 or "03"); nothing for anything else.
std::optional<Version> if_match_version(std::string_view tag);
/// The version in an ETag ("\"3\"", W/"3") or a version header ("3"); nothing for anything else,
/// for numbers below 1 and for numbers past a version's range.
std::optional<Version> version_of(std::string_view tag);
/// The version a number stands for (TEMPLATE.INFO answers numbers): a whole number from 1 within a
/// version's range; nothing for anything else.
std::optional<Version> version_from_number(double number);

/// Text the service keeps, puts in a header or a log, or a command prints to a terminal (an
/// author, a message, a time): UTF-8 (a backup and every page read it as such) with no control
/// character, C0, DEL or C1 (CR and LF would forge a header, an escape sequence — ESC or U+009B —
/// would rewrite a terminal). The first offending character's description, or nothing when the
/// text is clean.
std::optional<std::string> control_character_in(std::string_view text);
/// A message as it is kept: at most kMaxMessageLength bytes, never a character cut in two.
std::string kept_message(std::string_view text);
/// Text for a terminal or a log line, whatever it holds: control characters (C0, DEL, C1) written
/// as \xNN or \u00NN, bytes that are not UTF-8 as \xNN. Every command prints others' text with it.
std::string printable(std::string_view text);

// --- Times: every version's and proposal's time is ISO 8601 in UTC to the second
// ("2026-03-31T23:59:59Z"), so times order as text in the store.

/// `moment` as the store writes it.
std::string utc_time(std::chrono::system_clock::time_point moment);
/// The same for any second from year 0 to 9999: the clock's own time point counts nanoseconds in
/// 64 bits and ends in 2262, so instants people type (9999-12-31: "the latest") stay in seconds.
std::string utc_time(std::chrono::sys_seconds moment);
/// True when `text` is a time exactly as utc_time() writes it (a backup's times are checked so).
bool is_utc_time(std::string_view text);
/// An instant as people and programs write one, as the store compares it: a date (2026-03-31: the
/// end of that day, UTC), a time in UTC (2026-03-31T12:00:00Z, fractions of a second dropped) or
/// with an offset (2026-03-31T14:00:00+02:00). Nothing for anything else.
std::optional<std::string> utc_instant(std::string_view text);

// --- What a change touches, and who may make it

/// The top-level keys two versions of a template differ in (added, removed or changed).
std::vector<std::string> changed_groups(const nlohmann::json& before, const nlohmann::json& after);

/// A user as the ownership rule sees one: a name and the top-level groups owned ("*": all).
/// A reader owns no group: they read and propose, never publish.
struct Owner {
  std::string name;
  std::vector<std::string> groups;
  [[nodiscard]] bool owns(std::string_view group) const;
};
/// The user a /v1/me answer tells, as the ownership rule sees them.
Owner owner_of(const UserRecord& user);

/// Every top-level key of a template has an owner: a key holding an object is a group of its
/// own (`people`, `funnel`, …); every other key (`name`, `description`, `currency`,
/// `template_version`, …) belongs to the group `template`.
inline constexpr std::string_view kTemplateGroup = "template";
std::string group_of(const nlohmann::json& before, const nlohmann::json& after, const std::string& key);
/// The groups a change touches, each once, in key order (what ownership is judged on).
std::vector<std::string> touched_groups(const nlohmann::json& before, const nlohmann::json& after);

/// Why a document whose key `pointer` (from templates::ambiguous_key_in) is empty or holds a '.'
/// is refused: at publish, proposal, approval and restore alike.
std::string ambiguous_key_refusal(std::string_view pointer);

/// Why `owner` may not publish `after` over `before` (changing `changed`), or nothing when the
/// owner may: every group a change touches (added, changed or removed) must be the owner's, and
/// a new template needs every group it holds.
std::optional<std::string> refusal(const Owner& owner, const nlohmann::json& before, const nlohmann::json& after,
                                   const std::vector<std::string>& changed);

// --- Publishing

struct StoredTemplate {
  VersionInfo info;
  std::string document;  // the template's JSON text
};

/// What became of one write to the store.
struct StoreWrite {
  enum class Result { created, next, conflict } result = Result::conflict;  // next: a version after the latest
  Version version = 0;  // the new version, or on conflict the latest one
};

/// Where published versions are kept (the service's SQLite or PostgreSQL store).
class VersionStore {
 public:
  virtual ~VersionStore() = default;
  virtual std::optional<StoredTemplate> latest(const std::string& name) = 0;
  /// Stores `document` as the next version when `expected` is the latest one (0: the template
  /// must not exist yet). Exactly one of several writers racing on one version wins.
  virtual StoreWrite write_next(const std::string& name, Version expected, const std::string& document,
                                const VersionInfo& about) = 0;
};

/// What became of a request to the service: a publish, and every other answer a client meets.
struct Outcome {
  enum class Kind {
    created,           // version 1 of a new template (or a new proposal)
    done,              // what was asked: a new version, a proposal approved, declined or withdrawn, a read answered
    unchanged,         // the same document again: no new version
    version_required,  // the template exists and the request named no version it builds on
    conflict,          // someone else published first (or there is no such template yet): `version` is the latest
    forbidden,         // not the user's to do (groups they do not own, tokens over plain HTTP): `message` says why
    unauthorized,      // no token, or one the service does not know
    not_found,         // no such template, version or proposal
    invalid,           // the request itself is wrong (not a template, a bad version, …)
    too_large,         // over the service's size limit
    closed,            // the proposal is no longer open, or its keys moved on since its base
    throttled,         // too many refused tokens from this address: wait
    unreachable,       // no answer: the network, or a refusal to send (a certificate for another host, a token over plain HTTP)
    unexpected,        // any other answer; `message` holds what the service said
  } kind = Kind::unexpected;  // until an answer says otherwise
  Version version = 0;
  std::vector<std::string> groups_changed;
  std::string message;  // why, for a refusal

  /// The request did what it asked: created, done, or unchanged (a read: the document came, or
  /// was the one the client had).
  [[nodiscard]] bool succeeded() const {
    return kind == Kind::created || kind == Kind::done || kind == Kind::unchanged;
  }
};

/// The HTTP status each outcome is answered with, and back: one table, read both ways by the
/// service (outcome → status) and its client (status → outcome). `unchanged` shares 200 with
/// `done`: a client tells them apart by the version (a publish answered with its own base).
struct OutcomeStatus {
  Outcome::Kind kind;
  int status;
};
inline constexpr OutcomeStatus kOutcomeStatuses[] = {
    {Outcome::Kind::created, 201},      {Outcome::Kind::done, 200},          {Outcome::Kind::unchanged, 200},
    {Outcome::Kind::done, 204},  // nothing to say (a session opened or closed)
    {Outcome::Kind::version_required, 428}, {Outcome::Kind::conflict, 412},  {Outcome::Kind::forbidden, 403},
    {Outcome::Kind::unauthorized, 401}, {Outcome::Kind::not_found, 404},        {Outcome::Kind::invalid, 400},
    {Outcome::Kind::too_large, 413},    {Outcome::Kind::closed, 409},           {Outcome::Kind::throttled, 429},
};
/// A read whose If-None-Match names the latest version: `unchanged`, answered without a body.
inline constexpr int kNotModifiedStatus = 304;
/// The store cannot take writes now (its database server is away): try again after Retry-After.
inline constexpr int kUnavailableStatus = 503;
/// The status the service answers an outcome with (500 for `unreachable` and `unexpected`, which it never gives).
int status_of(Outcome::Kind kind);
/// The outcome a status stands for, as a client reads it (`done` for 200; `unexpected` for a
/// status the protocol does not use).
Outcome::Kind outcome_of(int status);

/// Publishes `document` as the version after `based_on` (nothing: the request named none), as
/// `publisher`, whose ownership is judged. With a `proposer`, the version is the proposer's (its
/// author) approved by the publisher (its approved_by).
Outcome publish(VersionStore& store, const std::string& name, std::optional<Version> based_on,
                const nlohmann::json& document, const Owner& publisher, std::string_view message,
                std::string_view proposer = {});

}  // namespace alignkit::sharing
