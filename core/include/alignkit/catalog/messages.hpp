#pragma once
// The shapes of the reasons a function gives for bad input, written once: the checks compose
// their messages from them, and a front end that speaks another language recognises a message by
// its shape and says it in the planner's words (the translators' template lists them).
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace alignkit::messages {

inline constexpr std::string_view kOutside = "{1} ({2}) is outside {3}";         // "buffer (2) is outside [0, 1]"
inline constexpr std::string_view kMustBe = "{1} ({2}) must be {3}";             // "quota (-1) must be more than 0"
inline constexpr std::string_view kRateOutside = "rate {1} ({2}) is outside (0, 1]";
inline constexpr std::string_view kNotWhole = "{1} ({2}) must be a whole number";
inline constexpr std::string_view kNotFinite = "{1} is not a finite number";
inline constexpr std::string_view kMoreThan = "more than {1}";                   // an interval open above
inline constexpr std::string_view kOrMore = "{1} or more";

/// Every shape above, for the translators' template and for recognising a message.
std::span<const std::string_view> shapes();

/// `pattern` with {1}, {2}… replaced by `values` in order; a placeholder without a value stays.
inline std::string fill(std::string_view pattern, std::span<const std::string_view> values) {
  std::string out;
  out.reserve(pattern.size() + 16);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '1' &&
        pattern[i + 1] <= '9') {
      const auto index = static_cast<std::size_t>(pattern[i + 1] - '1');
      if (index < values.size()) {
        out += values[index];
        i += 2;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

inline std::string fill(std::string_view pattern, std::initializer_list<std::string_view> values) {
  return fill(pattern, std::span<const std::string_view>(values.begin(), values.size()));
}

}  // namespace alignkit::messages
