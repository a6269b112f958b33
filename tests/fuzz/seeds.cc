// atelier-fuzz-seeds DIR: writes the fuzz targets' seed inputs under DIR/<target>/, made from
// real messages: commands as tablets, seats and the animateur send them (tests/workshop's
// helpers) framed for client_message_fuzzer against each prepared workshop; the create
// requests of clients/cli/examples, variations and the server's methods (templates.h); the sealed events of the prepared
// workshops' logs, stored (LoggedEvent) and bare (Event). Run by hand when the formats change;
// the corpora committed under tests/fuzz/corpus/ were merged from its output and what the
// fuzzers found (see the README's Fuzzing paragraph).
#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "atelier/v1/api.pb.h"
#include "atelier/v1/wire.pb.h"
#include "google/protobuf/util/json_util.h"
#include "server/workshop/templates.h"
#include "storage/hash_chain.h"
#include "tests/fuzz/command_stream.h"
#include "tests/fuzz/prepared_workshops.h"
#include "tests/workshop/test_support.h"

namespace atelier::fuzz {
namespace {

namespace v1 = ::atelier::v1;
using namespace ::atelier::workshop::testing;
namespace fs = std::filesystem;

std::string Sha1Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha1(), nullptr);
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : std::string_view(reinterpret_cast<char*>(digest), size)) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

// Files named by the SHA-1 of their content, as libFuzzer names its own.
void Write(const fs::path& dir, const std::string& bytes) {
  fs::create_directories(dir);
  std::ofstream(dir / Sha1Hex(bytes), std::ios::binary) << bytes;
}

std::string Message(v1::Command command, const std::string& id) {
  command.set_command_id(id);
  v1::ClientMessage message;
  *message.mutable_command() = std::move(command);
  return message.SerializeAsString();
}

using Steps = std::vector<std::pair<uint8_t, std::string>>;

v1::Command With(void (*fill)(v1::Command&)) {
  v1::Command c;
  fill(c);
  return c;
}

