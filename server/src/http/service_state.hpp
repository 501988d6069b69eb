#pragma once
// What every request thread of the service shares: its settings, the refused tokens by address,
// the store's parsed published templates, the browser sessions, the metrics.
#include <functional>
#include <memory>

#include "alignkit/templates/template_reader.hpp"
#include "http/http_service.hpp"
#include "http/metrics.hpp"
#include "store/published_templates.hpp"
#include "access/sessions.hpp"
#include "access/token_failures.hpp"

namespace alignkit::service {

struct ServiceState {
  explicit ServiceState(const ServiceOptions& service_options)
      : options(service_options),
        token_failures(service_options.max_token_failures, std::chrono::seconds(60)),
        proposals_made(service_options.max_proposals_per_hour, std::chrono::hours(1)),
        sign_in_failures(5, std::chrono::minutes(15)),
        published(service_options.store),
        templates(service_options.template_files, nullptr, published.reader_source()) {}

  const ServiceOptions& options;
  TokenFailures token_failures;
  TokenFailures proposals_made;  // the same windowed count, by user: each proposal made counts once
  TokenFailures sign_in_failures;  // wrong passwords, by name and address together
  PublishedTemplates published;
  templates::Reader templates;  // what TEMPLATE.* in eval and batch read: the folder's files and the store's versions
  Sessions sessions;
  Metrics metrics;
  std::function<std::uint64_t()> open_connections = [] { return std::uint64_t{0}; };
};

}  // namespace alignkit::service
