#pragma once
// The template service's store: every published version of every template, with who published
// it, when, why and which groups it changed, on Poco::Data — SQLite by default (one file, no
// set-up), PostgreSQL for several service instances sharing one store. Every write is one
// transaction; a version, once acknowledged, is never changed or lost.
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "alignkit/sharing.hpp"

namespace Poco::Data {
class Session;
class SessionPool;
}  // namespace Poco::Data

namespace alignkit::service {

class LatestVersions;
class ChangeListener;
using sharing::StoredTemplate;
using sharing::VersionInfo;
using PublishResult = sharing::StoreResult;

/// A store that cannot be opened or used: the message says why (no secrets in it).
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TemplateStore final : public sharing::VersionStore {
 public:
  /// "sqlite:PATH" or "postgresql:CONNECTION" (libpq keywords: "host=… port=… dbname=… user=…").
  /// Creates the table when missing.
  static std::unique_ptr<TemplateStore> open(const std::string& spec, int connections = 8);
  ~TemplateStore() override;
  TemplateStore(const TemplateStore&) = delete;
  TemplateStore& operator=(const TemplateStore&) = delete;

  /// The latest version of every template, by name.
  std::vector<VersionInfo> list();
  std::optional<StoredTemplate> latest(const std::string& name) override;
  std::optional<StoredTemplate> version(const std::string& name, int version);
  /// Every version of a template, oldest first; empty when there is none.
  std::vector<VersionInfo> history(const std::string& name);
  /// Stores `document` as the next version when `expected` is the latest one (0: the template
  /// must not exist yet). Exactly one of several writers racing on one version wins.
  PublishResult publish(const std::string& name, int expected, const std::string& document,
                        const VersionInfo& about) override;

  /// Every version of every template (by name, oldest first), in one read: a consistent snapshot
  /// while the service keeps publishing (a backup, a copy to another store).
  std::vector<StoredTemplate> everything();
  /// Keeps a version exactly as it was — its number, author, time, message and groups — when it
  /// is its template's next version (restoring a backup, copying a store); false when it is not.
  bool keep(const StoredTemplate& version);

  [[nodiscard]] bool is_sqlite() const { return sqlite_; }

  /// For a serving instance: the newest version of each template read is kept in memory, so a read
  /// costs no database round trip, and forgotten on every change — this process's own writes; on
  /// PostgreSQL any instance's, heard through LISTEN/NOTIFY (only while listening is anything
  /// kept). On SQLite this process must be the store's only serving instance (several instances
  /// share a PostgreSQL store); `alignkit store import`/`restore` only add templates, never kept
  /// before they exist.
  void keep_newest_in_memory();

 private:
  TemplateStore(std::unique_ptr<Poco::Data::SessionPool> pool, bool sqlite, std::string connection);
  void changed(Poco::Data::Session& session, const std::string& name);  // in the writing transaction
  void written(const std::string& name);                               // after it committed
  Poco::Data::Session session();
  std::optional<StoredTemplate> version_in(Poco::Data::Session& session, const std::string& name, int version);
  static int newest_version(Poco::Data::Session& session, const std::string& name);  // 0: none

  std::unique_ptr<Poco::Data::SessionPool> pool_;
  bool sqlite_;
  std::string connection_;                   // the PostgreSQL connection text, for the listener
  std::unique_ptr<LatestVersions> newest_;   // none: every read asks the database
  std::unique_ptr<ChangeListener> listener_;
  std::mutex sqlite_writes_;  // SQLite takes one writer at a time; queue them here, not in busy retries
};

}  // namespace alignkit::service
