#pragma once
// The alignment check: where a workbook's own numbers disagree with what the team published.
// The office side says what each argument of a call holds (a typed constant, a link to the
// template, anything else); this compares the constants with the published values the catalog
// names (ArgumentInfo::published_as) and works out what the call would answer with them.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "alignkit/catalog/catalog.hpp"

namespace alignkit::alignment {

/// One argument of a call, as the workbook holds it.
struct Seen {
  enum class Kind {
    left_out,  // not given: the catalog's default applies, nothing typed to compare
    constant,  // typed numbers: in the formula, or in cells holding a number
    linked,    // TEMPLATE.VALUE, in the formula or in the cells it names
    other,     // anything else (a calculation): not a private copy of a published number
  };
  Kind kind = Kind::other;
  std::vector<double> numbers;      // constant: the values in reading order
  std::vector<std::string> places;  // constant: the cell each value is typed in ("" in the formula)
  /// constant: true where a value of the list is a link (a range of typed and linked cells);
  /// empty when every value is typed. Only the typed ones are compared.
  std::vector<bool> linked_values;
  /// What the argument is worth now, when the office could read it (for the call's result).
  std::optional<Arg> value;
};

/// A published number that a typed one should equal.
struct Drift {
  std::string argument;                   // catalog name: "rates"
  std::size_t argument_index = 0;         // its position in the call
  std::string key;                        // as the template names it: "funnel.rates"
  std::vector<std::string> value_keys;    // one per value: "funnel.rates.visit_to_demo", …
  std::vector<double> workbook, published;
  std::vector<std::string> places;        // where each workbook value is typed
  std::vector<bool> linked_values;        // as Seen's: values that follow the template already
  std::optional<double> result_now, result_published;  // the call's number, when it answers one
};

/// An argument with a published key that could not be compared, and why.
struct Skipped {
  std::string argument, key, reason;
};

/// A typed value the function accepts but that lies outside what its argument likely holds (the
/// catalog's Plausible range): most often a whole percent typed where a fraction belongs (3 for
/// 3 %). Said, never changed.
struct Unlikely {
  std::string argument;            // catalog name: "turnover_rate"
  std::size_t argument_index = 0;  // its position in the call
  double value = 0;
  std::string place;               // the cell it is typed in; "" when typed in the formula
  Plausible range;
  bool share = false;              // a fraction, read as a percent
};

/// What a planner reads: "3 is read as 300 % — did you mean 3 % (0.03)?" for a share past its
/// range; else "-2 is outside what turnover_rate likely holds (0 to 2)".
std::string unlikely_message(const Unlikely& unlikely);

struct CallCheck {
  std::vector<Drift> drifts;
  std::vector<Skipped> skipped;
  std::vector<Unlikely> unlikely;
  int linked = 0;  // arguments that follow the template already
  int agree = 0;   // typed arguments equal to the published value
};

/// The key a template uses for a catalog key: the template's own "alignkit_keys" object maps
/// the catalog's names to a team's ("people.ramp_months": "onboarding.ramp"); else the same.
std::string key_in_template(const nlohmann::json& document, std::string_view catalog_key);

/// Compares one call's typed arguments with the template `document`.
CallCheck check_call(const FunctionInfo& function, std::span<const Seen> arguments, const nlohmann::json& document);

/// Two numbers that say the same (a typed 4.22% and a published 0.0422 may differ in the last bit).
bool same_number(double a, double b);

/// The positions where typed values differ from published ones, values that follow the template
/// already (`linked`) left out; every position when the lists differ in length.
std::vector<std::size_t> differing_positions(std::span<const double> typed, std::span<const double> published,
                                             const std::vector<bool>& linked);

}  // namespace alignkit::alignment
