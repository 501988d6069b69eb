#include "users.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include <sys/stat.h>
#include <unistd.h>

#include <Poco/Crypto/Crypto.h>
#include <Poco/Crypto/DigestEngine.h>
#include <Poco/DigestEngine.h>
#include <Poco/RandomStream.h>
#include <nlohmann/json.hpp>

namespace alignkit::service {
namespace {
namespace fs = std::filesystem;

std::string random_hex(std::size_t bytes) {
  Poco::RandomInputStream random;  // the system's entropy source
  std::vector<unsigned char> buffer(bytes);
  random.read(reinterpret_cast<char*>(buffer.data()), static_cast<std::streamsize>(bytes));
  return Poco::DigestEngine::digestToHex(buffer);
}

std::string salted_hash(const std::string& salt, const std::string& token) {
  // Each Poco DigestEngine initializes OpenSSL when made and tears it down when the last one
  // goes: two requests hashing tokens at once raced on that and crashed the service. One
  // initialization held for the process's life (never undone) keeps it up.
  static std::once_flag crypto;
  std::call_once(crypto, [] { Poco::Crypto::initializeCrypto(); });
  Poco::Crypto::DigestEngine sha256("SHA256");
  sha256.update(salt);
  sha256.update(token);
  return Poco::DigestEngine::digestToHex(sha256.digest());
}

}  // namespace

bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

bool is_plain_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 && name.front() != '.' &&
         std::all_of(name.begin(), name.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '_' || c == '-' || c == '.';
         });
}

UserDirectory::UserDirectory(fs::path file) : file_(std::move(file)) {}

void UserDirectory::reload_if_changed() {
  std::error_code ec;
  const auto modified = fs::last_write_time(file_, ec);
  if (ec) {  // no file yet (or removed): no users
    entries_.clear();
    recognised_.clear();
    loaded_ = true;
    return;
  }
  if (loaded_ && modified == loaded_at_) return;
  std::ifstream in(file_);
  const auto data = nlohmann::json::parse(in, nullptr, false);
  if (!data.is_object() || !data.contains("users") || !data["users"].is_array()) {
    throw std::runtime_error("the users file " + file_.string() + " is not valid (expected {\"users\": [...]})");
  }
  std::vector<Entry> entries;
  for (const auto& item : data["users"]) {
    entries.push_back({{item.value("name", ""), item.value("owns", std::vector<std::string>{})},
                       item.value("salt", ""),
                       item.value("token_sha256", "")});
  }
  entries_ = std::move(entries);
  recognised_.clear();
  loaded_at_ = modified;
  loaded_ = true;
}

void UserDirectory::save() {
  recognised_.clear();  // the users changed: every token is matched afresh
  nlohmann::json users = nlohmann::json::array();
  for (const auto& e : entries_) {
    users.push_back({{"name", e.user.name}, {"owns", e.user.groups}, {"salt", e.salt}, {"token_sha256", e.hash}});
  }
  // Written beside and renamed over, so the service never reads half a file.
  const fs::path temporary = file_.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << nlohmann::json{{"users", users}}.dump(2) << '\n';
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
  }
  // Keep the file's owner and mode (root:alignkit 0640 in the package), so the service can still
  // read it after an admin changes it; a new file is the admin's alone.
  struct stat existing {};
  if (::stat(file_.c_str(), &existing) == 0) {
    ::chmod(temporary.c_str(), existing.st_mode & 07777);
    if (::chown(temporary.c_str(), existing.st_uid, existing.st_gid) != 0) {
      // Not root: the file stays the admin's, as it was when they could write it.
    }
  } else {
    fs::permissions(temporary, fs::perms::owner_read | fs::perms::owner_write);
  }
  fs::rename(temporary, file_);
  loaded_ = false;
}

std::string UserDirectory::add(const std::string& name, const std::vector<std::string>& owns) {
  if (!is_plain_name(name)) throw std::runtime_error("a user name is 1-64 letters, digits, '_', '-' or '.'");
  for (const auto& group : owns) {
    if (group != "*" && !is_plain_name(group)) throw std::runtime_error("'" + group + "' is not a group name");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  reload_if_changed();
  std::erase_if(entries_, [&](const Entry& e) { return e.user.name == name; });
  const std::string token = "ak_" + random_hex(32);
  const std::string salt = random_hex(16);
  entries_.push_back({{name, owns}, salt, salted_hash(salt, token)});
  save();
  return token;
}

std::optional<std::string> UserDirectory::rotate(const std::string& name) {
  std::vector<std::string> owns;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    reload_if_changed();
    const auto found = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.user.name == name; });
    if (found == entries_.end()) return std::nullopt;
    owns = found->user.groups;
  }
  return add(name, owns);
}

bool UserDirectory::remove(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  reload_if_changed();
  const auto removed = std::erase_if(entries_, [&](const Entry& e) { return e.user.name == name; });
  if (removed > 0) save();
  return removed > 0;
}

std::optional<User> UserDirectory::authenticate(const std::string& token) {
  const std::string recognised_as = salted_hash("", token);
  std::lock_guard<std::mutex> lock(mutex_);
  reload_if_changed();
  if (const auto known = recognised_.find(recognised_as); known != recognised_.end()) return known->second;
  for (const auto& e : entries_) {
    if (!e.salt.empty() && same_secret(salted_hash(e.salt, token), e.hash)) {
      recognised_.emplace(recognised_as, e.user);
      return e.user;
    }
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
