#pragma once
// The sidebar's conversation with a template service: list, read the latest, publish.
#include <string>
#include <vector>

#include <com/sun/star/uno/XComponentContext.hpp>
#include <nlohmann/json.hpp>

#include "alignkit/result.hpp"
#include "alignkit/sharing.hpp"
#include "template_sharing.hpp"

namespace alignkit::sidebar {

struct ServiceListing {
  std::string name;
  long long version = 0;
  std::string author;
  std::string updated;  // ISO 8601, as the service sends it
};
/// The templates a service holds (GET /v1/templates), with the user's token if they have one.
Result<std::vector<ServiceListing>> list_service(const css::uno::Reference<css::uno::XComponentContext>& context,
                                                const std::string& origin);

/// The latest version of a served template, read now (not the copy formulas use meanwhile).
Result<ChosenTemplate> read_latest(const css::uno::Reference<css::uno::XComponentContext>& context,
                                   const ServedTemplate& served);

/// Who the user's token for `origin` belongs to and the groups they own (GET /v1/me); an Error
/// when there is no token, or the service cannot say (then only publishing will tell).
Result<sharing::Owner> publisher(const css::uno::Reference<css::uno::XComponentContext>& context, const std::string& origin);

struct PublishOutcome {
  enum class Kind { published, someone_first, refused, unreachable } kind = Kind::refused;
  long long version = 0;  // published: the new version
  std::string message;    // refused / unreachable: what the service or the network said
};
/// PUT the document as a new version built on `served.version` (If-Match), with a message.
PublishOutcome publish_version(const css::uno::Reference<css::uno::XComponentContext>& context,
                               const ServedTemplate& served, const nlohmann::json& document, const std::string& message);

}  // namespace alignkit::sidebar
