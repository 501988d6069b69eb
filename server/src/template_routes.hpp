#pragma once
// The service's /v1/templates routes: the store's owned, versioned templates (read, publish with
// ETags, history) and the read-only folder of --templates.
#include <optional>
#include <string>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/IPAddress.h>

#include "client_origin.hpp"
#include "http_reply.hpp"
#include "http_service.hpp"

namespace alignkit::service {

/// The answer for a request under /v1/templates, or nothing for any other path. `origin`: who
/// the request comes from, worked out once by the handler (behind nginx, the client it names).
std::optional<Reply> route_templates(Poco::Net::HTTPServerRequest& request, const ClientOrigin& origin,
                                     const std::string& path, const ServiceOptions& options, bool wants_csv,
                                     bool& close_connection);

/// GET /v1/me: who the request's token belongs to and the groups they own, so a client can tell
/// a planner before sending that a change is not theirs to publish (the same rule the service applies).
Reply who_publishes(const Poco::Net::HTTPServerRequest& request, const ClientOrigin& origin,
                    const ServiceOptions& options);

/// True when the request may read templates: reading is open (no read-token, `reading = open`), or
/// it carries the read token or a user's. Every way to read a template asks this (its routes, and TEMPLATE.* in eval and batch).
bool may_read_templates(const Poco::Net::HTTPServerRequest& request, const ServiceOptions& options);

/// Without TLS a token may only come from this machine: it must never cross a network in clear.
bool accepts_token_from(const Poco::Net::IPAddress& client, bool tls);

}  // namespace alignkit::service
