// Participant profiles (role cards, 000:1091): the configuration's list, and the profile a table
// or a seat joins as, kept in the state, its snapshots and its replays.
#include "server/workshop/profiles.h"

#include <gtest/gtest.h>

#include "server/workshop/config.h"
#include "server/workshop/state_codec.h"
#include "tests/workshop/test_support.h"

namespace atelier::workshop::testing {
namespace {

v1::WorkshopConfig WithProfiles(v1::WorkshopConfig config,
                                std::initializer_list<const char*> names) {
  for (const char* name : names) config.add_profiles()->set_name(name);
  return config;
}

v1::WorkshopConfig RoleCardProfiles() {
  return WithProfiles(IdeationConfig(), {"Usager", "Agent", "Manager", "Élu"});
}

v1::Command JoinTableCmd(ProfileId profile) {
  v1::Command c;
  c.mutable_join_table()->set_profile_id(profile);
  return c;
}

v1::Command JoinSeatCmd(TableId table, uint32_t number, ProfileId profile) {
  v1::Command c;
  c.mutable_join_seat()->set_table_id(table);
  c.mutable_join_seat()->set_seat_number(number);
  c.mutable_join_seat()->set_profile_id(profile);
  return c;
}

std::string ProfileConfigError(const v1::WorkshopConfig& config) {
  auto normalized = NormalizeConfig(config);
  if (normalized) return "accepted";
  EXPECT_EQ(normalized.error().reason(), v1::REJECTION_REASON_INVALID_CONFIG);
  return normalized.error().message();
}

TEST(Profiles, GetIdsInOrderFromOneAndTrimmedTexts) {
  v1::WorkshopConfig input = RoleCardProfiles();
  input.mutable_profiles(0)->set_name("  Usager ");
  input.mutable_profiles(0)->set_description("  Vous utilisez le service\n");
  input.mutable_profiles(2)->set_id(1);  // an id given is kept; the others take the free ones
  auto config = NormalizeConfig(input);
  ASSERT_TRUE(config) << config.error().message();
  ASSERT_EQ(config->profiles_size(), 4);
  EXPECT_EQ(config->profiles(0).name(), "Usager");
  EXPECT_EQ(config->profiles(0).description(), "Vous utilisez le service");
  EXPECT_EQ(config->profiles(0).id(), 2u);
  EXPECT_EQ(config->profiles(1).id(), 3u);
  EXPECT_EQ(config->profiles(2).id(), 1u);
  EXPECT_EQ(config->profiles(3).id(), 4u);
  EXPECT_EQ(config->profiles(3).name(), "Élu");
  EXPECT_EQ(NormalizeConfig(IdeationConfig())->profiles_size(), 0);  // none unless asked
}

TEST(Profiles, LimitsAreRefusedWithTheRule) {
  v1::WorkshopConfig many = IdeationConfig();
  for (int i = 0; i <= static_cast<int>(kMaxProfiles); ++i) {
    many.add_profiles()->set_name("Profil " + std::to_string(i));
  }
  EXPECT_EQ(ProfileConfigError(many), "profiles: at most 12");
  many.mutable_profiles()->RemoveLast();
  EXPECT_EQ(ProfileConfigError(many), "accepted");

  EXPECT_EQ(ProfileConfigError(WithProfiles(IdeationConfig(), {"Usager", "  "})),
            "profiles: every profile needs a name");
  EXPECT_EQ(ProfileConfigError(WithProfiles(IdeationConfig(), {"Usager", "usager "})),
            "profiles: 'usager' appears twice");
  EXPECT_EQ(ProfileConfigError(WithProfiles(IdeationConfig(), {std::string(61, 'x').c_str()})),
            "profiles: a name is at most 60 characters");
  EXPECT_EQ(ProfileConfigError(WithProfiles(IdeationConfig(), {std::string(60, 'x').c_str()})),
            "accepted");
  v1::WorkshopConfig long_description = RoleCardProfiles();
  long_description.mutable_profiles(1)->set_description(std::string(301, 'd'));
  EXPECT_EQ(ProfileConfigError(long_description), "profiles: a description is at most 300 characters");
  v1::WorkshopConfig twice = RoleCardProfiles();
  twice.mutable_profiles(0)->set_id(3);
  twice.mutable_profiles(1)->set_id(3);
  EXPECT_EQ(ProfileConfigError(twice), "profiles: id 3 appears twice");
}

TEST(Profiles, ATableAndASeatJoinAsAProfile) {
  v1::WorkshopConfig config = WithProfiles(EvaluationConfig(), {"Usager", "Agent"});
  Harness h(config, {"Un guichet unique"});
  v1::Event joined = h.Accept(JoinTableCmd(2), TableActor(0));
  EXPECT_EQ(joined.table_joined().profile_id(), 2u);
  const TableId table = joined.table_joined().table_id();
  EXPECT_EQ(h.state().tables.at(table).profile_id, 2u);
  // A participant at that table speaks for themself: their own card.
  v1::Event seat = h.Accept(JoinSeatCmd(table, 1, 1), TableActor(table));
  EXPECT_EQ(seat.seat_joined().profile_id(), 1u);
  EXPECT_EQ(h.state().seats.at(seat.seat_joined().seat_id()).profile_id, 1u);
  // A phone with the code, too.
  v1::Event phone = h.Accept(JoinSeatCmd(table, 2, 2), SeatActor(0, table));
  EXPECT_EQ(phone.seat_joined().profile_id(), 2u);
  EXPECT_TRUE(SameState(Replay(h.log()), h.state()));
}

TEST(Profiles, JoiningWithoutOneIsRefusedWhenTheWorkshopHasProfiles) {
  Harness h(WithProfiles(EvaluationConfig(), {"Usager", "Agent"}));
  auto table = h.Run(JoinTableCmd(0), TableActor(0));
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().reason(), v1::REJECTION_REASON_PROFILE_REQUIRED);
  EXPECT_NE(table.error().message().find("choose one"), std::string::npos);
  const TableId t = h.JoinTable(1);
  EXPECT_EQ(h.Reason(JoinSeatCmd(t, 1, 0), TableActor(t)), v1::REJECTION_REASON_PROFILE_REQUIRED);
  EXPECT_EQ(h.Reason(JoinSeatCmd(t, 1, 0), SeatActor(0, t)), v1::REJECTION_REASON_PROFILE_REQUIRED);
  EXPECT_TRUE(h.state().seats.empty());
  EXPECT_EQ(h.state().tables.size(), 1u);
}

TEST(Profiles, AnUnknownProfileIsRefusedWithItsId) {
  Harness h(RoleCardProfiles());
  auto table = h.Run(JoinTableCmd(5), TableActor(0));
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().reason(), v1::REJECTION_REASON_UNKNOWN_PROFILE);
  EXPECT_EQ(table.error().profile_id(), 5u);
  EXPECT_TRUE(h.state().tables.empty());
}

