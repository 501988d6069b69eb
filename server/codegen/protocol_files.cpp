// Host tool: writes what others read of the protocol's route table (alignkit/sharing/routes.hpp)
// and its headers — the owners' page's routes.js and docs/http-routes.md — so that neither spells
// a path of its own.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "alignkit/sharing/sharing.hpp"

namespace {
using namespace alignkit::sharing;

struct Header {
  std::string_view key;  // the page's name for it
  const char* name;
};
constexpr Header kHeaders[] = {
    {"etag", kETagHeader},           {"ifMatch", kIfMatchHeader},     {"ifNoneMatch", kIfNoneMatchHeader},
    {"authorization", kAuthorizationHeader}, {"version", kVersionHeader}, {"author", kAuthorHeader},
    {"approvedBy", kApprovedByHeader}, {"updated", kUpdatedHeader},   {"message", kMessageHeader},
    {"retryAfter", kRetryAfterHeader}, {"location", kLocationHeader},
};

std::string js_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void write_routes_js(std::ostream& out) {
  out << "// Written at build time from core's route table (core/include/alignkit/sharing/routes.hpp): edit that.\n"
         "export const routes = Object.freeze({\n";
  for (const auto& route : kRoutes) {
    if (route.audience != Audience::api) continue;
    out << "  " << route.id << ": Object.freeze({ method: " << js_string(route.method)
        << ", pattern: " << js_string(route.pattern) << " }),\n";
  }
  out << "});\n\nexport const headers = Object.freeze({\n";
  for (const auto& header : kHeaders) out << "  " << header.key << ": " << js_string(header.name) << ",\n";
  out << "});\n";
}

void write_markdown(std::ostream& out) {
  out << "# The template service's routes\n\n"
         "Written from the service's own route table (`core/include/alignkit/sharing/routes.hpp`) by the build;\n"
         "`alignkit serve --help` prints the same list. What each route answers, and its statuses, is in the\n"
         "README (\"Run a template service for your team\").\n\n"
         "| method | path | name | what it answers |\n|---|---|---|---|\n";
  for (const auto& route : kRoutes) {
    out << "| `" << route.method << "` | `" << route.pattern << "` | `" << route.id << "` | " << route.summary << " |\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  using Writer = void (*)(std::ostream&);
  const std::string_view kind = argc == 3 ? argv[1] : "";
  const Writer write = kind == "routes-js" ? write_routes_js : kind == "markdown" ? write_markdown : nullptr;
  if (write == nullptr) {
    std::cerr << "usage: alignkit-protocolgen routes-js|markdown <output>\n";
    return 2;
  }
  std::ostringstream text;
  write(text);
  std::ofstream out(argv[2], std::ios::binary);
  return (out << text.str()) ? 0 : 1;
}
