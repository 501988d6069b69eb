#include "http/routes.hpp"

#include <vector>

#include <Poco/URI.h>

namespace alignkit::service {
namespace {

using sharing::RouteName;

struct Binding {
  RouteName name;
  Handler handler;
};

// Every route of the protocol's table, in its order, with what answers it.
constexpr Binding kHandlers[] = {
    {RouteName::health, health},
    {RouteName::functions, functions_list},
    {RouteName::eval, evaluate},
    {RouteName::batch, evaluate},
    {RouteName::me, me},
    {RouteName::owners, owners_list},
    {RouteName::session_open, session_open},
    {RouteName::session_close, session_close},
    {RouteName::templates, templates_list},
    {RouteName::template_read, template_read},
    {RouteName::template_publish, template_publish},
    {RouteName::template_versions, template_history},
    {RouteName::template_version, template_version},
    {RouteName::template_changes, template_changes},
    {RouteName::template_effects, template_effects},
    {RouteName::proposal_create, proposal_create},
    {RouteName::proposals, proposals_list},
    {RouteName::proposal_read, proposal_read},
    {RouteName::proposal_withdraw, proposal_withdraw},
    {RouteName::proposal_approve, proposal_approve},
    {RouteName::proposal_decline, proposal_decline},
    {RouteName::metrics, metrics_text},
    {RouteName::page, page_file},
    {RouteName::page_file, page_file},
};

consteval bool binds_every_route() {
  if (std::size(kHandlers) != sharing::kRouteCount) return false;
  for (std::size_t i = 0; i < sharing::kRouteCount; ++i) {
    if (kHandlers[i].name != sharing::kRoutes[i].name) return false;
  }
  return true;
}
static_assert(binds_every_route(), "every route of sharing::kRoutes has its handler here, in the table's order");

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t begin = 1;  // after the leading '/'
  while (begin <= path.size()) {
    const std::size_t end = std::min(path.find('/', begin), path.size());
    parts.push_back(path.substr(begin, end - begin));
    begin = end + 1;
  }
  return parts;
}

// The pattern's parameters for this path, or nothing when it does not match.
std::optional<std::map<std::string, std::string>> matches(std::string_view pattern, std::string_view path) {
  if (pattern == "/") return path == "/" ? std::optional(std::map<std::string, std::string>{}) : std::nullopt;
  if (path.empty() || path.front() != '/' || path == "/") return std::nullopt;
  const auto want = segments(pattern), have = segments(path);
  if (want.size() != have.size()) return std::nullopt;
  std::map<std::string, std::string> params;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].starts_with('{')) {
      if (have[i].empty()) return std::nullopt;
      params[std::string(want[i].substr(1, want[i].size() - 2))] = std::string(have[i]);
    } else if (want[i] != have[i]) {
      return std::nullopt;
    }
  }
  return params;
}

}  // namespace

const std::string& RequestScope::param(const std::string& name) const {
  static const std::string kNone;
  const auto found = params.find(name);
  return found == params.end() ? kNone : found->second;
}

std::optional<std::string> RequestScope::query(const std::string& key) const {
  const std::string& uri = request.getURI();
  const auto mark = uri.find('?');
  if (mark == std::string::npos) return std::nullopt;
  try {
    for (const auto& [name, value] : Poco::URI(uri).getQueryParameters()) {
      if (name == key) return value;
    }
  } catch (const Poco::Exception&) {
    return std::nullopt;  // a query that does not decode has no parameters
  }
  return std::nullopt;
}

bool RequestScope::wants_csv() const { return request.get("Accept", "").find("text/csv") != std::string::npos; }

Handler handler_of(RouteName name) { return kHandlers[static_cast<std::size_t>(name)].handler; }

RouteMatch match_route(std::string_view method, std::string_view path) {
  RouteMatch found;
  for (const auto& route : sharing::kRoutes) {
    auto params = matches(route.pattern, path);
    if (!params) continue;
    if (route.method == method) {
      found.route = &route;
      found.params = std::move(*params);
      return found;
    }
    found.allowed += (found.allowed.empty() ? "" : ", ") + std::string(route.method);
  }
  return found;
}

}  // namespace alignkit::service
