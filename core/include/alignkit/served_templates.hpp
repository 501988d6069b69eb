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

#include "alignkit/templates.hpp"

namespace alignkit {
template <typename Key, typename Value>
class RecentlyUsed;
}

namespace alignkit::templates {

/// What one GET of a served template brought back.
struct Fetched {
  int status = 0;  // 200 (a document), 304 (unchanged since the ETag sent), or what else the service said
  std::string body;
  std::string etag, version, author, updated;  // updated: ISO 8601, as the service sends it
};

/// How served templates are reached.
struct WebAccess {
  /// True when the user connected to, or listed as trusted, the service at this origin.
  std::function<bool(const std::string& origin)> trusted;
  /// One GET of source.path, sending If-None-Match when etag is not empty; an Error when the
  /// service cannot be reached (timeouts included).
  std::function<Result<Fetched>(const ServedSource& source, const std::string& etag)> fetch;
  std::filesystem::path kept_folder;                // the last good copy of each source, kept across sessions
  std::chrono::milliseconds recheck_after{5000};    // a source is asked again at most this often
};

/// A served template as it is kept.
struct ServedCopy {
  Document document;
  std::string etag, version, author, updated;
  std::chrono::system_clock::time_point checked;  // when the service last answered
  bool stale = false;                             // the service could not be reached: this is the kept copy
};

/// Loads templates and keeps them until the file's size or modification time changes,
/// so a recalculation sees edits without re-parsing on every cell. Thread-safe.
class Store {
 public:
  Result<Document> load(const std::filesystem::path& file);
  Result<Value> value(std::string_view source, std::string_view key, const std::filesystem::path& base_dir,
                      bool confined = false);
  /// What a workbook needs to know about the template it follows (TEMPLATE.INFO): "name",
  /// "version" (the file's template_version), "updated" (when the file last changed) and
  /// "checked" (when it was read) as Calc date-times in local time, "author" (empty for a
  /// file), "stale" (0: a file is always read as it is now).
  Result<Value> info(std::string_view source, std::string_view field, const std::filesystem::path& base_dir,
                     bool confined = false);

  /// Lets the store read served templates (http(s) sources); without it they are bad input.
  void use_web_access(std::shared_ptr<const WebAccess> access);
  /// A served template: from memory when asked within recheck_after, else revalidated with the
  /// service; the kept copy (stale) when the service cannot be reached.
  Result<ServedCopy> served(std::string_view url);

 private:
  struct Entry {
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    Document document;
  };
  Result<Value> served_info(std::string_view source, std::string_view field);

  struct Remembered {
    ServedCopy copy;
    std::chrono::steady_clock::time_point asked;
  };
  std::mutex mutex_;
  std::map<std::filesystem::path, Entry> entries_;
  std::shared_ptr<const WebAccess> web_;
  std::map<std::string, Remembered> served_;                              // by url
  std::map<std::string, std::chrono::steady_clock::time_point> unreachable_;  // by origin: when it last failed
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
