#pragma once
// The HTTP JSON service: POST /v1/eval, POST /v1/batch, GET /v1/functions, /v1/health,
// /v1/templates (see template_routes.hpp); CSV when the client sends Accept: text/csv.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "alignkit/template_files.hpp"

namespace Poco::Net {
class HTTPServer;
}
namespace Poco {
class ThreadPool;
}

namespace alignkit::service {

class TemplateStore;
class UserDirectory;

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
  int timeout_seconds = 10;                  // socket send/receive timeout
  std::shared_ptr<TemplateStore> store;      // owned, versioned templates; none: the folder only
  std::shared_ptr<UserDirectory> users;      // who may publish which groups
  std::string read_token;                    // when set, reading templates needs it or a user's token
  bool reading_needs_token = false;          // reading needs the read token or a user's, even with none set
  int max_token_failures = 20;               // refused tokens from one address a minute before it gets 429
  std::string trusted_proxy;                 // a front proxy's address (nginx): its X-Forwarded-For is the client
  std::filesystem::path tls_certificate;     // with tls_private_key: serve HTTPS
  std::filesystem::path tls_private_key;

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
  struct Shared;  // what every request thread shares: refused tokens by address, parsed published templates
  std::shared_ptr<Shared> shared_;
  std::unique_ptr<Poco::ThreadPool> threads_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace alignkit::service
