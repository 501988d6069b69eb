#include "http/connection_guard.hpp"

#include <sys/socket.h>

#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServerConnection.h>

namespace alignkit::service {
namespace {

// The watch and the id of the connection this thread serves (Poco runs a connection, and the
// handler of each of its requests, on one thread).
thread_local ConnectionWatch* current_watch = nullptr;
thread_local std::uint64_t current_id = 0;

bool is_this_machine(const std::string& address) { return address == "127.0.0.1" || address == "::1"; }

}  // namespace

class WatchedConnection final : public Poco::Net::HTTPServerConnection {
 public:
  WatchedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, ConnectionWatch& watch, std::uint64_t id)
      : HTTPServerConnection(socket, std::move(params), std::move(handlers)), watch_(watch), id_(id) {}
  ~WatchedConnection() override { watch_.leave(id_); }
  void run() override {
    current_watch = &watch_;
    current_id = id_;
    HTTPServerConnection::run();
    current_watch = nullptr;
    current_id = 0;
  }

 private:
  ConnectionWatch& watch_;
  std::uint64_t id_;
};

// An address past its cap: told so in one answer, then closed.
class RefusedConnection final : public Poco::Net::TCPServerConnection {
 public:
  using TCPServerConnection::TCPServerConnection;
  void run() override {
    static constexpr char kAnswer[] =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 10\r\nConnection: close\r\n"
        "Content-Length: 83\r\n\r\n{\"error\": \"too many connections from this address at once: close some, then retry\"}";
    try {
      socket().setSendTimeout(Poco::Timespan(1, 0));
      socket().sendBytes(kAnswer, sizeof kAnswer - 1);
      socket().shutdown();
    } catch (...) {
      // it went away: nothing more to say
    }
  }
};

ConnectionWatch::ConnectionWatch(ConnectionLimits limits) : limits_(std::move(limits)), watcher_([this] { watch(); }) {}

ConnectionWatch::~ConnectionWatch() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stopping_changed_.notify_all();
  watcher_.join();
}

std::uint64_t ConnectionWatch::admit(const std::string& address, int fd) {
  std::lock_guard lock(mutex_);
  const bool capped = limits_.per_address > 0 && address != limits_.exempt_address && !is_this_machine(address);
  int& held = per_address_[address];
  if (capped && held >= limits_.per_address) {
    if (held == 0) per_address_.erase(address);
    ++cut_off_;
    return 0;
  }
  ++held;
  const std::uint64_t id = next_id_++;
  open_[id] = {address, fd, true, Clock::now()};
  return id;
}

void ConnectionWatch::leave(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  const auto found = open_.find(id);
  if (found == open_.end()) return;
  if (--per_address_[found->second.address] <= 0) per_address_.erase(found->second.address);
  open_.erase(found);
}

void ConnectionWatch::mark(std::uint64_t id, bool waiting) {
  std::lock_guard lock(mutex_);
  const auto found = open_.find(id);
  if (found == open_.end()) return;
  found->second.waiting = waiting;
  found->second.since = Clock::now();
}

void ConnectionWatch::handling() {
  if (current_watch) current_watch->mark(current_id, false);
}

void ConnectionWatch::waiting() {
  if (current_watch) current_watch->mark(current_id, true);
}

void ConnectionWatch::watch() {
  std::unique_lock lock(mutex_);
  const auto every = std::min<std::chrono::milliseconds>(std::chrono::milliseconds(500), limits_.header_deadline / 4);
  while (!stopping_changed_.wait_for(lock, every, [this] { return stopping_; })) {
    const auto now = Clock::now();
    for (auto& [id, open] : open_) {
      // A request's body and answer get six times as long: a slow body holds a thread no longer.
      const auto limit = open.waiting ? limits_.header_deadline : limits_.header_deadline * 6;
      if (now - open.since < limit || open.fd < 0) continue;
      // The system call alone, safe beside the thread blocked reading it: that read ends at once
      // and Poco closes the connection. Marked so it is cut only once.
      ::shutdown(open.fd, SHUT_RDWR);
      open.fd = -1;
      ++cut_off_;
    }
  }
}

Poco::Net::TCPServerConnection* WatchedConnections::createConnection(const Poco::Net::StreamSocket& socket) {
  std::string address;
  try {
    address = socket.peerAddress().host().toString();
  } catch (...) {
    address = "unknown";
  }
  const std::uint64_t id = watch_.admit(address, socket.impl()->sockfd());
  if (id == 0) return new RefusedConnection(socket);
  return new WatchedConnection(socket, params_, handlers_, watch_, id);
}

}  // namespace alignkit::service
