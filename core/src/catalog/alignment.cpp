#include "alignkit/catalog/alignment.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "alignkit/templates/templates.hpp"

namespace alignkit::alignment {
using nlohmann::json;

namespace {

// Typed values equal to the published ones, position by position; linked values are not compared.
bool same_numbers(const Seen& seen, const std::vector<double>& published) {
  return differing_positions(seen.numbers, published, seen.linked_values).empty();
}

// The call's number with these arguments, when every argument's value is known.
std::optional<double> result_of(const FunctionInfo& function, const std::vector<std::optional<Arg>>& values) {
  for (const auto& value : values) {
    if (!value) return std::nullopt;
  }
  std::size_t given = values.size();  // trailing arguments left out are not passed
  while (given > 0 && std::holds_alternative<Missing>(*values[given - 1])) --given;
  std::vector<Arg> args;
  for (std::size_t i = 0; i < given; ++i) args.push_back(*values[i]);
  auto result = evaluate(function, args);
  if (!result) return std::nullopt;
  if (const auto* number = std::get_if<double>(&*result)) return *number;
  return std::nullopt;
}

Arg as_arg(const std::vector<double>& numbers, const ArgumentInfo& argument) {
  if (numbers.size() == 1 && argument.kind != ArgKind::numbers) return numbers.front();
  return Range::column_of_numbers(numbers);
}

}  // namespace

bool same_number(double a, double b) {
  return a == b || std::fabs(a - b) <= 1e-12 * std::max(std::fabs(a), std::fabs(b));
}

std::vector<std::size_t> differing_positions(std::span<const double> typed, std::span<const double> published,
                                             const std::vector<bool>& linked) {
  std::vector<std::size_t> positions;
  if (typed.size() != published.size()) {
    for (std::size_t k = 0; k < std::max(typed.size(), published.size()); ++k) positions.push_back(k);
    return positions;
  }
  for (std::size_t k = 0; k < typed.size(); ++k) {
    const bool follows = k < linked.size() && linked[k];
    if (!follows && !same_number(typed[k], published[k])) positions.push_back(k);
  }
  return positions;
}

std::string key_in_template(const json& document, std::string_view catalog_key) {
  const std::string key(catalog_key);
  if (document.is_object()) {
    const auto mapping = document.find("alignkit_keys");
    if (mapping != document.end() && mapping->is_object()) {
      const auto named = mapping->find(key);
      if (named != mapping->end() && named->is_string()) return named->get<std::string>();
    }
  }
  return key;
}

namespace {

// Typed values outside the argument's likely range; values that follow the template are the
// owner's business, not a typo of the planner's.
void note_unlikely(const ArgumentInfo& argument, std::size_t index, const Seen& seen, std::vector<Unlikely>& found) {
  for (std::size_t k = 0; k < seen.numbers.size(); ++k) {
    if (k < seen.linked_values.size() && seen.linked_values[k]) continue;
    if (argument.plausible->contains(seen.numbers[k])) continue;
    found.push_back({std::string(argument.name), index, seen.numbers[k], k < seen.places.size() ? seen.places[k] : std::string(),
                     *argument.plausible, argument.share});
  }
}

// A number as a planner writes it: 3, 0.035, 300 (no trailing zeros, no exponent for these sizes).
std::string plain(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

}  // namespace

std::string unlikely_message(const Unlikely& unlikely) {
  if (unlikely.share && unlikely.value >= unlikely.range.high) {  // past the top: a whole percent
    return plain(unlikely.value) + " is read as " + plain(unlikely.value * 100) + " % — did you mean " +
           plain(unlikely.value) + " % (" + plain(unlikely.value / 100) + ")?";
  }
  return plain(unlikely.value) + " is outside what " + unlikely.argument + " likely holds (" + plain(unlikely.range.low) +
         " to " + plain(unlikely.range.high) + ")";
}

CallCheck check_call(const FunctionInfo& function, std::span<const Seen> arguments, const json& document) {
  CallCheck report;
  std::vector<std::optional<Arg>> values(arguments.size());
  for (std::size_t i = 0; i < arguments.size(); ++i) values[i] = arguments[i].value;
  for (std::size_t i = 0; i < arguments.size() && i < function.arguments.size(); ++i) {
    const ArgumentInfo& argument = function.arguments[i];
    const Seen& seen = arguments[i];
    if (argument.plausible && seen.kind == Seen::Kind::constant) note_unlikely(argument, i, seen, report.unlikely);
    if (argument.published_as.empty()) continue;
    if (seen.kind == Seen::Kind::linked) ++report.linked;
    if (seen.kind != Seen::Kind::constant) continue;
    const std::string key = key_in_template(document, argument.published_as);
    const bool list = argument.kind == ArgKind::numbers;
    if (argument.kind == ArgKind::ramp && seen.numbers.size() != 1) {
      report.skipped.push_back({std::string(argument.name), key,
                                "the workbook gives a month-by-month ramp; the template publishes its length in months"});
      continue;
    }
    auto published = templates::published_numbers(document, key, list);
    if (!published) {
      report.skipped.push_back({std::string(argument.name), key, published.error().message});
      continue;
    }
    if (same_numbers(seen, published->values)) {
      ++report.agree;
      continue;
    }
    Drift drift{std::string(argument.name), i, key, published->keys, seen.numbers, published->values, seen.places,
                seen.linked_values, {}, {}};
    drift.result_now = result_of(function, values);
    if (drift.result_now) {
      auto with_published = values;
      with_published[i] = as_arg(published->values, argument);
      drift.result_published = result_of(function, with_published);
    }
    report.drifts.push_back(std::move(drift));
  }
  return report;
}

}  // namespace alignkit::alignment
