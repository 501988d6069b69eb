#include "access/directory.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include <ldap.h>

#include "access/secrets.hpp"

namespace alignkit::service {
namespace {

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::vector<std::string> list_of(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    if (!trimmed(item).empty()) items.push_back(trimmed(item));
  }
  return items;
}

// "cn=hr,ou=groups,dc=example,dc=com -> owns people,funnel" or "… -> reads".
DirectorySettings::GroupRights group_rights(const std::string& line) {
  const auto arrow = line.rfind("->");
  if (arrow == std::string::npos) {
    throw std::runtime_error("ldap-group '" + line + "': write GROUP_DN -> owns GROUP,GROUP or GROUP_DN -> reads");
  }
  DirectorySettings::GroupRights rights;
  rights.group_dn = trimmed(line.substr(0, arrow));
  const std::string right = trimmed(line.substr(arrow + 2));
  if (right == "reads") {
    rights.reads = true;
  } else if (right.rfind("owns ", 0) == 0 && !list_of(right.substr(5)).empty()) {
    rights.owns = list_of(right.substr(5));
  } else {
    throw std::runtime_error("ldap-group '" + line + "': after -> write owns GROUP,GROUP or reads");
  }
  if (rights.group_dn.empty()) throw std::runtime_error("ldap-group '" + line + "': the group's DN is missing");
  return rights;
}

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

bool yes(const std::string& text) { return text == "yes" || text == "true" || text == "on" || text == "1"; }

// A connection to the directory, closed when it goes.
struct Connection {
  LDAP* ld = nullptr;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    if (ld) ldap_unbind_ext_s(ld, nullptr, nullptr);
  }
};

// A search's answer, freed when it goes.
struct Answer {
  LDAPMessage* message = nullptr;
  Answer() = default;
  Answer(const Answer&) = delete;
  Answer& operator=(const Answer&) = delete;
  ~Answer() {
    if (message) ldap_msgfree(message);
  }
};

std::string diagnostic(LDAP* ld, int code) {
  std::string said = ldap_err2string(code);
  char* detail = nullptr;
  if (ld && ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &detail) == LDAP_OPT_SUCCESS && detail) {
    if (*detail) said += std::string(" (") + detail + ")";
    ldap_memfree(detail);
  }
  return said;
}

// RFC 4515: the value as a filter holds it, escaped by libldap itself.
std::string escaped(const std::string& value) {
  berval in{static_cast<ber_len_t>(value.size()), const_cast<char*>(value.data())};
  berval out{0, nullptr};
  if (ldap_bv2escaped_filter_value(&in, &out) != LDAP_SUCCESS) throw std::runtime_error("cannot escape a filter value");
  std::string text(out.bv_val, out.bv_len);
  ber_memfree(out.bv_val);
  return text;
}

// A secure connection as configured, or why not. TLS demands a certificate that the CA signed
// and that names the host the URL names (libldap checks both).
std::unique_ptr<Connection> connect(const DirectorySettings& settings, std::string& why) {
  auto connection = std::make_unique<Connection>();
  int code = ldap_initialize(&connection->ld, settings.url.c_str());
  if (code != LDAP_SUCCESS) {
    why = "the directory's address cannot be used: " + diagnostic(nullptr, code);
    return nullptr;
  }
  LDAP* ld = connection->ld;
  const int version = LDAP_VERSION3;
  ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version);
  ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
  timeval timeout{settings.timeout_seconds, 0};
  ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &timeout);
  ldap_set_option(ld, LDAP_OPT_TIMEOUT, &timeout);
  const int demand = LDAP_OPT_X_TLS_DEMAND;
  ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
  if (!settings.ca_file.empty()) ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, settings.ca_file.c_str());
  const int client = 0;
  ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &client);  // the options above, for this connection
  if (settings.starttls && (code = ldap_start_tls_s(ld, nullptr, nullptr)) != LDAP_SUCCESS) {
    why = "the directory cannot be reached securely (StartTLS): " + diagnostic(ld, code);
    return nullptr;
  }
  return connection;
}

int simple_bind(LDAP* ld, const std::string& dn, const std::string& password) {
  berval credentials{static_cast<ber_len_t>(password.size()), const_cast<char*>(password.data())};
  return ldap_sasl_bind_s(ld, dn.c_str(), LDAP_SASL_SIMPLE, &credentials, nullptr, nullptr, nullptr);
}

