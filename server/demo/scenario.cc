#include "server/demo/scenario.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <set>

#include "server/engine/secrets.h"
#include "server/workshop/actor.h"
#include "server/workshop/carry_over.h"
#include "server/workshop/similarity.h"

namespace atelier::demo {
namespace {

namespace v1 = ::atelier::v1;
using engine::Outcome;
using workshop::TableId;
using workshop::TargetId;

// What the tables of the seed's workshop propose; some say the same thing in other words, as
// tables do, so that the animateur has duplicates to merge.
const std::vector<std::vector<const char*>> kIdeas = {
    {"Ouvrir la salle aux associations le week-end",
     "Mettre en place une réservation en ligne de la salle",
     "Installer des rangements pour le matériel des associations"},
    {"Réserver la salle municipale sur internet", "Organiser un café citoyen le samedi matin",
     "Prêter la salle aux jeunes pour répéter de la musique"},
    {"Louer la salle aux particuliers pour les fêtes de famille",
     "Ouvrir la salle le week-end pour les associations",
     "Créer un espace de coworking en semaine"},
    {"Proposer des cours du soir : langues, informatique",
     "Un calendrier partagé des réservations en ligne",
     "Accueillir le marché des producteurs locaux quand il pleut"},
    {"Organiser des ateliers de réparation (repair café)",
     "Louer la salle pour les fêtes de familles", "Installer un vidéoprojecteur et une sono"},
    {"Créer un repair café une fois par mois", "Un espace de coworking pour les télétravailleurs",
     "Accueillir les aînés pour des après-midi jeux"},
};

// Duplicates that trigram hints miss or rank too low, that the animateur merges by hand.
const std::vector<std::pair<std::string, std::string>> kManualMerges = {
    {"Organiser des ateliers de réparation (repair café)",
     "Créer un repair café une fois par mois"},
    {"Mettre en place une réservation en ligne de la salle",
     "Réserver la salle municipale sur internet"},
};

class Player {
 public:
  Player(engine::Engine& engine, const ScenarioOptions& options)
      : engine_(engine), options_(options), rng_(options.seed) {}

  std::expected<ScenarioResult, std::string> Play() {
    if (auto ok = Ideation(); !ok) return std::unexpected(ok.error());
    if (auto ok = Evaluation(); !ok) return std::unexpected(ok.error());
    return result_;
  }

 private:
  std::ostream* out() { return options_.narration; }
  void Say(const std::string& line) {
    if (out()) *out() << line << '\n';
  }

  v1::Actor As(v1::ActorKind kind, uint32_t table = 0, uint32_t seat = 0) {
    return workshop::MakeActor(kind, table, seat);
  }

  // Runs a command that must be accepted.
  std::expected<v1::Event, std::string> Must(const std::string& workshop, v1::Command command,
                                             const v1::Actor& actor, std::string token_hash = {}) {
    command.set_command_id("demo-" + std::to_string(++commands_));
    workshop::CommandContext ctx;
    ctx.actor = actor;
    ctx.now_ms = now_ms_ += 1000;
    ctx.new_token_sha256 = std::move(token_hash);
    ctx.access = access_;
    // Tablets and phones join with the workshop's code, as a Hello does on the server.
    ctx.via_join_code = command.has_join_table() ||
                        (command.has_join_seat() && actor.kind() == v1::ACTOR_KIND_SEAT);
    Outcome outcome = engine_.Execute(workshop, command, ctx);
    if (outcome.kind == Outcome::Kind::kRejected) {
      return std::unexpected("rejected " + command.ShortDebugString() + ": " +
                             outcome.rejection.message());
    }
    if (!outcome.accepted()) return std::unexpected(outcome.error);
    return outcome.event;
  }

  // Runs a command the rules must refuse, and shows why.
  void Refused(const std::string& workshop, v1::Command command, const v1::Actor& actor,
               const std::string& what) {
    workshop::CommandContext ctx;
    ctx.actor = actor;
    ctx.now_ms = now_ms_;
    command.set_command_id("demo-" + std::to_string(++commands_));
    Outcome outcome = engine_.Execute(workshop, command, ctx);
    if (outcome.kind == Outcome::Kind::kRejected) {
      ++result_.rejections_shown;
      Say("  refusé (" + what + ") : " + v1::RejectionReason_Name(outcome.rejection.reason()) +
          " — " + outcome.rejection.message());
    }
  }

