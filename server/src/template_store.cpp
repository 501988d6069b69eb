#include "template_store.hpp"

#include "latest_versions.hpp"
#include "store_changes.hpp"

#include <mutex>

#include <fcntl.h>
#include <unistd.h>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/Timestamp.h>
#include <nlohmann/json.hpp>

#include "alignkit/store_schema.hpp"

namespace alignkit::service {
namespace {
using namespace Poco::Data::Keywords;
using Poco::Data::Session;

using store_schema::kInfoColumns;

// A new SQLite store is created readable by its owner only (templates hold salaries); SQLite
// gives its -wal and -shm files the database file's mode.
void create_private(const std::string& path) {
  const int file = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (file >= 0) ::close(file);
}

void register_connectors() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
  });
}

std::string groups_text(const std::vector<std::string>& groups) { return nlohmann::json(groups).dump(); }

std::vector<std::string> groups_from(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  return parsed.is_array() ? parsed.get<std::vector<std::string>>() : std::vector<std::string>{};
}

// Rows of the info columns, as Poco extracts them: one vector per column.
struct InfoRows {
  std::vector<std::string> names, authors, published, messages, groups;
  std::vector<int> versions;

  [[nodiscard]] std::vector<VersionInfo> infos() const {
    std::vector<VersionInfo> out;
    for (std::size_t i = 0; i < names.size(); ++i) {
      out.push_back({names[i], versions[i], authors[i], published[i], messages[i], groups_from(groups[i])});
    }
    return out;
  }
};

template <class Statement>
void extract_into(Statement& statement, InfoRows& rows) {
  statement, into(rows.names), into(rows.versions), into(rows.authors), into(rows.published), into(rows.messages),
      into(rows.groups);
}

// Runs a query for one version (its info columns, then the document): the version, or nothing.
std::optional<StoredTemplate> first_version(Poco::Data::Statement& statement) {
  InfoRows rows;
  std::vector<std::string> documents;
  extract_into(statement, rows);
  statement, into(documents);
  statement.execute();
  if (rows.names.empty()) return std::nullopt;
  return StoredTemplate{rows.infos().front(), documents.front()};
}

}  // namespace

std::unique_ptr<TemplateStore> TemplateStore::open(const std::string& spec, int connections) {
  register_connectors();
  const auto colon = spec.find(':');
  const std::string kind = spec.substr(0, colon);
  const std::string target = colon == std::string::npos ? "" : spec.substr(colon + 1);
  if ((kind != "sqlite" && kind != "postgresql") || target.empty()) {
    throw StoreError("--store takes sqlite:PATH or postgresql:CONNECTION, not '" + spec + "'");
  }
  const bool sqlite = kind == "sqlite";
  if (sqlite) create_private(target);
  try {
    auto pool = std::make_unique<Poco::Data::SessionPool>(sqlite ? Poco::Data::SQLite::Connector::KEY
                                                                 : Poco::Data::PostgreSQL::Connector::KEY,
                                                          target, 1, connections);
    std::unique_ptr<TemplateStore> store(new TemplateStore(std::move(pool), sqlite, sqlite ? std::string() : target));
    Session session = store->session();
    if (sqlite) {
      // Write-ahead logging with full sync: a commit is on disk before the service answers, and
      // readers never wait for the writer.
      session << "PRAGMA journal_mode=WAL", now;
    } else {
      session << "SET client_min_messages TO WARNING", now;  // no "already exists" notice on every start
    }
    session << store_schema::kCreateTable, now;
    return store;
  } catch (const Poco::Exception& e) {
    // The connection text may hold a password: name the kind of store only.
    throw StoreError("cannot open the " + kind + " store: " + e.message());
  }
}

TemplateStore::TemplateStore(std::unique_ptr<Poco::Data::SessionPool> pool, bool sqlite, std::string connection)
    : pool_(std::move(pool)), sqlite_(sqlite), connection_(std::move(connection)) {}

TemplateStore::~TemplateStore() {
  listener_.reset();  // stops listening before what it tells goes away
}

void TemplateStore::keep_newest_in_memory() {
  if (newest_) return;
  newest_ = std::make_unique<LatestVersions>();
  if (sqlite_) {
    newest_->trust(true);  // this process is the store's one serving writer: it hears every change itself
  } else {
    listener_ = std::make_unique<ChangeListener>(connection_, *newest_);
  }
}

void TemplateStore::changed(Session& session, const std::string& name) {
  if (sqlite_) return;
  std::string channel = store_schema::kChangesChannel, payload = name;
  session << "SELECT pg_notify($1, $2)", use(channel), use(payload), now;  // delivered when it commits
}

void TemplateStore::written(const std::string& name) {
  if (newest_) newest_->forget(name);
}

Session TemplateStore::session() {
  Session session = pool_->get();
  if (sqlite_) {
    session.setConnectionTimeout(10);  // another process (alignkit store import) may hold the write lock
    session << "PRAGMA synchronous=FULL", now;
  }
  return session;
}