// The service's own connection: bound as its account, or anonymous.
std::unique_ptr<Connection> service_connection(const DirectorySettings& settings, std::string& why) {
  auto connection = connect(settings, why);
  if (!connection) return nullptr;
  const int code = settings.bind_dn.empty() ? simple_bind(connection->ld, "", "")
                                            : simple_bind(connection->ld, settings.bind_dn, settings.bind_password);
  if (code != LDAP_SUCCESS) {
    why = "the directory refused alignkit's own account: " + diagnostic(connection->ld, code);
    return nullptr;
  }
  return connection;
}

// The entries a search finds (at most `limit`): -1 when the search itself failed.
int count_found(LDAP* ld, const std::string& base, int scope, const std::string& filter, Answer& answer, int limit,
                int timeout_seconds) {
  char no_attributes[] = "1.1";
  char* attributes[] = {no_attributes, nullptr};
  timeval timeout{timeout_seconds, 0};
  const int code = ldap_search_ext_s(ld, base.c_str(), scope, filter.c_str(), attributes, 0, nullptr, nullptr, &timeout,
                                     limit, &answer.message);
  if (code == LDAP_NO_SUCH_OBJECT) return 0;
  if (code == LDAP_SIZELIMIT_EXCEEDED) return limit + 1;
  if (code != LDAP_SUCCESS) return -1;
  return ldap_count_entries(ld, answer.message);
}

// The rights the configured groups give the entry `dn`; false when the directory cannot say.
bool read_rights(LDAP* ld, const DirectorySettings& settings, DirectoryAccount& account) {
  account.owns.clear();
  account.reads = false;
  const std::string member = escaped(account.dn);
  const std::string filter = "(|(member=" + member + ")(uniqueMember=" + member + "))";
  for (const auto& group : settings.groups) {
    Answer answer;
    const int found = count_found(ld, group.group_dn, LDAP_SCOPE_BASE, filter, answer, 1, settings.timeout_seconds);
    if (found < 0) return false;
    if (found == 0) continue;
    account.reads = true;
    for (const auto& owned : group.owns) {
      if (std::find(account.owns.begin(), account.owns.end(), owned) == account.owns.end()) account.owns.push_back(owned);
    }
  }
  return true;
}

Directory::Outcome unavailable(const std::string& why) {
  return {Directory::Outcome::Kind::unavailable, std::nullopt, "the company directory cannot be asked now: " + why};
}

}  // namespace

DirectorySettings directory_settings(const std::map<std::string, std::string>& settings,
                                     const std::vector<std::string>& group_lines) {
  const auto get = [&](const char* key) {
    const auto found = settings.find(key);
    return found == settings.end() ? std::string() : trimmed(found->second);
  };
  DirectorySettings directory;
  directory.url = get("ldap-url");
  directory.starttls = yes(get("ldap-starttls"));
  directory.base = get("ldap-base");
  if (!get("ldap-user-filter").empty()) directory.user_filter = get("ldap-user-filter");
  directory.bind_dn = get("ldap-bind-dn");
  directory.ca_file = get("ldap-ca-file");
  if (!get("ldap-timeout").empty()) directory.timeout_seconds = std::max(1, std::stoi(get("ldap-timeout")));
  if (!get("ldap-recheck-seconds").empty()) {
    directory.recheck = std::chrono::seconds(std::max(1, std::stoi(get("ldap-recheck-seconds"))));
  }
  LDAPURLDesc* parsed = nullptr;
  if (ldap_url_parse(directory.url.c_str(), &parsed) != LDAP_URL_SUCCESS) {
    throw std::runtime_error("ldap-url '" + directory.url + "' is not an LDAP address (ldaps://host:636)");
  }
  const std::string scheme = parsed->lud_scheme ? parsed->lud_scheme : "";
  const std::string host = parsed->lud_host ? parsed->lud_host : "";
  ldap_free_urldesc(parsed);
  if (scheme != "ldaps" && scheme != "ldap") throw std::runtime_error("ldap-url must start with ldaps:// or ldap://");
  if (scheme == "ldap" && !directory.starttls && !is_loopback_host(host)) {
    throw std::runtime_error("ldap-url '" + directory.url +
                             "' would send passwords in clear: use ldaps://, or ldap-starttls = yes (plain LDAP only to this machine)");
  }
  if (directory.base.empty()) throw std::runtime_error("ldap-base is missing: where the directory's people are (ou=people,dc=example,dc=com)");
  if (directory.user_filter.find("%s") == std::string::npos) {
    throw std::runtime_error("ldap-user-filter must hold %s where the name goes: (uid=%s), or (sAMAccountName=%s)");
  }
  if (const auto file = get("ldap-bind-password-file"); !file.empty()) {
    if (auto problem = too_open(file)) throw std::runtime_error(*problem);
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read ldap-bind-password-file " + file);
    std::getline(in, directory.bind_password);
    if (!directory.bind_password.empty() && directory.bind_password.back() == '\r') directory.bind_password.pop_back();
  }
  if (!directory.bind_dn.empty() && directory.bind_password.empty()) {
    throw std::runtime_error("ldap-bind-dn needs ldap-bind-password-file: a file holding its password, readable by the service only");
  }
  for (const auto& line : group_lines) directory.groups.push_back(group_rights(line));
  if (directory.groups.empty()) {
    throw std::runtime_error("no ldap-group lines: say which directory groups own which template groups (GROUP_DN -> owns people)");
  }
  return directory;
}

