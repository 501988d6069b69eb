#include "http/client_origin.hpp"

namespace alignkit::service {

namespace {
std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}
}  // namespace

ClientOrigin client_origin(const Poco::Net::HTTPServerRequest& request, const std::string& trusted_proxy, bool serving_tls) {
  ClientOrigin origin{request.clientAddress().host(), serving_tls};
  if (trusted_proxy.empty() || origin.address.toString() != trusted_proxy) return origin;
  const std::string forwarded = request.get("X-Forwarded-For", "");
  if (forwarded.empty()) return origin;  // the proxy's own request
  // The proxy appends the address it saw last: earlier entries are whatever the client claimed.
  const auto comma = forwarded.rfind(',');
  Poco::Net::IPAddress client;
  if (!Poco::Net::IPAddress::tryParse(trimmed(comma == std::string::npos ? forwarded : forwarded.substr(comma + 1)), client)) {
    return {origin.address, false};
  }
  return {client, request.get("X-Forwarded-Proto", "") == "https"};
}

}  // namespace alignkit::service
