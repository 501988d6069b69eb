#include "http_transport.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include <sys/socket.h>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/InvalidCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/VerificationErrorArgs.h>
#include <Poco/URI.h>

#include "alignkit/sharing/sharing.hpp"
#include "alignkit/templates/templates.hpp"

namespace alignkit::client {
namespace {

// What the certificate check found wrong, kept for the message (the handshake's own exception
// says only "unacceptable certificate").
struct CertificateProblem {
  std::mutex mutex;
  std::string names;  // the names the server's certificate gives, for a certificate of another host
  std::string error;  // OpenSSL's words for anything else (an authority nobody trusts, expired, …)
};

// Called by OpenSSL's verification (through Poco) for each certificate it refuses; never accepts.
class RecordingRefusal final : public Poco::Net::InvalidCertificateHandler {
 public:
  explicit RecordingRefusal(std::shared_ptr<CertificateProblem> problem)
      : Poco::Net::InvalidCertificateHandler(false), problem_(std::move(problem)) {}
  void onInvalidCertificate(const void*, Poco::Net::VerificationErrorArgs& args) override {
    std::lock_guard lock(problem_->mutex);
    if (args.errorNumber() == X509_V_ERR_HOSTNAME_MISMATCH || args.errorNumber() == X509_V_ERR_IP_ADDRESS_MISMATCH) {
      std::string common_name;
      std::set<std::string> names;
      args.certificate().extractNames(common_name, names);
      if (!common_name.empty()) names.insert(common_name);
      for (const auto& name : names) problem_->names += (problem_->names.empty() ? "" : ", ") + name;
      if (problem_->names.empty()) problem_->names = "no host";
    } else if (problem_->error.empty()) {
      problem_->error = args.errorMessage();
    }
    args.setIgnoreError(false);
  }

 private:
  std::shared_ptr<CertificateProblem> problem_;
};

// The system's authorities and the given one; the certificate must name `host` (a name or an
// address), checked by OpenSSL during the handshake, before a byte of the request is sent.
Poco::Net::Context::Ptr client_context(const std::string& host, const std::string& ca_file,
                                       const std::shared_ptr<CertificateProblem>& problem) {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
  // VERIFY_STRICT: Poco's relaxed mode skips its own name check for loopback hosts.
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", ca_file,
                                                           Poco::Net::Context::VERIFY_STRICT, 9, true);
  context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  X509_VERIFY_PARAM* param = SSL_CTX_get0_param(context->sslContext());
  X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  Poco::Net::IPAddress address;
  const bool named_by_address = Poco::Net::IPAddress::tryParse(host, address);
  const int set = named_by_address ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str())
                                   : X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
  if (set != 1) throw Unreachable("'" + host + "' cannot be checked against a certificate");
  context->setInvalidCertificateHandler(new RecordingRefusal(problem));
  return context;
}

// Ends an exchange at its deadline from another thread: shutting the socket down (the system
// call, safe beside a blocked read, TLS or not) makes the read in progress return at once.
class Deadline {
 public:
  Deadline(Poco::Net::HTTPClientSession& session, std::chrono::milliseconds after)
      : watcher_([this, &session, until = std::chrono::steady_clock::now() + after] {
          std::unique_lock lock(mutex_);
          if (!done_changed_.wait_until(lock, until, [this] { return done_; }) && session.connected()) {
            passed_ = true;
            ::shutdown(session.socket().impl()->sockfd(), SHUT_RDWR);
          }
        }) {}
  ~Deadline() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    done_changed_.notify_all();
    watcher_.join();
  }
  [[nodiscard]] bool passed() {
    std::lock_guard lock(mutex_);
    return passed_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable done_changed_;
  bool done_ = false;
  bool passed_ = false;
  std::thread watcher_;
};

// The answer's body, at most `limit` bytes: more is refused, never read into memory.
std::string bounded_body(std::istream& in, std::size_t limit, const std::string& server) {
  std::string body;
  char chunk[16384];
  while (in) {
    in.read(chunk, sizeof chunk);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    if (body.size() + got > limit) {
      throw Unreachable("the answer from " + server + " is larger than " + std::to_string(limit >> 20) +
                        " MiB, more than any alignkit service sends; it was not read");
    }
    body.append(chunk, got);
  }
  return body;
}

}  // namespace

