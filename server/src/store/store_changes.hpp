#pragma once
// On PostgreSQL, where several service instances share one store: hears on a connection of its
// own every change any instance (or `alignkit store restore`/`copy`) commits — the NOTIFY sent in
// the writing transaction — and tells the LatestVersions to forget that template. Only while it
// listens are versions kept in memory at all; a lost connection (noticed within seconds: TCP
// keepalives, a user timeout and a heartbeat) makes every read ask the database until it listens
// again.
#include <atomic>
#include <memory>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "store/latest_versions.hpp"

namespace alignkit::service {

class ChangeListener {
 public:
  /// `connection`: the store's libpq connection text (key=value words or a postgresql:// URI).
  ChangeListener(std::string connection, LatestVersions& latest);
  ~ChangeListener();  // stops listening and joins its thread
  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;

 private:
  void run();
  void listen_once();  // one connection, until it fails or the listener stops

  std::string connection_;
  LatestVersions& latest_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

/// On SQLite: whether any connection — of this process or another (`alignkit store restore`
/// while the service runs) — committed to the store since it was last asked, from SQLite's own
/// data version on a connection of its own that never writes.
class SqliteChanges {
 public:
  explicit SqliteChanges(const std::string& path);
  ~SqliteChanges();
  SqliteChanges(const SqliteChanges&) = delete;
  SqliteChanges& operator=(const SqliteChanges&) = delete;

  /// True when something was committed since the last call (and on the first).
  bool changed();

 private:
  std::mutex mutex_;
  struct Connection;
  std::unique_ptr<Connection> connection_;
  std::int64_t seen_ = -1;
};

}  // namespace alignkit::service
