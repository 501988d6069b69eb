#pragma once
// Text that stays text in XML and SVG: the code generator's .xcu and help pages, the panels' pictures.
#include <string>
#include <string_view>

namespace alignkit {

/// `text` escaped for XML content and attribute values: a label can never become an element.
inline std::string xml_text(std::string_view text) {
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

}  // namespace alignkit
