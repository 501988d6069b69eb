// Who a user is (GET /v1/me), and the owners' page signing in and out (POST and DELETE
// /v1/session): a session cookie that stands for the user, never the token itself.
#include <algorithm>

#include <Poco/Logger.h>
#include <Poco/Net/NameValueCollection.h>

#include "access/authentication.hpp"
#include "http/routes.hpp"
#include "http/service_state.hpp"

namespace alignkit::service {
namespace {
using Poco::Net::HTTPResponse;

std::string cookie(RequestScope& scope, const std::string& value, long long max_age) {
  return std::string(kSessionCookie) + "=" + value + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
         std::to_string(max_age) + (scope.origin.over_tls ? "; Secure" : "");
}

// "hr-owners" for cn=hr-owners,ou=groups,dc=example,dc=com: what people call the group.
std::string group_name(const std::string& dn) {
  const auto equals = dn.find('=');
  const auto comma = dn.find(',');
  if (equals == std::string::npos || (comma != std::string::npos && comma < equals)) return dn;
  return dn.substr(equals + 1, comma == std::string::npos ? std::string::npos : comma - equals - 1);
}

}  // namespace

Reply me(RequestScope& scope) {
  const auto who = identify(scope);
  if (!who.account) return refusal_reply(who);
  const auto& user = who.account->user;
  const sharing::UserRecord record{user.name, user.groups, user.groups.empty(), who.by_directory ? "directory" : "token"};
  return json_reply(HTTPResponse::HTTP_OK, record);
}

Reply owners_list(RequestScope& scope) {
  const auto who = identify(scope);
  if (!who.account) return refusal_reply(who);
  nlohmann::json users = nlohmann::json::array();
  // The token users, then the directory's groups that own something (people signing in with the
  // directory own what their groups give): a group is named by its first value (cn=hr-owners,…).
  const auto listed = scope.options.users ? scope.options.users->users() : std::vector<User>{};
  for (const auto& user : listed) users.push_back(sharing::UserRecord{user.name, user.groups, user.groups.empty(), {}});
  if (scope.options.directory) {
    for (const auto& group : scope.options.directory->settings().groups) {
      if (group.owns.empty()) continue;
      users.push_back(sharing::UserRecord{group_name(group.group_dn), group.owns, false, "directory group"});
    }
  }
  return json_reply(HTTPResponse::HTTP_OK, {{"users", users}});
}

namespace {
Reply signed_in(RequestScope& scope, Sessions::Held held) {
  const std::string name = held.user;
  const std::string id = scope.state.sessions.open(std::move(held));
  Poco::Logger::get("alignkit.templates").information("%s signed in to the page from %s", sharing::printable(name),
                                                      scope.origin.address.toString());
  Reply reply;
  reply.status = HTTPResponse::HTTP_NO_CONTENT;
  reply.empty_body = true;
  reply.headers = {{"Set-Cookie", cookie(scope, id, scope.state.sessions.lifetime().count())}, {"Cache-Control", "no-store"}};
  return reply;
}

// A company account: {"user", "password"} from the page itself, checked by the directory. Failures
// count per name and address (five in 15 minutes: that name from that address waits) and per
// address with the refused tokens, so no one can lock another person out from elsewhere.
Reply directory_sign_in(RequestScope& scope) {
  const auto& directory = scope.options.directory;
  if (!directory) return error_reply(HTTPResponse::HTTP_NOT_FOUND, "this service signs in with tokens only");
  if (scope.request.get("Origin", "") != own_origin(scope)) {
    return error_reply(HTTPResponse::HTTP_FORBIDDEN, "sign in from the service's own page");
  }
  if (!accepts_token_from(scope.origin.address, scope.origin.over_tls)) {
    return error_reply(HTTPResponse::HTTP_FORBIDDEN, "passwords are accepted only over HTTPS or from this machine");
  }
  const auto text = read_body(scope.request, 4096);
  if (!text) return error_reply(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "a sign-in is a user name and a password");
  const auto body = nlohmann::json::parse(*text, nullptr, false);
  if (!body.is_object() || !body.contains("user") || !body["user"].is_string() || !body.contains("password") ||
      !body["password"].is_string()) {
    return error_reply(HTTPResponse::HTTP_BAD_REQUEST, R"(send {"user": NAME, "password": PASSWORD})");
  }
  const std::string name = body["user"].get<std::string>();
  const std::string password = body["password"].get<std::string>();
  if (name.size() > 256 || password.size() > 1024 || sharing::control_character_in(name)) {
    return error_reply(HTTPResponse::HTTP_BAD_REQUEST, "the user name or password is too long, or not text");
  }
  const std::string address = scope.origin.address.toString();
  const std::string attempt = name + '\n' + address;
  // Per name from this address, and per address whatever the name (one address trying a common
  // password on many names): the service's gate lets a request without a token through, so the
  // address's count of refusals is asked here.
  const long long name_wait = scope.state.sign_in_failures.wait_seconds(attempt);
  const long long address_wait = scope.state.token_failures.wait_seconds(address);
  if (const long long wait = std::max(name_wait, address_wait); wait > 0) {
    Reply reply = error_reply(HTTPResponse::HTTP_TOO_MANY_REQUESTS,
                              std::string(name_wait > 0 ? "too many wrong passwords for this name from here"
                                                        : "too many refused sign-ins from this address") +
                                  ": try again in " + std::to_string(wait) + " seconds");
    reply.headers = {{sharing::kRetryAfterHeader, std::to_string(wait)}};
    return reply;
  }
  const auto outcome = directory->sign_in(name, password);
  auto& log = Poco::Logger::get("alignkit.templates");
  switch (outcome.kind) {
    case Directory::Outcome::Kind::signed_in: {
      Sessions::Held held;
      held.user = outcome.account->name;
      held.directory = *outcome.account;
      held.rights_read = Sessions::Clock::now();
      return signed_in(scope, std::move(held));
    }
    case Directory::Outcome::Kind::no_rights:
      log.notice("%s signed in with the directory from %s but is in no mapped group", sharing::printable(name), address);
      return error_reply(HTTPResponse::HTTP_FORBIDDEN, outcome.why);
    case Directory::Outcome::Kind::unavailable:
      log.error("directory sign-in of %s from %s: %s", sharing::printable(name), address, outcome.why);
      return error_reply(HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "the company directory cannot be asked now: try again soon");
    case Directory::Outcome::Kind::refused: break;
  }
  scope.state.sign_in_failures.failed(attempt);
  scope.state.token_failures.failed(address);
  log.notice("refused directory sign-in of %s from %s", sharing::printable(name), address);
  return error_reply(HTTPResponse::HTTP_UNAUTHORIZED, outcome.why);
}
}  // namespace

Reply session_open(RequestScope& scope) {
  // A token in the header signs in with the token; otherwise a JSON body is a company account.
  const bool with_password = !scope.request.has(sharing::kAuthorizationHeader) &&
                             scope.request.getContentType().rfind("application/json", 0) == 0;
  if (with_password) return directory_sign_in(scope);
  if (!scope.request.has(sharing::kAuthorizationHeader)) {
    return error_reply(HTTPResponse::HTTP_UNAUTHORIZED, "sign in with your token: send Authorization: Bearer <your token>");
  }
  const auto who = identify(scope);
  if (!who.account) return refusal_reply(who);
  return signed_in(scope, {who.account->user.name, who.account->token_digest, std::nullopt, {}});
}

Reply session_close(RequestScope& scope) {
  Poco::Net::NameValueCollection cookies;
  scope.request.getCookies(cookies);
  if (cookies.has(kSessionCookie)) scope.state.sessions.close(cookies.get(kSessionCookie));
  Reply reply;
  reply.status = HTTPResponse::HTTP_NO_CONTENT;
  reply.empty_body = true;
  reply.headers = {{"Set-Cookie", cookie(scope, "", 0)}, {"Cache-Control", "no-store"}};
  return reply;
}

}  // namespace alignkit::service
