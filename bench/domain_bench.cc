// Domain throughput: Decide + Apply on one core, no I/O. Aim: over 1 million commands/s.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <vector>

#include "server/workshop/actor.h"
#include "server/workshop/apply.h"
#include "server/workshop/decide.h"
#include "server/workshop/results.h"
#include "server/workshop/state_codec.h"

namespace atelier::workshop {
namespace {

struct Room {
  WorkshopState state;
  CommandContext ctx;
  uint64_t n = 0;

  bool Run(const v1::Command& c, const v1::Actor& actor) {
    ctx.actor = actor;
    ctx.now_ms += 1;
    // A table without an id is a newcomer let in by a Hello with the join code.
    ctx.via_join_code = actor.kind() == v1::ACTOR_KIND_TABLE && actor.table_id() == 0;
    auto decision = Decide(state, c, ctx);
    if (!decision) return false;
    (void)Apply(state, *decision);
    return true;
  }
};

// An ideation workshop with `tables` tables, each with `ideas_per_table` ideas, in convergence;
// or an evaluation with three seats per table, in scoring. With `profiles`, the tables and the
// seats join as profiles in turn (role cards).
Room MakeRoom(int tables, int ideas_per_table, v1::Template t = v1::TEMPLATE_IDEATION,
              int profiles = 0) {
  Room room;
  room.ctx.workshop_id = "bench";
  v1::Command create;
  v1::WorkshopConfig* config = create.mutable_create_workshop()->mutable_config();
  config->set_question("Comment optimiser l'utilisation de la salle municipale ?");
  config->set_template_(t);
  config->set_max_tables(1000);
  config->set_max_ideas_per_table(100'000);  // BM_DecideApplyPostIdea posts without end
  for (int p = 1; p <= profiles; ++p) {
    config->add_profiles()->set_name("Profil " + std::to_string(p));
  }
  if (t == v1::TEMPLATE_EVALUATION) {
    for (const char* name : {"acceptabilité", "coût", "humanisme"})
      config->add_criteria()->set_name(name);
    for (int i = 0; i < 5; ++i)
      create.mutable_create_workshop()->add_ideas()->set_text("Idée " + std::to_string(i));
  }
  room.Run(create, MakeActor(v1::ACTOR_KIND_ANIMATEUR));
  for (int i = 0; i < tables; ++i) {
    v1::Command join;
    join.mutable_join_table();
    if (profiles > 0) join.mutable_join_table()->set_profile_id(1 + i % profiles);
    room.Run(join, MakeActor(v1::ACTOR_KIND_TABLE));
    if (t == v1::TEMPLATE_EVALUATION) {
      for (uint32_t seat = 1; seat <= 3; ++seat) {
        v1::Command js;
        js.mutable_join_seat()->set_table_id(i + 1);
        js.mutable_join_seat()->set_seat_number(seat);
        if (profiles > 0) js.mutable_join_seat()->set_profile_id(1 + (i + seat) % profiles);
        room.Run(js, MakeActor(v1::ACTOR_KIND_TABLE, i + 1));
      }
    }
  }
  v1::Command phase;
  phase.mutable_set_phase()->set_phase(t == v1::TEMPLATE_EVALUATION ? v1::PHASE_SCORING
                                                                    : v1::PHASE_DIVERGENCE);
  room.Run(phase, MakeActor(v1::ACTOR_KIND_ANIMATEUR));
  if (t == v1::TEMPLATE_IDEATION) {
    for (int i = 0; i < tables; ++i) {
      for (int k = 0; k < ideas_per_table; ++k) {
        v1::Command post;
        post.mutable_post_idea()->set_text("Ouvrir la salle aux associations le week-end " +
                                           std::to_string(k));
        room.Run(post, MakeActor(v1::ACTOR_KIND_TABLE, i + 1));
      }
    }
    phase.mutable_set_phase()->set_phase(v1::PHASE_CONVERGENCE);
    room.Run(phase, MakeActor(v1::ACTOR_KIND_ANIMATEUR));
  }
  return room;
}

// Tables moving points between ideas: the convergence hot path.
void BM_DecideApplySetPoints(benchmark::State& bench) {
  const int tables = static_cast<int>(bench.range(0));
  Room room = MakeRoom(tables, 3);
  std::mt19937 rng(42);
  const uint32_t ideas = static_cast<uint32_t>(room.state.ideas.size());
  std::vector<v1::Command> commands(4096);
  std::vector<v1::Actor> actors(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    v1::TargetPoints* tp = commands[i].mutable_set_points()->add_points();
    tp->set_target_id(1 + rng() % ideas);
    tp->set_points(rng() % 4);
    commands[i].set_command_id("c" + std::to_string(i));
    actors[i] = MakeActor(v1::ACTOR_KIND_TABLE, 1 + rng() % tables);
  }
  size_t i = 0, accepted = 0;
  for (auto _ : bench) {
    accepted += room.Run(commands[i], actors[i]);
    if (++i == commands.size()) i = 0;
  }
  bench.SetItemsProcessed(bench.iterations());
  bench.counters["accepted_ratio"] = static_cast<double>(accepted) / bench.iterations();
}
BENCHMARK(BM_DecideApplySetPoints)->Arg(10)->Arg(100)->Arg(333);

void BM_DecideApplyPostIdea(benchmark::State& bench) {
  Room room = MakeRoom(100, 0);
  v1::Command phase;
  phase.mutable_set_phase()->set_phase(v1::PHASE_DIVERGENCE);
  room.Run(phase, MakeActor(v1::ACTOR_KIND_ANIMATEUR));
  v1::Command post;
  post.mutable_post_idea()->set_text(
      "Créer un café citoyen dans la salle municipale le samedi matin");
  uint32_t table = 0;
  for (auto _ : bench) {
    post.set_command_id(std::to_string(room.n++));
    room.Run(post, MakeActor(v1::ACTOR_KIND_TABLE, 1 + table++ % 100));
  }
  bench.SetItemsProcessed(bench.iterations());
}
BENCHMARK(BM_DecideApplyPostIdea);

void BM_DecideApplyScore(benchmark::State& bench) {
  Room room = MakeRoom(100, 0, v1::TEMPLATE_EVALUATION);
  std::mt19937 rng(7);
  std::vector<v1::Command> commands(4096);
  std::vector<v1::Actor> actors(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    uint32_t seat = 1 + rng() % 300;
    v1::Score* s = commands[i].mutable_score();
    s->set_seat_id(seat);
    s->set_idea_id(1 + rng() % 5);
    s->set_criterion_id(1 + rng() % 3);
    s->set_value(rng() % 11);
    actors[i] = MakeActor(v1::ACTOR_KIND_TABLE, room.state.seats.at(seat).table_id);
  }
  size_t i = 0;
  for (auto _ : bench) {
    room.Run(commands[i], actors[i]);
    if (++i == commands.size()) i = 0;
  }
  bench.SetItemsProcessed(bench.iterations());
}
BENCHMARK(BM_DecideApplyScore);

// What a room's snapshot costs (Room::SaveSnapshotIfDue): the copy of the state, made on the
// room's strand, then its protobuf built and serialized on the snapshot thread; a room of 20
// tables with `ideas` ideas, as MakeRoom leaves it (the ingest bench's rooms grow to 25,000 and
// more).
Room RoomWithIdeas(int ideas) { return MakeRoom(20, ideas / 20); }

void BM_SnapshotCopy(benchmark::State& bench) {
  const Room room = RoomWithIdeas(static_cast<int>(bench.range(0)));
  for (auto _ : bench) {
    WorkshopState copy(room.state);
    benchmark::DoNotOptimize(copy);
  }
  bench.counters["ideas"] = static_cast<double>(room.state.ideas.size());
}
BENCHMARK(BM_SnapshotCopy)->Arg(500)->Arg(25'000)->Unit(benchmark::kMicrosecond);

void BM_SnapshotSerialize(benchmark::State& bench) {
  const Room room = RoomWithIdeas(static_cast<int>(bench.range(0)));
  size_t bytes = 0;
  for (auto _ : bench) {
    std::string out;
    ToProto(room.state).SerializeToString(&out);
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  bench.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_SnapshotSerialize)->Arg(500)->Arg(25'000)->Unit(benchmark::kMicrosecond);

// What an observer update costs: results of a 333-table room with 1,000 ideas; with the
// argument, its tables of that many profiles (the results per profile).
void BM_ComputeResults(benchmark::State& bench) {
  Room room = MakeRoom(333, 3, v1::TEMPLATE_IDEATION, static_cast<int>(bench.range(0)));
  std::mt19937 rng(1);
  for (int i = 0; i < 20000; ++i) {
    v1::Command c;
    v1::TargetPoints* tp = c.mutable_set_points()->add_points();
    tp->set_target_id(1 + rng() % room.state.ideas.size());
    tp->set_points(1 + rng() % 3);
    room.Run(c, MakeActor(v1::ACTOR_KIND_TABLE, 1 + rng() % 333));
  }
  for (auto _ : bench) benchmark::DoNotOptimize(ComputeResults(room.state));
  bench.counters["targets"] = static_cast<double>(room.state.ideas.size());
}
BENCHMARK(BM_ComputeResults)->Arg(0)->Arg(4);

// The same for an evaluation of 999 participants (333 tables of three seats), each of whom
// scored 5 ideas on 3 criteria; with the argument, the seats of that many profiles.
void BM_ComputeEvaluationResults(benchmark::State& bench) {
  Room room = MakeRoom(333, 0, v1::TEMPLATE_EVALUATION, static_cast<int>(bench.range(0)));
  std::mt19937 rng(3);
  for (const auto& [seat_id, seat] : room.state.seats) {
    for (uint32_t idea = 1; idea <= 5; ++idea) {
      for (uint32_t criterion = 1; criterion <= 3; ++criterion) {
        v1::Command c;
        v1::Score* s = c.mutable_score();
        s->set_seat_id(seat_id);
        s->set_idea_id(idea);
        s->set_criterion_id(criterion);
        s->set_value(static_cast<int32_t>(rng() % 11));
        room.Run(c, MakeActor(v1::ACTOR_KIND_TABLE, seat.table_id));
      }
    }
  }
  for (auto _ : bench) benchmark::DoNotOptimize(ComputeResults(room.state));
  bench.counters["scores"] = static_cast<double>(room.state.scores.size());
}
BENCHMARK(BM_ComputeEvaluationResults)->Arg(0)->Arg(4)->Arg(12);

// ---- Ballots (issue 14): 1,000 participants (333 tables x 3 seats) voting each for themself on
// 20 ideas, in a vote step of each kind. range(0) is the BallotKind: 2 dots (3 each, 1 per
// idea), 3 a pick of 3, 4 a complete ranking of the 20, 5 buckets.

Room MakeBallotRoom(v1::BallotKind kind, int profiles = 0) {
  Room room;
  room.ctx.workshop_id = "bench";
  v1::Command create;
  v1::WorkshopConfig* config = create.mutable_create_workshop()->mutable_config();
  config->set_question("Quelle vision pour la région en 2050 ?");
  config->set_template_(v1::TEMPLATE_IDEATION);
  config->set_max_tables(1000);
  for (v1::Phase p : {v1::PHASE_SETUP, v1::PHASE_CONVERGENCE, v1::PHASE_CONCLUSION}) {
    config->add_agenda()->set_kind(p);
  }
  v1::Ballot& ballot = *config->mutable_agenda(1)->mutable_ballot();
  ballot.set_kind(kind);
  ballot.set_voter(v1::VOTER_SEAT);
  if (kind == v1::BALLOT_KIND_DOTS) ballot.set_budget(3);
  for (int p = 1; p <= profiles; ++p) {
    config->add_profiles()->set_name("Profil " + std::to_string(p));
  }
  for (int i = 0; i < 20; ++i) {
    create.mutable_create_workshop()->add_ideas()->set_text("Vision " + std::to_string(i + 1));
  }
  room.Run(create, MakeActor(v1::ACTOR_KIND_ANIMATEUR));
  for (int t = 1; t <= 333; ++t) {
    v1::Command join;
    join.mutable_join_table();
    if (profiles > 0) join.mutable_join_table()->set_profile_id(1 + t % profiles);
    room.Run(join, MakeActor(v1::ACTOR_KIND_TABLE));
    for (uint32_t seat = 1; seat <= 3; ++seat) {
      v1::Command js;
      js.mutable_join_seat()->set_table_id(t);
      js.mutable_join_seat()->set_seat_number(seat);
      if (profiles > 0) js.mutable_join_seat()->set_profile_id(1 + (t + seat) % profiles);
      room.Run(js, MakeActor(v1::ACTOR_KIND_TABLE, t));
    }
  }
  v1::Command phase;
  phase.mutable_set_phase()->set_phase(v1::PHASE_CONVERGENCE);
  room.Run(phase, MakeActor(v1::ACTOR_KIND_ANIMATEUR));
  return room;
}

// One participant's ballot command of the kind, as a phone sends it (seat_id 0: itself).
v1::Command BallotCommand(v1::BallotKind kind, std::mt19937& rng) {
  v1::Command c;
  std::vector<uint32_t> ideas(20);
  for (uint32_t i = 0; i < 20; ++i) ideas[i] = i + 1;
  std::shuffle(ideas.begin(), ideas.end(), rng);
  switch (kind) {
    case v1::BALLOT_KIND_DOTS: {
      v1::TargetPoints* tp = c.mutable_set_points()->add_points();
      tp->set_target_id(ideas[0]);
      tp->set_points(rng() % 2);
      break;
    }
    case v1::BALLOT_KIND_PICK:
      for (int i = 0; i < 3; ++i) c.mutable_set_choice()->add_target_ids(ideas[i]);
      break;
    case v1::BALLOT_KIND_RANKING:
      for (uint32_t id : ideas) c.mutable_set_choice()->add_target_ids(id);
      break;
    default: {
      v1::TargetBucket& item = *c.mutable_set_buckets()->add_items();
      item.set_target_id(ideas[0]);
      item.set_bucket(static_cast<v1::Bucket>(rng() % 4));
      break;
    }
  }
  return c;
}

void BM_DecideApplyBallot(benchmark::State& bench) {
  const auto kind = static_cast<v1::BallotKind>(bench.range(0));
  Room room = MakeBallotRoom(kind);
  std::mt19937 rng(5);
  std::vector<v1::Command> commands(4096);
  std::vector<v1::Actor> actors(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    commands[i] = BallotCommand(kind, rng);
    const uint32_t seat = 1 + rng() % 999;
    actors[i] = MakeActor(v1::ACTOR_KIND_SEAT, room.state.seats.at(seat).table_id, seat);
  }
  size_t i = 0, accepted = 0;
  for (auto _ : bench) {
    accepted += room.Run(commands[i], actors[i]);
    if (++i == commands.size()) i = 0;
  }
  bench.SetItemsProcessed(bench.iterations());
  bench.SetLabel(v1::BallotKind_Name(kind));
  bench.counters["accepted_ratio"] = static_cast<double>(accepted) / bench.iterations();
}
BENCHMARK(BM_DecideApplyBallot)->DenseRange(2, 5);

// Results of a vote of 1,000 participants who have all voted, per kind; range(1): the
// participants' profiles (0: none; else that many, the results per profile too).
void BM_ComputeResultsBallot(benchmark::State& bench) {
  const auto kind = static_cast<v1::BallotKind>(bench.range(0));
  Room room = MakeBallotRoom(kind, static_cast<int>(bench.range(1)));
  std::mt19937 rng(3);
  for (uint32_t seat = 1; seat <= 999; ++seat) {
    v1::Command c = BallotCommand(kind, rng);
    if (c.has_set_points()) c.mutable_set_points()->mutable_points(0)->set_points(1);
    if (c.has_set_buckets()) c.mutable_set_buckets()->mutable_items(0)->set_bucket(v1::BUCKET_COFFRE_FORT);
    room.Run(c, MakeActor(v1::ACTOR_KIND_SEAT, room.state.seats.at(seat).table_id, seat));
  }
  for (auto _ : bench) benchmark::DoNotOptimize(ComputeResults(room.state));
  bench.SetLabel(v1::BallotKind_Name(kind));
  bench.counters["ballots"] = static_cast<double>(room.state.ballots.size());
  bench.counters["ideas"] = static_cast<double>(room.state.ideas.size());

}
BENCHMARK(BM_ComputeResultsBallot)
    ->ArgsProduct({benchmark::CreateDenseRange(2, 5, 1), {0, 4}})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace atelier::workshop
