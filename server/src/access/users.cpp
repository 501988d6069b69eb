#include "access/users.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "access/secrets.hpp"

namespace alignkit::service {
namespace {
namespace fs = std::filesystem;

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

// The lock every change of the users file holds (flock on a file beside it that never follows a
// link): administrators' commands run one at a time, each on the file as the last one left it.
class FileLock {
 public:
  explicit FileLock(const fs::path& file) {
    const std::string lock = file.string() + ".lock";
    descriptor_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (descriptor_ < 0) throw std::runtime_error(system_error("cannot lock " + lock));
    while (::flock(descriptor_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        ::close(descriptor_);
        throw std::runtime_error(system_error("cannot lock " + lock));
      }
    }
  }
  ~FileLock() { ::close(descriptor_); }  // closing releases the lock
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int descriptor_ = -1;
};

std::int64_t nanoseconds(const timespec& moment) {
  return static_cast<std::int64_t>(moment.tv_sec) * 1'000'000'000 + moment.tv_nsec;
}

std::optional<std::string> read_whole(const fs::path& file) {
  const int descriptor = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) return std::nullopt;
  std::string text;
  char buffer[65536];
  ssize_t got = 0;
  while ((got = ::read(descriptor, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(got));
  ::close(descriptor);
  if (got < 0) return std::nullopt;
  return text;
}

}  // namespace

bool is_plain_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 && name.front() != '.' &&
         std::all_of(name.begin(), name.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '_' || c == '-' || c == '.';
         });
}

UserDirectory::UserDirectory(fs::path file) : file_(std::move(file)) {}

void UserDirectory::load_entries(const std::string& text) {
  const auto data = nlohmann::json::parse(text, nullptr, false);
  if (!data.is_object() || !data.contains("users") || !data["users"].is_array()) {
    throw std::runtime_error("the users file " + file_.string() + " is not valid (expected {\"users\": [...]})");
  }
  std::vector<Entry> entries;
  for (const auto& item : data["users"]) {
    if (!item.is_object()) continue;
    entries.push_back({{item.value("name", ""), item.value("owns", std::vector<std::string>{})},
                       item.value("salt", ""),
                       item.value("token_sha256", "")});
  }
  entries_ = std::move(entries);
}

void UserDirectory::reload_if_changed() {
  struct stat status {};
  if (::stat(file_.c_str(), &status) != 0) {  // no file yet (or removed): no users
    entries_.clear();
    recognised_.clear();
    seen_ = Seen{};
    return;
  }
  Seen now{status.st_dev, status.st_ino, status.st_size, nanoseconds(status.st_mtim), nanoseconds(status.st_ctim), {}};
  // Within the file clock's resolution an edit in place may keep every one of these: compare the
  // content itself while the file is that fresh.
  const auto age = std::chrono::system_clock::now().time_since_epoch() - std::chrono::nanoseconds(now.modified_ns);
  const bool fresh = age < std::chrono::milliseconds(100);
  if (seen_ && !fresh) {
    Seen old = *seen_;
    old.content_digest.clear();
    if (old == now) return;
  }
  const auto text = read_whole(file_);
  if (!text) throw std::runtime_error(system_error("cannot read the users file " + file_.string()));
  now.content_digest = salted_hash("", *text);
  if (seen_ && *seen_ == now) return;
  load_entries(*text);
  recognised_.clear();
  seen_ = now;
}

