#include "http/metrics.hpp"

#include <algorithm>
#include <cstdio>

#include "access/authentication.hpp"
#include "http/routes.hpp"
#include "http/service_state.hpp"
#include "store/template_store.hpp"

namespace alignkit::service {
namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

// A label's value as the exposition format quotes it.
std::string label(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::request(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  Latency& latency = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++latency.buckets[i];
  }
  ++latency.count;
  latency.sum += seconds;
}

void Metrics::store_error() {
  std::lock_guard lock(mutex_);
  ++store_errors_;
}

void Metrics::refused_token() {
  std::lock_guard lock(mutex_);
  ++refused_tokens_;
}

std::string Metrics::exposition(const Now& now) {
  std::lock_guard lock(mutex_);
  std::string text;
  text += "# HELP alignkit_http_requests_total Requests answered, by route and status.\n"
          "# TYPE alignkit_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    text += "alignkit_http_requests_total{route=\"" + label(key.first) + "\",status=\"" + std::to_string(key.second) +
            "\"} " + std::to_string(count) + "\n";
  }
  text += "# HELP alignkit_http_request_duration_seconds Time to answer a request, by route.\n"
          "# TYPE alignkit_http_request_duration_seconds histogram\n";
  for (const auto& [route, latency] : latency_) {
    const std::string name = "alignkit_http_request_duration_seconds";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      text += name + "_bucket{route=\"" + label(route) + "\",le=\"" + number(kBuckets[i]) + "\"} " +
              std::to_string(latency.buckets[i]) + "\n";
    }
    text += name + "_bucket{route=\"" + label(route) + "\",le=\"+Inf\"} " + std::to_string(latency.count) + "\n";
    text += name + "_sum{route=\"" + label(route) + "\"} " + number(latency.sum) + "\n";
    text += name + "_count{route=\"" + label(route) + "\"} " + std::to_string(latency.count) + "\n";
  }
  text += "# HELP alignkit_store_errors_total Requests the template store failed (the database answered an error).\n"
          "# TYPE alignkit_store_errors_total counter\n"
          "alignkit_store_errors_total " + std::to_string(store_errors_) + "\n";
  text += "# HELP alignkit_refused_tokens_total Requests whose token the service did not know.\n"
          "# TYPE alignkit_refused_tokens_total counter\n"
          "alignkit_refused_tokens_total " + std::to_string(refused_tokens_) + "\n";
  text += "# HELP alignkit_newest_version_cache_hits_total Reads of a template's newest version answered from memory.\n"
          "# TYPE alignkit_newest_version_cache_hits_total counter\n"
          "alignkit_newest_version_cache_hits_total " + std::to_string(now.cache_hits) + "\n";
  text += "# HELP alignkit_newest_version_cache_misses_total Reads of a template's newest version that asked the store.\n"
          "# TYPE alignkit_newest_version_cache_misses_total counter\n"
          "alignkit_newest_version_cache_misses_total " + std::to_string(now.cache_misses) + "\n";
  text += "# HELP alignkit_http_connections_open Connections open to the service now.\n"
          "# TYPE alignkit_http_connections_open gauge\n"
          "alignkit_http_connections_open " + std::to_string(now.open_connections) + "\n";
  return text;
}

Reply metrics_text(RequestScope& scope) {
  const auto& scrapers = scope.options.metrics_scrapers;
  const bool allowed = scope.origin.address.isLoopback() ||
                       std::find(scrapers.begin(), scrapers.end(), scope.origin.address.toString()) != scrapers.end();
  if (!allowed) {
    return error_reply(Poco::Net::HTTPResponse::HTTP_FORBIDDEN,
                       "metrics are answered to this machine and the scrapers the settings name (metrics-scrapers)");
  }
  Metrics::Now now;
  now.open_connections = scope.state.open_connections();
  if (scope.options.store) {
    const auto counts = scope.options.store->cache_counts();
    now.cache_hits = counts.first;
    now.cache_misses = counts.second;
  }
  Reply reply;
  reply.text = scope.state.metrics.exposition(now);
  reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
  return reply;
}

}  // namespace alignkit::service
