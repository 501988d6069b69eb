#pragma once
// The panels' pictures are SVG text the office renders: the frame of one.
#include <string>
#include <string_view>

#include "alignkit/templates/xml_text.hpp"

namespace alignkit::sidebar {

/// The opening of a `width` x `height` picture on a white ground; close it with "</svg>".
std::string svg_start(int width, int height);

}  // namespace alignkit::sidebar
