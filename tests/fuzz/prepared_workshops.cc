#include "tests/fuzz/prepared_workshops.h"

#include <gtest/gtest.h>

#include "tests/fuzz/fuzz_check.h"
#include "tests/workshop/workshop_invariants.h"
#include "tests/workshop/test_support.h"

namespace atelier::fuzz {

using workshop::testing::CheckInvariants;
namespace {

namespace v1 = ::atelier::v1;
using namespace ::atelier::workshop::testing;
using workshop::TargetId;

PreparedWorkshop Take(std::string name, const Harness& h) {
  return PreparedWorkshop{std::move(name), h.state(), h.log()};
}

struct Ideation {
  TargetId associations = 0;  // cluster of ideas 1 (table 1) and 2 (table 2)
  TargetId access = 0;        // cluster of ideas 3 (table 3) and 5 (the animateur)
  TargetId rent = 0;          // idea 4, table 1, top-level
};

void IdeationUpToConvergence(Harness& h, std::vector<PreparedWorkshop>& out, bool self_vote) {
  const auto t1 = h.JoinTable();
  const auto t2 = h.JoinTable();
  const auto t3 = h.JoinTable();
  h.StoredSeat(t1, 1);  // an earlier version's log: seats in an ideation
  if (!self_vote) out.push_back(Take("ideation/setup", h));
  h.MoveTo(v1::PHASE_DIVERGENCE);
  const TargetId i1 = h.Post(t1, "Ouvrir la salle aux associations le soir");
  const TargetId i2 = h.Post(t2, "Ouvrir la salle aux associations en soirée");
  const TargetId i3 = h.Post(t3, "Un agenda partagé en ligne pour réserver");
  const TargetId i4 = h.Post(t1, "Louer la salle aux entreprises le week-end");
  const TargetId i5 = h.PostAsAnimateur("Des horaires d'ouverture élargis");
  if (!self_vote) out.push_back(Take("ideation/divergence", h));
  h.MoveTo(v1::PHASE_GROUPING);
  const TargetId associations = h.Merge({i1, i2}, "Associations le soir");
  const TargetId access = h.Merge({i3, i5}, "Accès");
  if (!self_vote) out.push_back(Take("ideation/grouping", h));
  h.MoveTo(v1::PHASE_CONVERGENCE);
  if (self_vote) {
    h.Accept(SetPointsCmd({{associations, 2}, {i4, 2}}), TableActor(t1));
    h.Accept(SetPointsCmd({{associations, 2}, {access, 2}, {i4, 1}}), TableActor(t2));
    h.Accept(SetPointsCmd({{access, 2}}), TableActor(t3));
    return;
  }
  h.Accept(SetPointsCmd({{access, 3}}), TableActor(t1));
  h.Accept(SetPointsCmd({{i4, 3}, {access, 1}}), TableActor(t2));
  h.Accept(SetPointsCmd({{associations, 3}, {i4, 2}}), TableActor(t3));
  out.push_back(Take("ideation/convergence", h));
  h.MoveTo(v1::PHASE_CONCLUSION);
  out.push_back(Take("ideation/conclusion", h));
}

const std::vector<std::string> kSeedIdeas = {
    "Loger les familles chez l'habitant volontaire",
    "Ouvrir un centre d'accueil dans l'ancienne école",
    "Des cours de français donnés par des bénévoles",
    "Un parrainage par une famille de la ville",
    "Un guichet unique en mairie pour les démarches",
};

void EvaluationUpToScores(Harness& h, std::vector<PreparedWorkshop>* out) {
  const auto t1 = h.JoinTable();
  const auto t2 = h.JoinTable();
  const auto s1 = h.JoinSeat(t1, 1);
  const auto s2 = h.JoinSeat(t1, 2);
  const auto s3 = h.JoinSeat(t2, 1);
  if (out) out->push_back(Take("evaluation/setup", h));
  h.MoveTo(v1::PHASE_SCORING);
  const auto& criteria = h.state().config.criteria();
  for (int k = 0; k < criteria.size(); ++k) {
    const v1::Criterion& c = criteria[k];
    const int32_t span = c.max_value() - c.min_value();
    h.Accept(ScoreCmd(s1, 1, c.id(), c.min_value() + span * 7 / 10), TableActor(t1));
    h.Accept(ScoreCmd(s2, 1, c.id(), c.max_value()), TableActor(t1));
    h.Accept(ScoreCmd(s3, 2, c.id(), c.min_value()), TableActor(t2));
    h.Accept(ScoreCmd(s1, 3, c.id(), c.min_value() + span / 2), SeatActor(s1, t1));
  }
}

std::vector<PreparedWorkshop> Prepare() {
  std::vector<PreparedWorkshop> out;
  {
    Harness h(IdeationConfig());
    IdeationUpToConvergence(h, out, false);
  }
  {
    Harness h(EvaluationConfig(), kSeedIdeas);
    EvaluationUpToScores(h, &out);
    out.push_back(Take("evaluation/scoring", h));
    h.MoveTo(v1::PHASE_CONCLUSION);
    h.Accept(
        [] {
          v1::Command c;
          c.mutable_reveal_results()->set_revealed(true);
          return c;
        }(),
        Animateur());
    out.push_back(Take("evaluation/conclusion", h));
  }
  {
    v1::WorkshopConfig config = IdeationConfig();
    config.set_allow_self_vote(true);
    config.set_budget_per_table(6);
    config.set_cap_per_target(2);
    Harness h(config);
    IdeationUpToConvergence(h, out, true);
    out.push_back(Take("ideation/self-vote", h));
  }
  {
    v1::WorkshopConfig config = EvaluationConfig();
    config.mutable_criteria(0)->set_min_value(-5);
    config.mutable_criteria(0)->set_max_value(5);
    config.mutable_criteria(1)->set_min_value(1);
    config.mutable_criteria(1)->set_max_value(100);
    Harness h(config, kSeedIdeas);
    EvaluationUpToScores(h, nullptr);
    out.push_back(Take("evaluation/ranges", h));
  }
  {
    // Ballots: gommettes by each participant, a ranking by table, then buckets with a new
    // subject; a workshop prepared in each vote step.
    v1::WorkshopConfig config = IdeationConfig();
    for (v1::Phase p : {v1::PHASE_SETUP, v1::PHASE_DIVERGENCE, v1::PHASE_CONVERGENCE,
                        v1::PHASE_CONVERGENCE, v1::PHASE_CONVERGENCE, v1::PHASE_CONCLUSION}) {
      config.add_agenda()->set_kind(p);
    }
    v1::Ballot& dots = *config.mutable_agenda(2)->mutable_ballot();
    dots.set_kind(v1::BALLOT_KIND_DOTS);
    dots.set_voter(v1::VOTER_SEAT);
    dots.set_budget(2);
    config.mutable_agenda(3)->mutable_ballot()->set_kind(v1::BALLOT_KIND_RANKING);
    config.mutable_agenda(3)->mutable_ballot()->set_count(2);
    config.mutable_agenda(4)->mutable_ballot()->set_kind(v1::BALLOT_KIND_BUCKETS);
    Harness h(config);
    const auto t1 = h.JoinTable();
    const auto t2 = h.JoinTable();
    const auto s1 = h.JoinSeat(t1, 1);
    const auto s2 = h.JoinSeat(t2, 1);
    h.MoveTo(v1::PHASE_DIVERGENCE);
    const TargetId i1 = h.Post(t1, "Un tiers-lieu dans l'ancienne gare");
    const TargetId i2 = h.Post(t2, "Une navette le jour du marché");
    const TargetId i3 = h.PostAsAnimateur("Des permanences dans les villages");
    h.MoveTo(v1::PHASE_CONVERGENCE);
    v1::Command dot = SetPointsCmd({{i2, 1}, {i3, 1}});
    h.Accept(dot, SeatActor(s1, t1));
    dot = SetPointsCmd({{i1, 1}});
    dot.mutable_set_points()->set_seat_id(s2);
    h.Accept(dot, TableActor(t2));
    out.push_back(Take("ballots/dots", h));
    h.MoveTo(v1::PHASE_CONVERGENCE);
    h.Accept(ChoiceCmd({i3, i2}), TableActor(t1));
    out.push_back(Take("ballots/ranking", h));
    h.MoveTo(v1::PHASE_CONVERGENCE);
    h.Accept(BucketsCmd({{i1, v1::BUCKET_MACHINE_A_LAVER}}), TableActor(t2));
    h.Post(t1, "Et les jeunes ?");
    out.push_back(Take("ballots/buckets", h));
  }
  if (::testing::UnitTest::GetInstance()->ad_hoc_test_result().Failed()) {
    Die("a command of a prepared workshop was refused (see the failure above)");
  }
  for (const PreparedWorkshop& w : out) {
    if (std::string broken = CheckInvariants(w.state); !broken.empty()) {
      Die(w.name + ": " + broken);
    }
  }
  return out;
}

}  // namespace

const std::vector<PreparedWorkshop>& PreparedWorkshops() {
  static const std::vector<PreparedWorkshop> workshops = Prepare();
  return workshops;
}

}  // namespace atelier::fuzz
