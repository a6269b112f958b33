#include "clients/cli/demo_player.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <vector>

#include "clients/cli/demo_room.h"
#include "clients/cli/demo_script.h"
#include "clients/cli/format.h"
#include "clients/cli/results_printer.h"
#include "clients/cli/workshop_mirror.h"
#include "clients/client/connection.h"
#include "clients/client/workshop_api.h"

namespace atelier::cli {
namespace {

using std::chrono::milliseconds;

constexpr double kShownSimilarity = 0.40;   // the animateur reads suggestions from 40 %
constexpr double kMergedSimilarity = 0.46;  // and merges those from 46 % on
constexpr milliseconds kHintsQuiet{300};  // no hint for this long: they have all arrived

std::string Percent(double x) { return std::to_string(std::lround(x * 100)) + " %"; }

class DemoPlayer {
 public:
  DemoPlayer(const DemoOptions& options, std::ostream& out)
      : options_(options),
        out_(out),
        http_(options.server.host, options.server.port),
        rng_(options.seed),
        room_(options.server, options.pace,
              [this](Participant& p, const v1::ServerMessage& message) {
                if (message.has_hints() && &p == &animateur()) hints_.push_back(message.hints());
              }) {}

  std::expected<DemoOutcome, std::string> Play() {
    for (auto step : {&DemoPlayer::Create, &DemoPlayer::JoinEveryone, &DemoPlayer::Divergence,
                      &DemoPlayer::Grouping, &DemoPlayer::Convergence, &DemoPlayer::Conclusion}) {
      if (auto ok = (this->*step)(); !ok) return std::unexpected(ok.error());
    }
    room_.CloseAll();
    return outcome_;
  }

 private:
  Participant& animateur() { return *room_.participants().front(); }
  // Table t (1-based) in join order.
  Participant& table(int t) { return *room_.participants()[static_cast<size_t>(t)]; }

  std::expected<void, std::string> Pause() { return room_.Pause(); }
  std::expected<void, std::string> Sync(Participant& p, uint64_t seq) { return room_.Sync(p, seq); }
  std::expected<uint64_t, std::string> Must(Participant& p, const v1::Command& command) {
    return room_.Must(p, command);
  }

  // Executes a command the rules must refuse, and shows why.
  std::expected<void, std::string> Refused(Participant& p, const v1::Command& command,
                                           const std::string& what) {
    auto reason = room_.MustRefuse(p, command, what);
    if (!reason) return std::unexpected(reason.error());
    ++outcome_.refusals_shown;
    out_ << "  refusé (" << what << ") : " << *reason << "\n";
    return {};
  }

  std::expected<uint64_t, std::string> SetPhase(v1::Phase phase) {
    v1::Command command;
    command.mutable_set_phase()->set_phase(phase);
    auto seq = Must(animateur(), command);
    if (!seq) return seq;
    if (auto ok = Pause(); !ok) return std::unexpected(ok.error());
    return seq;
  }

  std::expected<void, std::string> Create();
  std::expected<void, std::string> JoinEveryone();
  std::expected<void, std::string> Divergence();
  std::expected<void, std::string> Grouping();
  std::expected<void, std::string> Merge(uint32_t first, uint32_t second);
  std::expected<void, std::string> Convergence();
  std::expected<void, std::string> Vote(int t, const std::map<uint32_t, int>& appeal);
  std::expected<void, std::string> Conclusion();

