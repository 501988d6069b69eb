#include "http/http_service.hpp"

#include <algorithm>
#include <chrono>
#include <istream>
#include <mutex>
#include <optional>

#include <openssl/ssl.h>

#include <Poco/Data/DataException.h>
#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>

#include "access/authentication.hpp"
#include "http/client_origin.hpp"
#include "http/connection_guard.hpp"
#include "http/http_reply.hpp"
#include "http/routes.hpp"
#include "http/service_state.hpp"
#include "store/template_store.hpp"

namespace alignkit::service {
namespace {

// The request log, looked up once: Poco's lookup by name takes a global lock, and every request
// asks whether it logs at debug level.
Poco::Logger& http_log() {
  static Poco::Logger& logger = Poco::Logger::get("alignkit.http");
  return logger;
}
using nlohmann::json;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A request must say once, and one way, where its body ends; else a body could hide a request.
std::optional<std::string> framing_problem(const HTTPServerRequest& request) {
  std::optional<std::string> length;
  int transfer_encodings = 0;
  for (const auto& [name, value] : request) {
    if (Poco::icompare(name, "Content-Length") == 0) {
      if (!all_digits(value)) return "Content-Length takes digits only, not '" + sharing::printable(value.substr(0, 40)) + "'";
      if (length && *length != value) return "the request has Content-Length headers that disagree";
      length = value;
    } else if (Poco::icompare(name, "Transfer-Encoding") == 0) {
      if (++transfer_encodings > 1) return "the request has more than one Transfer-Encoding header";
      if (Poco::icompare(value, "chunked") != 0) return "the only Transfer-Encoding taken is chunked";
    }
  }
  if (length && transfer_encodings > 0) return "the request has both Content-Length and Transfer-Encoding";
  return std::nullopt;
}

// Reads what is left of a request's body; false when its end cannot be found within 4 × limit
// (or the request does not say where it ends), so the connection must close.
bool drained(HTTPServerRequest& request, std::size_t limit) {
  const bool framed = request.getChunkedTransferEncoding() || request.hasContentLength();
  if (!framed) {
    const std::string& method = request.getMethod();
    return method == "GET" || method == "HEAD" || method == "DELETE";  // Poco reads these as bodiless
  }
  std::istream& in = request.stream();
  char buffer[8192];
  std::size_t total = 0;
  while (total <= 4 * limit && (in.read(buffer, sizeof buffer) || in.gcount() > 0)) total += static_cast<std::size_t>(in.gcount());
  return total <= 4 * limit && in.eof();
}

// JSON as sent: text that is not UTF-8 is written with U+FFFD, never an exception on the way out.
std::string json_text(const json& body) { return body.dump(-1, ' ', false, json::error_handler_t::replace); }

class ApiHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit ApiHandler(ServiceState& state) : state_(state) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    ConnectionWatch::handling();  // the headers are in: the header deadline stops
    const auto started = std::chrono::steady_clock::now();
    const ServiceOptions& options = state_.options;
    // Who the request comes from, once: the limit, the log and token transport all judge it.
    const ClientOrigin origin = client_origin(request, options.trusted_proxy, options.tls());
    const std::string address = origin.address.toString();
    const std::string path = request.getURI().substr(0, request.getURI().find('?'));
    RequestScope scope{request, origin, options, state_, {}, false};
    std::string route = "other";
    std::string_view route_name = "none";
    Reply reply;
    try {
      // An address that sent too many wrong tokens waits — for wrong tokens only: a valid token
      // (someone else behind the same NAT) and requests without one are never locked out.
      if (const long long wait = state_.token_failures.wait_seconds(address); wait > 0 && !presents_valid_token(scope)) {
        reply = outcome_reply(sharing::Outcome::Kind::throttled,
                              "too many refused tokens from this address: try again in " + std::to_string(wait) + " s");
        reply.headers = {{sharing::kRetryAfterHeader, std::to_string(wait)}};
        scope.close_connection = true;  // its body is not read
      } else if (auto problem = framing_problem(request)) {
        reply = error_reply(HTTPResponse::HTTP_BAD_REQUEST, *problem);
        scope.close_connection = true;  // where this body ends is unknown: nothing more is read from it
      } else {
        auto found = match_route(request.getMethod(), path);
        if (found.route) {
          route = std::string(found.route->pattern);
          route_name = found.route->id;
          scope.params = std::move(found.params);
          reply = handler_of(found.route->name)(scope);
        } else if (!found.allowed.empty()) {
          reply = error_reply(HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "use " + found.allowed);
          reply.headers.emplace_back("Allow", found.allowed);
        } else {
          reply = error_reply(HTTPResponse::HTTP_NOT_FOUND, "no such endpoint; see GET /v1/functions and /v1/health");
        }
        // Whatever the answer, the body is read to its end or the connection closed: an unread
        // body must never be taken for the next request.
        if (!scope.close_connection && !drained(request, options.max_body_bytes)) scope.close_connection = true;
      }
    } catch (const Poco::Data::DataException& e) {
      state_.metrics.store_error();
      http_log().error("the template store failed: %s", e.displayText());
      reply = error_reply(HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "the template store is not answering: try again shortly");
      scope.close_connection = true;
    } catch (const std::exception& e) {
      http_log().error("request failed: %s", sharing::printable(e.what()));
      reply = error_reply(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error");
      scope.close_connection = true;
    }
    // A refused token, not a missing one, counts against the address.
    if (reply.status == HTTPResponse::HTTP_UNAUTHORIZED && request.has(sharing::kAuthorizationHeader)) {
      state_.metrics.refused_token();
      if (state_.token_failures.failed(address)) {
        http_log().warning("%d refused tokens from %s within a minute: it gets 429 for a while",
                                                   options.max_token_failures, address);
      }
    }
    if (reply.status >= 400) {
      http_log().notice("%s %s -> %d", sharing::printable(request.getMethod()),
                                                 sharing::printable(request.getURI()), static_cast<int>(reply.status));
    }
    // Which route of the table answered: at debug level only (a test of the protocol reads it).
    if (http_log().debug()) {
      http_log().debug("%s %s -> %d by route %s", sharing::printable(request.getMethod()), sharing::printable(path),
                     static_cast<int>(reply.status), std::string(route_name));
    }
    send(reply, scope.close_connection, options.tls(), response);
    state_.metrics.request(route, static_cast<int>(reply.status),
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    ConnectionWatch::waiting();  // the next request's headers must arrive within the deadline
  }

 private:
  static void send(Reply& reply, bool close_connection, bool direct_tls, HTTPServerResponse& response) {
    if (close_connection) response.setKeepAlive(false);  // the unread body must not be taken as a request
    response.setStatusAndReason(reply.status);             // "404 Not Found", never "404 OK"
    response.set("X-Content-Type-Options", "nosniff");
    // Served over TLS by the service itself (--tls-cert): browsers keep to HTTPS from then on.
    // Behind nginx the proxy sends it (the packaged site file).
    if (direct_tls) response.set("Strict-Transport-Security", "max-age=31536000");
    // Every answer, the page's included: scripts and styles only from the service, never inline,
    // never in a frame.
    response.set("Content-Security-Policy", kContentSecurityPolicy);
    for (const auto& [name, value] : reply.headers) response.add(name, value);
    if (reply.empty_body) {
      response.setContentLength(0);
      response.send();
      return;
    }
    const bool raw = !reply.content_type.empty();
    const std::string text = raw ? std::move(reply.text) : !reply.json_text.empty() ? std::move(reply.json_text) : json_text(reply.body);
    response.setContentType(raw ? reply.content_type : "application/json");
    response.setContentLength(static_cast<std::streamsize>(text.size()));
    response.sendBuffer(text.data(), text.size());
  }

  ServiceState& state_;
};


// HTTPS with the given certificate and key (PEM), offering only the protocols and TLS 1.2 suites
// the settings name (Mozilla's intermediate profile by default). Clients are not asked for
// certificates: they prove who they are with their token.
Poco::Net::Context::Ptr tls_context(const ServiceOptions& options) {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, options.tls_private_key.string(),
                             options.tls_certificate.string(), "", Poco::Net::Context::VERIFY_NONE, 9, false,
                             options.tls_ciphers);
  const auto offered = [&](const char* protocol) {
    return std::find(options.tls_protocols.begin(), options.tls_protocols.end(), protocol) != options.tls_protocols.end();
  };
  int disabled = Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 | Poco::Net::Context::PROTO_TLSV1 |
                 Poco::Net::Context::PROTO_TLSV1_1;
  if (!offered("TLSv1.2")) disabled |= Poco::Net::Context::PROTO_TLSV1_2;
  if (!offered("TLSv1.3")) disabled |= Poco::Net::Context::PROTO_TLSV1_3;
  context->disableProtocols(disabled);
  SSL_CTX* ssl = context->sslContext();
  SSL_CTX_set1_groups_list(ssl, "X25519:prime256v1:secp384r1");  // ECDHE curves, as Mozilla lists them
  SSL_CTX_clear_options(ssl, SSL_OP_CIPHER_SERVER_PREFERENCE);  // the profile leaves the choice to the client
  return context;
}

}  // namespace

class ApiHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit ApiHandlerFactory(ServiceState& state) : state_(state) {}
  // Poco takes ownership of the handler it is given.
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override { return new ApiHandler(state_); }
  /// Tells every open connection the service stops (what Poco's HTTPServer::stopAll does).
  void stopped(bool abort_current) { serverStopped(this, abort_current); }

 private:
  ServiceState& state_;
};

HttpService::HttpService(ServiceOptions options)
    : options_(std::move(options)), state_(std::make_unique<ServiceState>(options_)) {}

HttpService::~HttpService() { stop(); }

void HttpService::start() {
  const int threads = std::clamp(options_.threads, 1, 256);
  threads_ = std::make_unique<Poco::ThreadPool>(threads, threads + 2);
  const Poco::Net::SocketAddress address(options_.bind, options_.port);
  Poco::Net::ServerSocket socket = options_.tls() ? Poco::Net::SecureServerSocket(tls_context(options_)) : Poco::Net::ServerSocket();
  // SO_REUSEADDR (a restart is not kept waiting by the last run's closing connections) but never
  // SO_REUSEPORT, which Poco's own constructor sets too: a second service on a taken port would
  // start and take half of the first one's connections.
  // A taken port is Poco's "address already in use", which alignkit serve says with the port.
  if (address.family() == Poco::Net::SocketAddress::IPv6) socket.bind6(address, true, false, false);
  else socket.bind(address, true, false);
  socket.listen(128);
  auto params = Poco::makeAuto<Poco::Net::HTTPServerParams>();
  params->setMaxThreads(threads);
  params->setMaxQueued(options_.max_queued);
  params->setTimeout(Poco::Timespan(options_.timeout_seconds, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(options_.timeout_seconds, 0));
  ConnectionLimits limits;
  limits.header_deadline = std::chrono::seconds(std::max(1, options_.timeout_seconds));
  limits.per_address = options_.max_connections_per_address;
  limits.exempt_address = options_.trusted_proxy;
  connections_ = std::make_unique<ConnectionWatch>(limits);
  handlers_ = Poco::makeShared<ApiHandlerFactory>(*state_);
  server_ = std::make_unique<Poco::Net::TCPServer>(
      Poco::makeShared<WatchedConnections>(*connections_, params, Poco::Net::HTTPRequestHandlerFactory::Ptr(handlers_)),
      *threads_, socket, params);
  state_->open_connections = [server = server_.get()] { return static_cast<std::uint64_t>(server->currentConnections()); };
  server_->start();
}

void HttpService::stop() {
  if (server_) {
    server_->stop();              // stop accepting
    handlers_->stopped(false);    // keep-alive connections close after their request in flight
    threads_->joinAll();
    state_->open_connections = [] { return std::uint64_t{0}; };
    server_.reset();
    connections_.reset();
  }
}

std::uint16_t HttpService::port() const { return server_ ? server_->port() : options_.port; }

}  // namespace alignkit::service
