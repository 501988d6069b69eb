#include "http_service.hpp"

#include "client_origin.hpp"

#include "alignkit/template_reader.hpp"
#include "published_templates.hpp"
#include "token_failures.hpp"

#include <algorithm>
#include <mutex>
#include <istream>
#include <optional>
#include <sstream>

#include <Poco/Logger.h>
#include <Poco/String.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include "http_reply.hpp"
#include "json_calls.hpp"
#include "template_routes.hpp"

namespace alignkit::service {
namespace {
using nlohmann::json;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string csv_value(const json& value) {
  return value.is_string() ? csv_field(value.get<std::string>()) : value.is_null() ? "" : value.dump();
}

// One result ({"value"}, {"values"} or {"error"}) as CSV rows.
std::string result_csv(const json& result) {
  std::string out = result.contains("error") ? "error\r\n" : "value\r\n";
  if (result.contains("error")) return out.append(csv_field(result["error"].get<std::string>())).append("\r\n");
  if (result.contains("value")) return out.append(csv_value(result["value"])).append("\r\n");
  for (const json& row : result["values"]) {
    if (!row.is_array()) {
      out += csv_value(row) + "\r\n";
      continue;
    }
    std::string line;
    for (const json& cell : row) {
      if (!line.empty()) line += ',';
      line += csv_value(cell);
    }
    out += line + "\r\n";
  }
  return out;
}

// A request must say once, and one way, where its body ends; else a body could hide a request.
std::optional<std::string> framing_problem(const HTTPServerRequest& request) {
  std::optional<std::string> length;
  bool transfer_encoding = false;
  for (const auto& [name, value] : request) {
    if (Poco::icompare(name, "Content-Length") == 0) {
      if (length && *length != value) return "the request has Content-Length headers that disagree";
      length = value;
    } else if (Poco::icompare(name, "Transfer-Encoding") == 0) {
      transfer_encoding = true;
    }
  }
  if (length && transfer_encoding) return "the request has both Content-Length and Transfer-Encoding";
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

class ApiHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  ApiHandler(const ServiceOptions& options, TokenFailures& token_failures, PublishedTemplates& published)
      : options_(options), token_failures_(token_failures), templates_(options.template_files, nullptr, published.hook()) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    Reply reply;
    bool close_connection = false;
    // Who the request comes from, once: the limit, the log and token transport all judge it.
    const ClientOrigin origin = client_origin(request, options_.trusted_proxy, options_.tls());
    const std::string address = origin.address.toString();
    try {
      if (const long long wait = token_failures_.wait_seconds(address); wait > 0) {
        reply = error_reply(HTTPResponse::HTTP_TOO_MANY_REQUESTS,
                            "too many refused tokens from this address: try again in " + std::to_string(wait) + " s");
        reply.headers = {{"Retry-After", std::to_string(wait)}};
        close_connection = true;  // its body is not read
      } else if (auto problem = framing_problem(request)) {
        reply = error_reply(HTTPResponse::HTTP_BAD_REQUEST, *problem);
        close_connection = true;  // where this body ends is unknown: nothing more is read from it
      } else {
        reply = route(request, origin, close_connection);
        // Whatever the answer, the body is read to its end or the connection closed: an unread
        // body must never be taken for the next request.
        if (!close_connection && !drained(request, options_.max_body_bytes)) close_connection = true;
      }
    } catch (const std::exception& e) {
      Poco::Logger::get("alignkit.http").error("request failed: %s", std::string(e.what()));
      reply = error_reply(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error");
      close_connection = true;
    }
    if (reply.status == HTTPResponse::HTTP_UNAUTHORIZED && token_failures_.failed(address)) {
      Poco::Logger::get("alignkit.http").warning("%d refused tokens from %s within a minute: it gets 429 for a while",
                                                 options_.max_token_failures, address);
    }
    if (reply.status >= 400) {
      Poco::Logger::get("alignkit.http").notice("%s %s -> %d", printable(request.getMethod()), printable(request.getURI()),
                                                 static_cast<int>(reply.status));
    }
    if (close_connection) response.setKeepAlive(false);  // the unread body must not be taken as a request
    response.setStatusAndReason(reply.status);  // "404 Not Found", never "404 OK"
    for (const auto& [name, value] : reply.headers) response.set(name, value);
    if (reply.empty_body) {
      response.setContentLength(0);
      response.send();
      return;
    }
    const bool csv = !reply.csv.empty();
    const std::string text = csv ? reply.csv : !reply.json_text.empty() ? std::move(reply.json_text) : reply.body.dump();
    response.setContentType(csv ? "text/csv; charset=utf-8" : "application/json");
    response.setContentLength(static_cast<std::streamsize>(text.size()));
    response.sendBuffer(text.data(), text.size());
  }

 private:
  Reply route(HTTPServerRequest& request, const ClientOrigin& origin, bool& close_connection) {
    const std::string path = request.getURI().substr(0, request.getURI().find('?'));
    const bool wants_csv = request.get("Accept", "").find("text/csv") != std::string::npos;
    const std::string& method = request.getMethod();
    const auto require = [&](const char* allowed) {
      return method == allowed ? std::optional<Reply>()
                               : error_reply(HTTPResponse::HTTP_METHOD_NOT_ALLOWED, std::string("use ") + allowed);
    };
    if (path == "/v1/health") {
      if (auto wrong = require("GET")) return *wrong;
      return json_reply(HTTPResponse::HTTP_OK, {{"status", "ok"}, {"version", ALIGNKIT_VERSION}, {"functions", functions().size()}});
    }
    if (path == "/v1/functions") {
      if (auto wrong = require("GET")) return *wrong;
      return functions_reply(wants_csv);
    }
    if (path == "/v1/me") {
      if (auto wrong = require("GET")) return *wrong;
      return who_publishes(request, origin, options_);
    }
    if (auto reply = route_templates(request, origin, path, options_, wants_csv, close_connection)) return std::move(*reply);
    if (path == "/v1/eval" || path == "/v1/batch") {
      if (auto wrong = require("POST")) return *wrong;
      auto body = read_body(request, options_.max_body_bytes);
      if (!body) {
        close_connection = true;
        return error_reply(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                           "request body is larger than " + std::to_string(options_.max_body_bytes) + " bytes");
      }
      const bool batch = path == "/v1/batch";
      auto answer = answer_request(*body, batch, context(request), {options_.max_batch_calls, options_.max_answer_cells});
      Reply reply = json_reply(static_cast<HTTPResponse::HTTPStatus>(answer.status), std::move(answer.body));
      if (wants_csv && !batch) reply.csv = result_csv(reply.body);  // a value or an error, as CSV
      if (wants_csv && batch && answer.status == 200) reply.csv = batch_csv(reply.body);
      return reply;
    }
    return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no such endpoint; see GET /v1/functions and /v1/health");
  }

  [[nodiscard]] CallContext context(const HTTPServerRequest& request) const {
    return CallContext{options_.templates_dir, true, may_read_templates(request, options_), &templates_};
  }

  static std::string batch_csv(const json& answer) {
    std::string table = "index,value,error\r\n";
    std::size_t index = 0;
    for (const json& body : answer["results"]) {
      const std::string value = body.contains("value")    ? csv_value(body["value"])
                                : body.contains("values") ? csv_field(body["values"].dump())
                                                          : "";
      const std::string error = body.contains("error") ? csv_field(body["error"].get<std::string>()) : "";
      table += std::to_string(index++) + "," + value + "," + error + "\r\n";
    }
    return table;
  }

  static Reply functions_reply(bool csv) {
    Reply reply = json_reply(HTTPResponse::HTTP_OK, {{"functions", catalogue_json()}});
    if (csv) {
      reply.csv = "name,family,description,arguments\r\n";
      for (const auto& f : functions()) {
        std::string arguments;
        for (const auto& a : f.arguments) {
          arguments += (arguments.empty() ? "" : "; ") + std::string(a.name) + (a.optional() ? " (optional)" : "");
        }
        reply.csv += csv_field(std::string(f.name)) + "," + csv_field(std::string(f.family)) + "," +
                     csv_field(std::string(f.description)) + "," + csv_field(arguments) + "\r\n";
      }
    }
    return reply;
  }

  const ServiceOptions& options_;
  TokenFailures& token_failures_;
  mutable templates::Reader templates_;  // the folder's files and the store's published templates
};

class ApiHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  ApiHandlerFactory(const ServiceOptions& options, TokenFailures& token_failures, PublishedTemplates& published)
      : options_(options), token_failures_(token_failures), published_(published) {}
  // Poco takes ownership of the handler it is given.
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new ApiHandler(options_, token_failures_, published_);
  }