TEST(Profiles, WithoutProfilesNoneMayBeChosen) {
  Harness h(EvaluationConfig());
  auto table = h.Run(JoinTableCmd(1), TableActor(0));
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().reason(), v1::REJECTION_REASON_UNKNOWN_PROFILE);
  EXPECT_NE(table.error().message().find("no profiles"), std::string::npos);
  const TableId t = h.JoinTable();
  EXPECT_EQ(h.state().tables.at(t).profile_id, 0u);
  EXPECT_EQ(h.Reason(JoinSeatCmd(t, 1, 1), TableActor(t)), v1::REJECTION_REASON_UNKNOWN_PROFILE);
  EXPECT_EQ(h.state().seats.at(h.JoinSeat(t, 1)).profile_id, 0u);
}

TEST(Profiles, ATableTakenIsSaidBeforeTheProfile) {
  // A tablet asking again for its table hears that it is taken, whatever profile it sends.
  Harness h(RoleCardProfiles());
  v1::Command first = JoinTableCmd(1);
  first.mutable_join_table()->set_table_id(4);
  h.Accept(first, TableActor(0));
  v1::Command again = JoinTableCmd(0);
  again.mutable_join_table()->set_table_id(4);
  EXPECT_EQ(h.Reason(again, TableActor(0)), v1::REJECTION_REASON_TABLE_TAKEN);
}

