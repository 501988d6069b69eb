#include "alignkit/sharing/routes.hpp"

#include <stdexcept>

namespace alignkit::sharing {

std::string percent_encoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
                            byte == '-' || byte == '.' || byte == '_' || byte == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
  return out;
}

std::string path(RouteName name, std::initializer_list<std::string_view> params) {
  const std::string_view pattern = route(name).pattern;
  std::string out;
  const auto* next = params.begin();
  for (std::size_t at = 0; at < pattern.size();) {
    const auto open = pattern.find('{', at);
    out += pattern.substr(at, open == std::string_view::npos ? std::string_view::npos : open - at);
    if (open == std::string_view::npos) break;
    if (next == params.end()) throw std::invalid_argument(std::string(pattern) + " takes more parameters");
    out += percent_encoded(*next++);
    at = pattern.find('}', open) + 1;
  }
  if (next != params.end()) throw std::invalid_argument(std::string(pattern) + " takes fewer parameters");
  return out;
}

}  // namespace alignkit::sharing