 private:
  const ServiceOptions& options_;
  TokenFailures& token_failures_;
  PublishedTemplates& published_;
};

// HTTPS with the given certificate and key (PEM). Clients are not asked for certificates: they
// prove who they are with their token.
Poco::Net::Context::Ptr tls_context(const ServiceOptions& options) {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
  return new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, options.tls_private_key.string(),
                                options.tls_certificate.string(), "", Poco::Net::Context::VERIFY_NONE);
}

}  // namespace

struct HttpService::Shared {
  explicit Shared(const ServiceOptions& options)
      : token_failures(options.max_token_failures, std::chrono::seconds(60)), published(options.store) {}
  TokenFailures token_failures;
  PublishedTemplates published;
};

HttpService::HttpService(ServiceOptions options)
    : options_(std::move(options)), shared_(std::make_shared<Shared>(options_)) {}

HttpService::~HttpService() { stop(); }

void HttpService::start() {
  const int threads = std::clamp(options_.threads, 1, 256);
  threads_ = std::make_unique<Poco::ThreadPool>(threads, threads + 2);
  const Poco::Net::SocketAddress address(options_.bind, options_.port);
  Poco::Net::ServerSocket socket = options_.tls() ? Poco::Net::SecureServerSocket(address, 128, tls_context(options_))
                                                  : Poco::Net::ServerSocket(address, 128);
  auto params = Poco::makeAuto<Poco::Net::HTTPServerParams>();
  params->setMaxThreads(threads);
  params->setMaxQueued(options_.max_queued);
  params->setTimeout(Poco::Timespan(options_.timeout_seconds, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(options_.timeout_seconds, 0));
  server_ = std::make_unique<Poco::Net::HTTPServer>(Poco::makeShared<ApiHandlerFactory>(options_, shared_->token_failures, shared_->published), *threads_, socket,
                                                    params);
  server_->start();
}

void HttpService::stop() {
  if (server_) {
    server_->stopAll(false);  // stop accepting; requests in flight finish
    threads_->joinAll();
    server_.reset();
  }
}

std::uint16_t HttpService::port() const { return server_ ? server_->port() : options_.port; }

}  // namespace alignkit::service
