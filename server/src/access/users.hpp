#pragma once
// Who may publish which template groups, and who only reads. Users live in a JSON file that
// keeps, per user, the groups they own (none for a reader) and a salted SHA-256 of their token —
// never the token itself, which is shown once when the user is added. Every change to the file
// holds a lock, writes a new file of a unique name beside it (never following a link), syncs it
// and renames it over the old one: two administrators at once never lose an update, and the
// service never reads half a file. The service reads the file again whenever it changed.
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "alignkit/sharing/sharing.hpp"

namespace alignkit::service {

/// A user: a name and the top-level template groups they own ("*" owns every group; none: a
/// reader, who reads and proposes).
using User = sharing::Owner;

/// A user with the digest of their current token: a session opened with one token ends when the
/// token is rotated (the digest changes) or the user removed.
struct Account {
  User user;
  std::string token_digest;
};

class UserDirectory {
 public:
  explicit UserDirectory(std::filesystem::path file);

  /// Adds a user (or replaces one of that name) who owns `owns` (empty: a reader) and returns
  /// their new token, to be shown once. Throws std::runtime_error with a message for a bad name
  /// or a file that cannot be written.
  std::string add(const std::string& name, const std::vector<std::string>& owns);
  /// False when there is no such user.
  bool remove(const std::string& name);
  /// A new token for an existing user, owning what they owned: the old one stops working at once.
  /// Nothing when there is no such user.
  std::optional<std::string> rotate(const std::string& name);
  /// The user a token belongs to; nothing for an unknown or revoked token.
  std::optional<Account> authenticate(const std::string& token);
  /// The user of that name as they are now; nothing when removed.
  std::optional<Account> account(const std::string& name);
  std::vector<User> users();

 private:
  struct Entry {
    User user;
    std::string salt;  // hex
    std::string hash;  // hex SHA-256 of salt + token
  };
  // What the file was when last read: a change to any of these (a rename gives a new inode) means
  // read it again; within the clock's resolution its content is compared too.
  struct Seen {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = -1;
    std::int64_t modified_ns = 0, changed_ns = 0;
    std::string content_digest;
    bool operator==(const Seen&) const = default;
  };
  void reload_if_changed();
  void load_entries(const std::string& text);
  /// Runs `change` on the entries as they are in the file now, under the file's lock, then writes them.
  template <class Change>
  auto locked_change(Change change);
  void write(const std::vector<Entry>& entries) const;

  std::filesystem::path file_;
  std::mutex mutex_;
  std::vector<Entry> entries_;
  // Tokens already matched, by their unsalted SHA-256: a token's next request costs one hash, not
  // one per user (a few hundred users, every read guarded by a token). Emptied whenever the users
  // change, so a removed or rotated token stops at once; a refused token is never kept.
  std::map<std::string, Account> recognised_;
  std::optional<Seen> seen_;
};

/// A name a user or template may have: letters, digits, '_', '-' and '.', 1 to 64 characters,
/// not starting with '.'.
bool is_plain_name(const std::string& name);

}  // namespace alignkit::service