void ClientMessageSeeds(const fs::path& dir) {
  const uint8_t a = kAnimateurByte;
  const uint8_t t1 = TableByte(1), t2 = TableByte(2), t3 = TableByte(3);
  const uint8_t s1 = SeatByte(1), s3 = SeatByte(3);
  v1::Command join_table = With([](v1::Command& c) { c.mutable_join_table()->set_name("Lilas"); });
  v1::Command join_seat = With([](v1::Command& c) {
    c.mutable_join_seat()->set_table_id(1);
    c.mutable_join_seat()->set_seat_number(2);
  });
  v1::Command configure;
  *configure.mutable_configure_workshop()->mutable_config() = IdeationConfig();
  configure.mutable_configure_workshop()->mutable_config()->set_budget_per_table(20);
  v1::Command configure_evaluation;
  *configure_evaluation.mutable_configure_workshop()->mutable_config() = EvaluationConfig();
  configure_evaluation.mutable_configure_workshop()
      ->mutable_config()
      ->mutable_criteria(1)
      ->set_max_value(5);
  v1::Command timer = With([](v1::Command& c) {
    c.mutable_start_timer()->set_duration_ms(900'000);
    c.mutable_start_timer()->set_auto_close(true);
  });
  v1::Command pause = With([](v1::Command& c) { c.mutable_pause_timer(); });
  v1::Command resume = With([](v1::Command& c) { c.mutable_resume_timer(); });
  v1::Command extend = With([](v1::Command& c) { c.mutable_extend_timer()->set_by_ms(60'000); });
  v1::Command reveal = With([](v1::Command& c) { c.mutable_reveal_results()->set_revealed(true); });
  v1::Command edit = With([](v1::Command& c) {
    c.mutable_edit_idea()->set_idea_id(1);
    c.mutable_edit_idea()->set_text("Ouvrir la salle aux associations chaque soir");
  });
  v1::Command remove = With([](v1::Command& c) { c.mutable_delete_idea()->set_idea_id(4); });
  v1::Command rename = With([](v1::Command& c) {
    c.mutable_rename_cluster()->set_cluster_id(6);
    c.mutable_rename_cluster()->set_title("Le soir");
  });
  v1::ClientMessage hello;
  hello.mutable_hello()->set_join_code("123456");
  v1::ClientMessage hints;
  hints.mutable_draft_hints()->set_text("Ouvrir la salle le soir");

  // The prepared workshops (prepared_workshops.h): ideas 1-5, clusters 6 {1, 2} and 7 {3, 5}.
  const std::vector<std::pair<uint8_t, Steps>> seeds = {
      {0,
       {{a, Message(configure, "a1")},
        {kJoiningTabletByte, Message(join_table, "j1")},
        {t1, Message(join_seat, "t1")},
        {a, Message(SetPhaseCmd(v1::PHASE_DIVERGENCE), "a2")}}},
      {0,
       {{a, Message(timer, "a1")},
        {a, Message(pause, "a2")},
        {a, Message(extend, "a3")},
        {a, Message(resume, "a4")},
        {kSystemByte, Message(SetPhaseCmd(v1::PHASE_DIVERGENCE), "")}}},
      {0,
       {{0, hello.SerializeAsString()},
        {t2, hints.SerializeAsString()},
        {kObserverByte, Message(reveal, "o1")},
        {SeatByte(5), Message(join_seat, "p1")}}},
      {1,
       {{t1, Message(PostIdeaCmd("Un café associatif le samedi"), "t1")},
        {t1, Message(edit, "t2")},
        {t1, Message(remove, "t3")},
        {t2, Message(edit, "t1")},
        {a, Message(PostIdeaCmd("Une salle pour les jeunes"), "a1")}}},
      {1,
       {{a, Message(MergeCmd({1, 2}, "Associations"), "a1")},
        {t3, Message(remove, "t1")},
        {t1, Message(PostIdeaCmd("Un café associatif le samedi"), "t1")},
        {t1, Message(PostIdeaCmd("Un café associatif le samedi"), "t1")}}},
      {2,
       {{a, Message(MergeCmd({1, 2}, "Associations"), "a1")},
        {a, Message(MergeCmd({4}, "", 6), "a2")},
        {a, Message(rename, "a3")},
        {a, Message(SplitCmd(6, {4}), "a4")},
        {a, Message(SplitCmd(7), "a5")},
        {a, Message(MergeCmd({6, 7}, "Tout"), "a6")}}},
      {2,
       {{a, Message(remove, "a1")},
        {a, Message(edit, "a2")},
        {a, Message(SetPhaseCmd(v1::PHASE_CONVERGENCE), "a3")},
        {t1, Message(SetPointsCmd({{7, 3}, {4, 1}}), "t1")}}},
      {3,
       {{t1, Message(SetPointsCmd({{7, 2}}), "t1")},
        {t2, Message(SetPointsCmd({{4, 0}, {7, 3}}), "t1")},
        {t3, Message(SetPointsCmd({{6, 3}, {4, 3}, {7, 3}}), "t1")},
        {t1, Message(SetPointsCmd({{6, 1}}), "t2")},
        {t3, Message(SetPointsCmd({{1, 1}}), "t2")}}},
      {3,
       {{a, Message(MergeCmd({6, 4}, "Associations et entreprises"), "a1")},
        {a, Message(SplitCmd(7, {}), "a2")},
        {t1, Message(SetPointsCmd({{3, 3}, {5, 3}}), "t1")},
        {a, Message(SetPhaseCmd(v1::PHASE_CONCLUSION), "a3")},
        {a, Message(reveal, "a4")}}},
      {4,
       {{a, Message(reveal, "a1")},
        {t1, Message(SetPointsCmd({{7, 1}}), "t1")},
        {a, Message(SetPhaseCmd(v1::PHASE_CONVERGENCE), "a2")}}},
      {5,
       {{t1, Message(join_seat, "t1")},
        {s1, Message(join_seat, "s1")},
        {a, Message(SetPhaseCmd(v1::PHASE_SCORING), "a1")},
        {s1, Message(ScoreCmd(0, 2, 1, 4), "s2")}}},
      {5,
       {{a, Message(configure_evaluation, "a1")},
        {a, Message(SetPhaseCmd(v1::PHASE_SCORING), "a2")},
        {s1, Message(ScoreCmd(0, 2, 2, 5), "s1")}}},
      {6, {{a, Message(SetPhaseCmd(v1::PHASE_SETUP), "a1")}, {t1, Message(join_seat, "t1")}}},
      {6,
       {{s1, Message(ScoreCmd(1, 2, 1, 4), "s1")},
        {s1, Message(ScoreCmd(0, 2, 2, 11), "s2")},
        {t1, Message(ScoreCmd(2, 4, 3, 10), "t1")},
        {t1, Message(ScoreCmd(3, 4, 3, 10), "t2")},
        {s3, Message(ScoreCmd(0, 5, 1, 0), "s1")},
        {s3, Message(ScoreCmd(1, 5, 1, 0), "s2")}}},
      {6,
       {{a, Message(SetPhaseCmd(v1::PHASE_CONCLUSION), "a1")},
        {a, Message(reveal, "a2")},
        {s1, Message(ScoreCmd(0, 1, 1, 9), "s1")}}},
      {7,
       {{a, Message(With([](v1::Command& c) { c.mutable_reveal_results(); }), "a1")},
        {a, Message(SetPhaseCmd(v1::PHASE_SCORING), "a2")},
        {s1, Message(ScoreCmd(0, 1, 1, 9), "s1")}}},
      {8,
       {{t1, Message(SetPointsCmd({{6, 2}, {4, 2}, {7, 2}}), "t1")},
        {a, Message(MergeCmd({6, 7}, "Tout"), "a1")},
        {t2, Message(SetPointsCmd({{4, 0}}), "t1")}}},
      {9,
       {{s1, Message(ScoreCmd(0, 2, 1, -5), "s1")},
        {s1, Message(ScoreCmd(0, 2, 2, 100), "s2")},
        {s1, Message(ScoreCmd(0, 2, 2, 0), "s3")},
        {t2, Message(ScoreCmd(3, 4, 1, 5), "t1")}}},
  };
  // The ballots' workshops (10 dots by seats, 11 a ranking of 2, 12 buckets): ideas 1 (table 1),
  // 2 (table 2), 3 (the animateur's); seat 1 at table 1, seat 2 at table 2.
  auto choice = [](std::initializer_list<uint32_t> targets, uint32_t seat = 0) {
    return ChoiceCmd(targets, seat);
  };
  auto buckets = [](std::initializer_list<std::pair<uint32_t, v1::Bucket>> items) {
    return BucketsCmd(items);
  };
  v1::Command seat_dot = SetPointsCmd({{3, 1}});
  seat_dot.mutable_set_points()->set_seat_id(2);
  const std::vector<std::pair<uint8_t, Steps>> ballots = {
      {10,
       {{t2, Message(seat_dot, "t1")},
        {SeatByte(2), Message(SetPointsCmd({{2, 1}}), "s1")},
        {t1, Message(SetPointsCmd({{2, 1}}), "t2")},
        {a, Message(SetPhaseCmd(v1::PHASE_CONVERGENCE), "a1")},
        {t2, Message(choice({1, 3}), "t3")}}},
      {11,
       {{t2, Message(choice({3, 1}), "t1")},
        {t1, Message(choice({}), "t2")},
        {t1, Message(choice({2, 3, 2}), "t3")},
        {a, Message(MergeCmd({2, 3}, "Mobilités"), "a1")},
        {SeatByte(1), Message(choice({2, 3}, 1), "s1")}}},
      {12,
       {{t1, Message(buckets({{2, v1::BUCKET_COFFRE_FORT}}), "t1")},
        {t1, Message(PostIdeaCmd("Et les aînés ?"), "t2")},
        {t2, Message(buckets({{1, v1::BUCKET_POUBELLE}, {3, v1::BUCKET_MACHINE_A_LAVER}}), "t1")},
        {t2, Message(buckets({{3, v1::BUCKET_UNSPECIFIED}}), "t2")},
        {t2, Message(SetPointsCmd({{3, 1}}), "t3")}}},
  };
  std::vector<std::pair<uint8_t, Steps>> all = seeds;
  all.insert(all.end(), ballots.begin(), ballots.end());
  // Command ids unique across the seeds, so that a crossover of two seeds is not a retry.
  int n = 0;
  for (const auto& [workshop, steps] : all) {
    Steps unique = steps;
    ++n;
    for (auto& [actor, bytes] : unique) {
      v1::ClientMessage message;
      if (!message.ParseFromString(bytes) || message.command().command_id().empty()) continue;
      message.mutable_command()->set_command_id(message.command().command_id() + "." +
                                                std::to_string(n));
      bytes = message.SerializeAsString();
    }
    Write(dir, EncodeCommandStream(workshop, unique));
  }
}

void CreateRequestSeeds(const fs::path& dir, const fs::path& examples) {
  for (const auto& entry : fs::directory_iterator(examples)) {
    std::ifstream in(entry.path(), std::ios::binary);
    Write(dir, std::string(std::istreambuf_iterator<char>(in), {}));
  }
  Write(dir, R"({"workshop":{"config":{"question":"Q ?","template":"TEMPLATE_IDEATION",)"
             R"("phases":["PHASE_SETUP","PHASE_DIVERGENCE","PHASE_CONVERGENCE"],)"
             R"("budgetPerTable":10,"capPerTarget":10,"allowSelfVote":true,"maxIdeaLength":5,)"
             R"("maxTables":2,"seatsPerTable":12,"maxIdeasPerTable":3}}})");
  Write(
      dir,
      R"({"workshop":{"config":{"question":"Q","template":"TEMPLATE_EVALUATION",)"
      R"("criteria":[{"id":7,"name":"a","minValue":-50,"maxValue":50},)"
      R"({"name":"b","direction":"DIRECTION_LOWER_IS_BETTER","minValue":1,"maxValue":2}],)"
      R"("visibility":{"observerResults":"OBSERVER_RESULTS_AT_REVEAL","tablesSeeLivePoints":true}},)"
      R"("ideas":[{"text":"x","origin":{"workshopId":"w","targetId":3,"points":9}},{"text":" y "}]},)"
      R"("carryFromWorkshopId":"w1","carryFromAnimateurToken":"t","carryCount":5})");
  // Role cards: profiles, categories, a journey map's stages and lanes, a weight, smileys.
  Write(dir,
        R"({"workshop":{"config":{"question":"Cartes de rôle","template":"TEMPLATE_IDEATION","p)"
        R"(rofiles":[{"name":"Usager","description":"d"},{"id":4,"name":"Élu"}],"agenda":[{"kin)"
        R"(d":"PHASE_SETUP"},{"kind":"PHASE_DIVERGENCE","categories":[{"name":"Bénéfices","colo)"
        R"(ur":"#F4A6C6"},{"name":"Besoins"}]},{"kind":"PHASE_DIVERGENCE","stages":[{"name":"Ac)"
        R"(cueil"}],"lanes":[{"id":3,"name":"Actions"},{"name":"Émotions"}]},{"kind":"PHASE_CON)"
        R"(VERGENCE"},{"kind":"PHASE_SCORING"}],"criteria":[{"name":"a","weight":3},{"name":"b")"
        R"(,"scale":"SCALE_SMILEYS"}]}}})");
  Write(dir, R"({"workshop":{"config":{"question":"Q","template":2,"phases":[1,5,4,6]}}})");
  Write(dir, R"({"workshop":{"config":{"question":"Q ?","template":"TEMPLATE_IDEATION","agenda":[)"
             R"({"kind":"PHASE_SETUP"},{"kind":"PHASE_DIVERGENCE","title":"Cercle 1"},)"
             R"({"kind":"PHASE_CONVERGENCE","ballot":{"kind":"BALLOT_KIND_DOTS","voter":"VOTER_SEAT","budget":2}},)"
             R"({"kind":"PHASE_CONVERGENCE","ballot":{"kind":"BALLOT_KIND_RANKING","count":3}},)"
             R"({"kind":"PHASE_CONVERGENCE","ballot":{"kind":"BALLOT_KIND_PICK","count":2,"allowSelfVote":true}},)"
             R"({"kind":"PHASE_CONVERGENCE","ballot":{"kind":"BALLOT_KIND_BUCKETS"}},)"
             R"({"kind":"PHASE_CONCLUSION"}]}}})");
  // Steps that take ideas from earlier ones, with nonsense mixed in (a later step, itself, a
  // facet of no step, both kinds at once, a top of 0), and criteria taken from a workshop.
  Write(dir, R"({"workshop":{"config":{"question":"Q ?","template":"TEMPLATE_IDEATION","agenda":[)"
             R"({"id":1,"kind":"PHASE_SETUP"},{"id":2,"kind":"PHASE_DIVERGENCE","lanes":[{"id":1,"name":"L"}]},)"
             R"({"id":3,"kind":"PHASE_CONVERGENCE","source":{"stepIds":[2,3,9],"laneIds":[1,7]}},)"
             R"({"id":4,"kind":"PHASE_CONVERGENCE","source":{"topOfStep":3,"top":0,"stepIds":[2]}},)"
             R"({"id":5,"kind":"PHASE_SCORING","source":{"topOfStep":4,"top":4294967295}}],)"
             R"("criteria":[{"name":"c","origin":{"workshopId":"w","targetId":1,"points":2}}]}},)"
             R"("criteriaFromWorkshopId":"w2","criteriaFromAnimateurToken":"t","criteriaCount":4000000000})");
  Write(dir, R"({"workshop":{}})");
  // The methods the server serves (GET /api/templates), each as the create form sends it.
  for (const v1::WorkshopTemplate& t : workshop::Templates().templates()) {
    v1::CreateWorkshopRequest request;
    *request.mutable_workshop() = t.workshop();
    std::string json;
    if (google::protobuf::util::MessageToJsonString(request, &json).ok()) Write(dir, json);
  }
}

void StoredEventSeeds(const fs::path& dir) {
  std::set<int> kinds;  // one sealed event of each payload kind is enough
  for (const PreparedWorkshop& w : PreparedWorkshops()) {
    std::string prev_hash;
    for (v1::Event event : w.log) {
      event.set_prev_hash(prev_hash);
      const v1::LoggedEvent logged = storage::Seal(event).ToLogged();
      prev_hash = logged.hash();
      if (!kinds.insert(event.payload_case()).second) continue;
      Write(dir, logged.SerializeAsString());
      Write(dir, logged.event());
    }
  }
}

}  // namespace
}  // namespace atelier::fuzz

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: atelier-fuzz-seeds OUT_DIR CLI_EXAMPLES_DIR\n";
    return 2;
  }
  const std::filesystem::path out = argv[1];
  atelier::fuzz::ClientMessageSeeds(out / "client_message_fuzzer");
  atelier::fuzz::CreateRequestSeeds(out / "create_request_fuzzer", argv[2]);
  atelier::fuzz::StoredEventSeeds(out / "stored_event_fuzzer");
  return 0;
}
