// The `atelier` binary against the real atelier-server (ServerProcess): create, join, send,
// tail, demo and results, as a user runs them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "atelier/v1/events.pb.h"
#include "atelier/v1/state.pb.h"
#include "clients/client/proto_json.h"
#include "tests/clients/run_process.h"
#include "tests/integration/server_process.h"

namespace atelier::testing {
namespace {

const std::string kExample =
    std::string(ATELIER_SOURCE_DIR) + "/clients/cli/examples/salle_municipale.json";

// The first capture of `pattern` in `text`, or "".
std::string Find(const std::string& text, const std::string& pattern) {
  std::smatch match;
  return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : "";
}

class CliIntegration : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = ServerProcess::Start(ServerOptions());
    ASSERT_TRUE(server) << server.error();
    server_ = std::move(*server);
  }

  ProcessResult Atelier(std::vector<std::string> args) {
    args.insert(args.end(), {"--server", server_->address()});
    return RunProcess(ATELIER_CLI_PATH, args);
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_F(CliIntegration, CreatePrintsTheWorkshopItsCodesAndLinks) {
  ProcessResult r = Atelier({"create", kExample});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(Find(r.out, R"(workshop\s+(\S+))"), "");
  EXPECT_NE(Find(r.out, R"(join code\s+(\S+))"), "");
  EXPECT_NE(Find(r.out, R"(animateur token\s+(\S+))"), "");
  EXPECT_NE(r.out.find("observer URL     http://" + server_->address() + "/observer?code="),
            std::string::npos)
      << r.out;
}

TEST(CliOrganizerKeys, CreateSendsTheKeyFromTheFlagOrTheEnvironment) {
  const std::string keys =
      ::testing::TempDir() + "cli_organizer_keys_" + std::to_string(::getpid()) + ".txt";
  const std::string key = "cli-test-key-0123456789";
  std::ofstream(keys) << "scripts " << key << "\n";
  ServerOptions options;
  options.extra_args = {"--organizer-keys", keys};
  auto server = ServerProcess::Start(options);
  ASSERT_TRUE(server) << server.error();
  const std::string address = (*server)->address();
  ProcessResult without = RunProcess(ATELIER_CLI_PATH, {"create", kExample, "--server", address});
  EXPECT_EQ(without.exit_code, 1);
  EXPECT_NE(without.err.find("HTTP 401 organizer_key_required"), std::string::npos) << without.err;
  ProcessResult with_flag = RunProcess(
      ATELIER_CLI_PATH, {"create", kExample, "--organizer-key", key, "--server", address});
  EXPECT_EQ(with_flag.exit_code, 0) << with_flag.err;
  setenv("ATELIER_ORGANIZER_KEY", key.c_str(), 1);
  ProcessResult with_env = RunProcess(ATELIER_CLI_PATH, {"create", kExample, "--server", address});
  unsetenv("ATELIER_ORGANIZER_KEY");
  EXPECT_EQ(with_env.exit_code, 0) << with_env.err;
  EXPECT_NE(Find(with_env.out, R"(join code\s+([0-9]{8}))"), "") << with_env.out;
  std::filesystem::remove(keys);
}

TEST_F(CliIntegration, DemoPlaysTheSeedWorkshopAndResultsShowTheHistogram) {
  ProcessResult demo = Atelier({"demo", "--pace-ms", "0", "--seed", "7"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err << demo.out;
  EXPECT_NE(demo.out.find("6 tables ont rejoint l'atelier."), std::string::npos) << demo.out;
  // Merges that the hints suggested, and their members as the animateur saw them.
  EXPECT_NE(demo.out.find("suggestion de regroupement ("), std::string::npos) << demo.out;
  EXPECT_NE(Find(demo.out, "regroupement « [^»]+ » : ([^\n]+ / [^\n]+)"), "") << demo.out;
  EXPECT_NE(demo.out.find("refusé (une table ne change pas de phase) : FORBIDDEN_ROLE"),
            std::string::npos)
      << demo.out;
  EXPECT_NE(demo.out.find("refusé (la table 1 vote pour sa propre idée) : OWN_IDEA"),
            std::string::npos)
      << demo.out;
  EXPECT_NE(demo.out.find("6 tables sur 6 ont voté"), std::string::npos) << demo.out;

  const std::string workshop = Find(demo.out, R"(atelier (\S+), jeton)");
  const std::string token = Find(demo.out, R"(jeton de l'animateur (\S+))");
  const std::string observer = Find(demo.out, R"(observer\?code=(\w+))");
  ASSERT_NE(workshop, "");
  ASSERT_NE(token, "");

  ProcessResult text = Atelier({"results", "--workshop", workshop, "--token", token});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Points par idée ou regroupement (6 tables sur 6 ont voté"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("███"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("idées]"), std::string::npos) << "no cluster in\n" << text.out;

  ProcessResult json =
      Atelier({"results", "--workshop", workshop, "--observer", observer, "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto results = client::FromJson<v1::Results>(json.out);
  ASSERT_TRUE(results) << results.error();
  uint32_t points = 0;
  for (const v1::TargetResult& t : results->points()) points += t.points();
  EXPECT_EQ(points, results->participation().points_spent());
  EXPECT_EQ(results->participation().tables_voted(), 6u);
  EXPECT_GT(points, 6u * 20u);  // every table spends most of its 30 points
}

// Each of the server's methods, played by `atelier demo --template` from its creation to its
// revealed results over the real protocol: every command of every step accepted by the server's
// rules, and the results holding what the method produces.
class CliTemplates : public CliIntegration, public ::testing::WithParamInterface<const char*> {};

TEST_P(CliTemplates, DemoPlaysTheMethodToItsResults) {
  const std::string key = GetParam();
  ProcessResult demo = Atelier({"demo", "--template", key, "--pace-ms", "0", "--seed", "3"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err << demo.out;
  EXPECT_NE(demo.out.find("L'animateur révèle les résultats."), std::string::npos) << demo.out;
  const std::string workshop = Find(demo.out, R"(console\?workshop=([^#\s]+)#)");
  const std::string token = Find(demo.out, R"(#token=(\S+))");
  ASSERT_NE(token, "") << demo.out;
  ProcessResult json = Atelier({"results", "--workshop", workshop, "--token", token, "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto results = client::FromJson<v1::Results>(json.out);
  ASSERT_TRUE(results) << results.error();

  uint32_t voted = 0;
  for (const v1::TargetResult& t : results->points()) voted += t.points() + t.tables();
  for (const v1::VoteResults& v : results->other_votes()) {
    for (const v1::TargetResult& t : v.targets()) voted += t.points() + t.tables();
  }
  const bool scores = key == "evaluation" || key == "barometre" || key == "parcours-usager";
  const bool votes = key != "evaluation" && key != "barometre";
  if (votes) {
    EXPECT_GT(voted, 0u) << demo.out;
  }
  if (scores) {
    EXPECT_GT(results->evaluations_size(), 0) << demo.out;
  }
  if (key == "cartes-de-role" || key == "barometre" || key == "parcours-usager") {
    EXPECT_GT(results->profiles_size(), 1) << demo.out;
  }
  if (key == "cartes-de-role") {
    EXPECT_GT(results->consolidations_size(), 0) << demo.out;
  }
  // As text, for the animateur: each vote as its ballot counts it, under its step's title (the
  // configuration read from the raw data).
  ProcessResult text = Atelier({"results", "--workshop", workshop, "--token", token});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  if (key == "sprint") {
    EXPECT_NE(text.out.find("Gommettes par idée ("), std::string::npos) << text.out;
  }
  if (scores) {
    EXPECT_EQ(text.out.find("critère "), std::string::npos) << "criteria by name\n" << text.out;
  }
  if (key == "parcours-usager") {
    EXPECT_NE(text.out.find("]5  moyenne"), std::string::npos) << "a smiley scale, 1-5\n" << text.out;
    // An observer's too: the configuration from what its screen receives.
    const std::string observer = Find(demo.out, R"(observer\?code=(\w+))");
    ASSERT_NE(observer, "") << demo.out;
    ProcessResult seen = Atelier({"results", "--workshop", workshop, "--observer", observer});
    ASSERT_EQ(seen.exit_code, 0) << seen.err;
    EXPECT_NE(seen.out.find("]5  moyenne"), std::string::npos) << "observer\n" << seen.out;
    EXPECT_EQ(seen.out.find("critère "), std::string::npos) << "criteria by name\n" << seen.out;
  }
  // Steps that take ideas from earlier ones (Step.source): the role cards' vote lists the
  // actions only; the journey map's smileys rate its five stages only, its vote the opportunities.
  auto texts = [](const google::protobuf::RepeatedPtrField<v1::TargetResult>& targets) {
    std::string all;
    for (const v1::TargetResult& t : targets) all += t.text() + "\n";
    return all;
  };
  if (key == "cartes-de-role") {
    EXPECT_NE(texts(results->points()).find("Un point d'accueil unique"), std::string::npos);
    EXPECT_EQ(texts(results->points()).find("Être considéré et entendu"), std::string::npos)
        << "a benefit is not an action: " << texts(results->points());
  }
  if (key == "parcours-usager") {
    ASSERT_EQ(results->evaluations_size(), 5) << "the five stages";
    for (const v1::IdeaEvaluation& e : results->evaluations()) {
      EXPECT_EQ(e.text().rfind("Étape ", 0), 0u) << e.text();
    }
    EXPECT_EQ(texts(results->points()).find("Je me préinscris sur le site"), std::string::npos)
        << "an action is not an opportunity: " << texts(results->points());
  }
  if (key == "election-des-futurs") {
    ASSERT_GT(results->points_size(), 0);
    EXPECT_GT(results->points(0).ranks_size(), 0) << "a ranking's places per vision";
  }
  if (key == "jurisprudence") {
    ASSERT_GT(results->points_size(), 0);
    EXPECT_EQ(results->points(0).buckets_size(), 3) << "poubelle, machine à laver, coffre-fort";
  }
  // Where a table's own ideas are on the ballot (not the longue-vue's, posted during the vote
  // and not sorted), the server refuses a vote for one.
  if (key == "ideation" || key == "sprint" || key == "cartes-de-role") {
    EXPECT_NE(demo.out.find("vote pour sa propre idée) : OWN_IDEA"), std::string::npos)
        << demo.out;
  }
}

INSTANTIATE_TEST_SUITE_P(Methods, CliTemplates,
                         ::testing::Values("ideation", "evaluation", "sprint", "cartes-de-role",
                                           "parcours-usager", "election-des-futurs",
                                           "jurisprudence", "bilan-de-mandature", "barometre"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::erase(name, '-');
                           return name;
                         });

TEST_F(CliIntegration, DemoOfAnUnknownMethodNamesTheMethods) {
  ProcessResult demo = Atelier({"demo", "--template", "nope", "--pace-ms", "0"});
  EXPECT_NE(demo.exit_code, 0);
  EXPECT_NE((demo.out + demo.err).find("sprint, cartes-de-role"), std::string::npos)
      << demo.err;
}

TEST_F(CliIntegration, JoinSendAndTailAsATableAndTheAnimateur) {
  ProcessResult created = Atelier({"create", kExample});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string workshop = Find(created.out, R"(workshop\s+(\S+))");
  const std::string code = Find(created.out, R"(join code\s+(\S+))");
  const std::string animateur = Find(created.out, R"(animateur token\s+(\S+))");

  ProcessResult joined = Atelier({"join", "--code", code, "--table-name", "Table des Lilas"});
  ASSERT_EQ(joined.exit_code, 0) << joined.err;
  EXPECT_NE(joined.out.find("role       table 1"), std::string::npos) << joined.out;
  const std::string token = Find(joined.out, R"(token\s+(\S+))");
  ASSERT_NE(token, "");

  const std::string post = R"({"commandId": "retry-1", "postIdea": {"text": "Un repair café"}})";
  ProcessResult early = Atelier({"send", "--workshop", workshop, "--token", token, post});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_NE(early.out.find("rejected: WRONG_PHASE"), std::string::npos) << early.out;

  ProcessResult phase = Atelier({"send", "--animateur", workshop, animateur,
                                 R"({"setPhase": {"phase": "PHASE_DIVERGENCE"}})"});
  ASSERT_EQ(phase.exit_code, 0) << phase.err << phase.out;
  EXPECT_NE(phase.out.find("accepted: seq "), std::string::npos) << phase.out;

  // The same command id again: applied once, answered with the first event's seq.
  ProcessResult first =
      Atelier({"send", "--workshop", workshop, "--token", token,
               R"({"commandId": "retry-2", "postIdea": {"text": "Un repair café"}})"});
  ASSERT_EQ(first.exit_code, 0) << first.err << first.out;
  const std::string seq = Find(first.out, R"(accepted: seq (\d+))");
  ProcessResult again =
      Atelier({"send", "--workshop", workshop, "--token", token,
               R"({"commandId": "retry-2", "postIdea": {"text": "Un repair café"}})"});
  ASSERT_EQ(again.exit_code, 0) << again.err << again.out;
  EXPECT_NE(again.out.find("accepted: seq " + seq + " (duplicate"), std::string::npos) << again.out;

  ProcessResult tail =
      Atelier({"tail", "--animateur", workshop, animateur, "--from-seq", "1", "--count", "3"});
  ASSERT_EQ(tail.exit_code, 0) << tail.err;
  std::istringstream lines(tail.out);
  std::vector<v1::Event> events;
  for (std::string line; std::getline(lines, line);) {
    auto event = client::FromJson<v1::Event>(line);
    ASSERT_TRUE(event) << event.error() << ": " << line;
    events.push_back(*event);
  }
  ASSERT_EQ(events.size(), 3u) << tail.out;
  EXPECT_EQ(events[0].seq(), 2u);
  EXPECT_TRUE(events[0].has_table_joined());
  EXPECT_TRUE(events[1].has_phase_changed());
  EXPECT_EQ(events[2].idea_posted().idea().text(), "Un repair café");
  EXPECT_EQ(std::to_string(events[2].seq()), seq);
}

}  // namespace
}  // namespace atelier::testing

namespace atelier::testing {
namespace {

TEST(CliBackup, PrintsTheBackupsDirectoryOrWhyNot) {
  const std::filesystem::path backups = std::filesystem::path(::testing::TempDir()) /
                                        ("cli_backups_" + std::to_string(::getpid()));
  ServerOptions options;
  options.extra_args = {"--backup-dir", backups.string()};
  auto server = ServerProcess::Start(options);
  ASSERT_TRUE(server) << server.error();
  ProcessResult r = RunProcess(ATELIER_CLI_PATH, {"backup", "--server", (*server)->address()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string path = r.out.substr(0, r.out.find('\n'));
  EXPECT_TRUE(path.starts_with((backups / "atelier-backup-").string())) << r.out;
  EXPECT_TRUE(std::filesystem::is_directory(path)) << path;
  EXPECT_NE(r.err.find("0 workshop(s) backed up"), std::string::npos) << r.err;
  std::filesystem::remove_all(backups);

  auto off = ServerProcess::Start(ServerOptions());
  ASSERT_TRUE(off) << off.error();
  r = RunProcess(ATELIER_CLI_PATH, {"backup", "--server", (*off)->address()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--backup-dir"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace atelier::testing
