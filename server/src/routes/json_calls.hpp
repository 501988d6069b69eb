#pragma once
// Function calls as JSON, shared by `alignkit eval --json` and the HTTP service:
//   {"function": "FUNNEL.BUDGET", "args": [100, [0.02, 0.05, 0.2], 0.008]}
// -> {"value": 4000} | {"values": [...]} | {"error": "..."}
// Names and argument order are exactly the spreadsheet's; a range is a JSON array (an array
// of arrays for a 2-D block), null leaves an argument out (or is an empty cell in a range).
#include <string>

#include <nlohmann/json.hpp>

#include "alignkit/catalog/catalog.hpp"

namespace alignkit::service {

inline constexpr int kMaxJsonDepth = 32;

struct CallResult {
  nlohmann::json body;       // {"value"}, {"values"} or {"error"}
  bool ok = false;
  bool unknown_function = false;
  std::size_t cells = 1;     // numbers or texts in the answer
};

struct RequestAnswer {
  int status = 200;  // 200, or 400 for a request that is not valid
  nlohmann::json body;
};

/// How much one request may ask for.
struct RequestLimits {
  std::size_t max_batch_calls = 10000;
  std::size_t max_answer_cells = 1'000'000;  // numbers (and texts) in the whole answer
};

/// The service's answer to a POST body: one call (/v1/eval) or {"calls": [...]} (/v1/batch).
/// Checks nesting before parsing; a batch stops at the first call that takes its answer past
/// max_answer_cells (400 naming the limit), so the work past the limit is one call at most.
/// Never throws.
RequestAnswer answer_request(std::string_view body, bool batch, const CallContext& context,
                             const RequestLimits& limits) noexcept;

/// Evaluates one call object; never throws.
CallResult evaluate_call(const nlohmann::json& call, const CallContext& context) noexcept;

/// JSON for a function's answer: {"value": x} or {"values": [...]}.
nlohmann::json output_json(const Output& output);

/// The catalogue of functions as JSON (name, family, description, arguments, result).
nlohmann::json catalogue_json();

}  // namespace alignkit::service
