#pragma once
// The template service's routes, once: method, path pattern and name. The service binds a handler
// to each name (server/src/http/routes.cpp), the client builds its paths from the patterns, `alignkit
// --help`, docs/http-routes.md and the owners' page's routes.js are written from this table.
// A pattern's {name}, {version}, {id} and {file} each stand for one path segment.
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace alignkit::sharing {

enum class RouteName : std::uint8_t {
  health,
  functions,
  eval,
  batch,
  me,
  owners,
  session_open,
  session_close,
  templates,
  template_read,
  template_publish,
  template_versions,
  template_version,
  template_changes,
  template_effects,
  proposal_create,
  proposals,
  proposal_read,
  proposal_withdraw,
  proposal_approve,
  proposal_decline,
  metrics,
  page,
  page_file,
};

/// Who a route is for: the protocol every client speaks, or the owners' page's own files.
enum class Audience : std::uint8_t { api, browser };

struct Route {
  RouteName name;
  std::string_view id;  // the name as text: "template_read" (the page's routes.js, the docs, the metrics)
  std::string_view method;
  std::string_view pattern;
  std::string_view summary;  // what it answers, for --help and the docs
  Audience audience = Audience::api;
};

inline constexpr Route kRoutes[] = {
    {RouteName::health, "health", "GET", "/v1/health", "whether the service is up"},
    {RouteName::functions, "functions", "GET", "/v1/functions", "every function with its arguments"},
    {RouteName::eval, "eval", "POST", "/v1/eval", "one function's result"},
    {RouteName::batch, "batch", "POST", "/v1/batch", "many functions' results"},
    {RouteName::me, "me", "GET", "/v1/me", "the signed-in user and the groups they own"},
    {RouteName::owners, "owners", "GET", "/v1/owners", "who owns which group"},
    {RouteName::session_open, "session_open", "POST", "/v1/session", "sign in: a session cookie for the page"},
    {RouteName::session_close, "session_close", "DELETE", "/v1/session", "sign out"},
    {RouteName::templates, "templates", "GET", "/v1/templates", "every template with its version"},
    {RouteName::template_read, "template_read", "GET", "/v1/templates/{name}", "the latest version (?at= one in force then)"},
    {RouteName::template_publish, "template_publish", "PUT", "/v1/templates/{name}", "publish a new version (If-Match)"},
    {RouteName::template_versions, "template_versions", "GET", "/v1/templates/{name}/versions", "the history"},
    {RouteName::template_version, "template_version", "GET", "/v1/templates/{name}/versions/{version}", "one version"},
    {RouteName::template_changes, "template_changes", "GET", "/v1/templates/{name}/changes",
     "what differs between two versions (?from=&to=)"},
    {RouteName::template_effects, "template_effects", "POST", "/v1/templates/{name}/effects",
     "what a change does to the numbers"},
    {RouteName::proposal_create, "proposal_create", "POST", "/v1/templates/{name}/proposals",
     "propose a change to the groups' owners"},
    {RouteName::proposals, "proposals", "GET", "/v1/templates/{name}/proposals", "the open proposals (?status=all every one)"},
    {RouteName::proposal_read, "proposal_read", "GET", "/v1/proposals/{id}", "one proposal with its changes"},
    {RouteName::proposal_withdraw, "proposal_withdraw", "DELETE", "/v1/proposals/{id}", "withdraw one's proposal"},
    {RouteName::proposal_approve, "proposal_approve", "POST", "/v1/proposals/{id}/approve", "approve: publish it"},
    {RouteName::proposal_decline, "proposal_decline", "POST", "/v1/proposals/{id}/decline", "decline, saying why"},
    {RouteName::metrics, "metrics", "GET", "/metrics", "Prometheus metrics (this machine and the scrapers named)"},
    {RouteName::page, "page", "GET", "/", "the owners' page", Audience::browser},
    {RouteName::page_file, "page_file", "GET", "/page/{file}", "the page's scripts, styles and words", Audience::browser},
};
inline constexpr std::size_t kRouteCount = std::size(kRoutes);

namespace detail {
consteval bool in_name_order() {
  for (std::size_t i = 0; i < kRouteCount; ++i) {
    if (static_cast<std::size_t>(kRoutes[i].name) != i) return false;
  }
  return true;
}
}  // namespace detail
static_assert(detail::in_name_order(), "kRoutes lists every RouteName once, in the enum's order");

/// The table's row for `name`.
constexpr const Route& route(RouteName name) { return kRoutes[static_cast<std::size_t>(name)]; }

/// The path of `name` with its pattern's parameters filled in order, each percent-encoded (a name
/// holding '/' or '?' stays one segment): path(RouteName::template_version, {"inside_sales", "3"})
/// is "/v1/templates/inside_sales/versions/3". Throws std::invalid_argument when the count differs.
std::string path(RouteName name, std::initializer_list<std::string_view> params = {});

/// A query parameter's value percent-encoded (RFC 3986: everything but letters, digits and -._~).
std::string percent_encoded(std::string_view text);

}  // namespace alignkit::sharing
