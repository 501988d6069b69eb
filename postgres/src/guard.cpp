#include "guard.hpp"

#include <cctype>
#include <cstring>

namespace alignkit::pg {

void copy_message(char (&buffer)[1024], const char* message) {
  std::strncpy(buffer, message, sizeof buffer - 1);
  buffer[sizeof buffer - 1] = '\0';
  std::size_t length = std::strlen(buffer);
  while (length > 0 && (buffer[length - 1] == '.' || buffer[length - 1] == ' ')) buffer[--length] = '\0';
  // "Rates must …" -> "rates must …", but "TRUE …" and "FUNNEL.BUDGET …" keep their capitals.
  const auto first = static_cast<unsigned char>(buffer[0]);
  const auto second = static_cast<unsigned char>(buffer[1]);
  if (std::isupper(first) && std::islower(second)) buffer[0] = static_cast<char>(std::tolower(first));
}

void raise(Failure failure, const char* message, ErrorData* error) {
  switch (failure) {
    case Failure::none: return;
    case Failure::postgres: ReThrowError(error);
    case Failure::bad_input:
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("%s", message)));
    case Failure::over_limit:
      ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED), errmsg("%s", message)));
    case Failure::interrupted:
      CHECK_FOR_INTERRUPTS();
      ereport(ERROR, (errcode(ERRCODE_QUERY_CANCELED), errmsg("canceling statement due to user request")));
    case Failure::out_of_memory:
      ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory"),
                      errdetail("alignkit could not allocate memory for these inputs.")));
    case Failure::internal:
      ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("alignkit: %s", message)));
  }
}

}  // namespace alignkit::pg
