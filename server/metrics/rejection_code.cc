#include "server/metrics/rejection_code.h"

#include <string_view>

namespace atelier::metrics {

std::string RejectionCode(v1::RejectionReason reason) {
  constexpr std::string_view kPrefix = "REJECTION_REASON_";
  std::string_view name = v1::RejectionReason_Name(reason);
  if (name.empty()) name = v1::RejectionReason_Name(v1::REJECTION_REASON_UNSPECIFIED);
  if (name.starts_with(kPrefix)) name.remove_prefix(kPrefix.size());
  std::string code(name);
  for (char& c : code) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return code;
}

}  // namespace atelier::metrics
