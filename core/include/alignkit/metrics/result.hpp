#pragma once
// Errors are values at the core's boundary: every public function returns a Result,
// whose error carries a message a planner can act on ("rate 3 (1.5) is outside (0, 1]").
#include <string>
#include <utility>
#include <variant>

namespace alignkit {

struct Error {
  std::string message;
  bool over_limit = false;  // the input is valid, the work it asks for is past a stated limit (memory)
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  [[nodiscard]] bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  [[nodiscard]] const T& value() const& { return std::get<0>(state_); }
  [[nodiscard]] T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  [[nodiscard]] const Error& error() const& { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace alignkit
