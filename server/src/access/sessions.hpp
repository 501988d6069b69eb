#pragma once
// Browser sessions (the owners' page): a random id in an HttpOnly cookie stands for a user who
// signed in with their token, or with their company account (the directory's rights, read again
// while the session lives). The id is never the token; a session lasts at most its lifetime,
// ends when signed out, and ends at its next use once the user is removed or their token rotated
// (the digest of the token it was opened with no longer is the user's). Bounded in memory.
#include <chrono>
#include <cstddef>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "access/directory.hpp"

namespace alignkit::service {

class Sessions {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Sessions(std::chrono::seconds lifetime = std::chrono::hours(12), std::size_t capacity = 10000,
                    std::size_t per_user = 20);

  struct Held {
    std::string user;
    std::string token_digest;                   // signed in with a token: that token's digest
    std::optional<DirectoryAccount> directory;  // signed in with the directory: the account as last read
    Clock::time_point rights_read{};            // when the directory's rights were read
  };
  /// A new session holding `held`; its id. A user holding `per_user` sessions loses their own
  /// oldest, so no one user's sign-ins end others'.
  std::string open(Held opened_for);
  /// The session's directory rights as just read again.
  void update(const std::string& id, const DirectoryAccount& account, Clock::time_point read);
  /// The session's user, while it lasts.
  std::optional<Held> find(const std::string& id, Clock::time_point now = Clock::now());
  void close(const std::string& id);
  [[nodiscard]] std::chrono::seconds lifetime() const { return lifetime_; }

 private:
  struct Entry {
    Held held;
    Clock::time_point expires;
    std::list<std::string>::iterator age;  // its place in the order sessions were opened
  };
  const std::chrono::seconds lifetime_;
  const std::size_t capacity_;
  const std::size_t per_user_;
  std::mutex mutex_;
  std::map<std::string, Entry> sessions_;  // by the digest of the id: the ids themselves are not kept
  std::list<std::string> opened_;          // oldest first: the one dropped when full
};

}  // namespace alignkit::service