void UserDirectory::write(const std::vector<Entry>& entries) const {
  nlohmann::json users = nlohmann::json::array();
  for (const auto& e : entries) {
    nlohmann::json user = {{"name", e.user.name}, {"owns", e.user.groups}, {"salt", e.salt}, {"token_sha256", e.hash}};
    if (e.user.groups.empty()) user["reads"] = true;
    users.push_back(std::move(user));
  }
  const std::string text = nlohmann::json{{"users", users}}.dump(2) + "\n";
  // A new file of a unique name in the same folder: mkostemp creates it exclusively, so a file or
  // link planted there is never written through.
  std::string temporary = file_.string() + ".XXXXXX";
  const int descriptor = ::mkostemp(temporary.data(), O_CLOEXEC);
  if (descriptor < 0) throw std::runtime_error(system_error("cannot write beside " + file_.string()));
  bool ok = true;
  // Keep the file's owner and mode (root:alignkit 0640 in the package) so the service can still read
  // it, without any permission for other users of the machine; a new file is the admin's alone.
  struct stat existing {};
  if (::stat(file_.c_str(), &existing) == 0) {
    ok = ::fchmod(descriptor, existing.st_mode & 0750) == 0;
    if (::fchown(descriptor, existing.st_uid, existing.st_gid) != 0) {
      // Not root: the file stays the admin's, as it was when they could write it.
    }
  } else {
    ok = ::fchmod(descriptor, 0600) == 0;
  }
  for (std::size_t written = 0; ok && written < text.size();) {
    const ssize_t count = ::write(descriptor, text.data() + written, text.size() - written);
    if (count < 0 && errno == EINTR) continue;
    ok = count > 0;
    written += ok ? static_cast<std::size_t>(count) : 0;
  }
  ok = ok && ::fsync(descriptor) == 0;
  ok = ::close(descriptor) == 0 && ok;
  if (!ok || ::rename(temporary.c_str(), file_.c_str()) != 0) {
    const std::string why = system_error("cannot write " + file_.string());
    ::unlink(temporary.c_str());
    throw std::runtime_error(why);
  }
  // The rename itself reaches the disk with the folder.
  const fs::path folder = file_.has_parent_path() ? file_.parent_path() : fs::path(".");
  if (const int directory = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); directory >= 0) {
    ::fsync(directory);
    ::close(directory);
  }
}

template <class Change>
auto UserDirectory::locked_change(Change change) {
  FileLock lock(file_);
  std::lock_guard<std::mutex> guard(mutex_);
  seen_.reset();  // read the file as the lock's previous holder left it
  reload_if_changed();
  auto answer = change(entries_);
  if (answer) {
    recognised_.clear();  // the users changed: every token is matched afresh
    seen_.reset();        // and the file is read again, written or not
    write(entries_);
  }
  return answer;
}

std::string UserDirectory::add(const std::string& name, const std::vector<std::string>& owns) {
  if (!is_plain_name(name)) throw std::runtime_error("a user name is 1-64 letters, digits, '_', '-' or '.'");
  for (const auto& group : owns) {
    if (group != "*" && !is_plain_name(group)) throw std::runtime_error("'" + group + "' is not a group name");
  }
  const std::string token = "ak_" + random_hex(32);
  const std::string salt = random_hex(16);
  const std::string hash = salted_hash(salt, token);
  locked_change([&](std::vector<Entry>& entries) {
    std::erase_if(entries, [&](const Entry& e) { return e.user.name == name; });
    entries.push_back({{name, owns}, salt, hash});
    return true;
  });
  return token;
}

std::optional<std::string> UserDirectory::rotate(const std::string& name) {
  const std::string token = "ak_" + random_hex(32);
  const std::string salt = random_hex(16);
  const std::string hash = salted_hash(salt, token);
  const bool rotated = locked_change([&](std::vector<Entry>& entries) {
    const auto found = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.user.name == name; });
    if (found == entries.end()) return false;
    found->salt = salt;
    found->hash = hash;
    return true;
  });
  if (!rotated) return std::nullopt;
  return token;
}

bool UserDirectory::remove(const std::string& name) {
  return locked_change([&](std::vector<Entry>& entries) {
    return std::erase_if(entries, [&](const Entry& e) { return e.user.name == name; }) > 0;
  });
}

std::optional<Account> UserDirectory::authenticate(const std::string& token) {
  const std::string recognised_as = salted_hash("", token);
  std::lock_guard<std::mutex> lock(mutex_);
  reload_if_changed();
  if (const auto known = recognised_.find(recognised_as); known != recognised_.end()) return known->second;
  for (const auto& e : entries_) {
    if (!e.salt.empty() && same_secret(salted_hash(e.salt, token), e.hash)) {
      Account account{e.user, e.hash};
      recognised_.emplace(recognised_as, account);
      return account;
    }
  }
  return std::nullopt;
}

std::optional<Account> UserDirectory::account(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  reload_if_changed();
  for (const auto& e : entries_) {
    if (e.user.name == name) return Account{e.user, e.hash};
  }
  return std::nullopt;
}

std::vector<User> UserDirectory::users() {
  std::lock_guard<std::mutex> lock(mutex_);
  reload_if_changed();
  std::vector<User> out;
  for (const auto& e : entries_) out.push_back(e.user);
  return out;
}

}  // namespace alignkit::service
