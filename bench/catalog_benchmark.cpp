// Benchmark: the cost of one spreadsheet call inside alignkit (argument conversion, checks and
// math), without the office. Prints figures; asserts nothing. Compare with the per-cell time of
// bench/recalc_benchmark.py to see how much of an add-in call is alignkit's own work.
#include <chrono>
#include <cstdio>
#include <vector>

#include "alignkit/catalog.hpp"

int main() {
  using namespace alignkit;
  const FunctionInfo* budget = find_function("FUNNEL.BUDGET");
  constexpr int kCalls = 1'000'000;
  double sink = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kCalls; ++i) {
    // Built fresh each call, as the add-in does from Calc's arguments.
    const std::vector<Arg> args{static_cast<double>(i % 1000 + 1), Range::column({0.02, 0.05, 0.2}), 0.008, Missing{}};
    const auto result = evaluate(*budget, args);
    sink += std::get<double>(*result);
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("FUNNEL.BUDGET through the catalog: %.3f us per call (%d calls, checksum %.0f)\n",
              elapsed.count() / kCalls * 1e6, kCalls, sink);
}
