#include "template_service.hpp"

#include "service_access.hpp"
#include "translation.hpp"
#include "alignkit/sharing.hpp"

namespace alignkit::sidebar {

using translation::fill;
using translation::tr;
using nlohmann::json;

namespace {

service::ClientReply ask(const css::uno::Reference<css::uno::XComponentContext>& context, const std::string& origin,
                         const std::string& method, const std::string& path, const std::string& body = {},
                         const std::map<std::string, std::string>& headers = {}) {
  const service::ServiceClient client(origin, addin::client_options(context, origin));
  return client.request(method, path, body, headers);
}

long long version_of(const std::string& etag) { return sharing::version_of(etag).value_or(0); }

}  // namespace

Result<std::vector<ServiceListing>> list_service(const css::uno::Reference<css::uno::XComponentContext>& context,
                                                const std::string& origin) {
  try {
    const auto reply = ask(context, origin, "GET", "/v1/templates");
    if (reply.status != 200) return Error{service::error_message(reply)};
    const json body = json::parse(reply.body, nullptr, false);
    if (!body.is_object() || !body.contains("templates") || !body["templates"].is_array()) {
      return Error{fill(tr("{1} did not answer as an alignkit template service"), {origin})};
    }
    std::vector<ServiceListing> listings;
    for (const auto& item : body["templates"]) {
      if (!item.is_object() || !item.contains("name") || !item["name"].is_string()) continue;
      listings.push_back({item["name"].get<std::string>(),
                          item.contains("version") && item["version"].is_number_integer() ? item["version"].get<long long>() : 0,
                          item.value("author", ""), item.value("updated", "")});
    }
    return listings;
  } catch (const std::exception& e) {
    return Error{e.what()};
  }
}

Result<ChosenTemplate> read_latest(const css::uno::Reference<css::uno::XComponentContext>& context,
                                   const ServedTemplate& served) {
  try {
    const auto reply = ask(context, served.origin, "GET", "/v1/templates/" + served.name);
    if (reply.status != 200) return Error{service::error_message(reply)};
    auto document = templates::parse(reply.body);
    if (!document) return Error{served.name + ": " + document.error().message};
    ChosenTemplate chosen;
    chosen.title = served.name;
    chosen.served = served;
    const auto etag = reply.headers.find("ETag");
    chosen.served->version = etag == reply.headers.end() ? 0 : version_of(etag->second);
    chosen.document = std::make_shared<const json>(std::move(document).value());
    return chosen;
  } catch (const std::exception& e) {
    return Error{e.what()};
  }
}

Result<sharing::Owner> publisher(const css::uno::Reference<css::uno::XComponentContext>& context, const std::string& origin) {
  try {
    const auto reply = ask(context, origin, "GET", "/v1/me");
    if (reply.status != 200) return Error{service::error_message(reply)};
    const json body = json::parse(reply.body, nullptr, false);
    if (!body.is_object() || !body.contains("name") || !body["name"].is_string() || !body.contains("owns") ||
        !body["owns"].is_array()) {
      return Error{fill(tr("{1} did not answer as an alignkit template service"), {origin})};
    }
    sharing::Owner owner{body["name"].get<std::string>(), {}};
    for (const auto& group : body["owns"]) {
      if (group.is_string()) owner.groups.push_back(group.get<std::string>());
    }
    return owner;
  } catch (const std::exception& e) {
    return Error{e.what()};
  }
}

PublishOutcome publish_version(const css::uno::Reference<css::uno::XComponentContext>& context,
                               const ServedTemplate& served, const json& document, const std::string& message) {
  using Kind = PublishOutcome::Kind;
  try {
    std::map<std::string, std::string> headers{{"If-Match", sharing::etag(served.version)}};
    if (!message.empty()) headers[sharing::kMessageHeader] = message;
    const auto reply = ask(context, served.origin, "PUT", "/v1/templates/" + served.name, document.dump(), headers);
    if (reply.status == 200 || reply.status == 201) {
      const auto etag = reply.headers.find("ETag");
      return {Kind::published, etag == reply.headers.end() ? served.version + 1 : version_of(etag->second), {}};
    }
    if (reply.status == 412) return {Kind::someone_first, 0, service::error_message(reply)};
    if (reply.status == 401) {
      return {Kind::refused, 0,
              tr("the service did not accept your token: connect again in the Templates panel with the token you were given")};
    }
    return {Kind::refused, 0, service::error_message(reply)};
  } catch (const std::exception& e) {
    return {Kind::unreachable, 0, e.what()};
  }
}

}  // namespace alignkit::sidebar
