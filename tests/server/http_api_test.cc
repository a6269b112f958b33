// The HTTP side over real sockets: the JSON API, carry-over, health, metrics, and bad input.
#include <gtest/gtest.h>

#include "clients/client/workshop_api.h"
#include "google/protobuf/util/json_util.h"
#include "tests/server/live_workshop.h"

namespace atelier::server_test {
namespace {

TEST(HttpApi, BadRequestsGetAClearErrorAndTheServerStaysUp) {
  LiveWorkshop w(IdeationConfig());
  client::HttpClient http = w.Http();
  auto malformed = http.Post("/api/workshops", "{\"workshop\": {\"config\": ");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400u);
  EXPECT_NE(malformed->body.find("\"code\""), std::string::npos);
  auto typo =
      http.Post("/api/workshops",
                R"({"workshop": {"config": {"question": "Q ?", "templat": "TEMPLATE_IDEATION"}}})");
  ASSERT_TRUE(typo);
  EXPECT_EQ(typo->status, 400u);
  EXPECT_NE(typo->body.find("templat"), std::string::npos) << typo->body;
  auto invalid = http.Post("/api/workshops", R"({"workshop": {"config": {"question": "Q ?"}}})");
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 400u);
  EXPECT_NE(invalid->body.find("template"), std::string::npos) << invalid->body;
  // A step that takes ideas from a later step, or itself: refused, naming the step and why.
  auto later = http.Post("/api/workshops", R"({"workshop": {"config": {"question": "Q ?",
      "template": "TEMPLATE_IDEATION", "agenda": [{"id": 1, "kind": "PHASE_SETUP"},
      {"id": 2, "kind": "PHASE_CONVERGENCE", "source": {"stepIds": [3]}},
      {"id": 3, "kind": "PHASE_DIVERGENCE"}]}}})");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, 400u);
  EXPECT_NE(later->body.find("invalid_config"), std::string::npos) << later->body;
  EXPECT_NE(later->body.find("source.step_ids names step 3"), std::string::npos) << later->body;
  auto own_top = http.Post("/api/workshops", R"({"workshop": {"config": {"question": "Q ?",
      "template": "TEMPLATE_IDEATION", "agenda": [{"id": 1, "kind": "PHASE_SETUP"},
      {"id": 2, "kind": "PHASE_CONVERGENCE", "source": {"topOfStep": 2, "top": 5}}]}}})");
  ASSERT_TRUE(own_top);
  EXPECT_EQ(own_top->status, 400u);
  EXPECT_NE(own_top->body.find("source.top_of_step must be an earlier vote step"),
            std::string::npos)
      << own_top->body;
  auto huge = http.Post("/api/workshops", std::string(100'000, ' '));
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413u);

  auto unknown = http.Get("/api/workshops/nope/results");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404u);
  auto anonymous = http.Get("/api/workshops/" + w.created().workshop_id() + "/results");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 403u);
  auto observer = client::GetResults(http, w.created().workshop_id(),
                                     {.observer_code = w.created().observer_code()});
  EXPECT_TRUE(observer) << "observers see live results by default";

  auto health = http.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200u);
  auto page = http.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200u);
  EXPECT_NE(page->body.find("lang=\"fr\""), std::string::npos);
  auto wrong_method = http.Post("/healthz", "");
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 405u);
}

// The methods to create from, as the console's create form and `atelier demo` read them: each
// one is created as it is served.
TEST(HttpApi, EveryTemplateServedIsCreatedAsItIs) {
  LiveWorkshop w(IdeationConfig());
  client::HttpClient http = w.Http();
  auto templates = client::GetTemplates(http);
  ASSERT_TRUE(templates) << templates.error();
  ASSERT_EQ(templates->templates_size(), 9);
  EXPECT_EQ(templates->templates(0).key(), "ideation");
  EXPECT_EQ(templates->templates(2).title(), "Sprint K'Pratik");
  for (const v1::WorkshopTemplate& t : templates->templates()) {
    SCOPED_TRACE(t.key());
    v1::CreateWorkshopRequest request;
    *request.mutable_workshop() = t.workshop();
    auto created = client::CreateWorkshop(http, request);
    ASSERT_TRUE(created) << created.error();
    EXPECT_FALSE(created->join_code().empty());
    auto info = http.Get("/api/join/" + created->join_code());
    ASSERT_TRUE(info);
    v1::JoinInfo join_info;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(info->body, &join_info).ok());
    EXPECT_EQ(join_info.question(), t.workshop().config().question());
    EXPECT_EQ(join_info.profiles_size(), t.workshop().config().profiles_size());
  }
  auto post = http.Post("/api/templates", "{}");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405u);
}