  v1::Command Phase(v1::Phase p) {
    v1::Command c;
    c.mutable_set_phase()->set_phase(p);
    return c;
  }

  std::expected<void, std::string> Create(const std::string& id, v1::CreateWorkshop create) {
    access_ = {};
    access_.set_join_code(engine::RandomDigits(6));
    access_.set_observer_code(engine::RandomHex(8));
    access_.set_animateur_token_sha256(engine::TokenHash(engine::NewToken()));
    v1::Command c;
    *c.mutable_create_workshop() = std::move(create);
    auto e = Must(id, c, As(v1::ACTOR_KIND_ANIMATEUR));
    if (!e) return std::unexpected(e.error());
    Say("Atelier " + id + " créé — code " + access_.join_code() + " : « " +
        e->workshop_created().config().question() + " »");
    return {};
  }

  std::expected<void, std::string> JoinTables(const std::string& id) {
    for (int t = 1; t <= options_.tables; ++t) {
      v1::Command join;
      join.mutable_join_table()->set_name("Table " + std::to_string(t));
      auto e = Must(id, join, As(v1::ACTOR_KIND_TABLE), engine::TokenHash(engine::NewToken()));
      if (!e) return std::unexpected(e.error());
    }
    Say(std::to_string(options_.tables) + " tables ont rejoint l'atelier.");
    return {};
  }

  std::expected<void, std::string> Ideation() {
    const std::string id = result_.ideation_id = "salle-" + engine::RandomHex(4);
    v1::CreateWorkshop create;
    create.mutable_config()->set_question(
        "Comment optimiser l'utilisation de la salle municipale ?");
    create.mutable_config()->set_template_(v1::TEMPLATE_IDEATION);
    create.mutable_config()->set_method_note(
        "Tables de trois, une tablette ; 30 points par table, 3 au plus par idée, jamais pour "
        "soi.");
    if (auto ok = Create(id, create); !ok) return ok;
    if (auto ok = JoinTables(id); !ok) return ok;
    if (auto e = Must(id, Phase(v1::PHASE_DIVERGENCE), As(v1::ACTOR_KIND_ANIMATEUR)); !e) {
      return std::unexpected(e.error());
    }
    Say("Divergence : les tables proposent leurs idées.");
    workshop::DuplicateIndex hints;
    std::vector<std::pair<TargetId, TargetId>> suggestions;
    for (size_t round = 0; round < kIdeas[0].size(); ++round) {
      for (int t = 1; t <= options_.tables; ++t) {
        const char* text = kIdeas[(t - 1) % kIdeas.size()][round];
        v1::Command post;
        post.mutable_post_idea()->set_text(text);
        auto e = Must(id, post, As(v1::ACTOR_KIND_TABLE, t));
        if (!e) return std::unexpected(e.error());
        TargetId idea = e->idea_posted().idea().idea_id();
        // The animateur sees suggestions from 40 % and merges those from 46 % on.
        for (const auto& match : hints.Similar(text, 1, 0.4)) {
          if (match.similarity >= 0.46) suggestions.emplace_back(match.idea_id, idea);
          Say("  suggestion de regroupement (" +
              std::to_string(std::lround(match.similarity * 100)) + " %) : « " +
              engine_.Find(id)->ideas.at(match.idea_id).text + " » ≈ « " + text + " »");
        }
        hints.Add(idea, text);
      }
    }
    Refused(id, Phase(v1::PHASE_CONVERGENCE), As(v1::ACTOR_KIND_TABLE, 1),
            "une table ne change pas de phase");

    if (auto e = Must(id, Phase(v1::PHASE_GROUPING), As(v1::ACTOR_KIND_ANIMATEUR)); !e) {
      return std::unexpected(e.error());
    }
    Say("Regroupement : l'animateur fusionne les doublons suggérés, et ceux qu'il repère "
        "lui-même.");
    for (const auto& [first, second] : kManualMerges) {
      TargetId a = 0, b = 0;
      for (const auto& [idea_id, idea] : engine_.Find(id)->ideas) {
        if (idea.text == first) a = idea_id;
        if (idea.text == second) b = idea_id;
      }
      if (a != 0 && b != 0) suggestions.emplace_back(a, b);
    }
    for (auto [first, second] : suggestions) {
      const workshop::WorkshopState& s = *engine_.Find(id);
      TargetId a = workshop::VoteTarget(s, first), b = workshop::VoteTarget(s, second);
      if (a == b) continue;
      v1::Command merge;
      bool into = s.clusters.contains(a);
      if (into) {
        merge.mutable_merge_ideas()->set_into_cluster_id(a);
      } else {
        merge.mutable_merge_ideas()->add_target_ids(a);
        merge.mutable_merge_ideas()->set_title(s.ideas.at(a).text);
      }
      merge.mutable_merge_ideas()->add_target_ids(b);
      auto e = Must(id, merge, As(v1::ACTOR_KIND_ANIMATEUR));
      if (!e) return std::unexpected(e.error());
      std::string members;
      for (TargetId m : e->ideas_merged().idea_ids()) {
        members += (members.empty() ? "" : " / ") + engine_.Find(id)->ideas.at(m).text;
      }
      Say("  regroupement « " + e->ideas_merged().title() + " » : " + members);
    }

    if (auto e = Must(id, Phase(v1::PHASE_CONVERGENCE), As(v1::ACTOR_KIND_ANIMATEUR)); !e) {
      return std::unexpected(e.error());
    }
    Say("Convergence : chaque table répartit ses 30 points.");
    if (auto ok = Votes(id); !ok) return ok;
    if (auto e = Must(id, Phase(v1::PHASE_CONCLUSION), As(v1::ACTOR_KIND_ANIMATEUR)); !e) {
      return std::unexpected(e.error());
    }
    v1::Command reveal;
    reveal.mutable_reveal_results()->set_revealed(true);
    if (auto e = Must(id, reveal, As(v1::ACTOR_KIND_ANIMATEUR)); !e)
      return std::unexpected(e.error());
    return {};
  }

