#pragma once
// The service's handlers, bound to the protocol's routes (alignkit/sharing/routes.hpp: method,
// pattern and name, one table for the service, the client, the page and the docs), read by the
// request handler (http_service.cpp) and by the metrics, which count requests by pattern. A
// pattern's {name}, {version}, {id} and {file} reach the handler as parameters.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <Poco/Net/HTTPServerRequest.h>

#include "alignkit/sharing/routes.hpp"
#include "http/client_origin.hpp"
#include "http/http_reply.hpp"

namespace alignkit::service {

struct ServiceOptions;
struct ServiceState;

/// One request as a handler sees it.
struct RequestScope {
  Poco::Net::HTTPServerRequest& request;
  const ClientOrigin& origin;  // who it comes from (behind nginx, the client nginx names)
  const ServiceOptions& options;
  ServiceState& state;
  std::map<std::string, std::string> params;  // from the pattern
  bool close_connection = false;              // set when the body was not read to its end

  [[nodiscard]] const std::string& param(const std::string& name) const;
  /// A query parameter, percent-decoded; nothing when the query does not have it.
  [[nodiscard]] std::optional<std::string> query(const std::string& key) const;
  [[nodiscard]] bool wants_csv() const;
};

using Handler = Reply (*)(RequestScope& scope);

/// The handler of each route of the protocol's table.
Handler handler_of(sharing::RouteName name);

/// What a path is to the table: the route that answers it (and its parameters), or — for a path
/// some route has with another method — the methods it takes.
struct RouteMatch {
  const sharing::Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::string allowed;  // "GET, PUT" when the path matched with another method
};
RouteMatch match_route(std::string_view method, std::string_view path);

// The handlers, each beside its kind of route.
Reply health(RequestScope& scope);             // eval_routes.cpp
Reply functions_list(RequestScope& scope);
Reply evaluate(RequestScope& scope);
Reply templates_list(RequestScope& scope);     // template_routes.cpp
Reply template_read(RequestScope& scope);
Reply template_publish(RequestScope& scope);
Reply template_history(RequestScope& scope);
Reply template_version(RequestScope& scope);
Reply template_changes(RequestScope& scope);
Reply template_effects(RequestScope& scope);   // eval_routes.cpp
Reply proposal_create(RequestScope& scope);    // proposal_routes.cpp
Reply proposals_list(RequestScope& scope);
Reply proposal_read(RequestScope& scope);
Reply proposal_approve(RequestScope& scope);
Reply proposal_decline(RequestScope& scope);
Reply proposal_withdraw(RequestScope& scope);
Reply me(RequestScope& scope);                 // session_routes.cpp
Reply owners_list(RequestScope& scope);
Reply session_open(RequestScope& scope);
Reply session_close(RequestScope& scope);
Reply metrics_text(RequestScope& scope);       // metrics.cpp
Reply page_file(RequestScope& scope);          // page_routes.cpp

}  // namespace alignkit::service
