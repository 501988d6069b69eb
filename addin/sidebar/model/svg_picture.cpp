#include "svg_picture.hpp"

namespace alignkit::sidebar {

std::string svg_start(int width, int height) {
  const std::string w = std::to_string(width), h = std::to_string(height);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
         "\"><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>";
}

}  // namespace alignkit::sidebar
