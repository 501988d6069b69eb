// libFuzzer target: the argument conversion layer — spreadsheet-shaped arguments (numbers,
// texts, left-out arguments, ranges of any shape and kind, NaN and infinities) turned into core
// inputs for every function. Runs without an office. An answer is an error or finite numbers.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "alignkit/catalog/catalog.hpp"
#include "alignkit/templates/template_reader.hpp"

namespace {
class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  double number() {
    switch (byte() % 4) {
      case 0: return static_cast<double>(static_cast<std::int8_t>(byte()));
      case 1: return static_cast<double>(byte()) / 100.0;
      case 2: return static_cast<double>(static_cast<std::int16_t>(byte() << 8 | byte())) * 1000.0;
      default: {
        double raw = 0;
        std::uint8_t bytes[sizeof raw];
        for (auto& b : bytes) b = byte();
        std::memcpy(&raw, bytes, sizeof raw);  // any bit pattern: NaN, infinities, denormals
        return raw;
      }
    }
  }
  std::string text() {
    std::string out(byte() % 16, ' ');
    for (char& c : out) c = static_cast<char>(byte());
    return out;
  }
  alignkit::Cell cell() {
    switch (byte() % 4) {
      case 0: return alignkit::EmptyCell{};
      case 1: return text();
      default: return number();
    }
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alignkit;
  Bytes in(data, size);
  const auto all = functions();
  const FunctionInfo& function = all[in.byte() % all.size()];
  std::vector<Arg> args(in.byte() % 10);
  for (Arg& arg : args) {
    switch (in.byte() % 5) {
      case 0: arg = Missing{}; break;
      case 1: arg = in.text(); break;
      case 2: {
        Range range{static_cast<std::size_t>(in.byte() % 7), static_cast<std::size_t>(in.byte() % 4), {}};
        range.cells.resize(range.rows * range.cols);
        for (Cell& cell : range.cells) cell = in.cell();
        arg = std::move(range);
        break;
      }
      default: arg = in.number();
    }
  }
  static templates::Reader reader;
  const auto result = evaluate(function, args, CallContext{"/nonexistent-templates", true, true, &reader});
  if (!result) return 0;
  if (const auto* number = std::get_if<double>(&*result); number && !std::isfinite(*number)) std::abort();
  if (const auto* block = std::get_if<NumberBlock>(&*result)) {
    if (block->values.size() != block->rows * block->cols) std::abort();
    // A column answered at once has NaN exactly in the rows its errors name; anything else is finite.
    std::vector<bool> failed(block->values.size(), false);
    for (const auto& error : block->errors) {
      if (block->cols != 1 || error.row >= block->values.size() || error.message.empty()) std::abort();
      failed[error.row] = true;
    }
    for (std::size_t i = 0; i < block->values.size(); ++i) {
      if (failed[i] ? !std::isnan(block->values[i]) : !std::isfinite(block->values[i])) std::abort();
    }
  }
  return 0;
}
