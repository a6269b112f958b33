// The JSON API's codec: creation requests as the console sends them, errors a client can act
// on, results as observers read them.
#include "server/http/api.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "atelier/v1/state.pb.h"

namespace atelier::http {
namespace {

using google::protobuf::util::MessageDifferencer;

constexpr std::string_view kIdeationRequest = R"json({
  "workshop": {
    "config": {
      "question": "Comment optimiser l'utilisation de la salle municipale ?",
      "template": "TEMPLATE_IDEATION",
      "phases": ["PHASE_SETUP", "PHASE_DIVERGENCE", "PHASE_GROUPING", "PHASE_CONVERGENCE",
                 "PHASE_CONCLUSION"],
      "budgetPerTable": 30,
      "capPerTarget": 3,
      "allowSelfVote": false,
      "visibility": {"observerResults": "OBSERVER_RESULTS_LIVE", "tablesSeeLivePoints": false},
      "maxIdeaLength": 500,
      "maxTables": 60,
      "seatsPerTable": 3,
      "methodNote": "Chaque table dispose de 30 points, 3 au plus par idée."
    }
  }
})json";

constexpr std::string_view kEvaluationRequest = R"json({
  "workshop": {
    "config": {
      "question": "Quelles idées retenir pour la salle municipale ?",
      "template": "TEMPLATE_EVALUATION",
      "criteria": [
        {"id": 1, "name": "utilité", "direction": "DIRECTION_HIGHER_IS_BETTER",
         "lowLabel": "inutile", "highLabel": "très utile"},
        {"id": 2, "name": "coût", "direction": "DIRECTION_LOWER_IS_BETTER",
         "lowLabel": "gratuit", "highLabel": "très cher", "minValue": 0, "maxValue": 10}
      ],
      "visibility": {"observerResults": "OBSERVER_RESULTS_AT_REVEAL"}
    },
    "ideas": [
      {"text": "Organiser des ateliers de réparation (repair café)",
       "origin": {"workshopId": "w-ideation", "targetId": 17, "points": 13}}
    ]
  },
  "carryFromWorkshopId": "w-ideation",
  "carryFromAnimateurToken": "0123456789abcdef0123456789abcdef",
  "carryCount": 5
})json";

v1::CreateWorkshopRequest ExpectedIdeation() {
  v1::CreateWorkshopRequest request;
  v1::WorkshopConfig& config = *request.mutable_workshop()->mutable_config();
  config.set_question("Comment optimiser l'utilisation de la salle municipale ?");
  config.set_template_(v1::TEMPLATE_IDEATION);
  for (v1::Phase phase : {v1::PHASE_SETUP, v1::PHASE_DIVERGENCE, v1::PHASE_GROUPING,
                          v1::PHASE_CONVERGENCE, v1::PHASE_CONCLUSION}) {
    config.add_phases(phase);
  }
  config.set_budget_per_table(30);
  config.set_cap_per_target(3);
  config.mutable_visibility()->set_observer_results(v1::OBSERVER_RESULTS_LIVE);
  config.set_max_idea_length(500);
  config.set_max_tables(60);
  config.set_seats_per_table(3);
  config.set_method_note("Chaque table dispose de 30 points, 3 au plus par idée.");
  return request;
}

v1::CreateWorkshopRequest ExpectedEvaluation() {
  v1::CreateWorkshopRequest request;
  v1::WorkshopConfig& config = *request.mutable_workshop()->mutable_config();
  config.set_question("Quelles idées retenir pour la salle municipale ?");
  config.set_template_(v1::TEMPLATE_EVALUATION);
  v1::Criterion& useful = *config.add_criteria();
  useful.set_id(1);
  useful.set_name("utilité");
  useful.set_direction(v1::DIRECTION_HIGHER_IS_BETTER);
  useful.set_low_label("inutile");
  useful.set_high_label("très utile");
  v1::Criterion& cost = *config.add_criteria();
  cost.set_id(2);
  cost.set_name("coût");
  cost.set_direction(v1::DIRECTION_LOWER_IS_BETTER);
  cost.set_low_label("gratuit");
  cost.set_high_label("très cher");
  cost.set_max_value(10);
  config.mutable_visibility()->set_observer_results(v1::OBSERVER_RESULTS_AT_REVEAL);
  v1::IdeaSeed& seed = *request.mutable_workshop()->add_ideas();
  seed.set_text("Organiser des ateliers de réparation (repair café)");
  seed.mutable_origin()->set_workshop_id("w-ideation");
  seed.mutable_origin()->set_target_id(17);
  seed.mutable_origin()->set_points(13);
  request.set_carry_from_workshop_id("w-ideation");
  request.set_carry_from_animateur_token("0123456789abcdef0123456789abcdef");
  request.set_carry_count(5);
  return request;
}

