#pragma once
// Slow clients directly on the service's port (direct HTTPS, no nginx in front) cannot take every
// request thread: a request's headers must arrive whole within a deadline from the moment the
// connection waits for them (a connection dribbling a line every few seconds is cut off, as is
// one idle past it between requests), its body and answer within six times that, and one
// address holds at most so many connections at once
// (the trusted proxy and this machine itself excepted: nginx, monitoring). Connections are
// Poco's own HTTP connections, watched by one thread.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

namespace alignkit::service {

struct ConnectionLimits {
  std::chrono::milliseconds header_deadline{10000};
  int per_address = 8;               // 0: no cap
  std::string exempt_address;        // the trusted proxy, when there is one
};

/// Every open connection: which address holds it, and since when it waits for a request's headers.
class ConnectionWatch {
 public:
  using Clock = std::chrono::steady_clock;
  explicit ConnectionWatch(ConnectionLimits limits);
  ~ConnectionWatch();
  ConnectionWatch(const ConnectionWatch&) = delete;
  ConnectionWatch& operator=(const ConnectionWatch&) = delete;

  /// A new connection from `address` on socket `fd`: its id, or 0 when the address holds its cap.
  std::uint64_t admit(const std::string& address, int fd);
  void leave(std::uint64_t id);
  /// The connection this thread serves now reads a request's body and answers it (no deadline),
  /// or waits for the next request's headers (the deadline runs from now).
  static void handling();
  static void waiting();
  /// How many connections were cut off at the header deadline, and refused at the cap (metrics, tests).
  [[nodiscard]] std::uint64_t cut_off() const { return cut_off_; }

 private:
  friend class WatchedConnection;
  struct Open {
    std::string address;
    int fd;
    bool waiting;
    Clock::time_point since;
  };
  void mark(std::uint64_t id, bool waiting);
  void watch();

  const ConnectionLimits limits_;
  std::mutex mutex_;
  std::condition_variable stopping_changed_;
  bool stopping_ = false;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, Open> open_;
  std::map<std::string, int> per_address_;
  std::atomic<std::uint64_t> cut_off_{0};
  std::thread watcher_;
};

/// Poco's HTTP connections, each registered with the watch; past an address's cap, a 503 in words.
class WatchedConnections final : public Poco::Net::TCPServerConnectionFactory {
 public:
  WatchedConnections(ConnectionWatch& watch, Poco::Net::HTTPServerParams::Ptr params,
                     Poco::Net::HTTPRequestHandlerFactory::Ptr handlers)
      : watch_(watch), params_(std::move(params)), handlers_(std::move(handlers)) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

 private:
  ConnectionWatch& watch_;
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
};

}  // namespace alignkit::service