TEST(HttpApi, GarbageOnTheWebSocketIsRefusedWithAReason) {
  LiveWorkshop w(IdeationConfig());
  auto connection = w.Connect();
  v1::ClientMessage command;  // a command before any Hello
  command.mutable_command()->mutable_post_idea()->set_text("Qui suis-je ?");
  ASSERT_TRUE(connection->Send(command));
  auto answer = connection->Next(std::chrono::seconds(5));
  ASSERT_TRUE(answer) << answer.error();
  EXPECT_EQ(answer->error().code(), "bad_message");
  (void)connection->Next(std::chrono::seconds(5));
  EXPECT_FALSE(connection->is_open());
  // The workshop goes on for everybody else.
  auto animateur = w.Animateur();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
}

// The Welcome of the animateur of a workshop created on the server (a WebSocket Hello).
std::expected<v1::Welcome, std::string> AnimateurWelcome(LiveWorkshop& w,
                                                        const v1::CreateWorkshopResponse& created) {
  auto connection = w.Connect();
  v1::Hello hello;
  hello.set_workshop_id(created.workshop_id());
  hello.set_animateur_token(created.animateur_token());
  return connection->Hello(hello);
}

// An ideation where two tables post `ideas` ({table 1 or 2, text}: ids 1, 2... in order), then
// table 1 gives idea 2 three points and idea 3 one, table 2 gives idea 1 two.
void PlayVotedIdeation(LiveWorkshop& w, std::initializer_list<std::pair<int, const char*>> ideas) {
  auto animateur = w.Animateur();
  auto t1 = w.NewTable();
  auto t2 = w.NewTable();
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_DIVERGENCE));
  for (const auto& [table, text] : ideas) {
    LiveWorkshop::Accept(table == 1 ? *t1 : *t2, PostIdeaCmd(text));
  }
  LiveWorkshop::Accept(*animateur, SetPhaseCmd(v1::PHASE_CONVERGENCE));
  LiveWorkshop::Accept(*t1, SetPointsCmd({{2, 3}, {3, 1}}));
  LiveWorkshop::Accept(*t2, SetPointsCmd({{1, 2}}));
}

TEST(HttpApi, TopIdeasOfAnIdeationAreCarriedIntoANewEvaluation) {
  LiveWorkshop w(IdeationConfig());
  PlayVotedIdeation(w, {{1, "Un repair café une fois par mois"},
                        {2, "Accueillir le marché quand il pleut"},
                        {2, "Des cours du soir"}});

  v1::CreateWorkshopRequest request;
  *request.mutable_workshop()->mutable_config() = EvaluationConfig();
  request.set_carry_from_workshop_id(w.created().workshop_id());
  request.set_carry_from_animateur_token(w.created().animateur_token());
  request.set_carry_count(2);
  auto created = client::CreateWorkshop(w.Http(), request);
  ASSERT_TRUE(created) << created.error();

  auto welcome = AnimateurWelcome(w, *created);
  ASSERT_TRUE(welcome) << welcome.error();
  const auto& ideas = welcome->snapshot().ideas();
  ASSERT_EQ(ideas.size(), 2);
  EXPECT_EQ(ideas[0].text(), "Accueillir le marché quand il pleut");
  EXPECT_EQ(ideas[0].origin().points(), 3u);
  EXPECT_EQ(ideas[0].origin().workshop_id(), w.created().workshop_id());
  EXPECT_EQ(ideas[1].text(), "Un repair café une fois par mois");

  request.set_carry_from_animateur_token("not the token");
  auto refused = client::CreateWorkshop(w.Http(), request);
  EXPECT_FALSE(refused);
}

std::string ToJson(const v1::CreateWorkshopRequest& request) {
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(request, &json).ok());
  return json;
}

