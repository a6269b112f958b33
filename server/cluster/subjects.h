// The NATS subjects of a cluster (proto/atelier/v1/cluster.proto lists them and what goes on
// each). Names must be valid subject tokens: IsToken().
#ifndef ATELIER_SERVER_CLUSTER_SUBJECTS_H_
#define ATELIER_SERVER_CLUSTER_SUBJECTS_H_

#include <string>
#include <string_view>

namespace atelier::cluster {

struct Subjects {
  std::string prefix = "atelier";

  std::string Nodes() const { return prefix + ".nodes"; }
  std::string Find() const { return prefix + ".find"; }
  std::string In(std::string_view node) const { return prefix + ".in." + std::string(node); }
  std::string Out(std::string_view node) const { return prefix + ".out." + std::string(node); }
  std::string Events(std::string_view workshop_id) const {
    return prefix + ".events." + std::string(workshop_id);
  }
  std::string Fetch(std::string_view node) const {
    return prefix + ".fetch." + std::string(node);
  }
  std::string Http(std::string_view node) const { return prefix + ".http." + std::string(node); }
  std::string JoinInfo(std::string_view node) const {
    return prefix + ".join_info." + std::string(node);
  }

  // Letters, digits, '-' and '_', 1 to 64 of them: safe inside a subject.
  static bool IsToken(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_';
      if (!ok) return false;
    }
    return true;
  }
};

}  // namespace atelier::cluster

#endif  // ATELIER_SERVER_CLUSTER_SUBJECTS_H_
