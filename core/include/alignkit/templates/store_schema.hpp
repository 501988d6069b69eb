#pragma once
// The template store's tables, defined once: the service creates, migrates and writes them
// (SQLite or PostgreSQL), and alignkit's PostgreSQL extension reads them in the same database (or
// through postgres_fdw). Every published version is a row of template_versions and never changes
// once written; every proposal a row of template_proposals. Placeholders are $1, $2…:
// PostgreSQL's own form, and SQLite binds them by position too.
#include <string_view>

namespace alignkit::store_schema {

inline constexpr const char* kTable = "template_versions";
inline constexpr const char* kProposalsTable = "template_proposals";

/// The store as alignkit 0.1.0 made it: created (when missing) before any migration runs, so a new
/// store and an old one take the same steps.
inline constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS template_versions ("
    " name TEXT NOT NULL, version INTEGER NOT NULL, author TEXT NOT NULL, published TEXT NOT NULL,"
    " message TEXT NOT NULL, groups_changed TEXT NOT NULL, document TEXT NOT NULL,"
    " PRIMARY KEY (name, version))";

/// Which of the migrations below a store has had: one row. A store without it is 0.1.0's (schema 1).
inline constexpr const char* kCreateSchemaTable = "CREATE TABLE IF NOT EXISTS alignkit_store (schema_version INTEGER NOT NULL)";
inline constexpr const char* kSchemaVersion = "SELECT COALESCE(MAX(schema_version), 0) FROM alignkit_store";

/// Each step takes a store from the schema before it to its number; run in one transaction each.
struct Migration {
  int schema;
  const char* statements[4];  // nullptr ends the list
};
inline constexpr Migration kMigrations[] = {
    {2,
     {// who approved the proposal a version came from (0.2.0: proposals)
      "ALTER TABLE template_versions ADD COLUMN approved_by TEXT NOT NULL DEFAULT ''",
      "CREATE TABLE template_proposals ("
      " id BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, base INTEGER NOT NULL, author TEXT NOT NULL,"
      " message TEXT NOT NULL, groups_touched TEXT NOT NULL, created TEXT NOT NULL, status TEXT NOT NULL,"
      " decided_by TEXT NOT NULL, reason TEXT NOT NULL, decided TEXT NOT NULL, version INTEGER NOT NULL,"
      " document TEXT NOT NULL)",
      "CREATE INDEX template_proposals_by_name ON template_proposals (name, status)",
      nullptr}},
};
inline constexpr int kSchema = 2;  // what this build writes and reads

/// A copy kept current by `alignkit store mirror` says when it was last brought up to date (one
/// row, the time as the store writes times), so SQL can say how far behind it may be.
inline constexpr const char* kMirrorTable = "alignkit_mirror";
inline constexpr const char* kCreateMirrorTable = "CREATE TABLE IF NOT EXISTS alignkit_mirror (mirrored TEXT NOT NULL)";
/// A copy older than this (two runs of the mirror timer) is stale.
inline constexpr const char* kMirrorStaleAfter = "10 minutes";

/// What a version says about itself, in this order.
inline constexpr const char* kInfoColumns = "name, version, author, published, message, groups_changed, approved_by";

/// $1 name -> the newest version number, 0 when the template was never published.
inline constexpr const char* kNewestVersion = "SELECT COALESCE(MAX(version), 0) FROM template_versions WHERE name = $1";

/// $1 name -> the newest version: the info columns, then the document.
inline constexpr const char* kNewest =
    "SELECT name, version, author, published, message, groups_changed, approved_by, document FROM template_versions"
    " WHERE name = $1 ORDER BY version DESC LIMIT 1";

/// $1 name, $2 version -> that version: the info columns, then the document.
inline constexpr const char* kVersion =
    "SELECT name, version, author, published, message, groups_changed, approved_by, document FROM template_versions"
    " WHERE name = $1 AND version = $2";

/// $1 name, $2 an instant as the store writes times (ISO 8601, UTC, "2026-03-31T23:59:59Z") -> the
/// version that was the latest then: the info columns, then the document. Times of one format
/// order as text.
inline constexpr const char* kLatestAt =
    "SELECT name, version, author, published, message, groups_changed, approved_by, document FROM template_versions"
    " WHERE name = $1 AND published <= $2 ORDER BY version DESC LIMIT 1";

/// $1 name -> every version's number, time and document, oldest first: a template's history, for
/// reads as of many instants in one statement (times grow with versions: writes are serialised).
inline constexpr const char* kHistory =
    "SELECT version, published, document FROM template_versions WHERE name = $1 ORDER BY version";

/// A new version: name, version, author, published, message, groups_changed, approved_by, document.
inline constexpr const char* kInsertVersion =
    "INSERT INTO template_versions (name, version, author, published, message, groups_changed, approved_by, document)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

/// What a proposal says about itself, in this order (its document apart).
inline constexpr const char* kProposalColumns =
    "id, name, base, author, message, groups_touched, created, status, decided_by, reason, decided, version";

/// PostgreSQL: every write to the store sends NOTIFY on this channel, the template's name as its
/// payload, in its own transaction; each serving instance LISTENs, to forget what it keeps of it.
inline constexpr const char* kChangesChannel = "alignkit_template_changes";

/// How the store writes a time: ISO 8601 in UTC to the second, "2026-03-31T23:59:59Z".
inline constexpr std::string_view kTimeExample = "2026-03-31T23:59:59Z";

}  // namespace alignkit::store_schema
