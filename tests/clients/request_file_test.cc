#include "clients/cli/request_file.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "clients/cli/demo_script.h"
#include "clients/client/proto_json.h"

namespace atelier::cli {
namespace {

const std::string kExamples = std::string(ATELIER_SOURCE_DIR) + "/clients/cli/examples/";

v1::CreateWorkshopRequest Example(const std::string& name) {
  auto text = ReadFile(kExamples + name);
  EXPECT_TRUE(text) << text.error();
  auto request = ParseCreateRequest(text.value_or(""), name);
  EXPECT_TRUE(request) << request.error();
  return request.value_or(v1::CreateWorkshopRequest());
}

TEST(RequestFile, TheIdeationExampleIsTheDemosWorkshop) {
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(Example("salle_municipale.json"),
                                                                 DemoWorkshopRequest()));
}

TEST(RequestFile, TheEvaluationExampleHasItsCriteriaAndIdeas) {
  const v1::CreateWorkshopRequest request = Example("accueil_refugies.json");
  const v1::WorkshopConfig& config = request.workshop().config();
  EXPECT_EQ(config.template_(), v1::TEMPLATE_EVALUATION);
  ASSERT_EQ(config.criteria_size(), 3);
  EXPECT_EQ(config.criteria(1).name(), "coût");
  EXPECT_EQ(config.criteria(1).direction(), v1::DIRECTION_LOWER_IS_BETTER);
  EXPECT_EQ(request.workshop().ideas_size(), 5);
}

TEST(RequestFile, AMisspelledFieldIsReportedWithTheFileName) {
  auto request = ParseCreateRequest(R"({"workshop": {"config": {"questoin": "x"}}})", "mine.json");
  ASSERT_FALSE(request);
  EXPECT_NE(request.error().find("mine.json"), std::string::npos) << request.error();
  EXPECT_NE(request.error().find("questoin"), std::string::npos) << request.error();
}

TEST(RequestFile, ARequestWithoutAWorkshopIsRefused) {
  EXPECT_FALSE(ParseCreateRequest("{}", "empty.json"));
  EXPECT_FALSE(ParseCreateRequest("not json", "bad.json"));
}

TEST(RequestFile, AMissingFileIsAnError) {
  auto text = ReadFile(kExamples + "no-such-file.json");
  ASSERT_FALSE(text);
  EXPECT_NE(text.error().find("cannot open"), std::string::npos);
}

TEST(CommandArgument, ComesInlineFromAFileOrFromStdin) {
  std::istringstream no_input;
  auto inline_command =
      ParseCommandArgument(R"({"postIdea": {"text": "Un repair café"}})", no_input);
  ASSERT_TRUE(inline_command) << inline_command.error();
  EXPECT_EQ(inline_command->post_idea().text(), "Un repair café");

  const auto path = std::filesystem::temp_directory_path() / "atelier-command-test.json";
  std::ofstream(path) << R"({"commandId": "retry-1", "setPhase": {"phase": "PHASE_DIVERGENCE"}})";
  auto from_file = ParseCommandArgument("@" + path.string(), no_input);
  std::filesystem::remove(path);
  ASSERT_TRUE(from_file) << from_file.error();
  EXPECT_EQ(from_file->command_id(), "retry-1");
  EXPECT_EQ(from_file->set_phase().phase(), v1::PHASE_DIVERGENCE);

  std::istringstream stdin_text(R"({"setPoints": {"points": [{"targetId": 4, "points": 3}]}})");
  auto from_stdin = ParseCommandArgument("-", stdin_text);
  ASSERT_TRUE(from_stdin) << from_stdin.error();
  EXPECT_EQ(from_stdin->set_points().points(0).points(), 3u);
}

TEST(CommandArgument, AnEmptyCommandIsRefused) {
  std::istringstream no_input;
  auto empty = ParseCommandArgument(R"({"commandId": "x"})", no_input);
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().find("no command"), std::string::npos);
}

TEST(ProtoJson, RoundTripsACommand) {
  v1::Command command;
  command.set_command_id("cli-1");
  command.mutable_merge_ideas()->add_target_ids(3);
  command.mutable_merge_ideas()->add_target_ids(7);
  command.mutable_merge_ideas()->set_title("Réserver en ligne");
  auto back = client::FromJson<v1::Command>(client::ToJson(command));
  ASSERT_TRUE(back) << back.error();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*back, command));
  EXPECT_EQ(client::ToJson(command).find('\n'), std::string::npos);
}

}  // namespace
}  // namespace atelier::cli
