#include "clients/cli/template_player.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "clients/cli/demo_room.h"
#include "clients/cli/results_printer.h"
#include "clients/client/workshop_api.h"

namespace atelier::cli {
namespace {

constexpr int kIdeasPerTable = 2;  // posted by each table in each step of ideas
constexpr uint32_t kMaxSeats = 3;  // seats joined per table where seats act

std::string Keys(const v1::WorkshopTemplates& all) {
  std::string keys;
  for (const v1::WorkshopTemplate& t : all.templates()) keys += (keys.empty() ? "" : ", ") + t.key();
  return keys;
}

// Who casts one ballot or gives scores: a table, or one of its seats on its own phone.
struct Voter {
  Participant* participant;
  uint32_t table_id;
};

class TemplatePlayer {
 public:
  TemplatePlayer(const TemplateOptions& options, std::ostream& out)
      : options_(options),
        out_(out),
        http_(options.server.host, options.server.port),
        rng_(options.seed),
        room_(options.server, options.pace) {}

  std::expected<TemplateOutcome, std::string> Play() {
    if (auto ok = Create(); !ok) return std::unexpected(ok.error());
    if (auto ok = JoinEveryone(); !ok) return std::unexpected(ok.error());
    const v1::WorkshopConfig& config = seen().config();
    for (int i = 1; i < config.agenda_size(); ++i) {
      const v1::Step step = config.agenda(i);
      if (auto ok = Enter(step); !ok) return std::unexpected(ok.error());
      if (auto ok = PlayStep(step); !ok) return std::unexpected(ok.error());
      ++outcome_.steps;
    }
    if (auto ok = Reveal(); !ok) return std::unexpected(ok.error());
    room_.CloseAll();
    return outcome_;
  }

 private:
  Participant& animateur() { return *room_.participants().front(); }
  // What the animateur has seen: every idea with its author table and step.
  const WorkshopMirror& seen() { return animateur().mirror; }

  std::expected<void, std::string> Create();
  std::expected<void, std::string> JoinEveryone();
  std::expected<void, std::string> Enter(const v1::Step& step);
  std::expected<void, std::string> PlayStep(const v1::Step& step);
  std::expected<void, std::string> PostIdeas(const v1::Step& step);
  std::expected<void, std::string> MergeTwo();
  std::expected<void, std::string> Vote(const v1::Step& step);
  std::expected<void, std::string> Cast(const v1::Step& step, const Voter& voter);
  std::expected<void, std::string> ShowOwnVoteRefused(const v1::Step& step);
  std::expected<void, std::string> Score();
  std::expected<void, std::string> Reveal();

  // Waits until the animateur has seen the event `seq`, then lets the pace pass.
  std::expected<void, std::string> Seen(uint64_t seq) {
    if (auto ok = room_.Sync(animateur(), seq); !ok) return ok;
    return room_.Pause();
  }

  bool IsOwn(uint32_t target, uint32_t table_id) {
    const WorkshopMirror& m = seen();
    if (auto cluster = m.clusters().find(target); cluster != m.clusters().end()) {
      return std::ranges::any_of(cluster->second.idea_ids,
                                 [&](uint32_t idea) { return IsOwn(idea, table_id); });
    }
    auto idea = m.ideas().find(target);
    return idea != m.ideas().end() && idea->second.table_id != 0 &&
           idea->second.table_id == table_id;
  }

  // The targets a voter of `table_id` may name in this vote, most liked first: top-level ideas
  // and clusters the step takes (its selection, when it has a source), not posted during this
  // vote, never its table's own unless the step allows it.
  std::vector<uint32_t> Candidates(const v1::Step& step, uint32_t table_id) {
    std::vector<std::pair<int, uint32_t>> liked;
    for (uint32_t target : seen().Targets()) {
      auto idea = seen().ideas().find(target);
      if (idea != seen().ideas().end() && idea->second.step_id == step.id()) continue;
      if (!seen().InStep(target)) continue;
      if (!step.ballot().allow_self_vote() && IsOwn(target, table_id)) continue;
      liked.emplace_back(Appeal(target) + static_cast<int>(rng_() % 4), target);
    }
    std::ranges::sort(liked, std::greater<>());
    std::vector<uint32_t> targets;
    for (auto [appeal, target] : liked) targets.push_back(target);
    return targets;
  }

