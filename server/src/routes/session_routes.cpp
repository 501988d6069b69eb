// Who a user is (GET /v1/me), and the owners' page signing in and out (POST and DELETE
// /v1/session): a session cookie that stands for the user, never the token itself.
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

}  // namespace

Reply me(RequestScope& scope) {
  const auto who = identify(scope);
  if (!who.account) return refusal_reply(who);
  const auto& user = who.account->user;
  return json_reply(HTTPResponse::HTTP_OK, sharing::UserRecord{user.name, user.groups, user.groups.empty()});
}

Reply owners_list(RequestScope& scope) {
  const auto who = identify(scope);
  if (!who.account) return refusal_reply(who);
  nlohmann::json users = nlohmann::json::array();
  for (const auto& user : scope.options.users->users()) {
    users.push_back(sharing::UserRecord{user.name, user.groups, user.groups.empty()});
  }
  return json_reply(HTTPResponse::HTTP_OK, {{"users", users}});
}

Reply session_open(RequestScope& scope) {
  if (!scope.request.has(sharing::kAuthorizationHeader)) {
    return error_reply(HTTPResponse::HTTP_UNAUTHORIZED, "sign in with your token: send Authorization: Bearer <your token>");
  }
  const auto who = identify(scope);
  if (!who.account) return refusal_reply(who);
  const std::string id = scope.state.sessions.open(who.account->user.name, who.account->token_digest);
  Poco::Logger::get("alignkit.templates").information("%s signed in to the page from %s", who.account->user.name,
                                                      scope.origin.address.toString());
  Reply reply;
  reply.status = HTTPResponse::HTTP_NO_CONTENT;
  reply.empty_body = true;
  reply.headers = {{"Set-Cookie", cookie(scope, id, scope.state.sessions.lifetime().count())}, {"Cache-Control", "no-store"}};
  return reply;
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
