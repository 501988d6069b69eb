#pragma once
// The template store's table, defined once: the service creates and writes it (SQLite or
// PostgreSQL), and alignkit's PostgreSQL extension reads it in the same database. Every
// published version is a row; a version never changes once written. Placeholders are $1, $2…:
// PostgreSQL's own form, and SQLite binds them by position too.
namespace alignkit::store_schema {

inline constexpr const char* kTable = "template_versions";

inline constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS template_versions ("
    " name TEXT NOT NULL, version INTEGER NOT NULL, author TEXT NOT NULL, published TEXT NOT NULL,"
    " message TEXT NOT NULL, groups_changed TEXT NOT NULL, document TEXT NOT NULL,"
    " PRIMARY KEY (name, version))";

/// What a version says about itself, in this order.
inline constexpr const char* kInfoColumns = "name, version, author, published, message, groups_changed";

/// $1 name -> the newest version number, 0 when the template was never published.
inline constexpr const char* kNewestVersion = "SELECT COALESCE(MAX(version), 0) FROM template_versions WHERE name = $1";

/// $1 name -> the newest version: the info columns, then the document.
inline constexpr const char* kNewest =
    "SELECT name, version, author, published, message, groups_changed, document FROM template_versions"
    " WHERE name = $1 ORDER BY version DESC LIMIT 1";

/// $1 name, $2 version -> that version: the info columns, then the document.
inline constexpr const char* kVersion =
    "SELECT name, version, author, published, message, groups_changed, document FROM template_versions"
    " WHERE name = $1 AND version = $2";

/// PostgreSQL: every write to the store sends NOTIFY on this channel, the template's name as its
/// payload, in its own transaction; each serving instance LISTENs, to forget what it keeps of it.
inline constexpr const char* kChangesChannel = "alignkit_template_changes";

}  // namespace alignkit::store_schema
