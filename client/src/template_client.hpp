#pragma once
// The one typed client of the template service: every call the `alignkit` command, `alignkit
// check`, the add-in's TEMPLATE.* functions and the sidebar make, answered as a sharing::Outcome
// (what the HTTP status means, read from the protocol's one table) and a typed record. Routes,
// headers and versions come from sharing.hpp; a malformed answer is an outcome with a sentence,
// never a JSON library's exception.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "alignkit/sharing.hpp"
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

/// A template as GET /v1/templates lists it.
struct TemplateListing {
  std::string name;
  Version version = 0;     // 0: a read-only file of the service's templates folder
  std::string author;
  std::string published;   // ISO 8601, UTC; empty for a file
  std::string title;       // a file's own "name", where the service gives it
};

/// One version of a template, as read.
struct TemplateRead {
  sharing::VersionInfo info;  // version 0 for a folder file
  std::string text;           // the document as the service sent it
  nlohmann::json document;
};

/// A user as GET /v1/me tells it.
struct Me {
  sharing::Owner owner;
  bool reads_only = false;  // a reader: owns no group, proposes
};

/// A proposal, as listed (without its document) or read (with it and its changes).
struct KeyChange {
  std::string key;                    // dotted, e.g. people.annual_salary
  std::optional<nlohmann::json> from;  // none: the key is added
  std::optional<nlohmann::json> to;    // none: the key is removed
};
struct Proposal {
  std::int64_t id = 0;
  std::string name;   // the template
  Version base = 0;
  std::string author, message, created, status;  // status: open, approved, declined, withdrawn
  std::vector<std::string> groups;
  std::string decided_by, reason;  // who approved or declined, and why
  Version published_as = 0;        // the version an approval published
  nlohmann::json document;         // read only
  std::vector<KeyChange> changes;  // read only
};

class TemplateClient {
 public:
  TemplateClient(std::string server, TransportOptions options);

  Answer<std::vector<TemplateListing>> list() const;
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
  Answer<Me> me() const;

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
