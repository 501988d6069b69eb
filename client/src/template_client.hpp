#pragma once
// The one typed client of the template service: every call the `alignkit` command, `alignkit
// check`, the add-in's TEMPLATE.* functions and the sidebar make, answered as a sharing::Outcome
// (what the HTTP status means, read from the protocol's one table) and a typed record. Routes
// (sharing/routes.hpp), records (sharing/records.hpp), headers and versions come from core; a
// malformed answer is an outcome with a sentence, never a JSON library's exception.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "alignkit/sharing/sharing.hpp"
#include "http_transport.hpp"

namespace alignkit::client {

using sharing::Outcome;
using sharing::Version;

/// An answer: its outcome, and the record when the outcome succeeded.
template <class T>
struct Answer {
  Outcome outcome;
  T value{};
  [[nodiscard]] bool ok() const { return outcome.succeeded(); }
};

/// One version of a template, as read.
struct TemplateRead {
  sharing::VersionInfo info;  // version 0 for a folder file
  std::string text;           // the document as the service sent it
  nlohmann::json document;
};

/// A user as GET /v1/me tells it.
using Me = sharing::UserRecord;

/// A proposal, as listed (the record) or read (with its document and its changes against its base).
struct Proposal : sharing::Proposal {
  nlohmann::json document;                    // read only
  std::vector<templates::KeyChange> changes;  // read only
};

/// A signed-in session of the page: the cookie the service set ("alignkit_session=…").
struct Session {
  std::string cookie;
};

class TemplateClient {
 public:
  TemplateClient(std::string server, TransportOptions options);

  Answer<sharing::Health> health() const;
  /// Every function with its arguments, as the service's catalogue lists them.
  Answer<nlohmann::json> functions() const;
  /// One call ({"function": …, "args": […]}) or many ({"calls": […]}): the service's answer.
  Answer<nlohmann::json> evaluate(const nlohmann::json& call) const;
  Answer<nlohmann::json> evaluate_batch(const nlohmann::json& calls) const;
  /// The metrics as Prometheus reads them (this machine and the scrapers the settings name).
  Answer<std::string> metrics() const;

  Answer<std::vector<sharing::TemplateSummary>> list() const;
  /// The latest version; `if_none_match` (a version the caller has) answers `unchanged` with no
  /// document when it is still the latest.
  Answer<TemplateRead> read(const std::string& name, std::optional<Version> if_none_match = std::nullopt) const;
  Answer<TemplateRead> read_version(const std::string& name, Version version) const;
  /// The version that was the latest at `instant` (ISO 8601: 2026-03-31T23:59:59Z or 2026-03-31).
  Answer<TemplateRead> read_at(const std::string& name, const std::string& instant) const;
  Answer<std::vector<sharing::VersionInfo>> history(const std::string& name) const;
  /// Publishes `document` on top of `base` (nothing: a new template). The answer's value and
  /// `outcome.version` are the new version (the latest one on a conflict).
  Answer<Version> publish(const std::string& name, std::optional<Version> base, const std::string& document,
                          const std::string& message = {}) const;
  /// What differs between two versions of `name`, worked out by the service.
  Answer<sharing::Changes> changes(const std::string& name, Version from, Version to) const;
  /// What `draft` does to the figures the template feeds, against `base` (nothing: the latest).
  Answer<sharing::Effects> effects(const std::string& name, std::optional<Version> base, const std::string& draft) const;

  Answer<Me> me() const;
  Answer<std::vector<sharing::UserRecord>> owners() const;
  /// A page session for this client's token (its cookie), and its end.
  Answer<Session> sign_in() const;
  Answer<Session> sign_out(const Session& session) const;

  Answer<Proposal> propose(const std::string& name, Version base, const std::string& document,
                           const std::string& message = {}) const;
  Answer<std::vector<Proposal>> proposals(const std::string& name, bool all = false) const;
  Answer<Proposal> proposal(std::int64_t id) const;
  /// Approving answers the new version in `outcome.version`.
  Answer<Proposal> approve(std::int64_t id, const std::string& message = {}) const;
  Answer<Proposal> decline(std::int64_t id, const std::string& reason) const;
  Answer<Proposal> withdraw(std::int64_t id) const;

  [[nodiscard]] const std::string& server() const { return transport_.server(); }

 private:
  HttpTransport transport_;
};

/// The service's own words for a refusal (its body's {"error": "..."}), else its status.
std::string error_message(const HttpAnswer& answer);

}  // namespace alignkit::client
