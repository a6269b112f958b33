// Helpers shared by the decide_*.cc files: building rejections and the common checks.
// Internal to the workshop library.
#ifndef ATELIER_SERVER_WORKSHOP_DECIDE_SUPPORT_H_
#define ATELIER_SERVER_WORKSHOP_DECIDE_SUPPORT_H_

#include <expected>
#include <initializer_list>
#include <string>

#include "server/workshop/decide.h"

namespace atelier::workshop::internal {

// What a decide function returns: the event's payload set on `event`, or a rejection.
using Outcome = std::expected<void, v1::Rejection>;

v1::Rejection MakeRejection(v1::RejectionReason reason, std::string message);

inline std::unexpected<v1::Rejection> Reject(v1::RejectionReason reason, std::string message) {
  return std::unexpected(MakeRejection(reason, std::move(message)));
}

// WRONG_PHASE with the current phase and the phases that would allow the command.
Outcome RequirePhase(const WorkshopState& state, std::initializer_list<v1::Phase> allowed);

// FORBIDDEN_ROLE naming the role the command needs.
std::unexpected<v1::Rejection> ForbiddenRole(v1::ActorKind required, std::string message);

Outcome RequireAnimateur(const CommandContext& context);

// The acting table: a TABLE actor whose table has joined. FORBIDDEN_ROLE or UNKNOWN_TABLE.
std::expected<const Table*, v1::Rejection> RequireTable(const WorkshopState& state,
                                                        const CommandContext& context);

// Validates an idea's text (trimmed) against a length in characters. IDEA_EMPTY, IDEA_TOO_LONG.
std::expected<std::string, v1::Rejection> ValidIdeaText(uint32_t max_length,
                                                        const std::string& text);

// Every table's points on a target, as the PointsReleased entries that would hand them back.
void ReleaseAllPoints(const WorkshopState& state, TargetId target,
                      google::protobuf::RepeatedPtrField<v1::PointsReleased>& released);

// TARGET_IN_BALLOT when a choice, ranking or bucket of any voter names one of the targets: those
// ballots name targets as they were, so the targets cannot be merged, split or deleted.
Outcome RequireNotInChoice(const WorkshopState& state, const std::vector<TargetId>& targets);

// Validates a cluster title (trimmed). TITLE_REQUIRED, INVALID_COMMAND when too long.
std::expected<std::string, v1::Rejection> ValidTitle(const std::string& title);

Outcome DecidePostIdea(const WorkshopState& s, const v1::PostIdea& c, const CommandContext& ctx,
                       v1::Event& e);
Outcome DecideEditIdea(const WorkshopState& s, const v1::EditIdea& c, const CommandContext& ctx,
                       v1::Event& e);
Outcome DecideDeleteIdea(const WorkshopState& s, const v1::DeleteIdea& c, const CommandContext& ctx,
                         v1::Event& e);
Outcome DecideMergeIdeas(const WorkshopState& s, const v1::MergeIdeas& c, const CommandContext& ctx,
                         v1::Event& e);
Outcome DecideRenameCluster(const WorkshopState& s, const v1::RenameCluster& c,
                            const CommandContext& ctx, v1::Event& e);
Outcome DecideSplitCluster(const WorkshopState& s, const v1::SplitCluster& c,
                           const CommandContext& ctx, v1::Event& e);
Outcome DecideSetPoints(const WorkshopState& s, const v1::SetPoints& c, const CommandContext& ctx,
                        v1::Event& e);
Outcome DecideSetChoice(const WorkshopState& s, const v1::SetChoice& c, const CommandContext& ctx,
                        v1::Event& e);
Outcome DecideSetBuckets(const WorkshopState& s, const v1::SetBuckets& c,
                         const CommandContext& ctx, v1::Event& e);
Outcome DecideScore(const WorkshopState& s, const v1::Score& c, const CommandContext& ctx,
                    v1::Event& e);

}  // namespace atelier::workshop::internal

#endif  // ATELIER_SERVER_WORKSHOP_DECIDE_SUPPORT_H_