void ExpectProblem(std::string_view body, int status, std::string_view code,
                   std::string_view message_part) {
  SCOPED_TRACE(std::string(body.substr(0, 80)));
  const auto parsed = ParseCreateRequest(body);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().status, status);
  EXPECT_EQ(parsed.error().code, code);
  EXPECT_NE(parsed.error().message.find(message_part), std::string::npos) << parsed.error().message;
}

TEST(ParseCreateRequest, ReadsAnIdeation) {
  const auto parsed = ParseCreateRequest(kIdeationRequest);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_TRUE(MessageDifferencer::Equals(*parsed, ExpectedIdeation())) << parsed->DebugString();
}

TEST(ParseCreateRequest, ReadsAnEvaluationWithCriteriaAndCarryOver) {
  const auto parsed = ParseCreateRequest(kEvaluationRequest);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_TRUE(MessageDifferencer::Equals(*parsed, ExpectedEvaluation())) << parsed->DebugString();
}

TEST(ParseCreateRequest, AcceptsProtoFieldNamesToo) {
  // The JSON mapping accepts both; a hand-written curl example should not fail on it.
  const auto parsed =
      ParseCreateRequest(R"({"workshop": {"config": {"question": "Q", "budget_per_table": 20}}})");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->workshop().config().budget_per_table(), 20u);
}

TEST(ParseCreateRequest, MisspelledFieldIsA400NamingIt) {
  ExpectProblem(R"({"workshop": {"config": {"qestion": "Q"}}})", 400, "bad_json", "qestion");
}

TEST(ParseCreateRequest, WrongEnumNameIsA400NamingIt) {
  ExpectProblem(R"({"workshop": {"config": {"template": "TEMPLATE_BRAINSTORM"}}})", 400, "bad_json",
                "TEMPLATE_BRAINSTORM");
  // Enum names are exact: no case folding.
  ExpectProblem(R"({"workshop": {"config": {"template": "template_ideation"}}})", 400, "bad_json",
                "template_ideation");
}

TEST(ParseCreateRequest, WrongTypeIsA400) {
  // Protobuf names the field by its proto name.
  ExpectProblem(R"({"workshop": {"config": {"budgetPerTable": "thirty"}}})", 400, "bad_json",
                "budget_per_table");
  ExpectProblem(R"({"workshop": {"config": {"budgetPerTable": "thirty"}}})", 400, "bad_json",
                "thirty");
}

TEST(ParseCreateRequest, MalformedJsonIsA400) {
  ExpectProblem(R"({"workshop": {"config": {"question": "Q"})", 400, "bad_json", "Unexpected end");
  ExpectProblem("not json", 400, "bad_json", "Unexpected token");
  ExpectProblem("[1, 2]", 400, "bad_json", "Root element must be a message");
}

TEST(ParseCreateRequest, ErrorsDoNotQuoteTheBody) {
  const auto parsed = ParseCreateRequest(
      R"({"carryFromAnimateurToken": "0123456789abcdef0123456789abcdef", oops})");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().message.find("0123456789abcdef"), std::string::npos)
      << parsed.error().message;
  EXPECT_EQ(parsed.error().message.find('\n'), std::string::npos) << parsed.error().message;
}

