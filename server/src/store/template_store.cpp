// The template store over Poco::Data, one class for SQLite and PostgreSQL: every query is written
// once for both (their differences are a few lines each), so the file is longer than 400 lines on
// purpose — split by backend, each query would be written twice.
#include "store/template_store.hpp"

#include "store/latest_versions.hpp"
#include "store/store_changes.hpp"

#include <algorithm>
#include <mutex>

#include <fcntl.h>
#include <unistd.h>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Exception.h>
#include <nlohmann/json.hpp>

#include "alignkit/templates/store_schema.hpp"

namespace alignkit::service {
namespace {
using namespace Poco::Data::Keywords;
using Poco::Data::Session;

// A new SQLite store is created readable by its owner only (templates hold salaries); SQLite
// gives its -wal and -shm files the database file's mode.
void create_private(const std::string& path) {
  const int file = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
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
  if (!parsed.is_array()) return {};
  std::vector<std::string> groups;
  for (const auto& group : parsed) {
    if (group.is_string()) groups.push_back(group.get<std::string>());
  }
  return groups;
}

// One transaction, rolled back unless committed. A write's on SQLite is IMMEDIATE: it takes the
// write lock at its start (waiting its turn), so a read inside it is never outdated by another process.
class Transaction {
 public:
  Transaction(Session& session, const char* begin) : session_(session) { session_ << begin, now; }
  Transaction(Session& session, bool sqlite) : Transaction(session, sqlite ? "BEGIN IMMEDIATE" : "BEGIN") {}
  ~Transaction() {
    if (done_) return;
    try {
      session_ << "ROLLBACK", now;
    } catch (const Poco::Exception&) {
      // The connection is gone: so is the transaction.
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    session_ << "COMMIT", now;
    done_ = true;
  }

 private:
  Session& session_;
  bool done_ = false;
};

// Rows of the info columns, as Poco extracts them: one vector per column.
struct InfoRows {
  std::vector<std::string> names, authors, published, messages, groups, approvers;
  std::vector<Version> versions;

  [[nodiscard]] std::vector<VersionInfo> infos() const {
    std::vector<VersionInfo> out;
    for (std::size_t i = 0; i < names.size(); ++i) {
      out.push_back({names[i], versions[i], authors[i], published[i], messages[i], groups_from(groups[i]), approvers[i]});
    }
    return out;
  }
};

template <class Statement>
void extract_into(Statement& statement, InfoRows& rows) {
  statement, into(rows.names), into(rows.versions), into(rows.authors), into(rows.published), into(rows.messages),
      into(rows.groups), into(rows.approvers);
}

// Rows of the proposal columns (kProposalColumns), and documents when asked for.
struct ProposalRows {
  std::vector<std::int64_t> ids;
  std::vector<std::string> names, authors, messages, groups, created, statuses, deciders, reasons, decided, documents;
  std::vector<Version> bases, versions;

  template <class Statement>
  void extract(Statement& statement) {
    statement, into(ids), into(names), into(bases), into(authors), into(messages), into(groups), into(created),
        into(statuses), into(deciders), into(reasons), into(decided), into(versions);
  }
  [[nodiscard]] std::vector<StoredProposal> proposals() const {
    std::vector<StoredProposal> out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      out.push_back({ids[i], names[i], bases[i], authors[i], messages[i], groups_from(groups[i]), created[i], statuses[i],
                     deciders[i], reasons[i], decided[i], versions[i], i < documents.size() ? documents[i] : std::string()});
    }
    return out;
  }
};

}  // namespace

namespace {

// The schema the store's tables are in (or go in): where the search path finds the table, else
// the first schema on it that no extension made — never alignkit's own schema, where the
// extension keeps a view named like the store's table (and which "$user" names when the
// service's role is called alignkit too). Every connection then works in it (InStoreSchema).
std::string store_schema_of(const std::string& connection) {
  Poco::Data::Session s(Poco::Data::PostgreSQL::Connector::KEY, connection);
  std::string schema;
  s << "SELECT coalesce("
       " (SELECT s.schema FROM unnest(current_schemas(false)) WITH ORDINALITY AS s(schema, position)"
       "  JOIN pg_namespace n ON n.nspname = s.schema"
       "  JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = 'template_versions' AND c.relkind IN ('r', 'p')"
       "  ORDER BY s.position LIMIT 1),"
       " (SELECT s.schema FROM unnest(current_schemas(false)) WITH ORDINALITY AS s(schema, position)"
       "  WHERE s.schema <> 'alignkit' AND s.schema NOT IN (SELECT n.nspname FROM pg_depend d"
       "   JOIN pg_namespace n ON n.oid = d.objid WHERE d.classid = 'pg_namespace'::regclass AND d.deptype = 'e')"
       "  ORDER BY s.position LIMIT 1), '')",
      into(schema), now;
  const bool plain = !schema.empty() && std::all_of(schema.begin(), schema.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!plain) {
    throw StoreError("the PostgreSQL store needs a schema of plain lower-case letters, digits and _ on its role's "
                     "search_path to keep its tables in (public, as PostgreSQL makes it)");
  }
  return schema;
}

// PostgreSQL connections that each work in the store's schema from the moment they are made.
class InStoreSchema final : public Poco::Data::SessionPool {
 public:
  InStoreSchema(const std::string& connection, std::string schema, int connections)
      : SessionPool(Poco::Data::PostgreSQL::Connector::KEY, connection, 1, connections), schema_(std::move(schema)) {}

