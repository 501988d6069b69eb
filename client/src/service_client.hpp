#pragma once
// A client of the template service over HTTP or HTTPS (Poco): for `alignkit templates`, and for
// the add-in and sidebar, which follow and publish served templates.
#include <chrono>
#include <map>
#include <string>

namespace alignkit::service {

struct ClientReply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // the few a client reads: ETag, X-Template-*
};

/// An HTTP proxy to go through (the office's own proxy setting, for the add-in).
struct Proxy {
  std::string host;  // empty: connect directly
  unsigned short port = 0;
};

struct ClientOptions {
  std::string token;    // sent as "Authorization: Bearer"; empty sends none
  std::string ca_file;  // a PEM certificate to trust besides the system's (a team's own service)
  std::chrono::milliseconds timeout{10000};  // for connecting and for each read or write
  Proxy proxy;
};

/// The service's own words for a refusal (its body's {"error": "..."}), else its status.
std::string error_message(const ClientReply& reply);

class ServiceClient {
 public:
  /// `server` is "http(s)://host[:port]".
  ServiceClient(std::string server, ClientOptions options);
  ServiceClient(std::string server, std::string token, std::string ca_file)
      : ServiceClient(std::move(server), ClientOptions{std::move(token), std::move(ca_file), {}, {}}) {}

  /// Throws std::runtime_error with a message when the service cannot be reached.
  ClientReply request(const std::string& method, const std::string& path, const std::string& body = {},
                      const std::map<std::string, std::string>& headers = {}) const;

 private:
  std::string server_;
  ClientOptions options_;
};

}  // namespace alignkit::service
