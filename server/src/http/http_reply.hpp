#pragma once
// One answer of the HTTP service: status, JSON body (or CSV), and any extra headers.
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <nlohmann/json.hpp>

#include "alignkit/sharing/sharing.hpp"

namespace alignkit::service {

struct Reply {
  Poco::Net::HTTPResponse::HTTPStatus status = Poco::Net::HTTPResponse::HTTP_OK;
  nlohmann::json body;
  std::string json_text;  // instead of body: JSON already written (a stored version, sent as it is)
  std::string text;       // instead of JSON: CSV, the metrics, a file of the page — with its content_type
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  bool empty_body = false;  // 304 Not Modified, 204 No Content
};

inline Reply json_reply(Poco::Net::HTTPResponse::HTTPStatus status, nlohmann::json body) {
  Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

inline Reply error_reply(Poco::Net::HTTPResponse::HTTPStatus status, std::string message) {
  return json_reply(status, {{"error", std::move(message)}});
}

/// The answer a sharing outcome has (its status from the protocol's one table) with its message.
inline Reply outcome_reply(sharing::Outcome::Kind kind, std::string message) {
  return error_reply(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(sharing::status_of(kind)), std::move(message));
}

// Reads at most `limit` bytes of body; nullopt when there is more. A body somewhat over the
// limit is read and dropped (up to 4x) so the client can read the 413 instead of a reset.
inline std::optional<std::string> read_body(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
  const std::size_t drain_limit = 4 * limit;
  if (request.hasContentLength() && request.getContentLength64() > static_cast<std::streamsize>(drain_limit)) {
    return std::nullopt;
  }
  std::string body;
  std::size_t total = 0;
  char buffer[8192];
  std::istream& in = request.stream();
  while ((in.read(buffer, sizeof buffer) || in.gcount() > 0) && total <= drain_limit) {
    const auto count = static_cast<std::size_t>(in.gcount());
    total += count;
    if (total <= limit) body.append(buffer, count);
  }
  if (total > limit) return std::nullopt;
  return body;
}

}  // namespace alignkit::service
