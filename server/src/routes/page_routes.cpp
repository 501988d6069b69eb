// The owners' web page: its HTML, scripts, styles and words, served by the service itself from
// its page folder (no other origin), every file under the page's Content-Security-Policy.
#include <algorithm>
#include <optional>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/routes.hpp"
#include "http/service_state.hpp"

namespace alignkit::service {
namespace {
using Poco::Net::HTTPResponse;

struct FileKind {
  std::string_view extension;
  std::string_view content_type;
};
constexpr FileKind kKinds[] = {
    {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},    {".json", "application/json"},
    {".svg", "image/svg+xml"},              {".png", "image/png"},
};

// A regular file's bytes, never through a link (a link in the page folder to the users file would
// serve its salts and hashes); nothing for anything else.
std::optional<std::string> regular_file_bytes(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> bytes;
  struct stat about {};
  if (::fstat(fd, &about) == 0 && S_ISREG(about.st_mode)) {
    bytes.emplace();
    char chunk[16384];
    ssize_t got = 0;
    while ((got = ::read(fd, chunk, sizeof chunk)) > 0) bytes->append(chunk, static_cast<std::size_t>(got));
    if (got < 0) bytes.reset();
  }
  ::close(fd);
  return bytes;
}

}  // namespace

Reply page_file(RequestScope& scope) {
  const std::string name = scope.params.count("file") ? scope.param("file") : std::string("index.html");
  const auto kind = std::find_if(std::begin(kKinds), std::end(kKinds), [&](const FileKind& k) { return name.ends_with(k.extension); });
  const bool plain = !name.empty() && name.front() != '.' &&
                     std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
  if (!plain || kind == std::end(kKinds) || scope.options.page_folder.empty()) {
    return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no such page file");
  }
  auto bytes = regular_file_bytes(scope.options.page_folder / name);
  if (!bytes) return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no such page file");
  Reply reply;
  reply.text = std::move(*bytes);
  reply.content_type = std::string(kind->content_type);
  reply.headers = {{"Cache-Control", "no-cache"}, {"Referrer-Policy", "no-referrer"}, {"X-Frame-Options", "DENY"}};
  return reply;
}

}  // namespace alignkit::service