 protected:
  void customizeSession(Poco::Data::Session& session) override {
    session << "SELECT set_config('search_path', $1, false)", use(schema_), now;
  }

 private:
  std::string schema_;
};

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
    std::unique_ptr<Poco::Data::SessionPool> pool;
    if (sqlite) {
      pool = std::make_unique<Poco::Data::SessionPool>(Poco::Data::SQLite::Connector::KEY, target, 1, connections);
    } else {
      pool = std::make_unique<InStoreSchema>(target, store_schema_of(target), connections);
    }
    std::unique_ptr<TemplateStore> store(new TemplateStore(std::move(pool), sqlite, target));
    store->migrate();
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

void TemplateStore::migrate() {
  Session s = session();
  if (sqlite_) {
    // Write-ahead logging with full sync: a commit is on disk before the service answers, and
    // readers never wait for the writer.
    s << "PRAGMA journal_mode=WAL", now;
  } else {
    s << "SET client_min_messages TO WARNING", now;  // no "already exists" notice on every start
  }
  Transaction transaction(s, sqlite_);
  if (!sqlite_) s << "SELECT pg_advisory_xact_lock(7243140)", now;  // instances starting together migrate once
  s << store_schema::kCreateTable, now;
  s << store_schema::kCreateSchemaTable, now;
  int schema = 0;
  s << store_schema::kSchemaVersion, into(schema), now;
  if (schema == 0) {  // new, or made by alignkit 0.1.0: the first schema
    schema = 1;
    s << "INSERT INTO alignkit_store (schema_version) VALUES (1)", now;
  }
  if (schema > store_schema::kSchema) {
    throw StoreError("the store was made by a newer alignkit (store schema " + std::to_string(schema) + ", this one reads " +
                     std::to_string(store_schema::kSchema) + "): install that version");
  }
  for (const auto& migration : store_schema::kMigrations) {
    if (migration.schema <= schema) continue;
    for (const char* const* statement = migration.statements; *statement != nullptr; ++statement) s << *statement, now;
    int to = migration.schema;
    s << "UPDATE alignkit_store SET schema_version = $1", use(to), now;
    schema = to;
  }
  transaction.commit();
}

void TemplateStore::keep_newest_in_memory() {
  if (newest_) return;
  newest_ = std::make_unique<LatestVersions>();
  if (sqlite_) {
    sqlite_changes_ = std::make_unique<SqliteChanges>(connection_);
    newest_->trust(true);  // every commit, of any process, changes the data version asked before each kept read
  } else {
    listener_ = std::make_unique<ChangeListener>(connection_, *newest_);
  }
}

std::pair<std::uint64_t, std::uint64_t> TemplateStore::cache_counts() const {
  return newest_ ? newest_->counts() : std::pair<std::uint64_t, std::uint64_t>{0, 0};
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
  statement << "SELECT " << store_schema::kInfoColumns
            << " FROM template_versions v WHERE version = "
               "(SELECT MAX(version) FROM template_versions w WHERE w.name = v.name) ORDER BY name";
  extract_into(statement, rows);
  statement.execute();
  return rows.infos();
}

Version TemplateStore::newest_version(Session& s, const std::string& name) {
  Version newest = 0;
  std::string wanted = name;
  s << store_schema::kNewestVersion, into(newest), use(wanted), now;
  return newest;
}

std::optional<StoredTemplate> TemplateStore::one_version(Session& s, const char* query, const std::string& name,
                                                         const std::string* second) {
  std::string wanted = name, also = second ? *second : std::string();
  InfoRows rows;
  std::vector<std::string> documents;
  Poco::Data::Statement statement(s);
  statement << query, use(wanted);
  if (second) statement, use(also);
  extract_into(statement, rows);
  statement, into(documents);
  statement.execute();
  if (rows.names.empty()) return std::nullopt;
  return StoredTemplate{rows.infos().front(), documents.front()};
}

std::optional<StoredTemplate> TemplateStore::version(const std::string& name, Version version) {
  Session s = session();
  const std::string number = std::to_string(version);
  return one_version(s, store_schema::kVersion, name, &number);
}

std::optional<StoredTemplate> TemplateStore::latest_at(const std::string& name, const std::string& instant) {
  Session s = session();
  return one_version(s, store_schema::kLatestAt, name, &instant);
}

std::optional<StoredTemplate> TemplateStore::latest(const std::string& name) {
  if (newest_) {
    if (sqlite_changes_ && sqlite_changes_->changed()) newest_->trust(true);  // another process wrote: forget all
    if (auto kept = newest_->find(name)) return kept;
  }
  const auto generation = newest_ ? newest_->generation() : 0;
  // One query (the newest row): a read that is not kept costs the database one round trip.
  Session s = session();
  auto found = one_version(s, store_schema::kNewest, name, nullptr);
  if (newest_ && found) newest_->remember(*found, generation);
  return found;
}

std::vector<VersionInfo> TemplateStore::history(const std::string& name) {
  Session s = session();
  InfoRows rows;
  std::string wanted = name;
  Poco::Data::Statement statement(s);
  statement << "SELECT " << store_schema::kInfoColumns << " FROM template_versions WHERE name = $1 ORDER BY version";
  extract_into(statement, rows);
  statement, use(wanted);
  statement.execute();
  return rows.infos();
}

void TemplateStore::insert(Session& s, const StoredTemplate& version) {
  std::string name = version.info.name, author = version.info.author, published = version.info.updated;
  std::string message = version.info.message, groups = groups_text(version.info.groups_changed);
  std::string approved_by = version.info.approved_by, text = version.document;
  Version number = version.info.version;
  s << store_schema::kInsertVersion, use(name), use(number), use(author), use(published), use(message), use(groups),
      use(approved_by), use(text), now;
}

TemplateStore::Snapshot TemplateStore::everything() {
  Session s = session();
  // One snapshot of both tables.
  Transaction reading(s, sqlite_ ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  InfoRows rows;
  std::vector<std::string> documents;
  Poco::Data::Statement statement(s);
  statement << "SELECT " << store_schema::kInfoColumns << ", document FROM template_versions ORDER BY name, version";
  extract_into(statement, rows);
  statement, into(documents);
  statement.execute();
  Snapshot snapshot;
  const auto infos = rows.infos();
  snapshot.versions.reserve(infos.size());
  for (std::size_t i = 0; i < infos.size(); ++i) snapshot.versions.push_back({infos[i], documents[i]});
  Poco::Data::Statement proposals(s);
  proposals << proposal_query(true) << "ORDER BY id";
  snapshot.proposals = read_proposals(proposals, true);
  reading.commit();
  return snapshot;
}

Restored TemplateStore::restore(const std::vector<StoredTemplate>& versions) {
  if (versions.empty()) return Restored::restored;
  const std::string& name = versions.front().info.name;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (versions[i].info.name != name || versions[i].info.version != static_cast<Version>(i + 1)) return Restored::not_whole;
  }
  std::unique_lock<std::mutex> one_writer(sqlite_writes_, std::defer_lock);
  if (sqlite_) one_writer.lock();
  Session s = session();
  Transaction transaction(s, sqlite_);
  if (newest_version(s, name) != 0) return Restored::already_held;
  try {
    for (const auto& version : versions) insert(s, version);
    changed(s, name);
    transaction.commit();
  } catch (const Poco::Exception&) {
    // Another writer created the template meanwhile (the primary key refused ours).
    Session other = session();
    if (newest_version(other, name) != 0) return Restored::already_held;
    throw;
  }
  written(name);
  return Restored::restored;
}

CaughtUp TemplateStore::catch_up(const std::vector<StoredTemplate>& versions) {
  if (versions.empty()) return {};
  const std::string& name = versions.front().info.name;
  std::unique_lock<std::mutex> one_writer(sqlite_writes_, std::defer_lock);
  if (sqlite_) one_writer.lock();
  Session s = session();
  Transaction transaction(s, sqlite_);
  const Version held = newest_version(s, name);
  if (held > static_cast<Version>(versions.size())) return {0, static_cast<Version>(versions.size()) + 1};
  // Every version the copy holds must be the source's of that number, all it says of itself
  // included: a copy changed by hand (an UPDATE of version 1) is found, not built upon.
  for (Version number = 1; number <= held; ++number) {
    const std::string version_text = std::to_string(number);
    const auto mine = one_version(s, store_schema::kVersion, name, &version_text);
    const auto& theirs = versions[static_cast<std::size_t>(number - 1)];
    if (!mine || mine->document != theirs.document || mine->info.updated != theirs.info.updated ||
        mine->info.author != theirs.info.author || mine->info.message != theirs.info.message ||
        mine->info.approved_by != theirs.info.approved_by || mine->info.groups_changed != theirs.info.groups_changed) {
      return {0, number};
    }
  }
  for (auto at = static_cast<std::size_t>(held); at < versions.size(); ++at) insert(s, versions[at]);
  if (versions.size() > static_cast<std::size_t>(held)) {
    changed(s, name);
    transaction.commit();
    written(name);
  }
  return {versions.size() - static_cast<std::size_t>(held), 0};
}

void TemplateStore::mark_mirrored(const std::string& when) {
  std::unique_lock<std::mutex> one_writer(sqlite_writes_, std::defer_lock);
  if (sqlite_) one_writer.lock();
  Session s = session();
  s << store_schema::kCreateMirrorTable, now;
  Transaction transaction(s, sqlite_);
  std::string mirrored = when;
  s << "DELETE FROM alignkit_mirror", now;
  s << "INSERT INTO alignkit_mirror (mirrored) VALUES ($1)", use(mirrored), now;
  transaction.commit();
}

StoreWrite TemplateStore::write_next(const std::string& name, Version expected, const std::string& document,
                                  const VersionInfo& about) {
  std::unique_lock<std::mutex> one_writer(sqlite_writes_, std::defer_lock);
  if (sqlite_) one_writer.lock();
  Session s = session();
  try {
    Transaction transaction(s, sqlite_);
    const Version latest = newest_version(s, name);
    if (latest != expected) return {StoreWrite::Result::conflict, latest};
    StoredTemplate version{about, document};
    version.info.name = name;
    version.info.version = latest + 1;
    version.info.updated = sharing::utc_time(std::chrono::system_clock::now());
    insert(s, version);
    changed(s, name);
    transaction.commit();
    written(name);
    return {latest == 0 ? StoreWrite::Result::created : StoreWrite::Result::next, version.info.version};
  } catch (const Poco::Exception&) {
    // Another instance inserted this version first (the primary key refused ours): a conflict.
    const Version latest = newest_version(s, name);
    if (latest != expected) return {StoreWrite::Result::conflict, latest};
    throw;
  }
}

// --- Proposals

std::string TemplateStore::proposal_query(bool with_documents) {
  return std::string("SELECT ") + store_schema::kProposalColumns + (with_documents ? ", document" : "") +
         " FROM template_proposals ";
}

std::vector<StoredProposal> TemplateStore::read_proposals(Poco::Data::Statement& statement, bool with_documents) {
  ProposalRows rows;
  rows.extract(statement);
  if (with_documents) statement, into(rows.documents);
  statement.execute();
  return rows.proposals();
}

StoredProposal TemplateStore::propose(StoredProposal proposal) {
  proposal.status = "open";
  proposal.created = sharing::utc_time(std::chrono::system_clock::now());
  for (int attempt = 0;; ++attempt) {
    std::unique_lock<std::mutex> one_writer(sqlite_writes_, std::defer_lock);
    if (sqlite_) one_writer.lock();
    Session s = session();
    try {
      Transaction transaction(s, sqlite_);
      std::int64_t id = 0;
      s << "SELECT COALESCE(MAX(id), 0) + 1 FROM template_proposals", into(id), now;
      proposal.id = id;
      std::string groups = groups_text(proposal.groups);
      s << "INSERT INTO template_proposals (" << store_schema::kProposalColumns
        << ", document) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
          use(proposal.id), use(proposal.name), use(proposal.base), use(proposal.author), use(proposal.message), use(groups),
          use(proposal.created), use(proposal.status), use(proposal.decided_by), use(proposal.reason), use(proposal.decided),
          use(proposal.version), use(proposal.document), now;
      transaction.commit();
      return proposal;
    } catch (const Poco::Exception&) {
      if (attempt >= 8) throw;  // another instance took the id: take the next
    }
  }
}

std::vector<StoredProposal> TemplateStore::proposals(const std::string& name, bool all) {
  Session s = session();
  std::string wanted = name;
  Poco::Data::Statement statement(s);
  statement << proposal_query(false) << (all ? "WHERE name = $1" : "WHERE name = $1 AND status = 'open'")
            << " ORDER BY id DESC",
      use(wanted);
  return read_proposals(statement, false);
}

TemplateStore::OpenProposals TemplateStore::open_proposals(const std::string& name, const std::string& author) {
  Session s = session();
  OpenProposals open;
  std::string template_name = name, who = author;
  s << "SELECT COUNT(*) FROM template_proposals WHERE name = $1 AND status = 'open'", use(template_name),
      into(open.of_template), now;
  s << "SELECT COUNT(*) FROM template_proposals WHERE author = $1 AND status = 'open'", use(who), into(open.of_author), now;
  return open;
}

std::optional<StoredProposal> TemplateStore::proposal(std::int64_t id) {
  Session s = session();
  std::int64_t wanted = id;
  Poco::Data::Statement statement(s);
  statement << proposal_query(true) << "WHERE id = $1", use(wanted);
  auto found = read_proposals(statement, true);
  if (found.empty()) return std::nullopt;
  return found.front();
}

bool TemplateStore::close(std::int64_t id, const std::string& status, const std::string& who, const std::string& reason) {
  std::unique_lock<std::mutex> one_writer(sqlite_writes_, std::defer_lock);
  if (sqlite_) one_writer.lock();
  Session s = session();
  std::string new_status = status, decider = who, why = reason, when = sharing::utc_time(std::chrono::system_clock::now());
  std::int64_t wanted = id;
  Poco::Data::Statement update(s);
  update << "UPDATE template_proposals SET status = $1, decided_by = $2, reason = $3, decided = $4"
            " WHERE id = $5 AND status = 'open'",
      use(new_status), use(decider), use(why), use(when), use(wanted);
  return update.execute() == 1;
}

StoreWrite TemplateStore::approve(std::int64_t id, Version expected, const std::string& document, const VersionInfo& about) {
  std::unique_lock<std::mutex> one_writer(sqlite_writes_, std::defer_lock);
  if (sqlite_) one_writer.lock();
  Session s = session();
  const std::string& name = about.name;
  try {
    Transaction transaction(s, sqlite_);
    const Version latest = newest_version(s, name);
    if (latest != expected) return {StoreWrite::Result::conflict, latest};
    StoredTemplate version{about, document};
    version.info.version = latest + 1;
    version.info.updated = sharing::utc_time(std::chrono::system_clock::now());
    std::string approved = "approved", approver = about.approved_by, when = version.info.updated;
    std::int64_t wanted = id;
    Version published = version.info.version;
    Poco::Data::Statement mark(s);
    mark << "UPDATE template_proposals SET status = $1, decided_by = $2, decided = $3, version = $4"
            " WHERE id = $5 AND status = 'open'",
        use(approved), use(approver), use(when), use(published), use(wanted);
    if (mark.execute() != 1) return {StoreWrite::Result::conflict, 0};  // decided meanwhile
    insert(s, version);
    changed(s, name);
    transaction.commit();
    written(name);
    return {StoreWrite::Result::next, version.info.version};
  } catch (const Poco::Exception&) {
    const Version latest = newest_version(s, name);
    if (latest != expected) return {StoreWrite::Result::conflict, latest};
    throw;
  }
}

bool TemplateStore::restore(const StoredProposal& proposal) {
  std::unique_lock<std::mutex> one_writer(sqlite_writes_, std::defer_lock);
  if (sqlite_) one_writer.lock();
  Session s = session();
  Transaction transaction(s, sqlite_);
  std::int64_t id = proposal.id, held = 0;
  s << "SELECT COUNT(*) FROM template_proposals WHERE id = $1", use(id), into(held), now;
  if (held != 0) return false;
  StoredProposal copy = proposal;
  std::string groups = groups_text(copy.groups);
  s << "INSERT INTO template_proposals (" << store_schema::kProposalColumns
    << ", document) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      use(copy.id), use(copy.name), use(copy.base), use(copy.author), use(copy.message), use(groups), use(copy.created),
      use(copy.status), use(copy.decided_by), use(copy.reason), use(copy.decided), use(copy.version), use(copy.document), now;
  transaction.commit();
  return true;
}

}  // namespace alignkit::service
