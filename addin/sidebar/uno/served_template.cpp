#include "served_template.hpp"

#include "service_access.hpp"
#include "translation.hpp"

namespace alignkit::sidebar {

using translation::tr;

std::string refusal_text(const sharing::Outcome& outcome, const std::string& origin) {
  if (outcome.kind == sharing::Outcome::Kind::unauthorized) {
    return tr("the service did not accept your token: connect again in the Templates panel with the token you were given");
  }
  if (outcome.kind == sharing::Outcome::Kind::unexpected) {
    return translation::fill(tr("{1} did not answer as an alignkit template service"), {origin});
  }
  return outcome.message;
}

Result<ChosenTemplate> read_latest(const css::uno::Reference<css::uno::XComponentContext>& context,
                                   const ServedTemplate& served) {
  const auto read = addin::service_at(context, served.origin).read(served.name);
  if (!read.ok()) return Error{refusal_text(read.outcome, served.origin)};
  auto document = templates::parse(read.value.text);
  if (!document) return Error{served.name + ": " + document.error().message};
  ChosenTemplate chosen;
  chosen.title = served.name;
  chosen.served = served;
  chosen.served->version = read.value.info.version;
  chosen.document = std::make_shared<const nlohmann::json>(std::move(document).value());
  return chosen;
}

}  // namespace alignkit::sidebar
