#pragma once
// Who a request is from: a user by their token (only over HTTPS or from this machine), or by the
// session cookie the owners' page signed in with (a write with a cookie also needs the page's own
// Origin). And who may read: anyone where reading is open, else a user or the read token.
#include <optional>
#include <string>

#include <Poco/Net/IPAddress.h>

#include "http/http_reply.hpp"
#include "access/users.hpp"

namespace alignkit::service {

struct RequestScope;

struct Identity {
  std::optional<Account> account;
  bool by_session = false;
  bool by_directory = false;  // a session opened with the company directory
  bool token_sent = false;  // an Authorization header came: a refused one counts against the address
  Poco::Net::HTTPResponse::HTTPStatus refusal = Poco::Net::HTTPResponse::HTTP_OK;
  std::string why;  // for a refusal
};

/// The request's user (token first, then session), or why there is none (401: no or an unknown
/// token or session; 403: a token over plain HTTP from another machine, a cookie write from
/// another origin).
Identity identify(RequestScope& scope);

/// The answer refusing an identity (401 with WWW-Authenticate, or 403).
Reply refusal_reply(const Identity& identity);

/// True when the request sends no Authorization header, or one whose token is a user's or the
/// read token: what a lock-out after wrong tokens never refuses.
bool presents_valid_token(RequestScope& scope);

/// True when the request may read templates: reading is open (no read-token, `reading = open`), or
/// it carries the read token or a user's token or session. Every way to read a template asks this.
bool may_read_templates(RequestScope& scope);

/// Without TLS a token may only come from this machine: it must never cross a network in clear.
bool accepts_token_from(const Poco::Net::IPAddress& client, bool tls);

/// The service's own origin as the client sees it (scheme and Host; behind nginx, what it forwards).
std::string own_origin(RequestScope& scope);

/// The session cookie's name.
inline constexpr const char* kSessionCookie = "alignkit_session";

/// Every refused write is logged with who, what and why — never with the token.
void log_refusal(RequestScope& scope, const std::string& what, const std::string& who, const std::string& why);

}  // namespace alignkit::service
