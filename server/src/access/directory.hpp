#pragma once
// Company sign-in: a user name and password checked against the company's directory (LDAP, with
// OpenLDAP's libldap), and the alignkit rights that directory groups give. Over LDAPS, or LDAP
// with StartTLS, the server's certificate and host name checked by libldap; plain LDAP only to
// this machine. The name goes into the search filter escaped per RFC 4515 (libldap's own
// escaping); the password goes to the directory's bind and nowhere else: never kept or logged.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace alignkit::service {

/// What alignkit.conf says of the directory (ldap-* settings, ldap-group lines).
struct DirectorySettings {
  std::string url;                       // ldaps://host:636, or ldap://… with starttls (plain: loopback only)
  bool starttls = false;
  std::string base;                      // where users are searched
  std::string user_filter = "(uid=%s)";  // %s: the name typed, escaped; Active Directory: (sAMAccountName=%s)
  std::string bind_dn;                   // the service's own account for searching; empty: anonymous
  std::string bind_password;             // from ldap-bind-password-file, never from the command line
  std::filesystem::path ca_file;         // the company's CA; empty: the system's
  int timeout_seconds = 5;               // a directory that does not answer in time refuses the sign-in
  std::chrono::seconds recheck{900};     // rights read again at least this often while a session lives
  struct GroupRights {
    std::string group_dn;
    std::vector<std::string> owns;  // template groups owned ("*": all)
    bool reads = false;             // "-> reads": reads and proposes
  };
  std::vector<GroupRights> groups;
};

/// The directory settings from the settings file's values and its ldap-group lines; throws
/// std::runtime_error naming what is wrong (plain LDAP to another machine, a bad group line, a
/// password file others may read).
DirectorySettings directory_settings(const std::map<std::string, std::string>& settings,
                                     const std::vector<std::string>& group_lines);

/// One person as the directory knows them, with the rights their groups give.
struct DirectoryAccount {
  std::string name;  // as typed (the directory matched it)
  std::string dn;    // their entry: how their rights are read again
  std::vector<std::string> owns;
  bool reads = false;  // in a group that reads: signs in owning nothing
};

class Directory {
 public:
  explicit Directory(DirectorySettings settings) : settings_(std::move(settings)) {}

  struct Outcome {
    enum class Kind { signed_in, refused, no_rights, unavailable } kind = Kind::refused;
    std::optional<DirectoryAccount> account;
    std::string why;  // for the person signing in: never says whether the name exists
  };
  /// Binds as the person (found by name with the service's search) and reads their groups.
  [[nodiscard]] Outcome sign_in(const std::string& name, const std::string& password) const;
  /// Their rights now (an account still holding some), or why not: removed from every group, gone,
  /// or a directory that cannot be asked (a session then ends: rights are never assumed).
  [[nodiscard]] Outcome rights_now(const DirectoryAccount& account) const;
  [[nodiscard]] const DirectorySettings& settings() const { return settings_; }

 private:
  DirectorySettings settings_;
};

}  // namespace alignkit::service
