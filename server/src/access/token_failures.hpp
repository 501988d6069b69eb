#pragma once
// Repeated refused tokens from one address: after max_failures 401s within a window, the
// address gets 429 with Retry-After until the window has passed, so tokens cannot be guessed at
// the speed of the network. Counted by address, never by token; bounded in memory: when the table
// is full, the address counted longest ago is dropped, so a fresh address is always counted.
#include <chrono>
#include <cstddef>
#include <list>
#include <map>
#include <mutex>
#include <string>

namespace alignkit::service {

class TokenFailures {
 public:
  using Clock = std::chrono::steady_clock;
  TokenFailures(int max_failures, std::chrono::seconds window, std::size_t max_addresses = 10000);

  /// Seconds the address must wait before it may try again; 0 when it may now.
  [[nodiscard]] long long wait_seconds(const std::string& address, Clock::time_point now = Clock::now());
  /// Counts a refused token; true when this failure is the one that blocks the address.
  bool failed(const std::string& address, Clock::time_point now = Clock::now());

 private:
  struct Tally {
    Clock::time_point since;  // the window's start
    int failures = 0;
    std::list<std::string>::iterator age;  // its place in counted_
  };
  void drop(std::map<std::string, Tally>::iterator tally);  // the caller holds the lock

  const int max_failures_;
  const std::chrono::seconds window_;
  const std::size_t max_addresses_;
  std::mutex mutex_;
  std::map<std::string, Tally> tallies_;
  std::list<std::string> counted_;  // addresses by the start of their window, oldest first
};

}  // namespace alignkit::service
