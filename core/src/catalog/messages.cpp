#include "alignkit/catalog/messages.hpp"

namespace alignkit::messages {

std::span<const std::string_view> shapes() {
  // The most particular first: "rate 2 (3) is outside (0, 1]" is also "{1} ({2}) is outside {3}".
  static constexpr std::string_view kShapes[] = {kRateOutside, kNotWhole, kMustBe, kOutside, kNotFinite, kMoreThan, kOrMore};
  return kShapes;
}

}  // namespace alignkit::messages
