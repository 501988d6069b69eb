#pragma once
#include <string>
#include <string_view>

namespace alignkit::codegen {

/// Text escaped for XML content and attribute values.
inline std::string xml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace alignkit::codegen
