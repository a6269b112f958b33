#include "server/workshop/carry_over.h"

#include <string>
#include <string_view>

#include "server/workshop/config.h"
#include "server/workshop/results.h"

namespace atelier::workshop {

std::vector<v1::IdeaSeed> TopIdeas(const WorkshopState& source, size_t count) {
  std::vector<v1::IdeaSeed> seeds;
  const v1::Results results = ComputeResults(source);
  for (const v1::TargetResult& target : results.points()) {
    if (seeds.size() == count || target.points() == 0) break;
    v1::IdeaSeed& seed = seeds.emplace_back();
    seed.set_text(target.text());
    seed.mutable_origin()->set_workshop_id(source.workshop_id);
    seed.mutable_origin()->set_target_id(target.target_id());
    seed.mutable_origin()->set_points(target.points());
  }
  return seeds;
}

namespace {

// `text` cut to at most `max` characters, after a whole word, with "…" when it was cut.
std::string CutAtWord(std::string_view text, size_t max) {
  if (CountCharacters(text) <= max) return std::string(text);
  size_t end = 0;  // the byte after the (max - 1)th character
  for (size_t chars = 0; end < text.size() && chars < max - 1; ++chars) {
    do ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);
  }
  std::string_view head = text.substr(0, end);
  if (end < text.size() && text[end] != ' ') {
    size_t space = head.rfind(' ');
    if (space != std::string_view::npos && space > 0) head = head.substr(0, space);
  }
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  return std::string(head) + "…";
}

}  // namespace

std::vector<v1::Criterion> CriteriaFrom(const std::vector<v1::IdeaSeed>& seeds) {
  std::vector<v1::Criterion> criteria;
  for (const v1::IdeaSeed& seed : seeds) {
    v1::Criterion& criterion = criteria.emplace_back();
    criterion.set_name(CutAtWord(seed.text(), kMaxTitleLength));
    criterion.set_direction(v1::DIRECTION_HIGHER_IS_BETTER);
    *criterion.mutable_origin() = seed.origin();
  }
  return criteria;
}

}  // namespace atelier::workshop
