#pragma once
// What an administrator's Prometheus scrapes from GET /metrics (text format 0.0.4): requests by
// route and status, their latency, store errors, refused tokens, the newest-version cache's hits
// and misses, open connections. Counted in memory since the service started.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace alignkit::service {

class Metrics {
 public:
  /// One answered request: its route's pattern ("/v1/templates/{name}", or "other"), status and time.
  void request(const std::string& route, int status, double seconds);
  void store_error();
  void refused_token();

  /// What the service knows at the moment of a scrape.
  struct Now {
    std::uint64_t open_connections = 0;
    std::uint64_t cache_hits = 0, cache_misses = 0;
  };
  [[nodiscard]] std::string exposition(const Now& now);

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct Latency {
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // each counts the requests at or under its bound
    std::uint64_t count = 0;
    double sum = 0;
  };
  std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Latency> latency_;
  std::uint64_t store_errors_ = 0;
  std::uint64_t refused_tokens_ = 0;
};

}  // namespace alignkit::service
