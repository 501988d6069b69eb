#include "access/secrets.hpp"

#include <mutex>
#include <vector>

#include <Poco/Crypto/Crypto.h>
#include <Poco/Crypto/DigestEngine.h>
#include <Poco/DigestEngine.h>
#include <Poco/RandomStream.h>

#include <sys/stat.h>

#include <cstdio>

namespace alignkit::service {

std::string random_hex(std::size_t bytes) {
  Poco::RandomInputStream random;  // the system's entropy source
  std::vector<unsigned char> buffer(bytes);
  random.read(reinterpret_cast<char*>(buffer.data()), static_cast<std::streamsize>(bytes));
  return Poco::DigestEngine::digestToHex(buffer);
}

std::string salted_hash(const std::string& salt, const std::string& text) {
  // Each Poco DigestEngine initializes OpenSSL when made and tears it down when the last one
  // goes: two requests hashing tokens at once raced on that and crashed the service. One
  // initialization held for the process's life (never undone) keeps it up.
  static std::once_flag crypto;
  std::call_once(crypto, [] { Poco::Crypto::initializeCrypto(); });
  Poco::Crypto::DigestEngine sha256("SHA256");
  sha256.update(salt);
  sha256.update(text);
  return Poco::DigestEngine::digestToHex(sha256.digest());
}

bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

std::optional<std::string> too_open(const std::filesystem::path& file) {
  struct stat status {};
  if (::stat(file.c_str(), &status) != 0) return std::nullopt;
  const unsigned mode = status.st_mode & 07777;
  if ((mode & 0027) == 0) return std::nullopt;
  char octal[8];
  std::snprintf(octal, sizeof octal, "%04o", mode);
  const std::string who = (mode & 0007) != 0 ? "every user of this machine" : "its group";
  return file.string() + " holds secrets but may be " + ((mode & 0007) != 0 ? "read or written" : "written") + " by " +
         who + " (mode " + octal + "): run chmod o-rwx,g-w " + file.string();
}

}  // namespace alignkit::service
