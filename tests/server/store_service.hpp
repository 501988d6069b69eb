#pragma once
// The template service on a store of the backend ALIGNKIT_TEST_STORE names, for the store and
// proposal tests: "sqlite" (a file in a temporary folder) or "postgresql" (the server that
// tests/server/with_postgres.sh started, in ALIGNKIT_TEST_POSTGRES); three users; what it logs.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "http/http_service.hpp"
#include "store/template_store.hpp"
#include "access/users.hpp"

namespace alignkit::service::testing {

namespace fs = std::filesystem;
using nlohmann::json;

inline std::string random_suffix() {
  static std::mt19937_64 random{std::random_device{}()};
  return std::to_string(random() % 1000000000);
}

inline std::string store_spec(const fs::path& folder) {
  const char* backend = std::getenv("ALIGNKIT_TEST_STORE");
  if (backend == nullptr || std::string(backend) == "sqlite") return "sqlite:" + (folder / "store.db").string();
  const char* postgres = std::getenv("ALIGNKIT_TEST_POSTGRES");
  REQUIRE_MESSAGE(postgres != nullptr, "run under tests/server/with_postgres.sh");
  return postgres;
}

inline json sample_template() {
  return {{"template_version", 1},
          {"name", "Test team"},
          {"people", {{"annual_salary", 65000}, {"ramp_months", 3}}},
          {"funnel", {{"cost_per_click", 4.22}, {"rates", {{"demo_to_sale", 0.25}}}}}};
}

// A running service with a store and three users; every template name is new to the store.
struct StoreService {
  fs::path folder = fs::temp_directory_path() / ("alignkit-store-test-" + random_suffix());
  std::string hr, sales, admin;
  std::unique_ptr<HttpService> service;
  std::shared_ptr<UserDirectory> users;

  explicit StoreService(bool tls = false, std::string read_token = {}, int threads = 4, int max_token_failures = 20,
                        const std::function<void(ServiceOptions&)>& adjust = {}) {
    fs::create_directories(folder);
    users = std::make_shared<UserDirectory>(folder / "users.json");
    hr = users->add("hr", {"people"});
    sales = users->add("sales", {"funnel", "goals"});
    admin = users->add("admin", {"*"});
    ServiceOptions options;
    options.port = 0;
    options.threads = threads;
    options.store = TemplateStore::open(store_spec(folder), threads + 1);  // as alignkit serve sizes it
    options.users = users;
    options.read_token = std::move(read_token);
    options.max_token_failures = max_token_failures;
    options.templates_dir = folder / "templates";  // empty until a test puts a file there
    fs::create_directories(options.templates_dir);
    if (tls) {
      options.tls_certificate = std::string(ALIGNKIT_TEST_DATA_DIR) + "/tls/test-cert.pem";
      options.tls_private_key = std::string(ALIGNKIT_TEST_DATA_DIR) + "/tls/test-key.pem";
    }
    if (adjust) adjust(options);
    service = std::make_unique<HttpService>(options);
    service->start();
  }
  ~StoreService() {
    service->stop();
    std::error_code ec;
    fs::remove_all(folder, ec);
  }
  [[nodiscard]] std::uint16_t port() const { return service->port(); }

  HttpReply put(const std::string& name, const json& document, const std::string& token, const std::string& if_match = "",
                const std::string& message = "") {
    std::map<std::string, std::string> headers;
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    if (!if_match.empty()) headers["If-Match"] = if_match;
    if (!message.empty()) headers["X-Message"] = message;
    return http(port(), "PUT", "/v1/templates/" + name, document.dump(), "", headers);
  }
  HttpReply get(const std::string& path, std::map<std::string, std::string> headers = {}) {
    return http(port(), "GET", path, "", "", std::move(headers));
  }
  [[nodiscard]] std::string fresh_name() const { return "team-" + random_suffix(); }
};

// Records what a logger writes, to check what refused writes leave in the log.
class RecordingChannel final : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    lines.push_back(message.getText());
  }
  std::vector<std::string> lines;

 private:
  std::mutex mutex_;
};

// What the template service logs while this lives.
class CapturedLog {
 public:
  explicit CapturedLog(const std::string& logger = "alignkit.templates")
      : logger_(Poco::Logger::get(logger)), previous_(logger_.getChannel()) {
    logger_.setChannel(channel_);
  }
  ~CapturedLog() { logger_.setChannel(previous_); }
  [[nodiscard]] const std::vector<std::string>& lines() const { return channel_->lines; }

 private:
  Poco::AutoPtr<RecordingChannel> channel_{new RecordingChannel};
  Poco::Logger& logger_;
  Poco::Channel::Ptr previous_;
};


}  // namespace alignkit::service::testing
