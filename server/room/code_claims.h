// CodeClaims: in a cluster (server/cluster/), the join and observer codes that name workshops
// are drawn on each node but must name one workshop in all the nodes: a code is claimed
// cluster-wide before a new workshop takes it, and given back when the workshop is deleted.
// Every call blocks for a round trip (the hub calls them on threads of its own).
#ifndef ATELIER_SERVER_ROOM_CODE_CLAIMS_H_
#define ATELIER_SERVER_ROOM_CODE_CLAIMS_H_

#include <expected>
#include <string>

namespace atelier::room {

class CodeClaims {
 public:
  virtual ~CodeClaims() = default;
  // True when `code` is now the workshop's (or already was); false when another workshop has
  // it; an error when the claim could not be made now.
  virtual std::expected<bool, std::string> Claim(const std::string& code,
                                                 const std::string& workshop_id) = 0;
  virtual void Release(const std::string& code, const std::string& workshop_id) = 0;
};

}  // namespace atelier::room

#endif  // ATELIER_SERVER_ROOM_CODE_CLAIMS_H_
