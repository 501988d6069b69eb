#pragma once
// Who a request comes from: the connection's peer, or — when the peer is the front proxy the
// settings name (nginx on this machine, holding the slow and idle connections) — the client and
// scheme that proxy forwarded. Limits per address, the refused-write log and "tokens only over
// HTTPS or from this machine" all judge this origin, never the proxy's own address.
#include <string>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/IPAddress.h>

namespace alignkit::service {

struct ClientOrigin {
  Poco::Net::IPAddress address;
  bool over_tls = false;  // the client's own connection was HTTPS (to us, or to the proxy)
};

/// `trusted_proxy`: the proxy's address ("127.0.0.1"), or empty for none. From that peer only,
/// X-Forwarded-For's last address and X-Forwarded-Proto are believed; a forwarded address that
/// does not parse leaves the peer's, and never TLS.
ClientOrigin client_origin(const Poco::Net::HTTPServerRequest& request, const std::string& trusted_proxy, bool serving_tls);

}  // namespace alignkit::service
