// libFuzzer target: the HTTP service's request handling (POST /v1/eval and /v1/batch bodies),
// everything the service does after Poco has read the body. The first byte picks the endpoint.
// An answer is 200 or 400 with a JSON object; 500 would mean an exception escaped a check.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "alignkit/templates/template_reader.hpp"
#include "routes/json_calls.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alignkit;
  if (size == 0) return 0;
  const bool batch = (data[0] & 1) != 0;
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  static templates::Reader reader;
  const auto answer = service::answer_request(body, batch, CallContext{ALIGNKIT_FUZZ_TEMPLATES_DIR, true, true, &reader}, {100, 100000});
  if ((answer.status != 200 && answer.status != 400) || !answer.body.is_object()) std::abort();
  return 0;
}