  DemoOptions options_;
  std::ostream& out_;
  client::HttpClient http_;
  std::mt19937 rng_;
  DemoOutcome outcome_;
  std::vector<v1::DuplicateHints> hints_;
  DemoRoom room_;  // the animateur, then the tables
};

std::expected<void, std::string> DemoPlayer::Create() {
  auto created = client::CreateWorkshop(http_, DemoWorkshopRequest(), options_.organizer_key);
  if (!created) return std::unexpected("cannot create the workshop: " + created.error());
  outcome_.workshop = *created;
  const std::string base = http_.BaseUrl();
  out_ << "Atelier " << created->workshop_id() << " créé : « "
       << DemoWorkshopRequest().workshop().config().question() << " »\n"
       << "  code des tables : " << created->join_code() << "   (" << base << created->join_url()
       << ")\n"
       << "  écran des observateurs : " << base << created->observer_url() << "\n"
       << "  console de l'animateur : " << base << created->console_url() << "\n"
       << "  atelier " << created->workshop_id() << ", jeton de l'animateur "
       << created->animateur_token() << "\n";
  out_.flush();
  return {};
}

std::expected<void, std::string> DemoPlayer::JoinEveryone() {
  auto join = [&](std::string name, const v1::Hello& hello) -> std::expected<void, std::string> {
    auto joined = room_.Join(std::move(name), hello);
    if (!joined) return std::unexpected(joined.error());
    return {};
  };
  v1::Hello hello;
  hello.set_workshop_id(outcome_.workshop.workshop_id());
  hello.set_animateur_token(outcome_.workshop.animateur_token());
  if (auto ok = join("animateur", hello); !ok) return ok;
  for (int t = 1; t <= options_.tables; ++t) {
    hello.Clear();
    hello.set_join_code(outcome_.workshop.join_code());
    hello.set_table_name("Table " + std::to_string(t));
    if (auto ok = join("table " + std::to_string(t), hello); !ok) return ok;
    if (auto ok = Pause(); !ok) return ok;
  }
  out_ << options_.tables << " tables ont rejoint l'atelier.\n";
  return {};
}

std::expected<void, std::string> DemoPlayer::Divergence() {
  if (auto seq = SetPhase(v1::PHASE_DIVERGENCE); !seq) return std::unexpected(seq.error());
  out_ << "Divergence : les tables proposent leurs idées.\n";
  const auto& ideas = DemoIdeas();
  uint64_t last = 0;
  for (size_t round = 0; round < ideas[0].size(); ++round) {
    for (int t = 1; t <= options_.tables; ++t) {
      const std::string& text = ideas[static_cast<size_t>(t - 1) % ideas.size()][round];
      v1::Command post;
      post.mutable_post_idea()->set_text(text);
      auto seq = Must(table(t), post);
      if (!seq) return std::unexpected(seq.error());
      last = *seq;
      out_ << "  " << table(t).name << " : « " << text << " »\n";
      if (auto ok = Pause(); !ok) return ok;
    }
  }
  // The hints follow each new idea: wait for the last idea, then for the hints to stop coming.
  if (auto ok = Sync(animateur(), last); !ok) return ok;
  return room_.Drain(animateur(), kHintsQuiet);
}

std::expected<void, std::string> DemoPlayer::Grouping() {
  v1::Command move;
  move.mutable_set_phase()->set_phase(v1::PHASE_CONVERGENCE);
  if (auto ok = Refused(table(1), move, "une table ne change pas de phase"); !ok) return ok;
  if (auto seq = SetPhase(v1::PHASE_GROUPING); !seq) return std::unexpected(seq.error());
  out_ << "Regroupement : l'animateur fusionne les doublons suggérés, et ceux qu'il repère "
          "lui-même.\n";
  const WorkshopMirror& seen = animateur().mirror;
  std::vector<std::pair<uint32_t, uint32_t>> merges;
  for (const v1::DuplicateHints& hint : hints_) {
    for (const v1::SimilarIdea& similar : hint.similar()) {
      if (similar.similarity() < kShownSimilarity) continue;
      out_ << "  suggestion de regroupement (" << Percent(similar.similarity()) << ") : « "
           << seen.Text(similar.target_id()) << " » ≈ « " << seen.Text(hint.idea_id()) << " »\n";
      if (similar.similarity() >= kMergedSimilarity)
        merges.emplace_back(similar.target_id(), hint.idea_id());
    }
  }
  for (const auto& [first, second] : DemoManualMerges()) {
    uint32_t a = 0, b = 0;
    for (const auto& [id, idea] : seen.ideas()) {
      if (idea.text == first) a = id;
      if (idea.text == second) b = id;
    }
    if (a != 0 && b != 0) merges.emplace_back(a, b);
  }
  for (auto [first, second] : merges) {
    if (auto ok = Merge(first, second); !ok) return ok;
  }
  return {};
}

std::expected<void, std::string> DemoPlayer::Merge(uint32_t first, uint32_t second) {
  const WorkshopMirror& seen = animateur().mirror;
  uint32_t a = seen.VoteTarget(first), b = seen.VoteTarget(second);
  if (a == 0 || b == 0 || a == b) return {};  // gone, or merged already
  if (!seen.clusters().contains(a) && seen.clusters().contains(b)) std::swap(a, b);
  v1::Command merge;
  if (seen.clusters().contains(a)) {
    merge.mutable_merge_ideas()->set_into_cluster_id(a);
  } else {
    merge.mutable_merge_ideas()->add_target_ids(a);
    merge.mutable_merge_ideas()->set_title(seen.Text(a));
  }
  merge.mutable_merge_ideas()->add_target_ids(b);
  auto seq = Must(animateur(), merge);
  if (!seq) return std::unexpected(seq.error());
  if (auto ok = Sync(animateur(), *seq); !ok) return ok;
  ++outcome_.merges;
  uint32_t cluster = seen.VoteTarget(a);
  std::string members;
  if (auto it = seen.clusters().find(cluster); it != seen.clusters().end()) {
    for (uint32_t idea : it->second.idea_ids)
      members += (members.empty() ? "" : " / ") + seen.Text(idea);
  }
  out_ << "  regroupement « " << seen.Text(cluster) << " » : " << members << "\n";
  return Pause();
}

std::expected<void, std::string> DemoPlayer::Convergence() {
  auto seq = SetPhase(v1::PHASE_CONVERGENCE);
  if (!seq) return std::unexpected(seq.error());
  out_ << "Convergence : chaque table répartit ses points.\n";
  // Each target has an appeal shared by the room, plus each table's own taste.
  std::map<uint32_t, int> appeal;
  const WorkshopMirror& seen = animateur().mirror;
  for (uint32_t target : seen.Targets()) {
    appeal[target] = seen.clusters().contains(target) ? 6 + static_cast<int>(rng_() % 6)
                                                      : static_cast<int>(rng_() % 10);
  }
  for (int t = 1; t <= options_.tables; ++t) {
    if (auto ok = Sync(table(t), *seq); !ok) return ok;  // it has seen every merge
    if (auto ok = Vote(t, appeal); !ok) return ok;
  }
  // What the server refuses, whatever a tablet shows.
  for (const auto& [id, idea] : table(1).mirror.ideas()) {
    if (!idea.own) continue;
    v1::Command own;
    v1::TargetPoints* points = own.mutable_set_points()->add_points();
    points->set_target_id(table(1).mirror.VoteTarget(id));
    points->set_points(1);
    return Refused(table(1), own, "la table 1 vote pour sa propre idée");
  }
  return {};
}

std::expected<void, std::string> DemoPlayer::Vote(int t, const std::map<uint32_t, int>& appeal) {
  const WorkshopMirror& seen = table(t).mirror;
  const uint32_t budget = seen.config().budget_per_table() ? seen.config().budget_per_table() : 30;
  const uint32_t cap = seen.config().cap_per_target() ? seen.config().cap_per_target() : 3;
  std::vector<std::pair<int, uint32_t>> ranked;
  for (uint32_t target : seen.Targets()) {
    if (seen.IsOwnTarget(target)) continue;  // never its own, nor a cluster holding one
    auto base = appeal.find(target);
    ranked.emplace_back((base == appeal.end() ? 0 : base->second) + static_cast<int>(rng_() % 5),
                        target);
  }
  std::sort(ranked.rbegin(), ranked.rend());
  v1::Command vote;
  uint32_t left = budget;
  for (auto [score, target] : ranked) {
    if (left == 0) break;
    uint32_t points = std::min<uint32_t>({left, cap, score > 8 ? 3u : 2u});
    v1::TargetPoints* tp = vote.mutable_set_points()->add_points();
    tp->set_target_id(target);
    tp->set_points(points);
    left -= points;
  }
  if (vote.set_points().points().empty()) return {};
  if (auto seq = Must(table(t), vote); !seq) return std::unexpected(seq.error());
  out_ << "  " << table(t).name << " : " << budget - left << " points sur "
       << vote.set_points().points_size() << " idées ou regroupements\n";
  return Pause();
}

std::expected<void, std::string> DemoPlayer::Conclusion() {
  if (auto seq = SetPhase(v1::PHASE_CONCLUSION); !seq) return std::unexpected(seq.error());
  v1::Command reveal;
  reveal.mutable_reveal_results()->set_revealed(true);
  if (auto seq = Must(animateur(), reveal); !seq) return std::unexpected(seq.error());
  out_ << "Conclusion : l'animateur révèle les résultats.\n\n";
  client::ResultsAccess access;
  access.animateur_token = outcome_.workshop.animateur_token();
  auto results = client::GetResults(http_, outcome_.workshop.workshop_id(), access);
  if (!results) return std::unexpected("cannot get the results: " + results.error());
  ResultsLabels labels;
  labels.question = DemoWorkshopRequest().workshop().config().question();
  PrintResults(*results, labels, out_);
  return {};
}

}  // namespace

std::expected<DemoOutcome, std::string> PlayDemo(const DemoOptions& options, std::ostream& out) {
  return DemoPlayer(options, out).Play();
}

}  // namespace atelier::cli
