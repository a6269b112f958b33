#include "storage/status.h"

namespace atelier::storage {

const char* CodeName(Error::Code code) {
  switch (code) {
    case Error::Code::kIo:
      return "io";
    case Error::Code::kCorruption:
      return "corruption";
    case Error::Code::kBrokenChain:
      return "broken_chain";
    case Error::Code::kNotFound:
      return "not_found";
    case Error::Code::kInvalidArgument:
      return "invalid_argument";
    case Error::Code::kClosed:
      return "closed";
    case Error::Code::kBusy:
      return "busy";
    case Error::Code::kNoSpace:
      return "no_space";
  }
  return "unknown";
}

}  // namespace atelier::storage
