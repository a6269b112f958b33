// create_request_fuzzer: the body of POST /api/workshops, as anyone who can reach the server may
// send it.
//
// bytes -> http::ParseCreateRequest -> when it parses: workshop::NormalizeConfig, then
// Decide(CreateWorkshop) as the animateur on an empty state, through the server's pipeline
// (one_command.h). Checked:
// - a refused body gets a 4xx problem with a code and a message;
// - a parsed request prints as JSON (http::ToJson) that parses back to the same request;
// - a normalized config normalizes to itself;
// - a creation is accepted only when its config normalizes, and then folds (Apply) into a
//   workshop whose config is the normalized one, with all its seed ideas, where the rules hold
//   (workshop_invariants.h); a refusal names its reason;
// - the new workshop then runs through its configured phases with a table and a seat (as the
//   first profile, when it has profiles): the table posts an idea (in the first value of each
//   facet its step lists), spends its budget up to the cap on the animateur's idea, the seat
//   scores the first ideas at both ends of every criterion's range, the results are computed,
//   and the rules hold after each step.
#include <google/protobuf/util/message_differencer.h>

#include <string>
#include <string_view>

#include "server/http/api.h"
#include "server/workshop/config.h"
#include "server/workshop/results.h"
#include "server/workshop/actor.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_targets.h"
#include "tests/fuzz/one_command.h"
#include "tests/workshop/workshop_invariants.h"