std::vector<VersionInfo> TemplateStore::list() {
  Session s = session();
  InfoRows rows;
  Poco::Data::Statement statement(s);
  statement << "SELECT " << kInfoColumns
            << " FROM template_versions v WHERE version = "
               "(SELECT MAX(version) FROM template_versions w WHERE w.name = v.name) ORDER BY name";
  extract_into(statement, rows);
  statement.execute();
  return rows.infos();
}

int TemplateStore::newest_version(Session& s, const std::string& name) {
  int newest = 0;
  std::string wanted = name;
  s << store_schema::kNewestVersion, into(newest), use(wanted), now;
  return newest;
}

std::optional<StoredTemplate> TemplateStore::version(const std::string& name, int version) {
  Session s = session();
  return version_in(s, name, version);
}

std::optional<StoredTemplate> TemplateStore::version_in(Session& s, const std::string& name, int version) {
  std::string wanted = name;
  Poco::Data::Statement statement(s);
  statement << store_schema::kVersion, use(wanted), use(version);
  return first_version(statement);
}

std::optional<StoredTemplate> TemplateStore::latest(const std::string& name) {
  if (newest_) {
    if (auto kept = newest_->find(name)) return kept;
  }
  const auto generation = newest_ ? newest_->generation() : 0;
  // One query (the newest row): a read that is not kept costs the database one round trip.
  Session s = session();
  std::string wanted = name;
  Poco::Data::Statement statement(s);
  statement << store_schema::kNewest, use(wanted);
  auto found = first_version(statement);
  if (newest_ && found) newest_->remember(*found, generation);
  return found;
}

std::vector<VersionInfo> TemplateStore::history(const std::string& name) {
  Session s = session();
  InfoRows rows;
  std::string wanted = name;
  Poco::Data::Statement statement(s);
  statement << "SELECT " << kInfoColumns << " FROM template_versions WHERE name = $1 ORDER BY version";
  extract_into(statement, rows);
  statement, use(wanted);
  statement.execute();
  return rows.infos();
}

std::vector<StoredTemplate> TemplateStore::everything() {
  Session s = session();
  InfoRows rows;
  std::vector<std::string> documents;
  Poco::Data::Statement statement(s);
  statement << "SELECT " << kInfoColumns << ", document FROM template_versions ORDER BY name, version";
  extract_into(statement, rows);
  statement, into(documents);
  statement.execute();
  const auto infos = rows.infos();
  std::vector<StoredTemplate> all;
  all.reserve(infos.size());
  for (std::size_t i = 0; i < infos.size(); ++i) all.push_back({infos[i], documents[i]});
  return all;
}

bool TemplateStore::keep(const StoredTemplate& kept) {
  std::unique_lock<std::mutex> one_writer(sqlite_writes_, std::defer_lock);
  if (sqlite_) one_writer.lock();
  Session s = session();
  std::string name = kept.info.name, author = kept.info.author, published = kept.info.published;
  std::string message = kept.info.message, groups = groups_text(kept.info.groups_changed), text = kept.document;
  int version = kept.info.version;
  s.begin();
  try {
    if (newest_version(s, name) != version - 1) {
      s.rollback();
      return false;
    }
    s << "INSERT INTO template_versions (name, version, author, published, message, groups_changed, document)"
         " VALUES ($1, $2, $3, $4, $5, $6, $7)",
        use(name), use(version), use(author), use(published), use(message), use(groups), use(text), now;
    changed(s, name);
    s.commit();
    written(name);
    return true;
  } catch (const Poco::Exception&) {
    if (s.isTransaction()) s.rollback();
    if (newest_version(s, name) >= version) return false;  // written meanwhile by someone else
    throw;
  }
}

PublishResult TemplateStore::publish(const std::string& name, int expected, const std::string& document,
                                     const VersionInfo& about) {
  std::unique_lock<std::mutex> one_writer(sqlite_writes_, std::defer_lock);
  if (sqlite_) one_writer.lock();
  Session s = session();
  std::string wanted = name;
  s.begin();
  try {
    const int latest = newest_version(s, name);
    if (latest != expected) {
      s.rollback();
      return {PublishResult::Outcome::conflict, latest};
    }
    int next = latest + 1;
    std::string author = about.author;
    std::string published = Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::ISO8601_FORMAT);
    std::string message = about.message;
    std::string groups = groups_text(about.groups_changed);
    std::string text = document;
    s << "INSERT INTO template_versions (name, version, author, published, message, groups_changed, document)"
         " VALUES ($1, $2, $3, $4, $5, $6, $7)",
        use(wanted), use(next), use(author), use(published), use(message), use(groups), use(text), now;
    changed(s, name);
    s.commit();
    written(name);
    return {latest == 0 ? PublishResult::Outcome::created : PublishResult::Outcome::updated, next};
  } catch (const Poco::Exception&) {
    if (s.isTransaction()) s.rollback();
    // Another instance inserted this version first (the primary key refused ours): a conflict.
    const int latest = newest_version(s, name);
    if (latest != expected) return {PublishResult::Outcome::conflict, latest};
    throw;
  }
}

}  // namespace alignkit::service
