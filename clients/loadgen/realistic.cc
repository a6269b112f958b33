// The realistic run: whole ideation workshops at human pace, scaled by --speed. Each table posts
// ideas now and then during divergence, the animateur groups ideas two by two, each table
// spends its 30 points one at a time on ideas and clusters that are not its own, then the
// animateur closes and reveals. People wait for an answer before acting again (one command in
// flight per client). Reports idea latency, rejections by reason, the server's CPU and the
// exactly-once check.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <vector>

#include "clients/loadgen/every.h"
#include "clients/loadgen/report.h"

namespace atelier::loadgen {

namespace asio = boost::asio;

namespace {

// The script, in seconds of a real workshop (divided by --speed).
constexpr double kDivergenceS = 240;
constexpr double kMeanIdeaGapS = 40;   // one idea per table about every 40 s
constexpr double kGroupingS = 90;
constexpr double kMergeGapS = 8;
constexpr double kConvergenceS = 150;
constexpr double kMeanVoteGapS = 5;    // one more point about every 5 s

constexpr const char* kIdeas[] = {
    "Un repair café le samedi matin",
    "Ouvrir la salle aux associations de quartier le soir",
    "Des cours de cuisine intergénérationnels",
    "Un planning partagé en ligne pour réserver la salle",
    "Une bourse aux livres chaque trimestre",
    "Accueillir un marché de producteurs locaux en hiver",
    "Des permanences numériques pour les aînés",
    "Un espace de coworking les jours sans réservation",
    "Louer la salle aux familles pour les fêtes à prix réduit",
    "Des ateliers de réparation de vélos",
    "Un ciné-club mensuel avec débat",
    "Des concerts des écoles de musique",
};

// What one client knows of its workshop, to act like a person would.
struct Mind {
  v1::Phase phase = v1::PHASE_DIVERGENCE;
  std::vector<uint32_t> ideas;                         // every idea, in order
  std::set<uint32_t> own;                              // this table's ideas
  std::map<uint32_t, uint32_t> cluster_of;             // idea -> its cluster
  std::map<uint32_t, std::vector<uint32_t>> clusters;  // cluster -> its ideas
  std::map<uint32_t, uint32_t> points;                 // this table's points
};

class Realistic {
 public:
  Realistic(asio::io_context& ioc, Fleet& fleet, const RunOptions& options)
      : ioc_(ioc), fleet_(fleet), options_(options), minds_(fleet.members().size()), random_(42) {}

  void Start(size_t first_animateur) {
    first_animateur_ = first_animateur;
    fleet_.on_event = [this](size_t m, const v1::Event& e) { Learn(m, e); };
    for (size_t m = 0; m < fleet_.members().size(); ++m) {
      const Member& member = fleet_.members()[m];
      if (!member.observer && !member.animateur) After(Exp(kMeanIdeaGapS), [this, m] { PostIdea(m); });
    }
    After(kDivergenceS, [this] {
      AllAnimateurs([this](size_t a) { SetPhase(a, v1::PHASE_GROUPING); });
      After(kMergeGapS, [this] { Merge(); });
      After(kGroupingS, [this] {
        AllAnimateurs([this](size_t a) { SetPhase(a, v1::PHASE_CONVERGENCE); });
        for (size_t m = 0; m < fleet_.members().size(); ++m) {
          const Member& member = fleet_.members()[m];
          if (!member.observer && !member.animateur) After(Exp(kMeanVoteGapS), [this, m] { Vote(m); });
        }
        After(kConvergenceS, [this] {
          AllAnimateurs([this](size_t a) {
            SetPhase(a, v1::PHASE_CONCLUSION);
            v1::Command reveal;
            reveal.mutable_reveal_results()->set_revealed(true);
            fleet_.SendCommand(a, reveal);
          });
          After(2, [this] { finished_ = true; });
        });
      });
    });
  }

  bool finished() const { return finished_; }

 private:
  void After(double script_seconds, std::function<void()> fn) {
    auto timer = std::make_shared<asio::steady_timer>(
        ioc_, std::chrono::microseconds(static_cast<int64_t>(script_seconds / options_.speed * 1e6)));
    timer->async_wait([timer, fn = std::move(fn)](boost::system::error_code ec) {
      if (!ec) fn();
    });
  }

  double Exp(double mean) { return std::exponential_distribution<double>(1.0 / mean)(random_); }

  void AllAnimateurs(const std::function<void(size_t)>& fn) {
    for (size_t a = first_animateur_; a < first_animateur_ + fleet_.workshops().size(); ++a) fn(a);
  }

  void SetPhase(size_t a, v1::Phase phase) {
    v1::Command command;
    command.mutable_set_phase()->set_phase(phase);
    fleet_.SendCommand(a, command);
  }

  void PostIdea(size_t m) {
    const Member& member = fleet_.members()[m];
    if (minds_[m].phase != v1::PHASE_DIVERGENCE) return;
    if (member.welcomed && member.in_flight == 0) {
      fleet_.SendIdea(m, 0, kIdeas[random_() % std::size(kIdeas)]);
    }
    After(Exp(kMeanIdeaGapS), [this, m] { PostIdea(m); });
  }

