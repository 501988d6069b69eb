#include "access/authentication.hpp"

#include <Poco/Logger.h>
#include <Poco/Net/NameValueCollection.h>

#include "alignkit/sharing/sharing.hpp"
#include "http/routes.hpp"
#include "access/secrets.hpp"
#include "http/service_state.hpp"

namespace alignkit::service {
namespace {
using Poco::Net::HTTPResponse;

std::optional<std::string> session_id(const Poco::Net::HTTPServerRequest& request) {
  Poco::Net::NameValueCollection cookies;
  request.getCookies(cookies);
  if (!cookies.has(kSessionCookie)) return std::nullopt;
  return cookies.get(kSessionCookie);
}

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD"; }

// A directory session's account: its rights as last read, read again from the directory once
// they are older than the settings allow. Nothing when the rights are gone or cannot be read.
std::optional<Account> directory_account(RequestScope& scope, const std::string& id, const Sessions::Held& held) {
  const auto& directory = scope.options.directory;
  if (!directory) return std::nullopt;
  DirectoryAccount account = *held.directory;
  const auto now = Sessions::Clock::now();
  if (now - held.rights_read >= directory->settings().recheck) {
    const auto outcome = directory->rights_now(account);
    if (outcome.kind != Directory::Outcome::Kind::signed_in) {
      Poco::Logger::get("alignkit.templates").notice("%s's session ended: %s", sharing::printable(account.name), outcome.why);
      return std::nullopt;
    }
    account = *outcome.account;
    scope.state.sessions.update(id, account, now);
  }
  return Account{User{account.name, account.owns}, {}};
}

}  // namespace

bool accepts_token_from(const Poco::Net::IPAddress& client, bool tls) { return tls || client.isLoopback(); }

std::string own_origin(RequestScope& scope) {
  return std::string(scope.origin.over_tls ? "https" : "http") + "://" + scope.request.getHost();
}

Identity identify(RequestScope& scope) {
  Identity identity;
  const auto& request = scope.request;
  if (!scope.options.users && !scope.options.directory) {
    identity.refusal = HTTPResponse::HTTP_NOT_FOUND;
    identity.why = "this service has no users: it publishes nothing";
    return identity;
  }
  if (request.has(sharing::kAuthorizationHeader)) {
    identity.token_sent = true;
    if (!accepts_token_from(scope.origin.address, scope.origin.over_tls)) {
      identity.refusal = HTTPResponse::HTTP_FORBIDDEN;
      identity.why = "tokens are accepted only over HTTPS or from this machine (serve with --tls-cert/--tls-key)";
      return identity;
    }
    const auto token = sharing::token_of(request.get(sharing::kAuthorizationHeader));
    if (token && scope.options.users) identity.account = scope.options.users->authenticate(*token);
    if (!identity.account) {
      identity.refusal = HTTPResponse::HTTP_UNAUTHORIZED;
      identity.why = "the token is not valid (wrong, or its user was removed)";
    }
    return identity;
  }
  if (const auto id = session_id(request)) {
    const auto held = scope.state.sessions.find(*id);
    std::optional<Account> account;
    if (held && held->directory) {
      account = directory_account(scope, *id, *held);
    } else if (held && scope.options.users) {
      account = scope.options.users->account(held->user);
      if (account && !same_secret(account->token_digest, held->token_digest)) account.reset();
    }
    if (!account) {
      if (held) scope.state.sessions.close(*id);  // removed, a new token, or no rights left: the session ends
      identity.refusal = HTTPResponse::HTTP_UNAUTHORIZED;
      identity.why = "your session has ended: sign in again";
      return identity;
    }
    if (is_write(request.getMethod()) && request.get("Origin", "") != own_origin(scope)) {
      identity.refusal = HTTPResponse::HTTP_FORBIDDEN;
      identity.why = "a change with a session must come from the service's own page";
      return identity;
    }
    identity.account = account;
    identity.by_session = true;
    identity.by_directory = held->directory.has_value();
    return identity;
  }
  identity.refusal = HTTPResponse::HTTP_UNAUTHORIZED;
  identity.why = "no token: send Authorization: Bearer <your token>";
  return identity;
}

Reply refusal_reply(const Identity& identity) {
  Reply reply = error_reply(identity.refusal, identity.why);
  if (identity.refusal == HTTPResponse::HTTP_UNAUTHORIZED) reply.headers = {{"WWW-Authenticate", "Bearer realm=\"alignkit\""}};
  return reply;
}

bool presents_valid_token(RequestScope& scope) {
  const auto& options = scope.options;
  if (!scope.request.has(sharing::kAuthorizationHeader)) return true;
  const auto token = sharing::token_of(scope.request.get(sharing::kAuthorizationHeader));
  if (!token) return false;
  if (!options.read_token.empty() && same_secret(*token, options.read_token)) return true;
  return options.users && options.users->authenticate(*token).has_value();
}

bool may_read_templates(RequestScope& scope) {
  const auto& options = scope.options;
  if (options.read_token.empty() && !options.reading_needs_token) return true;
  const auto header = scope.request.get(sharing::kAuthorizationHeader, "");
  if (const auto token = sharing::token_of(header); token && !options.read_token.empty() &&
                                                     accepts_token_from(scope.origin.address, scope.origin.over_tls) &&
                                                     same_secret(*token, options.read_token)) {
    return true;
  }
  return identify(scope).account.has_value();
}

void log_refusal(RequestScope& scope, const std::string& what, const std::string& who, const std::string& why) {
  Poco::Logger::get("alignkit.templates")
      .warning("refused %s %s from %s by %s: %s", scope.request.getMethod(), sharing::printable(what),
               scope.origin.address.toString(), who.empty() ? std::string("unknown user") : sharing::printable(who),
               sharing::printable(why));
}

}  // namespace alignkit::service
