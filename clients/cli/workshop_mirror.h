// What one connection has learnt of a workshop: the Welcome's snapshot, then every event it
// received, folded in. Enough for a simulated table or animateur to decide (which ideas exist,
// which cluster holds which, which ideas are the table's own); not the server's state: it knows
// no rules, and only what this role may see.
//
// A table's own ideas: those its snapshot marks `own`, and those posted after with its table id
// (the author table keeps the id in its view; other tables see 0).
//
// Thread-compatible.
#ifndef ATELIER_CLIENTS_CLI_WORKSHOP_MIRROR_H_
#define ATELIER_CLIENTS_CLI_WORKSHOP_MIRROR_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "atelier/v1/wire.pb.h"

namespace atelier::cli {

class WorkshopMirror {
 public:
  struct Idea {
    std::string text;
    uint32_t cluster_id = 0;  // 0: top-level
    bool own = false;
    uint32_t table_id = 0;  // its author, where this role may see it (the animateur always)
    uint32_t step_id = 0;   // the agenda step it was posted in; 0 for the workshop's own ideas
  };
  struct Cluster {
    std::string title;
    std::vector<uint32_t> idea_ids;
  };

  // `table_id`: the table whose own ideas to recognize; 0 for other roles.
  void set_table_id(uint32_t table_id) { table_id_ = table_id; }

  // Folds a Welcome's snapshot or an EventBatch; ignores other messages.
  void Take(const v1::ServerMessage& message);
  // Starts again from a snapshot.
  void Load(const v1::WorkshopState& state);
  void Fold(const v1::Event& event);

  const std::map<uint32_t, Idea>& ideas() const { return ideas_; }
  const std::map<uint32_t, Cluster>& clusters() const { return clusters_; }
  const v1::WorkshopConfig& config() const { return config_; }
  v1::Phase phase() const { return phase_; }
  uint32_t step_id() const { return step_id_; }  // the agenda step the workshop is in

  // What a vote for this idea goes to: its cluster, or itself; 0 if unknown.
  uint32_t VoteTarget(uint32_t idea_or_cluster) const;
  // An own idea, or a cluster that holds one.
  bool IsOwnTarget(uint32_t target) const;
  // Top-level ideas and clusters: what can receive points, by id.
  std::vector<uint32_t> Targets() const;
  // An idea's text or a cluster's title; "" if unknown.
  std::string Text(uint32_t target) const;
  // Whether the current step takes this target: when it has a source (Step.source), one of the
  // ideas it selected on entry, or a cluster holding one; otherwise every target.
  bool InStep(uint32_t target) const;

 private:
  void Unclustered(uint32_t idea_id);  // takes the idea out of its cluster
  void Dissolve(uint32_t cluster_id);

  uint32_t table_id_ = 0;
  v1::WorkshopConfig config_;
  v1::Phase phase_ = v1::PHASE_UNSPECIFIED;
  uint32_t step_id_ = 0;
  std::map<uint32_t, Idea> ideas_;
  std::map<uint32_t, Cluster> clusters_;
  std::map<uint32_t, std::set<uint32_t>> selections_;  // by step: what a step with a source took
};

}  // namespace atelier::cli

#endif  // ATELIER_CLIENTS_CLI_WORKSHOP_MIRROR_H_