TEST(HttpApi, AnEvaluationTakesItsCriteriaFromAWorkshopHeldToDefineThem) {
  // "un atelier aurait pu être organisé pour définir ces critères" (000:1697)
  LiveWorkshop w(IdeationConfig());
  PlayVotedIdeation(w, {{1, "Le coût pour la commune"},
                        {2, "L'accueil fait aux familles"},
                        {2, "Ce qu'en pensent les voisins"},
                        {2, "Une idée sans voix"}});

  v1::CreateWorkshopRequest request;
  v1::WorkshopConfig& config = *request.mutable_workshop()->mutable_config();
  config = EvaluationConfig();
  config.mutable_criteria()->DeleteSubrange(1, config.criteria_size() - 1);  // one typed by hand
  // What a client claims of origins is not taken: the criterion typed by hand, the idea to score.
  config.mutable_criteria(0)->mutable_origin()->set_workshop_id(w.created().workshop_id());
  config.mutable_criteria(0)->mutable_origin()->set_points(99);
  v1::IdeaSeed& typed = *request.mutable_workshop()->add_ideas();
  typed.set_text("Ouvrir un centre d'accueil");
  typed.mutable_origin()->set_workshop_id("ailleurs");
  request.set_criteria_from_workshop_id(w.created().workshop_id());
  request.set_criteria_from_animateur_token(w.created().animateur_token());
  auto created = client::CreateWorkshop(w.Http(), request);  // default: the top 3
  ASSERT_TRUE(created) << created.error();

  auto welcome = AnimateurWelcome(w, *created);
  ASSERT_TRUE(welcome) << welcome.error();
  const auto& criteria = welcome->snapshot().config().criteria();
  ASSERT_EQ(criteria.size(), 4);
  EXPECT_EQ(criteria[0].name(), "acceptabilité");
  EXPECT_FALSE(criteria[0].has_origin());
  EXPECT_EQ(criteria[1].name(), "L'accueil fait aux familles");
  EXPECT_EQ(criteria[1].id(), 2u);
  EXPECT_EQ(criteria[1].origin().workshop_id(), w.created().workshop_id());
  EXPECT_EQ(criteria[1].origin().target_id(), 2u);
  EXPECT_EQ(criteria[1].origin().points(), 3u);
  EXPECT_EQ(criteria[2].name(), "Le coût pour la commune");
  EXPECT_EQ(criteria[3].name(), "Ce qu'en pensent les voisins");
  EXPECT_EQ(criteria[3].max_value(), 10);
  ASSERT_EQ(welcome->snapshot().ideas_size(), 1);
  EXPECT_FALSE(welcome->snapshot().ideas(0).has_origin());

  // Refused with a reason: the wrong token, a workshop that does not exist, one whose ideas
  // have no points yet.
  request.set_criteria_from_animateur_token("not the token");
  auto refused = w.Http().Post("/api/workshops", ToJson(request));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403u) << refused->body;
  request.set_criteria_from_workshop_id("0000000000000000");
  refused = w.Http().Post("/api/workshops", ToJson(request));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 404u) << refused->body;
  EXPECT_NE(refused->body.find("take criteria from"), std::string::npos) << refused->body;
  v1::CreateWorkshopRequest ideation;
  *ideation.mutable_workshop()->mutable_config() = IdeationConfig();
  auto fresh = client::CreateWorkshop(w.Http(), ideation);
  ASSERT_TRUE(fresh) << fresh.error();
  request.set_criteria_from_workshop_id(fresh->workshop_id());
  request.set_criteria_from_animateur_token(fresh->animateur_token());
  refused = w.Http().Post("/api/workshops", ToJson(request));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400u) << refused->body;
  EXPECT_NE(refused->body.find("no idea with points"), std::string::npos) << refused->body;
}

// How many criteria to take is the client's to say, within the configuration's bounds: a count
// far past the ideas with points takes those there are; criteria past the most a workshop may have
// are refused with the reason, as typed ones would be.
TEST(HttpApi, CriteriaTakenFromAWorkshopStayWithinTheBounds) {
  LiveWorkshop w(IdeationConfig());
  PlayVotedIdeation(w, {{1, "Le coût pour la commune"},
                        {2, "L'accueil fait aux familles"},
                        {2, "Ce qu'en pensent les voisins"}});
  v1::CreateWorkshopRequest request;
  v1::WorkshopConfig& config = *request.mutable_workshop()->mutable_config();
  config = EvaluationConfig();
  config.mutable_criteria()->DeleteSubrange(1, config.criteria_size() - 1);
  request.mutable_workshop()->add_ideas()->set_text("Ouvrir un centre d'accueil");
  request.set_criteria_from_workshop_id(w.created().workshop_id());
  request.set_criteria_from_animateur_token(w.created().animateur_token());
  request.set_criteria_count(4'000'000'000u);
  auto created = client::CreateWorkshop(w.Http(), request);
  ASSERT_TRUE(created) << created.error();
  auto welcome = AnimateurWelcome(w, *created);
  ASSERT_TRUE(welcome) << welcome.error();
  EXPECT_EQ(welcome->snapshot().config().criteria_size(), 4) << "the one typed, the three voted";

  // Nineteen typed and the three taken: over the twenty a workshop may have.
  while (config.criteria_size() < 19) {
    v1::Criterion& more = *config.add_criteria();
    more = config.criteria(0);
    more.set_id(0);
    more.set_name("critère tapé " + std::to_string(config.criteria_size()));
  }
  auto refused = w.Http().Post("/api/workshops", ToJson(request));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400u) << refused->body;
  EXPECT_NE(refused->body.find("criteria: at most 20"), std::string::npos) << refused->body;
  request.set_criteria_count(1);  // nineteen and one: accepted
  auto twenty = client::CreateWorkshop(w.Http(), request);
  EXPECT_TRUE(twenty) << twenty.error();
}

}  // namespace
}  // namespace atelier::server_test
