// Errors of the storage layer, returned as values.
//
// Every call that can fail returns Result<T>. Error::message is written for an operator reading a
// log line: it names the workshop, the sequence number and what is wrong, e.g.
//   "workshop w1: event 17: hash mismatch (changed, removed or reordered event)".
#ifndef ATELIER_STORAGE_STATUS_H_
#define ATELIER_STORAGE_STATUS_H_

#include <expected>
#include <string>
#include <utility>

namespace atelier::storage {

struct Error {
  enum class Code {
    kIo,               // the disk or the database failed; the operation may be retried later
    kCorruption,       // stored bytes cannot be decoded
    kBrokenChain,      // the hash chain of a workshop does not hold: its log was tampered with
    kNotFound,         // the thing asked for does not exist
    kInvalidArgument,  // the caller's request is wrong (bad id, out-of-sequence append, ...)
    kClosed,           // the log was closed
    kBusy,             // the append queue is full; nothing was written, retry later
    kNoSpace,          // the disk holding the log is (nearly) full: refused before writing by the
                       // free-space guard, or a write failed for lack of space; not durable,
                       // retry later
  };
  Code code;
  std::string message;
};

template <class T>
using Result = std::expected<T, Error>;

// Shorthand for `return Fail(Error::Code::kIo, "...")` in functions returning a Result.
inline std::unexpected<Error> Fail(Error::Code code, std::string message) {
  return std::unexpected<Error>(Error{code, std::move(message)});
}

// A stable name for logs and metrics: "io", "corruption", "broken_chain", ...
const char* CodeName(Error::Code code);

}  // namespace atelier::storage

#endif  // ATELIER_STORAGE_STATUS_H_
