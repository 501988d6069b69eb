#include "service_access.hpp"

#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNameReplace.hpp>
#include <com/sun/star/task/InteractionHandler.hpp>
#include <com/sun/star/task/PasswordContainer.hpp>
#include <com/sun/star/util/PathSubstitution.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>

#include <algorithm>
#include <memory>
#include <mutex>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/served_templates.hpp"
#include "alignkit/templates/templates.hpp"
#include "extension_files.hpp"
#include "identity.hpp"
#include "office_settings.hpp"
#include "office_text.hpp"

namespace alignkit::addin {

using css::uno::Any;
using css::uno::Reference;
using css::uno::UNO_QUERY_THROW;

namespace {

constexpr char kTrusted[] = "TrustedServices";
constexpr char kTeamTrusted[] = "TeamServices";  // set for every user by an administrator, never written here
constexpr char kTokenUser[] = "alignkit";  // the password container keeps (url, user) -> passwords
constexpr std::chrono::milliseconds kRequestTimeout{3000};

std::string canonical_origin(const std::string& address) {
  auto source = templates::served_source(address);
  return source ? source->origin : std::string();
}

template <class T>
T setting(const Reference<css::uno::XComponentContext>& context, const char* node, const char* name, T fallback) {
  try {
    Reference<css::container::XNameAccess> access(configuration(context, node, false), UNO_QUERY_THROW);
    T value = fallback;
    return (access->getByName(::rtl::OUString::createFromAscii(name)) >>= value) ? value : fallback;
  } catch (const css::uno::Exception&) {
    return fallback;
  }
}

// The office's proxy for this host, when it is set to use one (manually or from the system).
client::Proxy office_proxy(const Reference<css::uno::XComponentContext>& context, const std::string& origin) {
  constexpr char kInet[] = "/org.openoffice.Inet/Settings";
  auto source = templates::served_source(origin);
  if (!source || setting<sal_Int32>(context, kInet, "ooInetProxyType", 0) == 0) return {};
  if (client::is_this_machine(source->host)) return {};
  const std::string no_proxy = from_office(setting<::rtl::OUString>(context, kInet, "ooInetNoProxy", {}));
  std::size_t begin = 0;
  while (begin <= no_proxy.size()) {
    const std::size_t end = std::min(no_proxy.find(';', begin), no_proxy.size());
    std::string entry = no_proxy.substr(begin, end - begin);
    if (entry.starts_with('*')) entry.erase(0, 1);
    if (!entry.empty() && source->host.ends_with(entry)) return {};
    begin = end + 1;
  }
  const bool https = origin.starts_with("https");
  const std::string name = from_office(setting<::rtl::OUString>(
      context, kInet, https ? "ooInetHTTPSProxyName" : "ooInetHTTPProxyName", {}));
  const auto port = setting<sal_Int32>(context, kInet, https ? "ooInetHTTPSProxyPort" : "ooInetHTTPProxyPort", 0);
  if (name.empty() || port <= 0 || port > 65535) return {};
  return {name, static_cast<unsigned short>(port)};
}

std::filesystem::path kept_folder(const Reference<css::uno::XComponentContext>& context) {
  try {
    const ::rtl::OUString url =
        css::util::PathSubstitution::create(context)->substituteVariables("$(user)/alignkit/kept-templates", true);
    return path_of_url(url);
  } catch (const css::uno::Exception&) {
    return {};  // no profile: served templates are still read, just not kept
  }
}

}  // namespace

std::vector<std::string> trusted_services(const Reference<css::uno::XComponentContext>& context) {
  std::vector<std::string> services;
  for (const auto& entry : setting<css::uno::Sequence<::rtl::OUString>>(context, kSettingsNode, kTrusted, {})) {
    services.push_back(from_office(entry));
  }
  return services;
}

std::vector<std::string> set_trusted_services(const Reference<css::uno::XComponentContext>& context,
                                              const std::vector<std::string>& services) {
  std::vector<std::string> kept;
  for (const auto& service : services) {
    const std::string origin = canonical_origin(service);
    if (!origin.empty() && std::find(kept.begin(), kept.end(), origin) == kept.end()) kept.push_back(origin);
  }
  css::uno::Sequence<::rtl::OUString> list(static_cast<sal_Int32>(kept.size()));
  std::transform(kept.begin(), kept.end(), list.getArray(), [](const std::string& s) { return to_office(s); });
  auto access = settings_access(context, true);
  Reference<css::container::XNameReplace>(access, UNO_QUERY_THROW)->replaceByName(kTrusted, Any(list));
  Reference<css::util::XChangesBatch>(access, UNO_QUERY_THROW)->commitChanges();
  return kept;
}

bool is_trusted(const Reference<css::uno::XComponentContext>& context, const std::string& origin) {
  auto services = trusted_services(context);
  for (const auto& entry : setting<css::uno::Sequence<::rtl::OUString>>(context, kSettingsNode, kTeamTrusted, {})) {
    services.push_back(from_office(entry));
  }
  return !origin.empty() && std::any_of(services.begin(), services.end(),
                                        [&](const std::string& s) { return canonical_origin(s) == origin; });
}

TokenKept keep_token(const Reference<css::uno::XComponentContext>& context, const std::string& origin,
                     const std::string& token, bool remember) {
  try {
    auto container = css::task::PasswordContainer::create(context);
    const ::rtl::OUString url = to_office(origin);
    if (token.empty()) {
      container->removePersistent(url, kTokenUser);
      container->remove(url, kTokenUser);
      return TokenKept::not_kept;
    }
    const ::rtl::OUString token_text = to_office(token);
    const css::uno::Sequence<::rtl::OUString> secret(&token_text, 1);
    // Remembering is the office's own "Persistently save passwords for web connections"
    // (Tools ▸ Options ▸ Security), turned on when the planner asks for it here.
    if (remember && !container->isPersistentStoringAllowed()) container->allowPersistentStoring(true);
    if (remember && container->isPersistentStoringAllowed()) {
      // The office stores passwords: keep the token there, under the user's master password if
      // they set one (the office asks for it), else under the office's own default key.
      const Reference<css::task::XInteractionHandler> handler(
          css::task::InteractionHandler::createWithParent(context, nullptr), UNO_QUERY_THROW);
      if (!container->hasMasterPassword()) container->useDefaultMasterPassword(handler);
      container->addPersistent(url, kTokenUser, secret, handler);
      return TokenKept::across_sessions;
    }
    container->add(url, kTokenUser, secret, nullptr);
    return TokenKept::this_session;
  } catch (const css::uno::Exception&) {
    return TokenKept::not_kept;  // e.g. the master password dialog was cancelled
  }
}

std::string token_for(const Reference<css::uno::XComponentContext>& context, const std::string& origin) {
  try {
    const auto container = css::task::PasswordContainer::create(context);
    // Kept under the office's own default key (no master password set): the container reads it
    // only when handed an interaction handler, though it asks nothing. A master password of the
    // user's own is never asked for from a recalculation: the read then goes without a token.
    Reference<css::task::XInteractionHandler> handler;
    if (container->isPersistentStoringAllowed() && container->hasMasterPassword() && container->isDefaultMasterPasswordUsed()) {
      handler.set(css::task::InteractionHandler::createWithParent(context, nullptr), css::uno::UNO_QUERY);
    }
    const auto record = container->find(to_office(origin), handler);
    // find() also answers for a parent address; a token belongs to exactly one service.
    if (from_office(record.Url) != origin) return {};
    for (const auto& user : record.UserList) {
      if (user.UserName == kTokenUser && user.Passwords.hasElements()) return from_office(user.Passwords[0]);
    }
  } catch (const css::uno::Exception&) {
    // A master password not yet entered this session: read without a token.
  }
  return {};
}

client::TransportOptions transport_options(const Reference<css::uno::XComponentContext>& context,
                                           const std::string& origin) {
  client::TransportOptions options;
  // Over plain HTTP a token would cross the network readable: only to this machine's own service
  // (elsewhere the read goes without it, and a service that needs one says so).
  const auto source = templates::served_source(origin);
  const bool private_line = origin.starts_with("https://") || (source && client::is_this_machine(source->host));
  if (private_line) options.token = token_for(context, origin);
  options.timeout = kRequestTimeout;
  options.deadline = 2 * kRequestTimeout;  // a service that answers a byte at a time never holds Calc longer
  options.proxy = office_proxy(context, origin);
  return options;
}

client::TemplateClient service_at(const Reference<css::uno::XComponentContext>& context, const std::string& origin) {
  return client::TemplateClient(origin, transport_options(context, origin));
}

namespace {
// The one Reader of this office process, while any component that reads through it lives: they
// own it (a shared pointer each), this only finds it again. Freed with the last of them, while
// the office's UNO is still there.
std::mutex office_reader_mutex;
std::weak_ptr<templates::Reader> office_reader;
}  // namespace

std::shared_ptr<templates::Reader> office_templates(const Reference<css::uno::XComponentContext>& context) {
  std::lock_guard lock(office_reader_mutex);
  if (auto reader = office_reader.lock()) return reader;
  auto web = std::make_shared<templates::WebAccess>();
  web->trusted = [context](const std::string& origin) { return is_trusted(context, origin); };
  web->fetch = [context](const templates::ServedSource& source, std::optional<sharing::Version> have) {
    const client::TemplateClient service(source.origin, transport_options(context, source.origin));
    const auto read = source.version     ? service.read_version(source.name, *source.version)
                      : !source.at.empty() ? service.read_at(source.name, source.at)
                                           : service.read(source.name, have);
    const bool unchanged = read.outcome.kind == sharing::Outcome::Kind::unchanged;
    return templates::Fetched{read.outcome, read.value.text, unchanged ? have.value_or(0) : read.value.info.version,
                              read.value.info.author, read.value.info.updated, read.value.info.approved_by};
  };
  web->kept_folder = kept_folder(context);
  web->recheck_after = std::chrono::seconds(
      std::clamp<sal_Int32>(setting<sal_Int32>(context, kSettingsNode, "RecheckSeconds", 5), 0, 3600));
  auto reader = std::make_shared<templates::Reader>(std::make_shared<templates::Files>(),
                                                    std::make_shared<templates::Served>(std::move(web)));
  if (const auto samples = bundled_samples(context, identity::kExtensionIdentifier); !samples.empty()) {
    reader->set_bundled(samples / "templates");  // "alignkit:inside_sales" from any workbook
  }
  office_reader = reader;
  return reader;
}

}  // namespace alignkit::addin