TEST(ParseCreateRequest, EmptyBodyIsA400) {
  ExpectProblem("", 400, "bad_json", "empty");
  ExpectProblem(" \r\n", 400, "bad_json", "empty");
}

TEST(ParseCreateRequest, MissingWorkshopIsA400) {
  ExpectProblem("{}", 400, "missing_field", "workshop");
  ExpectProblem(R"({"carryCount": 5})", 400, "missing_field", "workshop");
}

TEST(ParseCreateRequest, OversizedBodyIsRefusedBeforeParsing) {
  std::string body = R"({"workshop": {"config": {"question": ")";
  body += std::string(kMaxBodyBytes, 'a');
  body += R"("}}})";
  ExpectProblem(body, 413, "body_too_large", "65536");
  // Exactly at the limit is read.
  std::string at_limit = R"({"workshop": {"config": {"question": ""}}})";
  at_limit.insert(at_limit.size() - 4, kMaxBodyBytes - at_limit.size(), 'a');
  ASSERT_EQ(at_limit.size(), kMaxBodyBytes);
  EXPECT_TRUE(ParseCreateRequest(at_limit).has_value());
}

TEST(ToJson, ResultsUseLowerCamelCaseAndShowZeros) {
  v1::Results results;
  results.set_workshop_id("w1");
  results.set_seq(42);
  v1::TargetResult& cluster = *results.add_points();
  cluster.set_target_id(7);
  cluster.set_is_cluster(true);
  cluster.set_text("Ouvrir la salle le week-end");
  cluster.add_idea_ids(3);
  cluster.add_idea_ids(5);
  cluster.set_points(12);
  cluster.set_tables(4);
  v1::TargetResult& unvoted = *results.add_points();
  unvoted.set_target_id(9);
  unvoted.set_text("Un agenda partagé");
  v1::IdeaEvaluation& evaluation = *results.add_evaluations();
  evaluation.set_idea_id(3);
  evaluation.set_overall(7.5);
  evaluation.set_rank(1);
  v1::CriterionResult& criterion = *evaluation.add_criteria();
  criterion.set_criterion_id(1);
  criterion.add_histogram(0);
  criterion.add_histogram(2);
  criterion.set_count(2);
  criterion.set_mean(1);
  results.mutable_participation()->set_tables_joined(6);

  const std::string json = ToJson(results);
  for (std::string_view expected :
       {R"("workshopId":"w1")", R"("seq":"42")", R"("targetId":7)", R"("isCluster":true)",
        R"("ideaIds":[3,5])", R"("isCluster":false)", R"("points":0)", R"("tables":0)",
        R"("criterionId":1)", R"("histogram":[0,2])", R"("spread":0)", R"("tablesJoined":6)",
        R"("tablesVoted":0)", R"("pointsSpent":0)"}) {
    EXPECT_NE(json.find(expected), std::string::npos) << expected << " in " << json;
  }
  EXPECT_EQ(json.find("idea_ids"), std::string::npos) << json;
  EXPECT_NE(json.find("Un agenda partagé"), std::string::npos) << "UTF-8 kept as is";
}

TEST(ToJson, EnumsByName) {
  v1::Rejection rejection;
  rejection.set_reason(v1::REJECTION_REASON_WRONG_PHASE);
  rejection.set_current_phase(v1::PHASE_SETUP);
  rejection.add_allowed_phases(v1::PHASE_DIVERGENCE);
  const std::string json = ToJson(rejection);
  EXPECT_NE(json.find(R"("reason":"REJECTION_REASON_WRONG_PHASE")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("currentPhase":"PHASE_SETUP")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("allowedPhases":["PHASE_DIVERGENCE"])"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("requiredRole":"ACTOR_KIND_UNSPECIFIED")"), std::string::npos) << json;
}

TEST(ToJson, CreateWorkshopResponseRoundTrips) {
  v1::CreateWorkshopResponse response;
  response.set_workshop_id("w1");
  response.set_join_code("482913");
  response.set_animateur_token("secret");
  response.set_console_url("/console?workshop=w1#token=secret");
  const std::string json = ToJson(response);
  EXPECT_NE(json.find(R"("animateurToken":"secret")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("observerUrl":"")"), std::string::npos) << json;
  v1::CreateWorkshopResponse back;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &back).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(back, response));
}

