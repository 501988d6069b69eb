// Benchmark: the cost of one spreadsheet call inside alignkit (argument conversion, checks and
// math), without the office. Prints figures; asserts nothing. Compare with the per-cell time of
// bench/recalc_benchmark.py to see how much of an add-in call is alignkit's own work.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "alignkit/catalog/catalog.hpp"

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

  // A column answered at once (the array formula of recalc_benchmark.py): 100,000 targets in one
  // call, against the per-call figure above; handed over as cells (HTTP, the command) and as
  // numbers (Calc's ranges of numbers, SQL).
  constexpr std::size_t kRows = 100'000;
  std::vector<Cell> target_cells;
  std::vector<double> target_numbers;
  for (std::size_t k = 0; k < kRows; ++k) {
    target_cells.emplace_back(static_cast<double>(k % 1000 + 1));
    target_numbers.push_back(static_cast<double>(k % 1000 + 1));
  }
  const std::vector<Arg> as_cells{Range::column(std::move(target_cells)), Range::column({0.02, 0.05, 0.2}), 0.008};
  const std::vector<Arg> as_numbers{Range::column_of_numbers(std::move(target_numbers)),
                                    Range::column_of_numbers({0.02, 0.05, 0.2}), 0.008};
  for (const auto& [how, column_args] : {std::pair{"cells", &as_cells}, std::pair{"numbers", &as_numbers}}) {
    double best = 1e9;
    for (int round = 0; round < 9; ++round) {
      const auto from = std::chrono::steady_clock::now();
      const auto result = evaluate(*budget, *column_args);
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - from;
      best = std::min(best, took.count());
      sink += std::get<NumberBlock>(*result).values.back();
    }
    std::printf("FUNNEL.BUDGET on a column of %zu rows at once, as %s: %.1f ms, %.3f us per row (best of 9, checksum %.0f)\n",
                kRows, how, best * 1e3, best / kRows * 1e6, sink);
  }
}
