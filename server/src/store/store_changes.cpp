#include "store/store_changes.hpp"

#include <cerrno>
#include <chrono>

#include <libpq-fe.h>
#include <poll.h>
#include <sqlite3.h>

#include "alignkit/templates/store_schema.hpp"

namespace alignkit::service {

namespace {
constexpr int kPollMilliseconds = 200;  // how soon a stop is noticed
constexpr auto kHeartbeat = std::chrono::seconds(2);
constexpr auto kRetryAfter = std::chrono::seconds(1);
constexpr const char* kApplicationName = "alignkit-changes";  // how an administrator finds it in pg_stat_activity

// The store's own connection text, made to notice a silent network loss within seconds.
PGconn* connect(const std::string& connection) {
  const char* keywords[] = {"dbname", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                            "connect_timeout", "application_name", nullptr};
  const char* values[] = {connection.c_str(), "5", "2", "2", "5000", "5", kApplicationName, nullptr};
  return PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
}

bool command_ok(PGconn* connection, const char* command) {
  PGresult* result = PQexec(connection, command);
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
  PQclear(result);
  return ok;
}
}  // namespace

ChangeListener::ChangeListener(std::string connection, LatestVersions& latest)
    : connection_(std::move(connection)), latest_(latest), thread_([this] { run(); }) {}

ChangeListener::~ChangeListener() {
  stopping_ = true;
  thread_.join();
  latest_.trust(false);
}

void ChangeListener::run() {
  while (!stopping_) {
    listen_once();
    latest_.trust(false);  // not listening: nothing kept, every read asks the database
    for (auto waited = std::chrono::milliseconds(0); waited < kRetryAfter && !stopping_;
         waited += std::chrono::milliseconds(kPollMilliseconds)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(kPollMilliseconds));
    }
  }
}

void ChangeListener::listen_once() {
  PGconn* connection = connect(connection_);
  const std::string listen = std::string("LISTEN ") + store_schema::kChangesChannel;
  if (PQstatus(connection) == CONNECTION_OK && command_ok(connection, listen.c_str())) {
    latest_.trust(true);  // from here every change is heard; what was kept before is dropped
    const auto hear_changes = [&] {
      while (PGnotify* change = PQnotifies(connection)) {
        latest_.forget(change->extra);
        PQfreemem(change);
      }
    };
    auto last_heartbeat = std::chrono::steady_clock::now();
    while (!stopping_) {
      pollfd ready{PQsocket(connection), POLLIN, 0};
      const int events = ::poll(&ready, 1, kPollMilliseconds);
      if (events < 0 && errno != EINTR) break;
      if (events > 0 && PQconsumeInput(connection) == 0) break;
      hear_changes();
      if (std::chrono::steady_clock::now() - last_heartbeat >= kHeartbeat) {
        if (!command_ok(connection, "SELECT 1")) break;
        last_heartbeat = std::chrono::steady_clock::now();
        hear_changes();  // what arrived while the heartbeat ran
      }
    }
  }
  PQfinish(connection);
}

struct SqliteChanges::Connection {
  sqlite3* database = nullptr;
  sqlite3_stmt* data_version = nullptr;
  ~Connection() {
    sqlite3_finalize(data_version);
    sqlite3_close(database);
  }
};

SqliteChanges::SqliteChanges(const std::string& path) : connection_(std::make_unique<Connection>()) {
  if (sqlite3_open_v2(path.c_str(), &connection_->database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(connection_->database, "PRAGMA data_version", -1, &connection_->data_version, nullptr) != SQLITE_OK) {
    connection_.reset();  // changed() then always says yes: nothing is kept, every read asks the store
  }
}

SqliteChanges::~SqliteChanges() = default;

bool SqliteChanges::changed() {
  std::lock_guard lock(mutex_);
  if (!connection_) return true;
  std::int64_t version = -1;
  if (sqlite3_step(connection_->data_version) == SQLITE_ROW) version = sqlite3_column_int64(connection_->data_version, 0);
  sqlite3_reset(connection_->data_version);
  const bool changed = version < 0 || version != seen_;
  seen_ = version;
  return changed;
}

}  // namespace alignkit::service