  // Each animateur groups two top-level ideas into a new cluster.
  void Merge() {
    bool again = false;
    AllAnimateurs([&](size_t a) {
      Mind& mind = minds_[a];
      if (mind.phase != v1::PHASE_GROUPING) return;
      again = true;
      if (fleet_.members()[a].in_flight > 0) return;
      std::vector<uint32_t> loose;
      for (uint32_t idea : mind.ideas) {
        if (!mind.cluster_of.contains(idea)) loose.push_back(idea);
      }
      if (loose.size() < 2) return;
      std::shuffle(loose.begin(), loose.end(), random_);
      v1::Command command;
      command.mutable_merge_ideas()->add_target_ids(loose[0]);
      command.mutable_merge_ideas()->add_target_ids(loose[1]);
      command.mutable_merge_ideas()->set_title("Regroupement " + std::to_string(mind.clusters.size() + 1));
      fleet_.SendCommand(a, command);
    });
    if (again) After(kMergeGapS, [this] { Merge(); });
  }

  // One more point on a target that is not ours, under the cap, within the budget.
  void Vote(size_t m) {
    Mind& mind = minds_[m];
    if (mind.phase != v1::PHASE_CONVERGENCE) return;
    const Member& member = fleet_.members()[m];
    uint32_t spent = 0;
    for (const auto& [target, points] : mind.points) spent += points;
    if (spent >= 30) return;
    if (member.welcomed && member.in_flight == 0) {
      std::vector<uint32_t> targets;
      for (uint32_t idea : mind.ideas) {
        if (!mind.cluster_of.contains(idea) && !mind.own.contains(idea)) targets.push_back(idea);
      }
      for (const auto& [cluster, ideas] : mind.clusters) {
        bool ours = false;
        for (uint32_t idea : ideas) ours = ours || mind.own.contains(idea);
        if (!ours) targets.push_back(cluster);
      }
      std::erase_if(targets, [&](uint32_t t) { return mind.points[t] >= 3; });
      if (!targets.empty()) {
        const uint32_t target = targets[random_() % targets.size()];
        v1::Command command;
        auto* p = command.mutable_set_points()->add_points();
        p->set_target_id(target);
        p->set_points(mind.points[target] + 1);
        fleet_.SendCommand(m, command);
      }
    }
    After(Exp(kMeanVoteGapS), [this, m] { Vote(m); });
  }

  void Learn(size_t m, const v1::Event& e) {
    Mind& mind = minds_[m];
    const Member& member = fleet_.members()[m];
    switch (e.payload_case()) {
      case v1::Event::kPhaseChanged:
        mind.phase = e.phase_changed().to();
        break;
      case v1::Event::kIdeaPosted:
        mind.ideas.push_back(e.idea_posted().idea().idea_id());
        if (!member.animateur && member.table_id != 0 && e.idea_posted().idea().table_id() == member.table_id) {
          mind.own.insert(e.idea_posted().idea().idea_id());
        }
        break;
      case v1::Event::kIdeasMerged: {
        const auto& merged = e.ideas_merged();
        for (uint32_t absorbed : merged.absorbed_cluster_ids()) mind.clusters.erase(absorbed);
        auto& ideas = mind.clusters[merged.cluster_id()];
        ideas.assign(merged.idea_ids().begin(), merged.idea_ids().end());
        for (uint32_t idea : ideas) mind.cluster_of[idea] = merged.cluster_id();
        break;
      }
      case v1::Event::kPointsSet:
        if (e.points_set().table_id() == member.table_id) {
          for (const auto& p : e.points_set().points()) mind.points[p.target_id()] = p.points();
        }
        break;
      default:
        break;
    }
  }

  asio::io_context& ioc_;
  Fleet& fleet_;
  const RunOptions& options_;
  std::vector<Mind> minds_;
  std::mt19937 random_;
  size_t first_animateur_ = 0;
  bool finished_ = false;
};

}  // namespace

int RunRealistic(const RunOptions& options) {
  if (!options.target.atelier) {
    std::fprintf(stderr, "atelier-loadgen: the realistic run needs the real server (phases, votes)\n");
    return 2;
  }
  asio::io_context ioc;
  Fleet fleet(ioc, options.target);
  if (!Prepare(fleet, options)) return 1;
  const size_t first_animateur = fleet.AddAnimateurs();
  Report report("realistic", options);
  std::printf("  script: divergence %.0f s, grouping %.0f s, convergence %.0f s, played %.0f times faster\n",
              kDivergenceS, kGroupingS, kConvergenceS, options.speed);
  Realistic script(ioc, fleet, options);
  std::optional<UseSample> use_start;
  Clock::time_point start;
  const auto connect_start = Clock::now();
  fleet.ConnectAll(options.connect_parallel, [&] {
    if (!report.Connected(fleet, std::chrono::duration<double>(Clock::now() - connect_start).count())) {
      return ioc.stop();
    }
    fleet.SetMeasuring(true);
    use_start = SampleUse(options.server_pid, &options.target);
    start = Clock::now();
    script.Start(first_animateur);
    Every(ioc, std::chrono::milliseconds(50), [&] {
      if (!script.finished()) return true;
      fleet.SetMeasuring(false);
      report.Totals(fleet, std::chrono::duration<double>(Clock::now() - start).count(), use_start);
      // The last commands (the reveal, a late vote) may still be on their way.
      DrainThenStop(ioc, fleet);
      return false;
    });
  });
  ioc.run();
  return report.Finish(fleet);
}

}  // namespace atelier::loadgen
