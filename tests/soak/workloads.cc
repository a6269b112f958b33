// The workloads of workload.h.
#include <algorithm>
#include <iterator>
#include <set>
#include <vector>

#include "tests/soak/workload.h"

namespace atelier::soak {
namespace {

template <class T>
T Pick(std::mt19937_64& rng, const std::set<T>& from) {
  return *std::next(from.begin(), Uniform<ptrdiff_t>(rng, 0, std::ssize(from) - 1));
}

constexpr const char* kIdeas[] = {
    "prêter la salle aux associations le soir",
    "ouvrir le dimanche pour les familles",
    "un calendrier partagé en ligne",
    "des ateliers de réparation une fois par mois",
    "une permanence des élus le samedi matin",
    "louer la salle à prix réduit aux jeunes",
};

class IdeaWriterWorkload : public Workload {
 public:
  explicit IdeaWriterWorkload(std::string label) : label_(std::move(label)) {}

  std::optional<v1::Command> Next(std::mt19937_64& rng) override {
    std::set<uint32_t> editable;
    std::ranges::set_difference(own_, deleting_, std::inserter(editable, editable.end()));
    const int dice = Uniform(rng, 0, 99);
    const bool may_post = own_.size() + posting_.size() < kMaxOwn;
    v1::Command command;
    if (may_post && (editable.empty() || dice < 55)) {
      command.mutable_post_idea()->set_text(label_ + " : " + kIdeas[n_ % std::size(kIdeas)] +
                                            " (" + std::to_string(n_) + ")");
    } else if (editable.empty()) {
      return std::nullopt;  // every idea of ours is being deleted or posted: wait for events
    } else if (dice < 85) {
      v1::EditIdea* edit = command.mutable_edit_idea();
      edit->set_idea_id(Pick(rng, editable));
      edit->set_text(label_ + " : idée reformulée (" + std::to_string(n_) + ")");
    } else {
      const uint32_t idea = Pick(rng, editable);
      command.mutable_delete_idea()->set_idea_id(idea);
      deleting_.insert(idea);
    }
    ++n_;
    return command;
  }

  void OnSent(const v1::Command& command) override {
    if (command.has_post_idea()) posting_.insert(command.command_id());
  }

  void OnWelcome(const v1::Welcome& welcome) override {
    if (!welcome.has_snapshot()) return;
    const bool animateur = welcome.role().kind() == v1::ACTOR_KIND_ANIMATEUR;
    own_.clear();
    // Posts applied before the snapshot are in it; one applied after it is left unedited.
    posting_.clear();
    for (const v1::IdeaState& idea : welcome.snapshot().ideas()) {
      if (idea.own() || (animateur && idea.table_id() == 0)) own_.insert(idea.id());
    }
  }

  void OnEvent(const v1::Event& event) override {
    if (event.has_idea_posted() && posting_.erase(event.command_id()) > 0) {
      own_.insert(event.idea_posted().idea().idea_id());
    } else if (event.has_idea_deleted()) {
      own_.erase(event.idea_deleted().idea_id());
      deleting_.erase(event.idea_deleted().idea_id());
    }
  }

 private:
  static constexpr size_t kMaxOwn = 20;

  std::string label_;
  uint64_t n_ = 0;
  std::set<uint32_t> own_;           // our ideas, as the events say
  std::set<uint32_t> deleting_;      // our ideas with a DeleteIdea sent
  std::set<std::string> posting_;    // command ids of our PostIdea not yet seen as events
};

// Top-level ideas and clusters, as the events say (enough for the workshops of this soak: no
// idea is deleted while clusters exist).
class Targets {
 public:
  void Reset(const v1::WorkshopState& state) {
    ideas_.clear();
    clusters_.clear();
    for (const v1::IdeaState& idea : state.ideas()) {
      if (idea.cluster_id() == 0) ideas_.insert(idea.id());
    }
    for (const v1::ClusterState& cluster : state.clusters()) clusters_.insert(cluster.id());
  }

  void Fold(const v1::Event& event) {
    if (event.has_idea_posted()) {
      ideas_.insert(event.idea_posted().idea().idea_id());
    } else if (event.has_idea_deleted()) {
      ideas_.erase(event.idea_deleted().idea_id());
    } else if (event.has_ideas_merged()) {
      const v1::IdeasMerged& merged = event.ideas_merged();
      for (uint32_t idea : merged.idea_ids()) ideas_.erase(idea);
      for (uint32_t cluster : merged.absorbed_cluster_ids()) clusters_.erase(cluster);
      clusters_.insert(merged.cluster_id());
    } else if (event.has_cluster_split()) {
      const v1::ClusterSplit& split = event.cluster_split();
      for (uint32_t idea : split.idea_ids()) ideas_.insert(idea);
      if (split.dissolved()) clusters_.erase(split.cluster_id());
    }
  }

