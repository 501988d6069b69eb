#pragma once
// A served template read into the form the panels share, and a refusal in the planner's words;
// the service itself is reached through the one typed client (addin::service_at).
#include <string>

#include <com/sun/star/uno/XComponentContext.hpp>

#include "alignkit/metrics/result.hpp"
#include "service_access.hpp"
#include "template_sharing.hpp"

namespace alignkit::sidebar {

/// The latest version of a served template, read now (not the copy formulas use meanwhile).
Result<ChosenTemplate> read_latest(const css::uno::Reference<css::uno::XComponentContext>& context,
                                   const ServedTemplate& served);

/// A refusal in the planner's words: the service's own, except for a token it does not know and
/// an answer that is not the service's (from `origin`).
std::string refusal_text(const sharing::Outcome& outcome, const std::string& origin);

}  // namespace alignkit::sidebar