  // How much the room likes a target, the same for everyone (each voter adds its own taste).
  int Appeal(uint32_t target) {
    auto [it, added] = appeal_.try_emplace(target, 0);
    if (added) it->second = static_cast<int>(rng_() % 10);
    return it->second;
  }

  // The template's next example idea for this step, in turn; "" when it has none.
  std::string NextExample(uint32_t step_id) {
    std::vector<const std::string*> texts;
    for (const v1::ExampleIdea& example : template_.example_ideas()) {
      if (example.step_id() == step_id) texts.push_back(&example.text());
    }
    if (texts.empty()) return "";
    return *texts[next_example_[step_id]++ % texts.size()];
  }

  // Everyone who acts in the step: each seat where seats vote or score, else each table.
  std::vector<Voter> Voters(bool seats) {
    std::vector<Voter> voters;
    for (const auto& p : room_.participants()) {
      const bool is_seat = p->role.kind() == v1::ACTOR_KIND_SEAT;
      const bool is_table = p->role.kind() == v1::ACTOR_KIND_TABLE;
      if ((seats && is_seat) || (!seats && is_table)) voters.push_back({p.get(), p->role.table_id()});
    }
    return voters;
  }

  TemplateOptions options_;
  std::ostream& out_;
  client::HttpClient http_;
  std::mt19937 rng_;
  DemoRoom room_;
  v1::WorkshopTemplate template_;
  TemplateOutcome outcome_;
  std::map<uint32_t, int> appeal_;
  std::map<uint32_t, size_t> next_example_;  // by step id
};

std::expected<void, std::string> TemplatePlayer::Create() {
  auto templates = client::GetTemplates(http_);
  if (!templates) return std::unexpected("cannot read the server's methods: " + templates.error());
  const v1::WorkshopTemplate* found = nullptr;
  for (const v1::WorkshopTemplate& t : templates->templates()) {
    if (t.key() == options_.key) found = &t;
  }
  if (found == nullptr) {
    return std::unexpected("no method « " + options_.key + " » on this server (" +
                           Keys(*templates) + ")");
  }
  template_ = *found;
  v1::CreateWorkshopRequest request;
  *request.mutable_workshop() = template_.workshop();
  auto created = client::CreateWorkshop(http_, request, options_.organizer_key);
  if (!created) return std::unexpected("cannot create the workshop: " + created.error());
  outcome_.workshop = *created;
  const std::string base = http_.BaseUrl();
  out_ << template_.title() << " : atelier " << created->workshop_id() << " créé, « "
       << template_.workshop().config().question() << " »\n"
       << "  " << template_.summary() << "\n"
       << "  code des tables : " << created->join_code() << "   (" << base << created->join_url()
       << ")\n"
       << "  écran des observateurs : " << base << created->observer_url() << "\n"
       << "  console de l'animateur : " << base << created->console_url() << "\n";
  out_.flush();
  return {};
}

std::expected<void, std::string> TemplatePlayer::JoinEveryone() {
  v1::Hello hello;
  hello.set_workshop_id(outcome_.workshop.workshop_id());
  hello.set_animateur_token(outcome_.workshop.animateur_token());
  if (auto joined = room_.Join("animateur", hello); !joined) return std::unexpected(joined.error());
  const v1::WorkshopConfig& config = seen().config();
  const int profiles = config.profiles_size();
  bool seats_act = false;
  for (const v1::Step& step : config.agenda()) {
    seats_act |= step.kind() == v1::PHASE_SCORING ||
                 (step.kind() == v1::PHASE_CONVERGENCE && step.ballot().voter() == v1::VOTER_SEAT);
  }
  const uint32_t seats = std::min(config.seats_per_table(), kMaxSeats);
  for (int t = 1; t <= options_.tables; ++t) {
    hello.Clear();
    hello.set_join_code(outcome_.workshop.join_code());
    hello.set_table_name("Table " + std::to_string(t));
    // The role cards in turn: table 1 the first profile, table 2 the second...
    if (profiles > 0) hello.set_profile_id(config.profiles((t - 1) % profiles).id());
    auto table = room_.Join("table " + std::to_string(t), hello);
    if (!table) return std::unexpected(table.error());
    out_ << "  " << (*table)->name
         << (profiles > 0 ? " (" + config.profiles((t - 1) % profiles).name() + ")" : "")
         << " a rejoint l'atelier.\n";
    if (!seats_act) continue;
    for (uint32_t n = 1; n <= seats; ++n) {
      hello.Clear();
      hello.set_join_code(outcome_.workshop.join_code());
      hello.set_table_id((*table)->role.table_id());
      hello.set_seat_number(n);
      // Seats mix the profiles, so that each profile has its own voices at every table.
      if (profiles > 0) hello.set_profile_id(config.profiles((t - 1 + n - 1) % profiles).id());
      auto seat = room_.Join("table " + std::to_string(t) + ", place " + std::to_string(n), hello);
      if (!seat) return std::unexpected(seat.error());
    }
    out_ << "    et " << seats << " participants sur leur téléphone.\n";
  }
  return room_.Pause();
}

std::expected<void, std::string> TemplatePlayer::Enter(const v1::Step& step) {
  v1::Command move;
  move.mutable_set_phase()->set_phase(step.kind());
  move.mutable_set_phase()->set_step_id(step.id());
  auto seq = room_.Must(animateur(), move);
  if (!seq) return std::unexpected(seq.error());
  out_ << "Étape « " << step.title() << " »\n";
  if (!step.instruction().empty()) out_ << "  " << step.instruction() << "\n";
  return Seen(*seq);
}

std::expected<void, std::string> TemplatePlayer::PlayStep(const v1::Step& step) {
  switch (step.kind()) {
    case v1::PHASE_DIVERGENCE:
      return PostIdeas(step);
    case v1::PHASE_GROUPING:
      return MergeTwo();
    case v1::PHASE_CONVERGENCE:
      return Vote(step);
    case v1::PHASE_SCORING:
      return Score();
    default:
      return {};
  }
}

std::expected<void, std::string> TemplatePlayer::PostIdeas(const v1::Step& step) {
  const uint32_t per_table =
      std::min<uint32_t>(kIdeasPerTable, seen().config().max_ideas_per_table());
  uint64_t last = 0;
  size_t facet = 0;  // each idea in the next category, stage and lane
  for (uint32_t round = 0; round < per_table; ++round) {
    for (Voter table : Voters(false)) {
      std::string text = NextExample(step.id());
      if (text.empty()) return {};
      v1::Command post;
      v1::PostIdea& idea = *post.mutable_post_idea();
      idea.set_text(std::move(text));
      std::string where;
      if (step.categories_size() > 0) {
        const v1::Facet& f = step.categories(static_cast<int>(facet % step.categories_size()));
        idea.set_category_id(f.id());
        where += " [" + f.name() + "]";
      }
      if (step.stages_size() > 0) {
        const v1::Facet& f = step.stages(static_cast<int>(facet % step.stages_size()));
        idea.set_stage_id(f.id());
        where += " [" + f.name() + "]";
      }
      if (step.lanes_size() > 0) {
        const v1::Facet& f = step.lanes(static_cast<int>((facet / 2) % step.lanes_size()));
        idea.set_lane_id(f.id());
        where += " [" + f.name() + "]";
      }
      ++facet;
      auto seq = room_.Must(*table.participant, post);
      if (!seq) return std::unexpected(seq.error());
      last = *seq;
      out_ << "  " << table.participant->name << " : « " << idea.text() << " »" << where << "\n";
      if (auto ok = room_.Pause(); !ok) return ok;
    }
  }
  return last == 0 ? std::expected<void, std::string>() : room_.Sync(animateur(), last);
}

// The animateur groups the first two ideas of two different tables (a duplicate, as a room has).
std::expected<void, std::string> TemplatePlayer::MergeTwo() {
  uint32_t first = 0, second = 0;
  for (uint32_t target : seen().Targets()) {
    auto idea = seen().ideas().find(target);
    if (idea == seen().ideas().end() || idea->second.table_id == 0) continue;
    if (first == 0) {
      first = target;
    } else if (seen().ideas().at(first).table_id != idea->second.table_id) {
      second = target;
      break;
    }
  }
  if (second == 0) return {};
  v1::Command merge;
  merge.mutable_merge_ideas()->add_target_ids(first);
  merge.mutable_merge_ideas()->add_target_ids(second);
  merge.mutable_merge_ideas()->set_title(seen().Text(first));
  auto seq = room_.Must(animateur(), merge);
  if (!seq) return std::unexpected(seq.error());
  out_ << "  l'animateur regroupe « " << seen().Text(first) << " » et « " << seen().Text(second)
       << " »\n";
  return Seen(*seq);
}

std::expected<void, std::string> TemplatePlayer::Vote(const v1::Step& step) {
  // The longue-vue: during a vote of buckets, each table posts a new subject first.
  if (step.ballot().kind() == v1::BALLOT_KIND_BUCKETS && !NextExample(step.id()).empty()) {
    uint64_t last = 0;
    for (Voter table : Voters(false)) {
      v1::Command post;
      post.mutable_post_idea()->set_text(NextExample(step.id()));
      auto seq = room_.Must(*table.participant, post);
      if (!seq) return std::unexpected(seq.error());
      last = *seq;
      out_ << "  " << table.participant->name << " ajoute à la longue-vue : « "
           << post.post_idea().text() << " »\n";
    }
    if (last != 0) {
      if (auto ok = Seen(last); !ok) return ok;
    }
  }
  if (auto ok = ShowOwnVoteRefused(step); !ok) return ok;
  for (const Voter& voter : Voters(step.ballot().voter() == v1::VOTER_SEAT)) {
    if (auto ok = Cast(step, voter); !ok) return ok;
  }
  return {};
}

std::expected<void, std::string> TemplatePlayer::Cast(const v1::Step& step, const Voter& voter) {
  const v1::Ballot& ballot = step.ballot();
  const std::vector<uint32_t> candidates = Candidates(step, voter.table_id);
  if (candidates.empty()) return {};
  v1::Command command;
  std::string said;
  switch (ballot.kind()) {
    case v1::BALLOT_KIND_BUDGET:
    case v1::BALLOT_KIND_DOTS: {
      uint32_t left = ballot.budget();
      for (uint32_t target : candidates) {
        if (left == 0) break;
        const uint32_t points = std::min(left, ballot.cap());
        v1::TargetPoints& tp = *command.mutable_set_points()->add_points();
        tp.set_target_id(target);
        tp.set_points(points);
        left -= points;
      }
      said = std::to_string(ballot.budget() - left) +
             (ballot.kind() == v1::BALLOT_KIND_DOTS ? " gommette(s)" : " points");
      break;
    }
    case v1::BALLOT_KIND_PICK:
    case v1::BALLOT_KIND_RANKING: {
      const size_t n = ballot.count() == 0 ? candidates.size()
                                           : std::min<size_t>(ballot.count(), candidates.size());
      for (size_t i = 0; i < n; ++i) command.mutable_set_choice()->add_target_ids(candidates[i]);
      said = ballot.kind() == v1::BALLOT_KIND_PICK ? "choisit " : "classe ";
      said += std::to_string(n) + " idée(s), d'abord « " + seen().Text(candidates[0]) + " »";
      break;
    }
    case v1::BALLOT_KIND_BUCKETS: {
      // The most liked third to the coffre-fort, the least liked to the poubelle.
      for (size_t i = 0; i < candidates.size(); ++i) {
        v1::TargetBucket& item = *command.mutable_set_buckets()->add_items();
        item.set_target_id(candidates[i]);
        item.set_bucket(i * 3 < candidates.size()       ? v1::BUCKET_COFFRE_FORT
                        : i * 3 < candidates.size() * 2 ? v1::BUCKET_MACHINE_A_LAVER
                                                        : v1::BUCKET_POUBELLE);
      }
      said = "trie " + std::to_string(candidates.size()) + " éléments";
      break;
    }
    default:
      return std::unexpected("step " + std::to_string(step.id()) + ": unknown ballot kind");
  }
  auto seq = room_.Must(*voter.participant, command);
  if (!seq) return std::unexpected(seq.error());
  ++outcome_.ballots;
  out_ << "  " << voter.participant->name << " : " << said << "\n";
  return Seen(*seq);
}

// Where tables may not vote for their own ideas, the first table tries once: the server refuses.
std::expected<void, std::string> TemplatePlayer::ShowOwnVoteRefused(const v1::Step& step) {
  if (step.ballot().allow_self_vote()) return {};
  std::vector<Voter> voters = Voters(step.ballot().voter() == v1::VOTER_SEAT);
  if (voters.empty()) return {};
  const Voter& voter = voters.front();
  for (uint32_t target : seen().Targets()) {
    auto idea = seen().ideas().find(target);
    if (idea != seen().ideas().end() && idea->second.step_id == step.id()) continue;
    if (!seen().InStep(target) || !IsOwn(target, voter.table_id)) continue;
    v1::Command own;
    switch (step.ballot().kind()) {
      case v1::BALLOT_KIND_BUDGET:
      case v1::BALLOT_KIND_DOTS: {
        v1::TargetPoints& tp = *own.mutable_set_points()->add_points();
        tp.set_target_id(target);
        tp.set_points(1);
        break;
      }
      case v1::BALLOT_KIND_BUCKETS: {
        v1::TargetBucket& item = *own.mutable_set_buckets()->add_items();
        item.set_target_id(target);
        item.set_bucket(v1::BUCKET_COFFRE_FORT);
        break;
      }
      default:
        return {};  // a choice or a ranking names several ideas: refused as a whole, not shown
    }
    auto reason = room_.MustRefuse(*voter.participant, own, "vote pour sa propre idée");
    if (!reason) return std::unexpected(reason.error());
    ++outcome_.refusals_shown;
    out_ << "  refusé (" << voter.participant->name << " vote pour sa propre idée) : " << *reason
         << "\n";
    return {};
  }
  return {};
}

std::expected<void, std::string> TemplatePlayer::Score() {
  const v1::WorkshopConfig& config = seen().config();
  std::vector<uint32_t> ideas;
  for (const auto& [id, idea] : seen().ideas()) {
    if (seen().InStep(id)) ideas.push_back(id);  // a scoring step with a source: what it took
  }
  for (const Voter& seat : Voters(true)) {
    // Each profile sees things its own way: the last profiles are a little happier.
    const int mood = static_cast<int>(seat.participant->role.seat_id() % 3) - 1;
    uint64_t last = 0;
    for (uint32_t idea : ideas) {
      for (const v1::Criterion& criterion : config.criteria()) {
        const int32_t span = criterion.max_value() - criterion.min_value();
        int32_t value = criterion.min_value() + span * Appeal(idea) / 10 + mood +
                        static_cast<int32_t>(rng_() % 3) - 1;
        value = std::clamp(value, criterion.min_value(), criterion.max_value());
        v1::Command score;
        score.mutable_score()->set_idea_id(idea);
        score.mutable_score()->set_criterion_id(criterion.id());
        score.mutable_score()->set_value(value);
        auto seq = room_.Must(*seat.participant, score);
        if (!seq) return std::unexpected(seq.error());
        last = *seq;
        ++outcome_.scores;
      }
    }
    out_ << "  " << seat.participant->name << " a noté " << ideas.size() << " idée(s) sur "
         << config.criteria_size() << " critère(s)\n";
    if (last != 0) {
      if (auto ok = Seen(last); !ok) return ok;
    }
  }
  return {};
}

std::expected<void, std::string> TemplatePlayer::Reveal() {
  v1::Command reveal;
  reveal.mutable_reveal_results()->set_revealed(true);
  if (auto seq = room_.Must(animateur(), reveal); !seq) return std::unexpected(seq.error());
  out_ << "L'animateur révèle les résultats.\n\n";
  client::ResultsAccess access;
  access.animateur_token = outcome_.workshop.animateur_token();
  auto results = client::GetResults(http_, outcome_.workshop.workshop_id(), access);
  if (!results) return std::unexpected("cannot get the results: " + results.error());
  outcome_.results = *results;
  ResultsLabels labels;
  labels.question = template_.workshop().config().question();
  for (const v1::Criterion& c : seen().config().criteria()) labels.criteria[c.id()] = c.name();
  labels.config = seen().config();
  PrintResults(*results, labels, out_);
  return {};
}

}  // namespace

std::expected<TemplateOutcome, std::string> PlayTemplate(const TemplateOptions& options,
                                                         std::ostream& out) {
  return TemplatePlayer(options, out).Play();
}

}  // namespace atelier::cli