  std::set<uint32_t> All() const {
    std::set<uint32_t> all = ideas_;
    all.insert(clusters_.begin(), clusters_.end());
    return all;
  }
  const std::set<uint32_t>& clusters() const { return clusters_; }

 private:
  std::set<uint32_t> ideas_;
  std::set<uint32_t> clusters_;
};

class VoterWorkload : public Workload {
 public:
  std::optional<v1::Command> Next(std::mt19937_64& rng) override {
    std::set<uint32_t> targets = targets_.All();
    if (targets.empty()) return std::nullopt;
    v1::Command command;
    const int count = Uniform(rng, 1, static_cast<int>(std::min<size_t>(3, targets.size())));
    for (int i = 0; i < count; ++i) {
      const uint32_t target = Pick(rng, targets);
      targets.erase(target);
      v1::TargetPoints* points = command.mutable_set_points()->add_points();
      points->set_target_id(target);
      points->set_points(Uniform(rng, 0u, 3u));
    }
    return command;
  }
  void OnWelcome(const v1::Welcome& welcome) override {
    if (welcome.has_snapshot()) targets_.Reset(welcome.snapshot());
  }
  void OnEvent(const v1::Event& event) override { targets_.Fold(event); }

 private:
  Targets targets_;
};

class ClusterRenamerWorkload : public Workload {
 public:
  std::optional<v1::Command> Next(std::mt19937_64& rng) override {
    if (targets_.clusters().empty()) return std::nullopt;
    v1::Command command;
    command.mutable_rename_cluster()->set_cluster_id(Pick(rng, targets_.clusters()));
    command.mutable_rename_cluster()->set_title("Regroupement " + std::to_string(++n_));
    return command;
  }
  void OnWelcome(const v1::Welcome& welcome) override {
    if (welcome.has_snapshot()) targets_.Reset(welcome.snapshot());
  }
  void OnEvent(const v1::Event& event) override { targets_.Fold(event); }

 private:
  Targets targets_;
  uint64_t n_ = 0;
};

class ScorerWorkload : public Workload {
 public:
  std::optional<v1::Command> Next(std::mt19937_64& rng) override {
    if (ideas_.empty() || criteria_.empty()) return std::nullopt;
    const v1::Criterion& criterion = criteria_[Uniform<size_t>(rng, 0, criteria_.size() - 1)];
    v1::Command command;
    v1::Score* score = command.mutable_score();
    score->set_idea_id(ideas_[Uniform<size_t>(rng, 0, ideas_.size() - 1)]);
    score->set_criterion_id(criterion.id());
    // One in thirty out of the range: refused, and never in the log.
    score->set_value(Uniform(rng, 0, 29) == 0
                         ? criterion.max_value() + 1
                         : Uniform(rng, criterion.min_value(), criterion.max_value()));
    return command;
  }
  void OnWelcome(const v1::Welcome& welcome) override {
    if (!welcome.has_snapshot()) return;
    ideas_.clear();
    for (const v1::IdeaState& idea : welcome.snapshot().ideas()) ideas_.push_back(idea.id());
    criteria_.assign(welcome.snapshot().config().criteria().begin(),
                     welcome.snapshot().config().criteria().end());
  }

 private:
  std::vector<uint32_t> ideas_;
  std::vector<v1::Criterion> criteria_;
};

class ReaderWorkload : public Workload {
 public:
  std::optional<v1::Command> Next(std::mt19937_64&) override { return std::nullopt; }
};

}  // namespace

std::unique_ptr<Workload> IdeaWriter(std::string label) {
  return std::make_unique<IdeaWriterWorkload>(std::move(label));
}
std::unique_ptr<Workload> Voter() { return std::make_unique<VoterWorkload>(); }
std::unique_ptr<Workload> ClusterRenamer() { return std::make_unique<ClusterRenamerWorkload>(); }
std::unique_ptr<Workload> Scorer() { return std::make_unique<ScorerWorkload>(); }
std::unique_ptr<Workload> Reader() { return std::make_unique<ReaderWorkload>(); }

}  // namespace atelier::soak
