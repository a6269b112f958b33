#include "tests/soak/log_audit.h"

#include <algorithm>
#include <set>

#include "storage/event_log.h"

namespace atelier::soak {
namespace {

std::string Show(const v1::Event& event) {
  v1::Event shown = event;
  shown.clear_prev_hash();
  return Text(shown);
}

std::string KindName(v1::Event::PayloadCase kind) {
  const auto* field = v1::Event::descriptor()->FindFieldByNumber(static_cast<int>(kind));
  return field != nullptr ? field->name() : "no payload";
}

// What every table, seat and observer receives, whoever acted.
bool SeenByAll(v1::Event::PayloadCase kind) {
  switch (kind) {
    case v1::Event::kPhaseChanged:
    case v1::Event::kIdeaPosted:
    case v1::Event::kIdeaEdited:
    case v1::Event::kIdeaDeleted:
    case v1::Event::kIdeasMerged:
    case v1::Event::kClusterRenamed:
    case v1::Event::kClusterSplit:
      return true;
    default:
      return false;
  }
}

}  // namespace

void LogAudit::Problem(const std::string& workshop_id, std::string what) {
  problems_.push_back(label_ + ", workshop " + workshop_id + ": " + std::move(what));
}

LogAudit LogAudit::Read(const std::filesystem::path& dir,
                        const std::vector<std::string>& workshop_ids, std::string label) {
  LogAudit audit(std::move(label));
  auto log = storage::EventLog::Open(dir);
  if (!log) {
    audit.problems_.push_back(audit.label_ + ": cannot open the log in " + dir.string() + ": " +
                              log.error().message);
    return audit;
  }
  auto listed = (*log)->ListWorkshops();
  if (!listed) {
    audit.problems_.push_back(audit.label_ + ": cannot list the workshops: " +
                              listed.error().message);
  } else {
    const std::set<std::string> expected(workshop_ids.begin(), workshop_ids.end());
    const std::set<std::string> found(listed->begin(), listed->end());
    if (found != expected) {
      audit.problems_.push_back(audit.label_ + ": the log holds " + std::to_string(found.size()) +
                                " workshops, not the " + std::to_string(expected.size()) +
                                " created");
    }
  }
  for (const std::string& id : workshop_ids) audit.ReadWorkshop(**log, id);
  if (auto closed = (*log)->Close(); !closed) {
    audit.problems_.push_back(audit.label_ + ": closing the log: " + closed.error().message);
  }
  return audit;
}

void LogAudit::ReadWorkshop(storage::EventLog& log, const std::string& workshop_id) {
  Workshop& workshop = workshops_[workshop_id];
  auto head = log.VerifyChain(workshop_id);
  if (!head) Problem(workshop_id, "the chain does not verify: " + head.error().message);
  uint64_t expected = 1;
  auto read = log.ForEach(workshop_id, 1, [&](uint64_t seq, const v1::LoggedEvent& logged) {
    if (seq != expected) {
      Problem(workshop_id, "seq " + std::to_string(seq) + " stored where " +
                               std::to_string(expected) + " was expected");
    }
    expected = seq + 1;
    Logged& entry = workshop.events.emplace_back();
    entry.hash = logged.hash();
    if (!entry.event.ParseFromString(logged.event())) {
      Problem(workshop_id, "event " + std::to_string(seq) + " does not decode");
      return true;
    }
    const v1::Event& event = entry.event;
    if (event.seq() != seq || event.workshop_id() != workshop_id) {
      Problem(workshop_id, "the event stored at seq " + std::to_string(seq) + " says " +
                               event.workshop_id() + " seq " + std::to_string(event.seq()));
    }
    if (event.command_id().empty()) return true;  // joins and the server's own events
    auto& ids = workshop.commands[ActorName(event.actor())];
    auto [first, inserted] = ids.emplace(event.command_id(), seq);
    if (!inserted) {
      const Logged* before = At(workshop, first->second);
      Problem(workshop_id, "command " + event.command_id() + " of " + ActorName(event.actor()) +
                               " is in the log twice: at seq " + std::to_string(first->second) +
                               " (" + (before ? Show(before->event) : "?") + ") and at seq " +
                               std::to_string(seq) + " (" + Show(event) + ")");
    }
    return true;
  });
  if (!read) Problem(workshop_id, "reading the events: " + read.error().message);
  if (head && head->seq != workshop.events.size()) {
    Problem(workshop_id, "the head is seq " + std::to_string(head->seq) + " but " +
                             std::to_string(workshop.events.size()) + " events were read");
  }
}

const LogAudit::Logged* LogAudit::At(const Workshop& workshop, uint64_t seq) const {
  if (seq == 0 || seq > workshop.events.size()) return nullptr;
  const Logged& logged = workshop.events[seq - 1];
  return logged.event.seq() == seq ? &logged : nullptr;
}

uint64_t LogAudit::Find(const std::string& workshop_id, const v1::Actor& actor,
                        const std::string& command_id) const {
  auto workshop = workshops_.find(workshop_id);
  if (workshop == workshops_.end()) return 0;
  auto commands = workshop->second.commands.find(ActorName(actor));
  if (commands == workshop->second.commands.end()) return 0;
  auto found = commands->second.find(command_id);
  return found == commands->second.end() ? 0 : found->second;
}

size_t LogAudit::events() const {
  size_t total = 0;
  for (const auto& [id, workshop] : workshops_) total += workshop.events.size();
  return total;
}

uint64_t LogAudit::head(const std::string& workshop_id) const {
  auto workshop = workshops_.find(workshop_id);
  return workshop == workshops_.end() ? 0 : workshop->second.events.size();
}

void LogAudit::CheckKept(const LogAudit& before) {
  for (const auto& [id, then] : before.workshops_) {
    auto now = workshops_.find(id);
    const size_t head_now = now == workshops_.end() ? 0 : now->second.events.size();
    if (head_now < then.events.size()) {
      Problem(id, "the log went back from seq " + std::to_string(then.events.size()) + " (" +
                      before.label_ + ") to seq " + std::to_string(head_now));
    }
    for (size_t i = 0; i < std::min(head_now, then.events.size()); ++i) {
      const Logged& was = then.events[i];
      const Logged& is = now->second.events[i];
      if (was.hash != is.hash) {
        Problem(id, "event " + std::to_string(i + 1) + " changed since " + before.label_ +
                        ": it was " + Show(was.event) + ", it is " + Show(is.event));
        break;  // the chain links every later one to it
      }
    }
  }
}

void LogAudit::Check(const ClientTrace& trace) {
  auto found = workshops_.find(trace.workshop_id);
  if (found == workshops_.end()) {
    Problem(trace.workshop_id, trace.name + ": its workshop was not read");
    return;
  }
  const Workshop& workshop = found->second;
  const std::string& w = trace.workshop_id;
  const std::string actor = ActorName(trace.actor);
  const std::string who = trace.name + " (" + actor + ")";
  static const std::map<std::string, uint64_t> kNone;
  auto mine_found = workshop.commands.find(actor);
  const std::map<std::string, uint64_t>& mine =
      mine_found == workshop.commands.end() ? kNone : mine_found->second;

  // Commands: acknowledged ones at their seq, refused ones absent.
  for (const auto& [id, record] : trace.commands) {
    auto logged = mine.find(id);
    const std::string what = who + ": command " + id + " (" + Text(record.command) +
                             ", sent in cycle " + std::to_string(record.cycle) + ")";
    if (record.state == CommandRecord::State::kAccepted) {
      if (logged == mine.end()) {
        Problem(w, what + " was acknowledged at seq " + std::to_string(record.seq) +
                       " and is not in the log (head " + std::to_string(head(w)) + ")");
      } else if (logged->second != record.seq) {
        const Logged* at = At(workshop, record.seq);
        Problem(w, what + " was acknowledged at seq " + std::to_string(record.seq) +
                       " and is in the log at seq " + std::to_string(logged->second) +
                       "; the event at " + std::to_string(record.seq) + " is " +
                       (at ? Show(at->event) : "missing"));
      }
    } else if (record.state == CommandRecord::State::kRejected && logged != mine.end()) {
      Problem(w, what + " was refused (" + v1::RejectionReason_Name(record.reason) +
                     ") and is in the log at seq " + std::to_string(logged->second));
    }
  }
  // Every command of this actor in the log is one this client sent.
  for (const auto& [id, seq] : mine) {
    if (!trace.commands.contains(id)) {
      const Logged* at = At(workshop, seq);
      Problem(w, who + ": event " + std::to_string(seq) + " is a command this client never sent: " +
                     (at ? Show(at->event) : "?"));
    }
  }
  // What the client received is what the log holds, never ahead of it.
  const uint64_t last = head(w);
  if (trace.through_seq > last) {
    Problem(w, who + " was told it had everything through seq " +
                   std::to_string(trace.through_seq) + ", beyond the log's head " +
                   std::to_string(last));
  }
  for (const SeenEvent& seen : trace.seen) {
    const Logged* logged = At(workshop, seen.seq);
    if (logged == nullptr) {
      Problem(w, who + " received event " + std::to_string(seen.seq) + " (" +
                     KindName(seen.kind) + "), which is not in the log (head " +
                     std::to_string(last) + ")");
    } else if (seen.kind != logged->event.payload_case() ||
               (!seen.command_id.empty() && seen.command_id != logged->event.command_id()) ||
               (!seen.hash.empty() && seen.hash != logged->hash)) {
      Problem(w, who + " received event " + std::to_string(seen.seq) + " as " +
                     KindName(seen.kind) + " " + seen.command_id + ", the log has " +
                     Show(logged->event));
    }
  }
  // No gap: what it must see after its snapshot, through what it was told, came.
  const bool sees_all = trace.sees_every_event;
  size_t missing = 0;
  std::string first_missing;
  for (uint64_t seq = trace.snapshot_seq + 1; seq <= std::min(trace.through_seq, last); ++seq) {
    const Logged* logged = At(workshop, seq);
    if (logged == nullptr) continue;  // a log not whole: reported when it was read
    const v1::Event& event = logged->event;
    if (!sees_all && !SeenByAll(event.payload_case()) && ActorName(event.actor()) != actor) {
      continue;
    }
    const bool came = std::ranges::binary_search(
        trace.seen, seq, {}, [](const SeenEvent& seen) { return seen.seq; });
    if (!came && missing++ == 0) first_missing = std::to_string(seq) + " (" + Show(event) + ")";
  }
  if (missing > 0) {
    Problem(w, who + ", through seq " + std::to_string(trace.through_seq) + ", never received " +
                   std::to_string(missing) + " events it may see, the first: " + first_missing);
  }
}

}  // namespace atelier::soak
