#pragma once
// The panels' pictures are SVG text the office renders: the frame of one, and text that stays text.
#include <string>
#include <string_view>

namespace alignkit::sidebar {

/// `text` with the characters SVG reads as markup escaped: a label can never become an element.
std::string xml_text(std::string_view text);
/// The opening of a `width` x `height` picture on a white ground; close it with "</svg>".
std::string svg_start(int width, int height);

}  // namespace alignkit::sidebar
