#pragma once
// Tokens, salts and session ids: random from the system's entropy, compared in constant time,
// kept only as SHA-256 digests.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace alignkit::service {

/// `bytes` random bytes as hex.
std::string random_hex(std::size_t bytes);
/// Hex SHA-256 of salt + text.
std::string salted_hash(const std::string& salt, const std::string& text);
/// Compares two secrets in time that does not depend on where they differ.
bool same_secret(const std::string& a, const std::string& b);

/// Why a file holding secrets (a users file, a settings file with a token or a password) is not
/// private enough — readable or writable by every user of the machine, or writable by its group —
/// as ssh judges a private key; nothing when it is (or does not exist).
std::optional<std::string> too_open(const std::filesystem::path& file);

}  // namespace alignkit::service
