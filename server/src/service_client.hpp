#pragma once
// A client of the template service, over HTTP or HTTPS (Poco), for `alignkit templates`.
#include <map>
#include <string>

namespace alignkit::service {

struct ClientReply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // the few the client reads: ETag, X-Template-*
};

class ServiceClient {
 public:
  /// `server` is "http(s)://host[:port]"; `ca_file` a PEM certificate to trust besides the system's.
  ServiceClient(std::string server, std::string token, std::string ca_file);

  /// Throws std::runtime_error with a message when the service cannot be reached.
  ClientReply request(const std::string& method, const std::string& path, const std::string& body = {},
                      const std::map<std::string, std::string>& headers = {}) const;

 private:
  std::string server_;
  std::string token_;
  std::string ca_file_;
};

}  // namespace alignkit::service