  std::expected<void, std::string> Votes(const std::string& id) {
    const workshop::WorkshopState& s = *engine_.Find(id);
    // Each target has an appeal shared by the room, plus each table's own taste.
    std::map<TargetId, int> appeal;
    for (const auto& [target, idea] : s.ideas) {
      if (idea.cluster_id == 0) appeal[target] = static_cast<int>(rng_() % 10);
    }
    for (const auto& [target, cluster] : s.clusters)
      appeal[target] = 6 + static_cast<int>(rng_() % 6);
    for (int t = 1; t <= options_.tables; ++t) {
      std::vector<std::pair<int, TargetId>> ranked;
      for (auto [target, base] : appeal) {
        if (!workshop::IsOwnTarget(s, t, target))
          ranked.emplace_back(base + static_cast<int>(rng_() % 5), target);
      }
      std::sort(ranked.rbegin(), ranked.rend());
      v1::Command vote;
      uint32_t left = s.config.budget_per_table();
      for (auto [score, target] : ranked) {
        if (left == 0) break;
        uint32_t points =
            std::min<uint32_t>({left, s.config.cap_per_target(), score > 8 ? 3u : 2u});
        v1::TargetPoints* tp = vote.mutable_set_points()->add_points();
        tp->set_target_id(target);
        tp->set_points(points);
        left -= points;
      }
      if (auto e = Must(id, vote, As(v1::ACTOR_KIND_TABLE, t)); !e)
        return std::unexpected(e.error());
    }
    // What the server refuses, whatever the tablet shows.
    for (const auto& [target, idea] : s.ideas) {
      if (idea.table_id == 1) {
        v1::Command own;
        v1::TargetPoints* tp = own.mutable_set_points()->add_points();
        tp->set_target_id(workshop::VoteTarget(s, target));
        tp->set_points(1);
        Refused(id, own, As(v1::ACTOR_KIND_TABLE, 1), "la table 1 vote pour sa propre idée");
        break;
      }
    }
    Say("Toutes les tables ont voté.");
    return {};
  }

