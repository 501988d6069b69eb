#pragma once
// A small HTTP client for the service tests, over real sockets on loopback.
#include <map>
#include <sstream>
#include <string>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <nlohmann/json.hpp>

struct HttpReply {
  int status = 0;
  std::string reason;
  std::string body;
  std::string content_type;
  std::map<std::string, std::string> headers;
  [[nodiscard]] nlohmann::json json() const { return nlohmann::json::parse(body); }
  [[nodiscard]] std::string header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? "" : found->second;
  }
};

inline HttpReply send_request(Poco::Net::HTTPClientSession& session, const std::string& method, const std::string& path,
                              const std::string& body, const std::map<std::string, std::string>& headers) {
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty() || method == "POST" || method == "PUT") {
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpReply reply;
  reply.status = static_cast<int>(response.getStatus());
  reply.reason = response.getReason();
  reply.content_type = response.getContentType();
  for (const auto& [name, value] : response) reply.headers[name] = value;
  Poco::StreamCopier::copyToString(in, reply.body);
  return reply;
}

inline HttpReply http(std::uint16_t port, const std::string& method, const std::string& path,
                      const std::string& body = {}, const std::string& accept = {},
                      std::map<std::string, std::string> headers = {}) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  if (!accept.empty()) headers["Accept"] = accept;
  return send_request(session, method, path, body, headers);
}
