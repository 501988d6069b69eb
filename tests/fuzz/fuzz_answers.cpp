// libFuzzer target: the client's reading of a service's answers, as the command and the sidebar
// read them — the bytes after a request, status line, headers and body, through Poco's HTTP
// parsing, the client's bounds (size, nesting, deadline) and the typed records. A server on
// loopback in this process sends each input as its whole answer; the first byte picks the call.
// Whatever a hostile service sends, the client answers with an outcome: never a crash, never an
// exception out of its calls.
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include "template_client.hpp"

namespace {

class AnsweringServer {
 public:
  AnsweringServer() : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    std::thread([this] { serve(); }).detach();
  }
  [[nodiscard]] std::string address() const { return "http://127.0.0.1:" + std::to_string(socket_.address().port()); }
  void answer_with(std::string bytes) {
    std::lock_guard lock(mutex_);
    answer_ = std::move(bytes);
  }

 private:
  void serve() {
    for (;;) {
      try {
        Poco::Net::StreamSocket client = socket_.acceptConnection();
        client.setReceiveTimeout(Poco::Timespan(2, 0));
        std::string request;
        char buffer[4096];
        while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
          const int got = client.receiveBytes(buffer, sizeof buffer);
          if (got <= 0) break;
          request.append(buffer, static_cast<std::size_t>(got));
        }
        std::string answer;
        {
          std::lock_guard lock(mutex_);
          answer = answer_;
        }
        if (!answer.empty()) client.sendBytes(answer.data(), static_cast<int>(answer.size()));
        client.shutdown();
        client.close();
      } catch (...) {
        // a client that went away: the next one
      }
    }
  }

  Poco::Net::ServerSocket socket_;
  std::mutex mutex_;
  std::string answer_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alignkit::client;
  // Never destroyed: its thread serves until the process ends.
  static AnsweringServer& server = *new AnsweringServer;
  if (size == 0) return 0;
  server.answer_with(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  TransportOptions options;
  options.timeout = std::chrono::milliseconds(2000);
  options.deadline = std::chrono::milliseconds(4000);
  options.max_answer_bytes = 1u << 20;
  const TemplateClient client(server.address(), options);
  switch (data[0] % 8) {
    case 0: (void)client.list(); break;
    case 1: (void)client.read("inside_sales"); break;
    case 2: (void)client.history("inside_sales"); break;
    case 3: (void)client.publish("inside_sales", 1, "{\"template_version\": 1}", "why"); break;
    case 4: (void)client.me(); break;
    case 5: (void)client.proposals("inside_sales", true); break;
    case 6: (void)client.proposal(1); break;
    default: (void)client.approve(1, "ok"); break;
  }
  return 0;
}
