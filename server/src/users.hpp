#pragma once
// Who may publish which template groups. Users live in a JSON file that keeps, per user, the
// groups they own and a salted SHA-256 of their token — never the token itself, which is shown
// once when the user is added. The service re-reads the file when it changes, so adding or
// removing a user takes effect without a restart.
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "alignkit/sharing.hpp"

namespace alignkit::service {

/// Compares two secrets in time that does not depend on where they differ.
bool same_secret(const std::string& a, const std::string& b);

/// A user: a name and the top-level template groups they own ("*" owns every group).
using User = sharing::Owner;

class UserDirectory {
 public:
  explicit UserDirectory(std::filesystem::path file);

  /// Adds a user (or replaces one of that name) and returns their new token, to be shown once.
  /// Throws std::runtime_error with a message for a bad name or an unwritable file.
  std::string add(const std::string& name, const std::vector<std::string>& owns);
  /// False when there is no such user.
  bool remove(const std::string& name);
  /// A new token for an existing user, owning what they owned: the old one stops working at once.
  /// Nothing when there is no such user.
  std::optional<std::string> rotate(const std::string& name);
  /// The user a token belongs to; nothing for an unknown or revoked token.
  std::optional<User> authenticate(const std::string& token);
  std::vector<User> users();

 private:
  struct Entry {
    User user;
    std::string salt;  // hex
    std::string hash;  // hex SHA-256 of salt + token
  };
  void reload_if_changed();
  void save();

  std::filesystem::path file_;
  std::mutex mutex_;
  std::vector<Entry> entries_;
  // Tokens already matched, by their unsalted SHA-256: a token's next request costs one hash, not
  // one per user (a few hundred users, every read guarded by a token). Emptied whenever the users
  // change, so a removed or rotated token stops at once; a refused token is never kept.
  std::map<std::string, User> recognised_;
  std::filesystem::file_time_type loaded_at_{};
  bool loaded_ = false;
};

/// A name a user or template may have: letters, digits, '_', '-' and '.', 1 to 64 characters,
/// not starting with '.'.
bool is_plain_name(const std::string& name);

}  // namespace alignkit::service