Directory::Outcome Directory::sign_in(const std::string& name, const std::string& password) const {
  const Outcome wrong{Outcome::Kind::refused, std::nullopt, "the user name or password is not right"};
  // An empty password would be an anonymous bind, which directories accept: never a sign-in.
  if (name.empty() || password.empty() || name.find('\0') != std::string::npos || password.find('\0') != std::string::npos) {
    return wrong;
  }
  std::string why;
  auto service = service_connection(settings_, why);
  if (!service) return unavailable(why);
  std::string filter = settings_.user_filter;
  const std::string value = escaped(name);
  for (auto at = filter.find("%s"); at != std::string::npos; at = filter.find("%s", at + value.size())) {
    filter.replace(at, 2, value);
  }
  Answer found;
  const int count = count_found(service->ld, settings_.base, LDAP_SCOPE_SUBTREE, filter, found, 2, settings_.timeout_seconds);
  if (count < 0) return unavailable("the search for the user failed");
  if (count != 1) return wrong;  // none, or a name that is not one person's
  char* dn = ldap_get_dn(service->ld, ldap_first_entry(service->ld, found.message));
  if (!dn) return unavailable("the directory named no entry");
  DirectoryAccount account{name, dn, {}, false};
  ldap_memfree(dn);
  // The person's own bind, on a connection of its own: the password goes to the directory only.
  auto own = connect(settings_, why);
  if (!own) return unavailable(why);
  const int code = simple_bind(own->ld, account.dn, password);
  if (code == LDAP_INVALID_CREDENTIALS) return wrong;
  if (code != LDAP_SUCCESS) return unavailable(diagnostic(own->ld, code));
  if (!read_rights(service->ld, settings_, account)) return unavailable("its groups cannot be read");
  if (!account.reads) {
    return {Outcome::Kind::no_rights, std::nullopt,
            "your directory account is in no group that alignkit knows: ask your administrator to add you"};
  }
  return {Outcome::Kind::signed_in, std::move(account), {}};
}

Directory::Outcome Directory::rights_now(const DirectoryAccount& account) const {
  std::string why;
  auto service = service_connection(settings_, why);
  if (!service) return unavailable(why);
  Answer found;
  const int count = count_found(service->ld, account.dn, LDAP_SCOPE_BASE, "(objectClass=*)", found, 1, settings_.timeout_seconds);
  if (count < 0) return unavailable("the account cannot be looked up");
  if (count == 0) return {Outcome::Kind::refused, std::nullopt, "your directory account is gone"};
  DirectoryAccount now = account;
  if (!read_rights(service->ld, settings_, now)) return unavailable("its groups cannot be read");
  if (!now.reads) return {Outcome::Kind::no_rights, std::nullopt, "your directory account is in no group that alignkit knows any more"};
  return {Outcome::Kind::signed_in, std::move(now), {}};
}

}  // namespace alignkit::service
