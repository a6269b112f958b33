#include "report/raw_data.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "report/text_format.h"
#include "server/workshop/config.h"
#include "server/workshop/facets.h"
#include "server/workshop/profiles.h"

namespace atelier::report {
namespace {

std::string TableName(const workshop::WorkshopState& state, uint32_t table_id) {
  auto it = state.tables.find(table_id);
  return it == state.tables.end() ? std::string() : it->second.name;
}

// A profile's name; "" for none.
std::string ProfileName(const workshop::WorkshopState& state, workshop::ProfileId id) {
  const v1::Profile* profile = workshop::FindProfile(state.config, id);
  return profile == nullptr ? std::string() : profile->name();
}

std::string TableProfile(const workshop::WorkshopState& state, uint32_t table_id) {
  auto it = state.tables.find(table_id);
  return it == state.tables.end() ? std::string() : ProfileName(state, it->second.profile_id);
}

std::string FacetName(const v1::Step* step, v1::FacetKind kind, uint32_t id) {
  const v1::Facet* facet = step == nullptr ? nullptr : workshop::FindFacet(*step, kind, id);
  return facet == nullptr ? std::string() : facet->name();
}

void AddPhases(const WorkshopRecord& record, v1::RawData& data) {
  for (const PhaseSpan& span : record.phases) {
    v1::RawPhase& phase = *data.add_phases();
    phase.set_phase(span.phase);
    phase.set_step_id(span.step_id);
    if (const v1::Step* step = workshop::FindStep(record.state.config, span.step_id)) {
      phase.set_title(step->title());
      phase.set_planned_seconds(step->planned_ms() / 1000);
    }
    phase.set_began_ms(span.began_ms);
    phase.set_began(IsoUtc(span.began_ms));
    if (span.ended_ms != 0) {
      phase.set_ended_ms(span.ended_ms);
      phase.set_ended(IsoUtc(span.ended_ms));
      phase.set_duration_seconds((span.ended_ms - span.began_ms) / 1000);
    }
  }
}

void AddIdeas(const workshop::WorkshopState& state, v1::RawData& data) {
  for (const auto& [id, idea] : state.ideas) {
    v1::RawIdea& raw = *data.add_ideas();
    raw.set_idea_id(id);
    raw.set_text(idea.text);
    raw.set_author_table(idea.table_id);
    raw.set_author_table_name(TableName(state, idea.table_id));
    raw.set_cluster_id(idea.cluster_id);
    if (auto cluster = state.clusters.find(idea.cluster_id); cluster != state.clusters.end()) {
      raw.set_cluster_title(cluster->second.title);
    }
    if (idea.origin) *raw.mutable_origin() = *idea.origin;
    raw.set_step(idea.step_id);
    const v1::Step* step = workshop::FindStep(state.config, idea.step_id);
    if (step != nullptr) raw.set_step_title(step->title());
    raw.set_author_profile(TableProfile(state, idea.table_id));
    raw.set_category(FacetName(step, v1::FACET_KIND_CATEGORY, idea.category_id));
    raw.set_stage(FacetName(step, v1::FACET_KIND_STAGE, idea.stage_id));
    raw.set_lane(FacetName(step, v1::FACET_KIND_LANE, idea.lane_id));
  }
  for (const auto& [id, cluster] : state.clusters) {
    v1::RawCluster& raw = *data.add_clusters();
    raw.set_cluster_id(id);
    raw.set_title(cluster.title);
    raw.mutable_idea_ids()->Add(cluster.idea_ids.begin(), cluster.idea_ids.end());
  }
}

void AddPoints(const workshop::WorkshopState& state, v1::RawData& data) {
  for (const auto& [key, ballot] : state.ballots) {
    const v1::Ballot kind = workshop::BallotOf(state.config, key.step_id);
    const v1::Step* step = workshop::FindStep(state.config, key.step_id);
    auto row = [&](workshop::TargetId target_id) -> v1::RawPoints& {
      v1::RawPoints& raw = *data.add_points();
      raw.set_table(key.table_id);
      if (auto table = state.tables.find(key.table_id); table != state.tables.end()) {
        raw.set_table_name(table->second.name);
      }
      raw.set_seat(key.seat_id);
      raw.set_step(key.step_id);
      if (step != nullptr) raw.set_step_title(step->title());
      raw.set_profile(ProfileName(state, workshop::ProfileOfVoter(state, key)));
      raw.set_target_id(target_id);
      if (auto cluster = state.clusters.find(target_id); cluster != state.clusters.end()) {
        raw.set_target_is_cluster(true);
        raw.set_target_text(cluster->second.title);
      } else if (auto idea = state.ideas.find(target_id); idea != state.ideas.end()) {
        raw.set_target_text(idea->second.text);
      }
      return raw;
    };
    uint32_t rank = 0;
    workshop::ForEachContribution(kind, ballot, [&](workshop::TargetId target, uint32_t points) {
      v1::RawPoints& raw = row(target);
      raw.set_points(points);
      if (kind.kind() == v1::BALLOT_KIND_RANKING) raw.set_rank(++rank);
      if (kind.kind() == v1::BALLOT_KIND_BUCKETS) raw.set_bucket(ballot.buckets.at(target));
    });
  }
}

void AddScores(const workshop::WorkshopState& state, v1::RawData& data) {
  std::map<uint32_t, std::string> criteria;
  for (const v1::Criterion& c : state.config.criteria()) criteria[c.id()] = c.name();
  struct Row {
    uint32_t table, seat;
    workshop::ScoreKey key;
    int32_t value;
    workshop::ProfileId profile;
  };
  std::vector<Row> rows;
  rows.reserve(state.scores.size());
  for (const auto& [key, value] : state.scores) {
    auto seat = state.seats.find(key.seat_id);
    if (seat == state.seats.end()) continue;
    rows.push_back({seat->second.table_id, seat->second.seat_number, key, value,
                    workshop::ProfileOfSeat(state, seat->second)});
  }
  std::ranges::sort(rows, [](const Row& a, const Row& b) {
    return std::tie(a.table, a.seat, a.key) < std::tie(b.table, b.seat, b.key);
  });
  for (const Row& row : rows) {
    v1::RawScore& raw = *data.add_scores();
    raw.set_table(row.table);
    raw.set_seat(row.seat);
    raw.set_idea_id(row.key.idea_id);
    if (auto idea = state.ideas.find(row.key.idea_id); idea != state.ideas.end()) {
      raw.set_idea_text(idea->second.text);
    }
    raw.set_criterion_id(row.key.criterion_id);
    raw.set_criterion_name(criteria[row.key.criterion_id]);
    raw.set_value(row.value);
    raw.set_profile(ProfileName(state, row.profile));
  }
}

}  // namespace

v1::RawData MakeRawData(const WorkshopRecord& record) {
  const workshop::WorkshopState& state = record.state;
  v1::RawData data;
  data.set_workshop_id(state.workshop_id);
  data.set_head_seq(state.seq);
  data.set_head_hash(HexDigits(state.last_hash));
  data.set_question(state.config.question());
  data.set_template_(state.config.template_());
  *data.mutable_config() = state.config;
  AddPhases(record, data);
  for (const auto& [id, table] : state.tables) {
    v1::RawTable& raw = *data.add_tables();
    raw.set_table(id);
    raw.set_name(table.name);
    raw.set_profile(ProfileName(state, table.profile_id));
  }
  std::vector<std::tuple<uint32_t, uint32_t, workshop::ProfileId>> seats;  // (table, place, ...)
  for (const auto& [id, seat] : state.seats) {
    seats.emplace_back(seat.table_id, seat.seat_number, workshop::ProfileOfSeat(state, seat));
  }
  std::ranges::sort(seats);
  for (const auto& [table, place, profile] : seats) {
    v1::RawSeat& raw = *data.add_seats();
    raw.set_table(table);
    raw.set_seat(place);
    raw.set_profile(ProfileName(state, profile));
  }
  AddIdeas(state, data);
  AddPoints(state, data);
  AddScores(state, data);
  return data;
}

std::string RawDataJson(const v1::RawData& data) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(data, &json, options).ok()) {
    throw std::logic_error("RawData cannot be printed as JSON");  // a bug: it holds no Any
  }
  return json;
}

}  // namespace atelier::report