TEST(Profiles, ANewConfigurationKeepsTheProfilesInUse) {
  Harness h(RoleCardProfiles());
  h.JoinTable(2);
  v1::WorkshopConfig renamed = RoleCardProfiles();
  for (int i = 0; i < renamed.profiles_size(); ++i) renamed.mutable_profiles(i)->set_id(i + 1);
  renamed.mutable_profiles(1)->set_name("Agent d'accueil");
  renamed.mutable_profiles()->DeleteSubrange(2, 2);  // manager and élu: nobody chose them
  v1::Command configure;
  *configure.mutable_configure_workshop()->mutable_config() = renamed;
  h.Accept(configure, Animateur());
  EXPECT_EQ(h.state().config.profiles(1).name(), "Agent d'accueil");

  v1::WorkshopConfig without_agent = renamed;
  without_agent.mutable_profiles()->DeleteSubrange(1, 1);
  *configure.mutable_configure_workshop()->mutable_config() = without_agent;
  auto refused = h.Run(configure, Animateur());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason(), v1::REJECTION_REASON_INVALID_CONFIG);
  EXPECT_EQ(refused.error().message(), "profiles: table 1 has joined as profile 2: keep it");
  *configure.mutable_configure_workshop()->mutable_config() = IdeationConfig();  // no profiles
  EXPECT_EQ(h.Reason(configure, Animateur()), v1::REJECTION_REASON_INVALID_CONFIG);
}

TEST(Profiles, ProfilesAddedLaterLeaveEarlierTablesWithout) {
  Harness h(IdeationConfig());
  const TableId before = h.JoinTable();
  v1::Command configure;
  *configure.mutable_configure_workshop()->mutable_config() = RoleCardProfiles();
  h.Accept(configure, Animateur());
  EXPECT_EQ(h.state().tables.at(before).profile_id, 0u);
  EXPECT_EQ(h.Reason(JoinTableCmd(0), TableActor(0)), v1::REJECTION_REASON_PROFILE_REQUIRED);
  EXPECT_EQ(h.state().tables.at(h.JoinTable(4)).profile_id, 4u);
}

TEST(Profiles, ASnapshotKeepsThemAndRefusesAnUnknownOne) {
  Harness h(WithProfiles(EvaluationConfig(), {"Usager", "Agent"}));
  const TableId t = h.JoinTable(1);
  h.JoinSeat(t, 1, 2);
  auto back = FromProto(ToProto(h.state()));
  ASSERT_TRUE(back) << back.error();
  EXPECT_TRUE(SameState(*back, h.state()));
  EXPECT_EQ(ToProto(h.state()).tables(0).profile_id(), 1u);
  EXPECT_EQ(ToProto(h.state()).seats(0).profile_id(), 2u);

  v1::WorkshopState table = ToProto(h.state());
  table.mutable_tables(0)->set_profile_id(3);
  auto refused = FromProto(table);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("unknown profile"), std::string::npos) << refused.error();
  v1::WorkshopState seat = ToProto(h.state());
  seat.mutable_seats(0)->set_profile_id(9);
  EXPECT_FALSE(FromProto(seat));
}

// A log written before profiles (no profile anywhere) folds to a state without any, and its
// results have no per-profile part: the same results as before.
TEST(Profiles, ALogWithoutProfilesReplaysWithoutThem) {
  Harness h(EvaluationConfig(), {"Un guichet unique", "Des horaires élargis"});
  const TableId t = h.JoinTable();
  const SeatId seat = h.JoinSeat(t, 1);
  h.MoveTo(v1::PHASE_SCORING);
  h.Accept(ScoreCmd(seat, 1, 1, 7), TableActor(t));
  for (const v1::Event& e : h.log()) {
    EXPECT_EQ(e.table_joined().profile_id(), 0u);
    EXPECT_EQ(e.seat_joined().profile_id(), 0u);
  }
  const WorkshopState replayed = Replay(h.log());
  EXPECT_TRUE(SameState(replayed, h.state()));
  EXPECT_TRUE(replayed.profile_score_stats.empty());
  EXPECT_TRUE(replayed.profile_tallies.empty());
}

}  // namespace
}  // namespace atelier::workshop::testing