TEST(ProblemJson, IsAnApiError) {
  const std::string json = ProblemJson({400, "bad_json", "say \"what\""});
  v1::ApiError error;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &error).ok()) << json;
  EXPECT_EQ(error.code(), "bad_json");
  EXPECT_EQ(error.message(), "say \"what\"");
  EXPECT_EQ(json.find("status"), std::string::npos) << "the status is the HTTP status";
}

TEST(FromRejection, InvalidConfigIsA400WithItsMessage) {
  v1::Rejection rejection;
  rejection.set_reason(v1::REJECTION_REASON_INVALID_CONFIG);
  rejection.set_message("criteria[1].max_value must be greater than min_value");
  const ApiProblem problem = FromRejection(rejection);
  EXPECT_EQ(problem.status, 400);
  EXPECT_EQ(problem.code, "invalid_config");
  EXPECT_EQ(problem.message, "criteria[1].max_value must be greater than min_value");
}

TEST(TimelineAt, NoAtAsksTheOutline) {
  for (const char* target : {"/api/workshops/w/timeline", "/api/workshops/w/timeline?x=1",
                             "/api/workshops/w/timeline?ate=3", "/api/workshops/w/timeline#at=3"}) {
    auto at = TimelineAt(target);
    ASSERT_TRUE(at) << target;
    EXPECT_FALSE(at->has_value()) << target;
  }
}

TEST(TimelineAt, ReadsASeqFromOne) {
  EXPECT_EQ(TimelineAt("/t?at=1").value(), 1u);
  EXPECT_EQ(TimelineAt("/t?x=y&at=4096").value(), 4096u);
  EXPECT_EQ(TimelineAt("/t?at=007").value(), 7u);
  EXPECT_EQ(TimelineAt("/t?a%74=5").value(), 5u) << "names are compared decoded";
  EXPECT_EQ(TimelineAt("/t?at=18446744073709551615").value(), UINT64_MAX)
      << "any size: the caller clamps it to the head";
}

TEST(TimelineAt, AnythingElseIsABadSeq) {
  for (const char* target :
       {"/t?at", "/t?at=", "/t?at=0", "/t?at=-1", "/t?at=+3", "/t?at=3a", "/t?at=%203",
        "/t?at=3+", "/t?at=1.5", "/t?at=0x10", "/t?at=18446744073709551616",
        "/t?at=99999999999999999999999", "/t?at=%FF"}) {
    auto at = TimelineAt(target);
    ASSERT_FALSE(at) << target;
    EXPECT_EQ(at.error().status, 400) << target;
    EXPECT_EQ(at.error().code, "bad_seq") << target;
  }
}

TEST(FromRejection, WorkshopExistsIsA409) {
  v1::Rejection rejection;
  rejection.set_reason(v1::REJECTION_REASON_WORKSHOP_EXISTS);
  const ApiProblem problem = FromRejection(rejection);
  EXPECT_EQ(problem.status, 409);
  EXPECT_EQ(problem.code, "workshop_exists");
  EXPECT_EQ(problem.message, "workshop_exists");
}

TEST(FromRejection, EveryReasonHasALowerCaseCode) {
  for (int value = 0; value < v1::RejectionReason_ARRAYSIZE; ++value) {
    if (!v1::RejectionReason_IsValid(value)) continue;
    v1::Rejection rejection;
    rejection.set_reason(static_cast<v1::RejectionReason>(value));
    const std::string code = FromRejection(rejection).code;
    ASSERT_FALSE(code.empty());
    for (char c : code) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << code;
    EXPECT_EQ(code.find("rejection_reason"), std::string::npos) << code;
  }
  v1::Rejection unknown;
  unknown.set_reason(static_cast<v1::RejectionReason>(999));
  EXPECT_EQ(FromRejection(unknown).code, "unspecified");
}

}  // namespace
}  // namespace atelier::http