std::string HttpAnswer::header(const std::string& name) const {
  const auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

bool is_this_machine(const std::string& host) {
  if (host == "localhost") return true;
  Poco::Net::IPAddress address;
  return Poco::Net::IPAddress::tryParse(host, address) && address.isLoopback();
}

HttpTransport::HttpTransport(std::string server, TransportOptions options)
    : server_(std::move(server)), options_(std::move(options)) {
  while (!server_.empty() && server_.back() == '/') server_.pop_back();
}

HttpAnswer HttpTransport::request(const std::string& method, const std::string& path, const std::string& body,
                                  const std::map<std::string, std::string>& headers) const {
  Poco::URI uri;
  try {
    uri = Poco::URI(server_);
  } catch (const Poco::Exception&) {
    throw Unreachable("'" + server_ + "' is not an address: give http://host:port or https://host:port");
  }
  const std::string& host = uri.getHost();
  auto problem = std::make_shared<CertificateProblem>();
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  if (uri.getScheme() == "https" && !host.empty()) {
    session = std::make_unique<Poco::Net::HTTPSClientSession>(host, uri.getPort(), client_context(host, options_.ca_file, problem));
  } else if (uri.getScheme() == "http" && !host.empty()) {
    // In clear, a token would cross the network readable by anyone on the way.
    if (!options_.token.empty() && !is_this_machine(host)) {
      throw Unreachable("nothing was sent to " + server_ +
                        ": a token goes only over HTTPS to another machine; use https://" + host + ":PORT");
    }
    session = std::make_unique<Poco::Net::HTTPClientSession>(host, uri.getPort());
  } else {
    throw Unreachable("'" + server_ + "' is not an address: give http://host:port or https://host:port");
  }
  try {
    if (!options_.proxy.host.empty()) session->setProxy(options_.proxy.host, options_.proxy.port);
    const Poco::Timespan timeout(std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout).count());
    session->setTimeout(timeout, timeout, timeout);
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!options_.token.empty()) request.set(sharing::kAuthorizationHeader, sharing::bearer(options_.token));
    for (const auto& [name, value] : headers) request.set(name, value);
    if (!body.empty() || method == "PUT" || method == "POST") {
      request.setContentType("application/json");
      request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    Deadline deadline(*session, options_.deadline);
    const auto seconds = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(options_.deadline).count());
    HttpAnswer answer;
    try {
      session->sendRequest(request) << body;
      Poco::Net::HTTPResponse response;
      std::istream& in = session->receiveResponse(response);
      answer.status = static_cast<int>(response.getStatus());
      answer.body = bounded_body(in, options_.max_answer_bytes, server_);
      for (const auto& [name, value] : response) answer.headers[name] = value;
    } catch (const Poco::Exception&) {
      if (deadline.passed()) throw Unreachable(server_ + " did not answer within " + seconds + " s; nothing more was waited for");
      throw;
    }
    if (deadline.passed()) throw Unreachable(server_ + " did not answer within " + seconds + " s; nothing more was waited for");
    if (!templates::nesting_within(answer.body, kMaxAnswerDepth)) {
      throw Unreachable("the answer from " + server_ + " is nested more than " + std::to_string(kMaxAnswerDepth) +
                        " levels deep, as no alignkit service answers; it was not read");
    }
    return answer;
  } catch (const Poco::Exception& e) {
    std::lock_guard lock(problem->mutex);
    if (!problem->names.empty()) {
      throw Unreachable("nothing was sent to " + server_ + ": its certificate is for " + problem->names + ", not " + host +
                        " (someone may be in between; ask your administrator)");
    }
    if (!problem->error.empty()) {
      throw Unreachable("nothing was sent to " + server_ + ": its certificate is not one this machine trusts (" +
                        problem->error + "); for a team's own certificate give its authority with --cacert FILE");
    }
    throw Unreachable("cannot reach " + server_ + ": " + e.displayText());
  }
}

}  // namespace alignkit::client
