#include "clients/cli/format.h"

#include <sstream>

namespace atelier::cli {
namespace {

std::string Strip(const std::string& name, const std::string& prefix) {
  return name.starts_with(prefix) ? name.substr(prefix.size()) : name;
}

}  // namespace

std::string DescribeActor(const v1::Actor& actor) {
  switch (actor.kind()) {
    case v1::ACTOR_KIND_ANIMATEUR:
      return "animateur";
    case v1::ACTOR_KIND_TABLE:
      return "table " + std::to_string(actor.table_id());
    case v1::ACTOR_KIND_SEAT:
      return "seat " + std::to_string(actor.seat_id()) + " (table " +
             std::to_string(actor.table_id()) + ")";
    case v1::ACTOR_KIND_OBSERVER:
      return "observer";
    case v1::ACTOR_KIND_SYSTEM:
      return "system";
    default:
      return "unknown";
  }
}

std::string PhaseName(v1::Phase phase) { return Strip(v1::Phase_Name(phase), "PHASE_"); }

std::string DescribeRejection(const v1::Rejection& r) {
  std::ostringstream out;
  out << Strip(v1::RejectionReason_Name(r.reason()), "REJECTION_REASON_");
  if (!r.message().empty()) out << ": " << r.message();
  switch (r.reason()) {
    case v1::REJECTION_REASON_WRONG_PHASE:
    case v1::REJECTION_REASON_PHASE_NOT_IN_WORKSHOP: {
      out << " (phase " << PhaseName(r.current_phase()) << "; allowed:";
      for (int p : r.allowed_phases()) out << " " << PhaseName(static_cast<v1::Phase>(p));
      out << ")";
      break;
    }
    case v1::REJECTION_REASON_FORBIDDEN_ROLE:
      out << " (needs " << Strip(v1::ActorKind_Name(r.required_role()), "ACTOR_KIND_") << ")";
      break;
    case v1::REJECTION_REASON_BUDGET_EXCEEDED:
      out << " (budget " << r.budget() << ", " << r.points_left() << " left, " << r.requested()
          << " asked)";
      break;
    case v1::REJECTION_REASON_CAP_EXCEEDED:
      out << " (cap " << r.cap() << " on target " << r.target_id() << ")";
      break;
    case v1::REJECTION_REASON_OWN_IDEA:
      out << " (target " << r.target_id();
      if (r.cluster_id() != 0) out << " through cluster " << r.cluster_id();
      out << ")";
      break;
    case v1::REJECTION_REASON_SCORE_OUT_OF_RANGE:
      out << " (range " << r.min_value() << "-" << r.max_value() << ")";
      break;
    default:
      break;
  }
  return out.str();
}

std::string DescribeWelcome(const v1::Welcome& w, uint64_t through_seq) {
  std::ostringstream out;
  out << "role       " << DescribeActor(w.role()) << "\n";
  out << "workshop   " << w.workshop_id() << "\n";
  if (!w.token().empty()) {
    out << "token      " << w.token() << "   (keep it to come back: --workshop " << w.workshop_id()
        << (w.role().kind() == v1::ACTOR_KIND_SEAT ? " --seat-token " : " --token ") << w.token()
        << ")\n";
  }
  if (w.has_snapshot()) {
    const v1::WorkshopState& s = w.snapshot();
    out << "question   " << s.config().question() << "\n";
    out << "phase      " << PhaseName(s.phase()) << "\n";
    out << "ideas      " << s.ideas_size() << " (" << s.clusters_size() << " clusters), tables "
        << s.tables_size() << "\n";
    if (!s.access().join_code().empty()) out << "join code  " << s.access().join_code() << "\n";
  }
  out << "through    seq " << through_seq << "\n";
  return out.str();
}

}  // namespace atelier::cli
