#include "routes.hpp"

#include <vector>

#include <Poco/URI.h>

namespace alignkit::service {
namespace {

constexpr Route kRoutes[] = {
    {"GET", "/v1/health", health},
    {"GET", "/v1/functions", functions_list},
    {"POST", "/v1/eval", evaluate},
    {"POST", "/v1/batch", evaluate},
    {"GET", "/v1/me", me},
    {"GET", "/v1/owners", owners_list},
    {"POST", "/v1/session", session_open},
    {"DELETE", "/v1/session", session_close},
    {"GET", "/v1/templates", templates_list},
    {"GET", "/v1/templates/{name}", template_read},
    {"PUT", "/v1/templates/{name}", template_publish},
    {"GET", "/v1/templates/{name}/versions", template_history},
    {"GET", "/v1/templates/{name}/versions/{version}", template_version},
    {"GET", "/v1/templates/{name}/changes", template_changes},
    {"POST", "/v1/templates/{name}/effects", template_effects},
    {"POST", "/v1/templates/{name}/proposals", proposal_create},
    {"GET", "/v1/templates/{name}/proposals", proposals_list},
    {"GET", "/v1/proposals/{id}", proposal_read},
    {"DELETE", "/v1/proposals/{id}", proposal_withdraw},
    {"POST", "/v1/proposals/{id}/approve", proposal_approve},
    {"POST", "/v1/proposals/{id}/decline", proposal_decline},
    {"GET", "/metrics", metrics_text},
    {"GET", "/", page_file},
    {"GET", "/page/{file}", page_file},
};

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

std::span<const Route> routes() { return kRoutes; }

RouteMatch match_route(std::string_view method, std::string_view path) {
  RouteMatch found;
  for (const auto& route : kRoutes) {
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
