#pragma once
// The sidebar's side of the template service: the one typed client (client/template_client.hpp)
// with the user's token and the office's proxy, and a served template read into the form the
// panels share.
#include <string>

#include <com/sun/star/uno/XComponentContext.hpp>

#include "alignkit/result.hpp"
#include "template_client.hpp"
#include "template_sharing.hpp"

namespace alignkit::sidebar {

/// The service at `origin` as this user reaches it (their token where it may go, the office's proxy).
client::TemplateClient service_at(const css::uno::Reference<css::uno::XComponentContext>& context,
                                  const std::string& origin);

/// The latest version of a served template, read now (not the copy formulas use meanwhile).
Result<ChosenTemplate> read_latest(const css::uno::Reference<css::uno::XComponentContext>& context,
                                   const ServedTemplate& served);

/// A refusal in the planner's words: the service's own, except for a token it does not know.
std::string refusal_text(const sharing::Outcome& outcome);

}  // namespace alignkit::sidebar
