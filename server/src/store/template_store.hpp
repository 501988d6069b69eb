#pragma once
// The template service's store: every published version of every template, with who published
// it, when, why, which groups it changed and who approved it, and every proposal, on Poco::Data —
// SQLite by default (one file, no set-up), PostgreSQL for several service instances sharing one
// store. Every write is one transaction; a version, once acknowledged, is never changed or lost.
// Opening a store made by an earlier alignkit migrates it (store_schema.hpp).
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "alignkit/sharing/sharing.hpp"

namespace Poco::Data {
class Session;
class SessionPool;
class Statement;
}  // namespace Poco::Data

namespace alignkit::service {

class LatestVersions;
class ChangeListener;
class SqliteChanges;
using sharing::StoredTemplate;
using sharing::StoreWrite;
using sharing::Version;
using sharing::VersionInfo;

/// A store that cannot be opened or used: the message says why (no secrets in it).
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A proposal as the store keeps it.
/// A proposal as the store keeps it: the record and the document's text as proposed.
struct StoredProposal : sharing::Proposal {
  std::string document;
};

/// What became of restoring one template's versions.
enum class Restored { restored, already_held, not_whole };

/// What became of bringing a copy of a template up to date: how many versions it gained, or
/// that the copy holds a version unlike the source's (nothing added then).
struct CaughtUp {
  std::size_t added = 0;
  Version differs_at = 0;  // 0: the copy agrees with the source
};

class TemplateStore final : public sharing::VersionStore {
 public:
  /// "sqlite:PATH" or "postgresql:CONNECTION" (libpq keywords: "host=… port=… dbname=… user=…").
  /// Creates the tables when missing and migrates a store an earlier alignkit made.
  static std::unique_ptr<TemplateStore> open(const std::string& spec, int connections = 8);
  ~TemplateStore() override;
  TemplateStore(const TemplateStore&) = delete;
  TemplateStore& operator=(const TemplateStore&) = delete;

  /// The latest version of every template, by name.
  std::vector<VersionInfo> list();
  std::optional<StoredTemplate> latest(const std::string& name) override;
  std::optional<StoredTemplate> version(const std::string& name, Version version);
  /// The version that was the latest at `instant` (as sharing::utc_time writes times); nothing
  /// before the first.
  std::optional<StoredTemplate> latest_at(const std::string& name, const std::string& instant);
  /// Every version of a template, oldest first; empty when there is none.
  std::vector<VersionInfo> history(const std::string& name);
  /// Stores `document` as the next version when `expected` is the latest one (0: the template
  /// must not exist yet). Exactly one of several writers racing on one version wins.
  StoreWrite write_next(const std::string& name, Version expected, const std::string& document,
                     const VersionInfo& about) override;

  /// Every version of every template (by name, oldest first) and every proposal, in one read: a
  /// consistent snapshot while the service keeps publishing (a backup, a copy to another store).
  struct Snapshot {
    std::vector<StoredTemplate> versions;
    std::vector<StoredProposal> proposals;
  };
  Snapshot everything();
  /// One template's versions exactly as they were — numbers 1, 2, … with their authors, times,
  /// messages and groups — in one transaction, only into a store that does not hold the template.
  Restored restore(const std::vector<StoredTemplate>& versions);
  /// A copy kept current: `versions` (a template's every version, 1, 2, … from another store)
  /// added where this store's versions end, in one transaction, after checking the versions this
  /// store holds are the same (number, author, time, document).
  CaughtUp catch_up(const std::vector<StoredTemplate>& versions);
  /// A copy's note of when it was last brought up to date (store_schema::kMirrorTable).
  void mark_mirrored(const std::string& when);
  /// A proposal exactly as it was (its id too), unless the store holds one with its id.
  bool restore(const StoredProposal& proposal);

  // --- Proposals
  /// Keeps a new proposal (status open, a new id); returns it with its id.
  StoredProposal propose(StoredProposal proposal);
  /// A template's proposals, newest first, without their documents; `all`: not only the open ones.
  std::vector<StoredProposal> proposals(const std::string& name, bool all);
  std::optional<StoredProposal> proposal(std::int64_t id);
  /// How many proposals are open for template `name`, and how many `author` has open on any template.
  struct OpenProposals {
    std::int64_t of_template = 0;
    std::int64_t of_author = 0;
  };
  OpenProposals open_proposals(const std::string& name, const std::string& author);
  /// Closes an open proposal (declined or withdrawn) with who, why and when; false when it is not open.
  bool close(std::int64_t id, const std::string& status, const std::string& who, const std::string& reason);
  /// Publishes an open proposal's document as the next version after `expected` and marks it
  /// approved, in one transaction: a conflict when the template moved on or the proposal is no
  /// longer open (then `version` is the latest, or 0 for a proposal no longer open).
  StoreWrite approve(std::int64_t id, Version expected, const std::string& document, const VersionInfo& about);

  [[nodiscard]] bool is_sqlite() const { return sqlite_; }

  /// For a serving instance: the newest version of each template read is kept in memory, so a read
  /// costs no database round trip, and forgotten on every change — any write of this process at
  /// commit; on SQLite any other process's commit (the database's data version, asked before each
  /// kept read); on PostgreSQL any instance's, heard through LISTEN/NOTIFY (only while listening is
  /// anything kept).
  void keep_newest_in_memory();
  /// The newest-version cache's hits and misses since the start (0, 0 when nothing is kept).
  [[nodiscard]] std::pair<std::uint64_t, std::uint64_t> cache_counts() const;

 private:
  TemplateStore(std::unique_ptr<Poco::Data::SessionPool> pool, bool sqlite, std::string connection);
  void migrate();
  void changed(Poco::Data::Session& session, const std::string& name);  // in the writing transaction
  void written(const std::string& name);                               // after it committed
  Poco::Data::Session session();
  static std::optional<StoredTemplate> one_version(Poco::Data::Session& session, const char* query, const std::string& name,
                                                   const std::string* second);
  static Version newest_version(Poco::Data::Session& session, const std::string& name);  // 0: none
  static void insert(Poco::Data::Session& session, const StoredTemplate& version);
  static std::string proposal_query(bool with_documents);  // "SELECT … FROM template_proposals "
  static std::vector<StoredProposal> read_proposals(Poco::Data::Statement& statement, bool with_documents);

  std::unique_ptr<Poco::Data::SessionPool> pool_;
  bool sqlite_;
  std::string connection_;                   // the PostgreSQL connection text, for the listener
  std::unique_ptr<LatestVersions> newest_;   // none: every read asks the database
  std::unique_ptr<ChangeListener> listener_;
  std::unique_ptr<SqliteChanges> sqlite_changes_;
  std::mutex sqlite_writes_;  // SQLite takes one writer at a time; queue this process's here, not in busy retries
};

}  // namespace alignkit::service
