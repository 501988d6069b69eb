// The owners' web page: its HTML, scripts, styles and words, served by the service itself from
// its page folder (no other origin), every file under the page's Content-Security-Policy.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "routes.hpp"
#include "service_state.hpp"

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

}  // namespace

Reply page_file(RequestScope& scope) {
  const std::string name = scope.params.count("file") ? scope.param("file") : std::string("index.html");
  const auto kind = std::find_if(std::begin(kKinds), std::end(kKinds), [&](const FileKind& k) { return name.ends_with(k.extension); });
  const bool plain = !name.empty() && name.front() != '.' &&
                     std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
  if (!plain || kind == std::end(kKinds) || scope.options.page_folder.empty()) {
    return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no such page file");
  }
  std::ifstream in(scope.options.page_folder / name, std::ios::binary);
  if (!in) return error_reply(HTTPResponse::HTTP_NOT_FOUND, "no such page file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Reply reply;
  reply.text = bytes.str();
  reply.content_type = std::string(kind->content_type);
  reply.headers = {{"Cache-Control", "no-cache"}, {"Referrer-Policy", "no-referrer"}, {"X-Frame-Options", "DENY"}};
  return reply;
}

}  // namespace alignkit::service
