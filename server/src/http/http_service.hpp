#pragma once
// The HTTP JSON service: the routes of routes.hpp (functions, templates, proposals, sessions,
// metrics, the owners' page) on Poco's server, each answer checked the same way on its way in
// (framing, refused tokens by address) and out (headers, metrics, the log).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <Poco/SharedPtr.h>

#include "alignkit/templates/template_files.hpp"

namespace Poco::Net {
class TCPServer;
}
namespace Poco {
class ThreadPool;
}

namespace alignkit::service {

class TemplateStore;
class UserDirectory;
class Directory;
struct ServiceState;
class ConnectionWatch;
class ApiHandlerFactory;

/// Mozilla's "intermediate" server profile for TLS 1.2: forward secrecy, AEAD only (no RSA key
/// exchange, no CBC, no SHA-1 MACs); TLS 1.3 keeps OpenSSL's own suites (no CCM8).
inline constexpr const char* kTlsCiphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305";

struct ServiceOptions {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;                 // 0 picks a free port
  std::filesystem::path templates_dir;       // the only folder TEMPLATE.VALUE may read
  std::shared_ptr<templates::Files> template_files = std::make_shared<templates::Files>();  // that folder's, as read
  int threads = 16;                          // request threads: Poco serves one keep-alive client per thread
  int max_queued = 256;                      // connections waiting for a thread
  std::size_t max_body_bytes = 1u << 20;     // larger requests get 413
  std::size_t max_batch_calls = 10000;
  std::size_t max_answer_cells = 1'000'000;  // numbers one request may answer: a small request cannot ask for gigabytes
  int timeout_seconds = 10;                  // socket send/receive timeout; a request's headers must arrive within it
  int max_connections_per_address = 8;       // at once, from one address (not the trusted proxy or this machine); 0: no cap
  std::shared_ptr<TemplateStore> store;      // owned, versioned templates; none: the folder only
  std::shared_ptr<UserDirectory> users;      // who may publish which groups
  std::shared_ptr<Directory> directory;      // company sign-in (LDAP); none: tokens only
  std::string read_token;                    // when set, reading templates needs it or a user's token
  bool reading_needs_token = false;          // reading needs the read token or a user's, even with none set
  int max_token_failures = 20;               // refused tokens from one address a minute before it gets 429
  // One user cannot fill the store (and so every backup): open proposals per user and per
  // template, a proposal's size, and how many one user makes an hour (429 / 413 past them).
  int max_open_proposals_per_user = 20;
  int max_open_proposals_per_template = 100;
  std::size_t max_proposal_bytes = 256u << 10;
  int max_proposals_per_hour = 60;
  std::string trusted_proxy;                 // a front proxy's address (nginx): its X-Forwarded-For is the client
  std::filesystem::path tls_certificate;     // with tls_private_key: serve HTTPS
  std::filesystem::path tls_private_key;
  std::vector<std::string> tls_protocols = {"TLSv1.2", "TLSv1.3"};  // offered; older ones never
  std::string tls_ciphers = kTlsCiphers;     // TLS 1.2's cipher suites, in OpenSSL's words
  std::vector<std::string> metrics_scrapers;  // addresses besides this machine that may read /metrics
  std::filesystem::path page_folder;          // the owners' page (index.html, scripts, styles, words)

  [[nodiscard]] bool tls() const { return !tls_certificate.empty() && !tls_private_key.empty(); }
};

class HttpService {
 public:
  explicit HttpService(ServiceOptions options);
  ~HttpService();
  HttpService(const HttpService&) = delete;
  HttpService& operator=(const HttpService&) = delete;

  void start();
  /// Stops accepting, lets requests in flight finish, and joins the threads.
  void stop();
  [[nodiscard]] std::uint16_t port() const;

 private:
  ServiceOptions options_;
  std::unique_ptr<ServiceState> state_;  // what every request thread shares
  std::unique_ptr<Poco::ThreadPool> threads_;
  std::unique_ptr<ConnectionWatch> connections_;
  Poco::SharedPtr<ApiHandlerFactory> handlers_;  // shared with Poco's connections
  std::unique_ptr<Poco::Net::TCPServer> server_;
};

}  // namespace alignkit::service
