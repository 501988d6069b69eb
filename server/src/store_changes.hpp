#pragma once
// On PostgreSQL, where several service instances share one store: hears on a connection of its
// own every change any instance (or `alignkit store restore`/`copy`) commits — the NOTIFY sent in
// the writing transaction — and tells the LatestVersions to forget that template. Only while it
// listens are versions kept in memory at all; a lost connection (noticed within seconds: TCP
// keepalives, a user timeout and a heartbeat) makes every read ask the database until it listens
// again.
#include <atomic>
#include <string>
#include <thread>

#include "latest_versions.hpp"

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

}  // namespace alignkit::service
