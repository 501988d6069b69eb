#pragma once
// Which template services the user trusts, their tokens (in the office's password container,
// never in a workbook or plain configuration), and the templates the office's functions read.
#include <memory>
#include <string>
#include <vector>

#include <com/sun/star/uno/XComponentContext.hpp>

#include "alignkit/templates/template_reader.hpp"
#include "http_transport.hpp"
#include "template_client.hpp"

namespace alignkit::addin {

namespace css = ::com::sun::star;

/// Services (scheme://host:port) workbooks may read from, as kept in the office configuration.
std::vector<std::string> trusted_services(const css::uno::Reference<css::uno::XComponentContext>& context);
/// Replaces the list; entries that are not service addresses are dropped. Returns what was kept.
std::vector<std::string> set_trusted_services(const css::uno::Reference<css::uno::XComponentContext>& context,
                                              const std::vector<std::string>& services);
/// True when `origin` (scheme://host:port) is, canonically, one of the user's trusted services or
/// of the team's (TeamServices, set by an administrator for every user of the machine).
bool is_trusted(const css::uno::Reference<css::uno::XComponentContext>& context, const std::string& origin);

enum class TokenKept { across_sessions, this_session, not_kept };
/// Keeps the token for `origin` in the office's password container: across sessions when the
/// planner asks to `remember` it (which turns on the office's own saving of passwords, Tools ▸
/// Options ▸ Security), else for this session.
TokenKept keep_token(const css::uno::Reference<css::uno::XComponentContext>& context, const std::string& origin,
                     const std::string& token, bool remember);
/// The token kept for exactly this origin; empty when none (no dialog is ever shown).
std::string token_for(const css::uno::Reference<css::uno::XComponentContext>& context, const std::string& origin);

/// How to reach `origin`: its token, the office's proxy setting, a timeout short enough that a
/// recalculation never waits long.
client::TransportOptions transport_options(const css::uno::Reference<css::uno::XComponentContext>& context,
                                           const std::string& origin);

/// The template service at `origin` as this user reaches it: the one typed client, with their
/// token where it may go and the office's proxy.
client::TemplateClient service_at(const css::uno::Reference<css::uno::XComponentContext>& context,
                                  const std::string& origin);

/// What the office's TEMPLATE.* functions and the alignment check read through: files, and
/// served templates from trusted services. One per office process while any component holding it
/// lives, shared by every workbook so a recalculation reads each template once; handed to each
/// component when it is made.
std::shared_ptr<templates::Reader> office_templates(const css::uno::Reference<css::uno::XComponentContext>& context);

}  // namespace alignkit::addin
