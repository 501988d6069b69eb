#include "mo_file.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace alignkit::codegen {
namespace {

constexpr std::uint32_t kMagic = 0x950412de;  // msgfmt writes the host's byte order; ours is little-endian

std::uint32_t word(const std::string& data, std::size_t offset, const std::filesystem::path& file) {
  if (offset + 4 > data.size()) throw std::runtime_error(file.string() + ": truncated .mo file");
  std::uint32_t value;
  std::memcpy(&value, data.data() + offset, 4);
  return value;
}

std::string string_at(const std::string& data, std::uint32_t table, std::uint32_t index,
                      const std::filesystem::path& file) {
  const std::uint32_t length = word(data, table + 8 * index, file);
  const std::uint32_t offset = word(data, table + 8 * index + 4, file);
  if (std::size_t{offset} + length > data.size()) throw std::runtime_error(file.string() + ": truncated .mo file");
  return data.substr(offset, length);
}

}  // namespace

std::string MessageCatalog::get(std::string_view context, std::string_view english) const {
  std::string key(context);
  if (!key.empty()) key += '\x04';
  key += english;
  const auto found = entries.find(key);
  return found == entries.end() || found->second.empty() ? std::string(english) : found->second;
}

MessageCatalog read_mo(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw std::runtime_error(file.string() + ": cannot be read");
  if (word(data, 0, file) != kMagic) throw std::runtime_error(file.string() + ": not a .mo file");
  const std::uint32_t count = word(data, 8, file);
  const std::uint32_t originals = word(data, 12, file);
  const std::uint32_t translations = word(data, 16, file);
  MessageCatalog catalog{file.stem().string(), {}};
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string id = string_at(data, originals, i, file);
    if (id.empty()) continue;  // the header
    catalog.entries.emplace(std::move(id), string_at(data, translations, i, file));
  }
  return catalog;
}

}  // namespace alignkit::codegen