namespace atelier::fuzz {

using workshop::testing::CheckInvariants;
namespace {

namespace v1 = ::atelier::v1;
using google::protobuf::util::MessageDifferencer;
using workshop::WorkshopState;

using workshop::MakeActor;

// Runs one command; returns a failure message, or empty. `accepted` tells whether it was.
std::string Run(WorkshopState& state, v1::Command command, const v1::Actor& actor, int& counter,
                bool* accepted = nullptr) {
  command.set_command_id("c" + std::to_string(++counter));
  workshop::CommandContext context;
  context.actor = actor;
  context.now_ms = 1'700'000'000'000 + counter * 1000;
  context.workshop_id = "w-fuzz";
  context.access.set_join_code("123456");
  context.access.set_observer_code("obs");
  context.new_token_sha256 = std::string(32, 't');
  context.via_join_code = command.has_join_table();  // as a tablet's Hello with the code
  CommandOutcome outcome = RunOneCommand(state, command, context);
  if (accepted) *accepted = outcome.kind == CommandOutcome::Kind::kAccepted;
  if (outcome.kind == CommandOutcome::Kind::kFailed) {
    return command.ShortDebugString() + ": the decided event does not fold: " + outcome.error;
  }
  if (outcome.kind == CommandOutcome::Kind::kRejected &&
      outcome.rejection.reason() == v1::REJECTION_REASON_UNSPECIFIED) {
    return command.ShortDebugString() + ": rejected without a reason";
  }
  if (outcome.kind != CommandOutcome::Kind::kAccepted) return {};
  if (std::string broken = CheckInvariants(state); !broken.empty()) {
    return "after " + command.ShortDebugString() + ": " + broken;
  }
  return {};
}

// The created workshop through its phases with one table and one seat.
std::string Exercise(WorkshopState& state, int& counter) {
  const v1::Actor animateur = MakeActor(v1::ACTOR_KIND_ANIMATEUR);
  const uint32_t profile = state.config.profiles().empty() ? 0 : state.config.profiles(0).id();
  v1::Command join;
  join.mutable_join_table()->set_profile_id(profile);
  bool joined = false;
  if (auto failed = Run(state, join, MakeActor(v1::ACTOR_KIND_TABLE), counter, &joined);
      !failed.empty() || !joined) {
    return failed.empty() ? "the first table could not join" : failed;
  }
  const v1::Actor table = MakeActor(v1::ACTOR_KIND_TABLE, 1);
  v1::Command seat;
  seat.mutable_join_seat()->set_table_id(1);
  seat.mutable_join_seat()->set_seat_number(1);
  seat.mutable_join_seat()->set_profile_id(profile);
  if (auto failed = Run(state, seat, table, counter); !failed.empty()) return failed;
  const v1::Actor seat_actor = MakeActor(v1::ACTOR_KIND_SEAT, 1, 1);

  const auto agenda = state.config.agenda();
  for (int p = 1; p < agenda.size(); ++p) {
    v1::Command phase;
    phase.mutable_set_phase()->set_phase(agenda[p].kind());
    phase.mutable_set_phase()->set_step_id(agenda[p].id());
    if (auto failed = Run(state, phase, animateur, counter); !failed.empty()) return failed;
    v1::Command post;
    post.mutable_post_idea()->set_text("Une idée de la table 1");
    const v1::Step& step = agenda[p];
    v1::PostIdea& idea = *post.mutable_post_idea();
    if (!step.categories().empty()) idea.set_category_id(step.categories(0).id());
    if (!step.stages().empty()) idea.set_stage_id(step.stages(0).id());
    if (!step.lanes().empty()) idea.set_lane_id(step.lanes(0).id());
    if (auto failed = Run(state, post, table, counter); !failed.empty()) return failed;
    post.mutable_post_idea()->set_text("Une idée de l'animateur");
    if (auto failed = Run(state, post, animateur, counter); !failed.empty()) return failed;
    for (const auto& [id, idea] : state.ideas) {
      if (idea.table_id != 0 || idea.cluster_id != 0) continue;
      v1::Command vote;
      v1::TargetPoints* points = vote.mutable_set_points()->add_points();
      points->set_target_id(id);
      points->set_points(state.config.cap_per_target());
      if (auto failed = Run(state, vote, table, counter); !failed.empty()) return failed;
      break;
    }
    int scored_ideas = 0;
    for (const auto& [id, idea] : state.ideas) {
      if (++scored_ideas > 3) break;
      for (const v1::Criterion& criterion : state.config.criteria()) {
        for (int32_t value : {criterion.min_value(), criterion.max_value()}) {
          v1::Command score;
          score.mutable_score()->set_idea_id(id);
          score.mutable_score()->set_criterion_id(criterion.id());
          score.mutable_score()->set_value(value);
          if (auto failed = Run(state, score, seat_actor, counter); !failed.empty()) return failed;
        }
      }
    }
    (void)workshop::ComputeResults(state);
  }
  return {};
}

}  // namespace

std::string CheckCreateRequest(std::string_view input) {
  auto request = http::ParseCreateRequest(input);
  if (!request) {
    const http::ApiProblem& problem = request.error();
    if (problem.status < 400 || problem.status > 499 || problem.code.empty() ||
        problem.message.empty()) {
      return "a refused body without a 4xx problem: " + std::to_string(problem.status) + " " +
             problem.code + " " + problem.message;
    }
    return {};
  }
  const std::string json = http::ToJson(*request);
  if (json.size() <= http::kMaxBodyBytes) {
    auto again = http::ParseCreateRequest(json);
    if (!again) return "its own JSON does not parse back: " + again.error().message + ": " + json;
    if (!MessageDifferencer::Equals(*request, *again)) {
      return "its own JSON parses to another request: " + json;
    }
  }

  const v1::WorkshopConfig& config = request->workshop().config();
  auto normalized = workshop::NormalizeConfig(config);
  if (normalized) {
    auto twice = workshop::NormalizeConfig(*normalized);
    if (!twice) return "a normalized config is refused: " + twice.error().message();
    if (!MessageDifferencer::Equals(*normalized, *twice)) {
      return "normalizing twice changes the config: " + normalized->ShortDebugString() + " then " +
             twice->ShortDebugString();
    }
  }

  WorkshopState state;
  int counter = 0;
  v1::Command create;
  *create.mutable_create_workshop() = request->workshop();
  bool created = false;
  if (auto failed = Run(state, create, MakeActor(v1::ACTOR_KIND_ANIMATEUR), counter, &created);
      !failed.empty()) {
    return "creating: " + failed;
  }
  if (!created) return {};
  if (!normalized) return "created although its config does not normalize";
  if (!MessageDifferencer::Equals(state.config, *normalized)) {
    return "the created workshop's config is not the normalized one";
  }
  if (state.ideas.size() != static_cast<size_t>(request->workshop().ideas_size())) {
    return "the created workshop lost seed ideas";
  }
  return Exercise(state, counter);
}

}  // namespace atelier::fuzz

#ifdef ATELIER_FUZZ_ENTRY
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return atelier::fuzz::RunOrAbort(atelier::fuzz::CheckCreateRequest, data, size);
}
#endif
