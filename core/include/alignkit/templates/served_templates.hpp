#pragma once
// Templates served by the alignkit service, as the office reads them: only from services the user
// trusts, asked again at most every few seconds, and a kept copy on disk for when the service
// cannot be reached. The core knows no network: the add-in supplies WebAccess.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/templates.hpp"

namespace alignkit {
template <typename Key, typename Value>
class RecentlyUsed;
}

namespace alignkit::templates {

/// A template the alignkit service serves: http(s)://host[:port]/v1/templates/NAME, optionally
/// pinned to a version (NAME@3) or to what was the latest at the end of a day (NAME@2026-03-31).
struct ServedSource {
  std::string url;     // as the workbook names it
  std::string origin;  // scheme://host:port, what a user trusts and a token belongs to
  std::string host;
  std::string path;    // /v1/templates/NAME
  std::string name;
  std::optional<sharing::Version> version;  // NAME@3
  std::string at;                           // NAME@2026-03-31: the instant, as sharing::utc_instant gives it
};
bool is_web_address(std::string_view source);
/// Splits a served template's address; an Error for any other web address.
Result<ServedSource> served_source(std::string_view url);

/// What one GET of a served template brought back.
struct Fetched {
  /// Succeeded: the document came (its body), or the version the caller had is still the one
  /// (unchanged); else why not — `unreachable` when nothing came back or nothing was sent.
  sharing::Outcome outcome;
  std::string body;
  sharing::Version version = 0;
  std::string author, published;  // published: ISO 8601, as the service sends it
  std::string approved_by;        // who approved the proposal it was; empty when its author published it
};

/// How served templates are reached.
struct WebAccess {
  /// True when the user connected to, or listed as trusted, the service at this origin.
  std::function<bool(const std::string& origin)> trusted;
  /// One GET of the source (its version or instant, if pinned), revalidating `have` (a version
  /// the caller holds: unchanged when it is still the one).
  std::function<Fetched(const ServedSource& source, std::optional<sharing::Version> have)> fetch;
  std::filesystem::path kept_folder;                // the last good copy of each source, kept across sessions
  std::chrono::milliseconds recheck_after{5000};    // a source is asked again at most this often
};

/// A served template as it is kept.
struct ServedCopy {
  Document document;
  sharing::Version version = 0;
  std::string author, published;                  // published: ISO 8601, UTC
  std::string approved_by;                        // empty unless it was a proposal someone approved
  std::chrono::system_clock::time_point checked;  // when the service last answered
  bool stale = false;                             // the service could not be reached: this is the kept copy
};

/// The served templates one office session has read. Thread-safe.
class Served {
 public:
  explicit Served(std::shared_ptr<const WebAccess> access, std::size_t capacity = 256);
  ~Served();
  Served(const Served&) = delete;
  Served& operator=(const Served&) = delete;

  /// A served template: from memory when asked within recheck_after, else revalidated with the
  /// service; the kept copy (stale) when the service cannot be reached.
  Result<ServedCopy> copy(std::string_view url);

 private:
  struct Remembered {
    ServedCopy copy;
    std::chrono::steady_clock::time_point asked;
  };
  /// What is known of url and whether its service failed within recheck_after, in one look.
  struct Known {
    std::optional<Remembered> remembered;
    bool recently_failed = false;
  };
  Known known(const ServedSource& source, std::chrono::steady_clock::time_point now);
  enum class Origin { answered, failed_now, failed_before };
  /// Records one answer (or its absence) for url: the copy to remember, and how its service did.
  ServedCopy remember(const ServedSource& source, ServedCopy copy, Origin origin,
                      std::chrono::steady_clock::time_point now);
  Result<ServedCopy> unreachable(const ServedSource& source, std::optional<ServedCopy> known, Origin origin,
                                 const std::string& why, std::chrono::steady_clock::time_point now);

  const std::shared_ptr<const WebAccess> web_;
  std::mutex mutex_;
  std::unique_ptr<RecentlyUsed<std::string, Remembered>> remembered_;         // by url
  std::map<std::string, std::chrono::steady_clock::time_point> unreachable_;  // by origin: when it last failed
};

}  // namespace alignkit::templates
