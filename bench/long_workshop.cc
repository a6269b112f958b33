#include "bench/long_workshop.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>

#include "server/engine/workshop_loader.h"
#include "server/workshop/actor.h"
#include "server/workshop/apply.h"
#include "server/workshop/decide.h"
#include "storage/event_log.h"
#include "storage/hash_chain.h"

namespace atelier::engine {
namespace {

using workshop::MakeActor;

}  // namespace

void BuildLongWorkshop(const std::filesystem::path& dir, const std::string& workshop_id,
                       uint64_t events) {
  auto log = storage::EventLog::Open(dir, {.sync = false});
  if (!log) std::abort();
  workshop::WorkshopState state;
  workshop::CommandContext ctx;
  ctx.workshop_id = workshop_id;
  std::atomic<uint64_t> durable = 0;
  std::mt19937 rng(3);
  int refused_in_a_row = 0;
  auto run = [&](const v1::Command& c, const v1::Actor& actor) {
    ctx.actor = actor;
    ++ctx.now_ms;
    // A table without an id is a newcomer let in by a Hello with the join code.
    ctx.via_join_code = actor.kind() == v1::ACTOR_KIND_TABLE && actor.table_id() == 0;
    auto decision = workshop::Decide(state, c, ctx);
    if (!decision) {
      // Some votes go over a cap or the budget; a run of nothing but refusals is a set-up the
      // rules no longer take, and would loop for ever.
      if (++refused_in_a_row > 10'000) {
        std::fprintf(stderr, "BuildLongWorkshop: %s refused 10,000 times in a row: %s\n",
                     c.ShortDebugString().c_str(), decision.error().ShortDebugString().c_str());
        std::abort();
      }
      return;
    }
    refused_in_a_row = 0;
    v1::Event& event = *decision;
    storage::SealedEvent sealed = storage::Seal(event);
    (void)workshop::Apply(state, event);
    while (state.seq - durable.load() > 30'000) std::this_thread::yield();
    (*log)->Append(std::move(sealed), [&](const storage::Result<void>& r) {
      if (!r) std::abort();
      durable.fetch_add(1);
    });
    if (state.seq % 10'000 == 0) {
      while (durable.load() < state.seq) std::this_thread::yield();
      (void)SaveSnapshot(**log, state);
    }
  };
  v1::Command create;
  create.mutable_create_workshop()->mutable_config()->set_question("Une très longue séance");
  create.mutable_create_workshop()->mutable_config()->set_template_(v1::TEMPLATE_IDEATION);
  run(create, MakeActor(v1::ACTOR_KIND_ANIMATEUR));
  for (int t = 0; t < 100; ++t) {
    v1::Command join;
    join.mutable_join_table();
    run(join, MakeActor(v1::ACTOR_KIND_TABLE));
  }
  v1::Command phase;
  phase.mutable_set_phase()->set_phase(v1::PHASE_DIVERGENCE);
  run(phase, MakeActor(v1::ACTOR_KIND_ANIMATEUR));
  for (int i = 0; i < 300; ++i) {
    v1::Command post;
    post.mutable_post_idea()->set_text("Ouvrir la salle municipale aux associations, proposition " +
                                       std::to_string(i));
    run(post, MakeActor(v1::ACTOR_KIND_TABLE, 1 + i % 100));
  }
  phase.mutable_set_phase()->set_phase(v1::PHASE_CONVERGENCE);
  run(phase, MakeActor(v1::ACTOR_KIND_ANIMATEUR));
  uint64_t n = 0;
  while (state.seq < events) {
    v1::Command vote;
    vote.set_command_id("v" + std::to_string(n++));
    v1::TargetPoints* tp = vote.mutable_set_points()->add_points();
    tp->set_target_id(1 + rng() % 300);
    tp->set_points(rng() % 4);
    run(vote, MakeActor(v1::ACTOR_KIND_TABLE, 1 + rng() % 100));
  }
  while (durable.load() < state.seq) std::this_thread::yield();
}


}  // namespace atelier::engine
