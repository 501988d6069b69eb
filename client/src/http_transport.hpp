#pragma once
// One HTTP(S) exchange with a template service (Poco), as every client of the service makes it:
// the server's certificate must name the host dialled (OpenSSL's own check, for every host, this
// machine included), and a token never crosses a network in clear. The typed calls are in
// template_client.hpp; this is only the wire.
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>

namespace alignkit::client {

/// An HTTP proxy to go through (the office's own proxy setting, for the add-in).
struct Proxy {
  std::string host;  // empty: connect directly
  unsigned short port = 0;
};

struct TransportOptions {
  std::string token;    // sent as "Authorization: Bearer"; empty sends none
  std::string ca_file;  // a PEM certificate to trust besides the system's (a team's own service)
  std::chrono::milliseconds timeout{10000};  // for connecting and for each read or write
  // A hostile or broken service cannot hold or flood the caller (the sidebar runs inside Calc):
  // the whole exchange ends by `deadline`, an answer larger than `max_answer_bytes` or nested
  // deeper than kMaxAnswerDepth is refused.
  std::chrono::milliseconds deadline{60000};
  std::size_t max_answer_bytes = 64u << 20;
  Proxy proxy;
};
/// JSON nested deeper than this in an answer is refused before it is parsed (templates nest at
/// most 64 deep).
inline constexpr int kMaxAnswerDepth = 100;

/// What the service answered: its status, body and the headers a client reads.
struct HttpAnswer {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // ETag, X-Template-*, Retry-After, Set-Cookie
  [[nodiscard]] std::string header(const std::string& name) const;
};

/// Nothing came back: the service cannot be reached, or nothing was sent because sending was not
/// safe (a certificate for another host, a token over plain HTTP to another machine). The message
/// says which, in words.
class Unreachable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// True for "localhost" and loopback addresses (127.x.y.z, ::1): this machine.
bool is_this_machine(const std::string& host);

class HttpTransport {
 public:
  /// `server` is "http(s)://host[:port]"; anything else is refused at the first request.
  HttpTransport(std::string server, TransportOptions options);

  /// Throws Unreachable.
  HttpAnswer request(const std::string& method, const std::string& path, const std::string& body = {},
                     const std::map<std::string, std::string>& headers = {}) const;

  [[nodiscard]] const std::string& server() const { return server_; }

 private:
  std::string server_;
  TransportOptions options_;
};

}  // namespace alignkit::client
