#include "service_client.hpp"
#include "alignkit/sharing.hpp"

#include <memory>
#include <mutex>
#include <stdexcept>

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <nlohmann/json.hpp>

namespace alignkit::service {

std::string error_message(const ClientReply& reply) {
  const auto body = nlohmann::json::parse(reply.body, nullptr, false);
  if (body.is_object() && body.contains("error") && body["error"].is_string()) return body["error"].get<std::string>();
  return "the service answered " + std::to_string(reply.status);
}

ServiceClient::ServiceClient(std::string server, ClientOptions options)
    : server_(std::move(server)), options_(std::move(options)) {
  while (!server_.empty() && server_.back() == '/') server_.pop_back();
}

ClientReply ServiceClient::request(const std::string& method, const std::string& path, const std::string& body,
                                   const std::map<std::string, std::string>& headers) const {
  try {
    const Poco::URI uri(server_);
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https") {
      static std::once_flag once;
      std::call_once(once, [] { Poco::Net::initializeSSL(); });
      // The system's certificate authorities, and the given one (a team's self-signed service).
      Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", options_.ca_file,
                                                               Poco::Net::Context::VERIFY_RELAXED, 9, true);
      session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
    } else if (uri.getScheme() == "http") {
      session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    } else {
      throw std::runtime_error("--server takes http://host:port or https://host:port, not '" + server_ + "'");
    }
    if (!options_.proxy.host.empty()) session->setProxy(options_.proxy.host, options_.proxy.port);
    const Poco::Timespan timeout(std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout).count());
    session->setTimeout(timeout, timeout, timeout);
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!options_.token.empty()) request.set("Authorization", "Bearer " + options_.token);
    for (const auto& [name, value] : headers) request.set(name, value);
    if (!body.empty() || method == "PUT" || method == "POST") {
      request.setContentType("application/json");
      request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session->sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session->receiveResponse(response);
    ClientReply reply;
    reply.status = static_cast<int>(response.getStatus());
    Poco::StreamCopier::copyToString(in, reply.body);
    for (const char* name : {"ETag", sharing::kVersionHeader, sharing::kAuthorHeader, sharing::kUpdatedHeader}) {
      if (response.has(name)) reply.headers[name] = response.get(name);
    }
    return reply;
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("cannot reach " + server_ + ": " + e.displayText());
  }
}

}  // namespace alignkit::service
