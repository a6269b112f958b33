#include "server/room/merge_hints.h"

#include <string_view>

namespace atelier::room {

namespace v1 = atelier::v1;

void MergeHints::Reset(const workshop::WorkshopState& state) {
  index_ = workshop::DuplicateIndex();
  pending_.clear();
  for (const auto& [id, idea] : state.ideas) pending_.push_back(id);
}

void MergeHints::IndexPending(const workshop::WorkshopState& state) {
  for (uint32_t id : pending_) {
    // Deleted since: nothing to index. Edited: its current text.
    if (auto it = state.ideas.find(id); it != state.ideas.end()) index_.Add(id, it->second.text);
  }
  pending_.clear();
}

std::optional<v1::ServerMessage> MergeHints::OnEvent(const workshop::WorkshopState& state,
                                                     const v1::Event& event, bool suggest) {
  switch (event.payload_case()) {
    case v1::Event::kIdeaPosted:
      break;
    case v1::Event::kIdeaEdited:
      pending_.push_back(event.idea_edited().idea_id());
      return std::nullopt;
    case v1::Event::kIdeaDeleted:
      index_.Remove(event.idea_deleted().idea_id());
      return std::nullopt;
    case v1::Event::kWorkshopCreated:
      for (const auto& idea : event.workshop_created().ideas()) pending_.push_back(idea.idea_id());
      return std::nullopt;
    default:
      return std::nullopt;
  }
  const v1::PostedIdea& idea = event.idea_posted().idea();
  if (!suggest) {
    pending_.push_back(idea.idea_id());
    return std::nullopt;
  }
  IndexPending(state);
  v1::ServerMessage hints;
  hints.mutable_hints()->set_idea_id(idea.idea_id());
  for (const auto& match :
       index_.Similar(idea.text(), options_.per_idea, options_.threshold, idea.idea_id())) {
    v1::SimilarIdea& similar = *hints.mutable_hints()->add_similar();
    similar.set_target_id(match.idea_id);
    similar.set_text(state.ideas.at(match.idea_id).text);
    similar.set_similarity(match.similarity);
  }
  index_.Add(idea.idea_id(), idea.text());
  if (hints.hints().similar().empty()) return std::nullopt;
  return hints;
}

v1::ServerMessage MergeHints::Draft(const workshop::WorkshopState& state,
                                    const v1::DraftHintsRequest& request) {
  IndexPending(state);
  std::string_view text = request.text();
  if (text.size() > options_.max_draft_bytes) text = text.substr(0, options_.max_draft_bytes);
  v1::ServerMessage answer;
  answer.mutable_hints()->set_request_id(request.request_id().substr(0, 64));
  for (const auto& match : index_.Similar(text, options_.per_draft, options_.threshold)) {
    v1::SimilarIdea& similar = *answer.mutable_hints()->add_similar();
    similar.set_target_id(workshop::VoteTarget(state, match.idea_id));
    similar.set_text(state.ideas.at(match.idea_id).text);
    similar.set_similarity(match.similarity);
  }
  return answer;
}

}  // namespace atelier::room
