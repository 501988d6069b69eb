// libFuzzer target: template parsing, dotted-key lookup and confined path resolution.
// Input: the first line is a key (also tried as a template path), the rest a template.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "alignkit/templates/templates.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alignkit::templates;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view key = newline == std::string_view::npos ? std::string_view() : input.substr(0, newline);
  const std::string_view text = newline == std::string_view::npos ? input : input.substr(newline + 1);
  if (auto document = parse(text)) {
    if (auto value = lookup(*document, key)) {
      if (const auto* number = std::get_if<double>(&*value); number && !std::isfinite(*number)) std::abort();
    }
  }
  // A confined path never leaves its folder.
  if (auto file = resolve(key, "/templates", true); file && !file->string().starts_with("/templates/")) std::abort();
  return 0;
}