  std::expected<void, std::string> Evaluation() {
    const std::string id = result_.evaluation_id = "evaluation-" + engine::RandomHex(4);
    v1::CreateWorkshop create;
    create.mutable_config()->set_question(
        "Quelles idées retenir pour la salle municipale ? Évaluation des cinq idées les mieux "
        "notées");
    create.mutable_config()->set_template_(v1::TEMPLATE_EVALUATION);
    auto criterion = [&](const char* name, v1::Direction d, const char* low, const char* high) {
      v1::Criterion* c = create.mutable_config()->add_criteria();
      c->set_name(name);
      c->set_direction(d);
      c->set_low_label(low);
      c->set_high_label(high);
    };
    criterion("utilité", v1::DIRECTION_HIGHER_IS_BETTER, "inutile", "très utile");
    criterion("coût", v1::DIRECTION_LOWER_IS_BETTER, "gratuit", "très cher");
    criterion("faisabilité", v1::DIRECTION_HIGHER_IS_BETTER, "irréaliste", "facile");
    for (v1::IdeaSeed& seed : workshop::TopIdeas(*engine_.Find(result_.ideation_id), 5)) {
      *create.add_ideas() = std::move(seed);
    }
    Say("");
    if (auto ok = Create(id, create); !ok) return ok;
    if (auto ok = JoinTables(id); !ok) return ok;
    for (int t = 1; t <= options_.tables; ++t) {
      for (uint32_t n = 1; n <= 3; ++n) {
        v1::Command seat;
        seat.mutable_join_seat()->set_table_id(t);
        seat.mutable_join_seat()->set_seat_number(n);
        if (auto e = Must(id, seat, As(v1::ACTOR_KIND_TABLE, t)); !e)
          return std::unexpected(e.error());
      }
    }
    if (auto e = Must(id, Phase(v1::PHASE_SCORING), As(v1::ACTOR_KIND_ANIMATEUR)); !e) {
      return std::unexpected(e.error());
    }
    Say("Notation : chaque participant note chaque idée de 0 à 10 sur chaque critère.");
    const workshop::WorkshopState& s = *engine_.Find(id);
    std::normal_distribution<double> noise(0.0, 1.8);
    std::map<std::pair<TargetId, uint32_t>, double> base;
    for (const auto& [idea, _] : s.ideas) {
      for (const auto& c : s.config.criteria())
        base[{idea, c.id()}] = 2.0 + static_cast<double>(rng_() % 70) / 10.0;
    }
    for (const auto& [seat_id, seat] : s.seats) {
      for (const auto& [idea, _] : s.ideas) {
        for (const auto& c : s.config.criteria()) {
          int value = static_cast<int>(std::lround(base[{idea, c.id()}] + noise(rng_)));
          v1::Command score;
          score.mutable_score()->set_seat_id(seat_id);
          score.mutable_score()->set_idea_id(idea);
          score.mutable_score()->set_criterion_id(c.id());
          score.mutable_score()->set_value(std::clamp(value, 0, 10));
          if (auto e = Must(id, score, As(v1::ACTOR_KIND_TABLE, seat.table_id)); !e) {
            return std::unexpected(e.error());
          }
        }
      }
    }
    Refused(
        id,
        [] {
          v1::Command c;
          c.mutable_score()->set_seat_id(1);
          c.mutable_score()->set_idea_id(1);
          c.mutable_score()->set_criterion_id(1);
          c.mutable_score()->set_value(11);
          return c;
        }(),
        As(v1::ACTOR_KIND_TABLE, 1), "une note de 11");
    if (auto e = Must(id, Phase(v1::PHASE_CONCLUSION), As(v1::ACTOR_KIND_ANIMATEUR)); !e) {
      return std::unexpected(e.error());
    }
    return {};
  }

  engine::Engine& engine_;
  ScenarioOptions options_;
  std::mt19937 rng_;
  ScenarioResult result_;
  v1::WorkshopAccess access_;
  uint64_t commands_ = 0;
  int64_t now_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
};

}  // namespace

std::expected<ScenarioResult, std::string> PlayReferenceWorkshops(engine::Engine& engine,
                                                                  const ScenarioOptions& options) {
  return Player(engine, options).Play();
}

}  // namespace atelier::demo
