// The synthesis: what it says (question, rules, phases, participation, ideas, results, the
// head hash), that participant text can never become markup, and French or English.
#include "report/synthesis.h"

#include <gtest/gtest.h>

#include <regex>

#include "report/text_format.h"
#include "tests/report/report_support.h"
#include "tests/workshop/test_support.h"

namespace atelier::report {
namespace {

namespace wt = workshop::testing;
using testing::CountOf;
using testing::Has;
using testing::RecordOf;

v1::Event JoinNamed(wt::Harness& harness, const std::string& name) {
  v1::Command c;
  c.mutable_join_table()->set_name(name);
  return harness.Accept(c, wt::TableActor(0));
}

// An ideation whose every text a participant or the animateur typed tries to be markup.
WorkshopRecord HostileWorkshop() {
  v1::WorkshopConfig config = wt::IdeationConfig();
  config.set_question("Que faire de la salle <b>municipale</b> ? </title><script>alert(1)</script>");
  config.set_method_note("Note <img src=x onerror=alert(2)>");
  config.set_budget_per_table(20);
  config.set_cap_per_target(2);
  wt::Harness harness(config);
  const auto a = JoinNamed(harness, "Table \"<svg onload=alert(3)>\"").table_joined().table_id();
  const auto b = harness.JoinTable();
  harness.MoveTo(v1::PHASE_DIVERGENCE);
  const auto i1 = harness.Post(a, "<script>alert('idée')</script>");
  const auto i2 = harness.Post(b, "Un café & des <i>jeux</i>");
  const auto i3 = harness.Post(b, "Ouvrir le dimanche");
  harness.MoveTo(v1::PHASE_GROUPING);
  const auto cluster = harness.Merge({i2, i3}, "</text><script>alert(4)</script>");
  harness.MoveTo(v1::PHASE_CONVERGENCE);
  harness.Accept(wt::SetPointsCmd({{cluster, 2}}), wt::TableActor(a));
  harness.Accept(wt::SetPointsCmd({{i1, 1}}), wt::TableActor(b));
  return RecordOf(harness.log());
}

TEST(Synthesis, ParticipantTextIsNeverMarkup) {
  const std::string html = RenderSynthesis(HostileWorkshop(), Language::kFrench);
  EXPECT_FALSE(Has(html, "<script")) << "no script element, whatever was typed";
  EXPECT_FALSE(Has(html, "<img"));
  EXPECT_FALSE(Has(html, "<svg onload"));
  EXPECT_FALSE(Has(html, "<b>municipale"));
  EXPECT_FALSE(Has(html, "<i>jeux"));
  EXPECT_TRUE(Has(html, "&lt;script&gt;alert(&#39;idée&#39;)&lt;/script&gt;"));
  EXPECT_TRUE(Has(html, "Un café &amp; des &lt;i&gt;jeux&lt;/i&gt;"));
  EXPECT_TRUE(Has(html, "&lt;/text&gt;&lt;script&gt;alert(4)&lt;/script&gt;"))
      << "a cluster title, also inside the chart's SVG";
  EXPECT_TRUE(Has(html, "Note &lt;img src=x onerror=alert(2)&gt;"));
  EXPECT_EQ(CountOf(html, "<title>"), 1u + 2u) << "the document's, and one per bar (2 targets)";
}

TEST(Synthesis, LoadsNothingAndForbidsScriptItself) {
  const std::string html = RenderSynthesis(HostileWorkshop(), Language::kFrench);
  EXPECT_TRUE(Has(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        "style-src 'unsafe-inline'"));
  EXPECT_LT(html.find("Content-Security-Policy"), html.find("<title>"))
      << "the policy comes before any text from the log";
  // Text is escaped, so every '<' left opens a real tag: none has a source or a link.
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<[^>]*\s(src|href|srcset|action)\s*=)", std::regex::icase)))
      << "no resource and no link: the document stands alone";
  EXPECT_FALSE(Has(html, "@import"));
  EXPECT_FALSE(Has(html, "url("));
}

TEST(Synthesis, StatesTheRulesActuallyConfigured) {
  const std::string html = RenderSynthesis(HostileWorkshop(), Language::kFrench);
  EXPECT_TRUE(Has(html, "<dt>Points par table</dt><dd>20</dd>"));
  EXPECT_TRUE(Has(html, "<dt>Au plus, par idée ou regroupement</dt><dd>2</dd>"));
  EXPECT_TRUE(Has(html, "ne vote jamais pour ses propres idées"));
}

TEST(Synthesis, PhasesWithTheirTimesInParisTime) {
  wt::Harness harness;  // created at 2023-11-14 22:13:20 UTC: 23:13 in Paris
  harness.now_ms() += 12 * 60'000;
  harness.MoveTo(v1::PHASE_DIVERGENCE);
  harness.now_ms() += 65 * 60'000;  // past midnight in Paris: the date is written
  harness.MoveTo(v1::PHASE_GROUPING);
  const std::string html = RenderSynthesis(RecordOf(harness.log()), Language::kFrench);
  EXPECT_TRUE(Has(html, "mardi 14 novembre 2023, 23:13 – mercredi 15 novembre 2023, 00:30"));
  EXPECT_TRUE(Has(html, "Préparation</th><td>23:13</td><td>23:25</td><td class=\"num\">12 min</td>"));
  EXPECT_TRUE(Has(html, "Divergence : proposer des idées</th><td>23:25</td>"
                        "<td>mercredi 15 novembre 2023, 00:30</td><td class=\"num\">1 h 05</td>"))
      << html.substr(html.find("id=\"timeline\""), 1200);
  EXPECT_TRUE(Has(html, "Regroupement des idées</th><td>mercredi 15 novembre 2023, 00:30</td>"
                        "<td><span class=\"muted\">en cours"));
}

TEST(Synthesis, FingerprintIsTheHeadHashWithHowToCheckIt) {
  const WorkshopRecord record = HostileWorkshop();
  const std::string html = RenderSynthesis(record, Language::kFrench);
  const std::string hex = HexDigits(record.state.last_hash);
  ASSERT_EQ(hex.size(), 64u);
  EXPECT_TRUE(Has(html, "<code class=\"hash\" id=\"head-hash\">" + hex + "</code>"));
  EXPECT_TRUE(Has(html, "<span id=\"head-seq\">" + std::to_string(record.state.seq) + "</span>"));
  EXPECT_TRUE(Has(html, "atelier verify FICHIER"));
}

TEST(Synthesis, PointsSortedWithABarPerTarget) {
  const WorkshopRecord record = HostileWorkshop();
  const std::string html = RenderSynthesis(record, Language::kFrench);
  // The cluster (2 points, holding i2 and i3) before the idea i1 (1 point).
  std::smatch match;
  std::vector<int> points;
  std::string rest = html;
  const std::regex row(R"re(data-points="(\d+)")re");
  while (std::regex_search(rest, match, row)) {
    points.push_back(std::stoi(match[1]));
    rest = match.suffix();
  }
  EXPECT_EQ(points, (std::vector<int>{2, 1}));
  EXPECT_EQ(CountOf(html, "<rect "), 2u) << "one bar per target";
  EXPECT_TRUE(Has(html, "regroupement, 2 idées"));
}

TEST(Synthesis, EnglishOnRequest) {
  const std::string html = RenderSynthesis(HostileWorkshop(), Language::kEnglish);
  EXPECT_TRUE(Has(html, "<html lang=\"en\">"));
  EXPECT_TRUE(Has(html, "Workshop synthesis"));
  EXPECT_TRUE(Has(html, "atelier verify FILE"));
  EXPECT_FALSE(Has(html, "Regroupement des idées"));
  EXPECT_TRUE(Has(RenderSynthesis(HostileWorkshop(), Language::kFrench), "<html lang=\"fr\">"));
  EXPECT_EQ(ParseLanguage(""), Language::kFrench);
  EXPECT_EQ(ParseLanguage("en"), Language::kEnglish);
  EXPECT_EQ(ParseLanguage("de"), std::nullopt);
}

// Gommettes, then a ranking of the ideas, then a sorting into buckets with a new subject.
WorkshopRecord BallotsWorkshop() {
  v1::WorkshopConfig config = wt::IdeationConfig();
  auto step = [&](v1::Phase kind, const char* title, v1::BallotKind ballot) {
    v1::Step& s = *config.add_agenda();
    s.set_kind(kind);
    s.set_title(title);
    if (ballot != v1::BALLOT_KIND_UNSPECIFIED) s.mutable_ballot()->set_kind(ballot);
  };
  step(v1::PHASE_SETUP, "", v1::BALLOT_KIND_UNSPECIFIED);
  step(v1::PHASE_DIVERGENCE, "", v1::BALLOT_KIND_UNSPECIFIED);
  step(v1::PHASE_CONVERGENCE, "Gommettes", v1::BALLOT_KIND_DOTS);
  step(v1::PHASE_CONVERGENCE, "Élection des futurs", v1::BALLOT_KIND_RANKING);
  step(v1::PHASE_CONVERGENCE, "Jurisprudence", v1::BALLOT_KIND_BUCKETS);
  step(v1::PHASE_CONCLUSION, "", v1::BALLOT_KIND_UNSPECIFIED);
  wt::Harness harness(config);
  const auto a = harness.JoinTable();
  const auto b = harness.JoinTable();
  harness.MoveTo(v1::PHASE_DIVERGENCE);
  const auto i1 = harness.PostAsAnimateur("Un tiers-lieu");
  const auto i2 = harness.PostAsAnimateur("Une navette");
  harness.MoveTo(v1::PHASE_CONVERGENCE);  // the dots
  harness.Accept(wt::SetPointsCmd({{i1, 1}}), wt::TableActor(a));
  harness.MoveTo(v1::PHASE_CONVERGENCE);  // the ranking
  harness.Accept(wt::ChoiceCmd({i2, i1}), wt::TableActor(a));
  harness.Accept(wt::ChoiceCmd({i2, i1}), wt::TableActor(b));
  harness.MoveTo(v1::PHASE_CONVERGENCE);  // the buckets
  harness.Accept(wt::BucketsCmd({{i1, v1::BUCKET_COFFRE_FORT}}), wt::TableActor(b));
  harness.Post(a, "Et les <b>jeunes</b> ?");
  return RecordOf(harness.log());
}

TEST(Synthesis, EachVoteStepWithItsBallotsRuleAndResults) {
  const std::string html = RenderSynthesis(BallotsWorkshop(), Language::kFrench);
  EXPECT_TRUE(Has(html, "<strong>Gommettes</strong> : Chaque table pose 1 gommette, au plus 1 par "
                        "idée ; jamais ses propres idées."));
  EXPECT_TRUE(Has(html, "Chaque table classe toutes les idées"));
  EXPECT_TRUE(Has(html, "<h3>Gommettes par idée ou regroupement — Gommettes</h3>"));
  EXPECT_TRUE(Has(html, "<h3>Classement (méthode de Borda) — Élection des futurs</h3>"));
  EXPECT_TRUE(Has(html, "<h3>Tri en quatre cases — Jurisprudence</h3>"));
  // The navette ranked first twice: 2 + 2 Borda points, and said so.
  EXPECT_TRUE(Has(html, "data-points=\"4\""));
  EXPECT_TRUE(Has(html, "1er \u00d72"));
  // The longue-vue's new subject, as text.
  EXPECT_TRUE(Has(html, "Longue-vue : nouveaux sujets"));
  EXPECT_TRUE(Has(html, "Et les &lt;b&gt;jeunes&lt;/b&gt; ?"));
  EXPECT_EQ(CountOf(html, "<table class=\"points\""), 3u);
  const std::string english = RenderSynthesis(BallotsWorkshop(), Language::kEnglish);
  EXPECT_TRUE(Has(english, "Ranking (Borda count)"));
  EXPECT_TRUE(Has(english, "1st \u00d72"));
}

TEST(Synthesis, EvaluationShowsCriteriaDistributionsAndAgreement) {
  wt::Harness harness(wt::EvaluationConfig(), {"Un accueil en mairie", "Des familles d'accueil"});
  const auto table = harness.JoinTable();
  std::vector<workshop::SeatId> seats;
  for (uint32_t n = 1; n <= 3; ++n) seats.push_back(harness.JoinSeat(table, n));
  harness.MoveTo(v1::PHASE_SCORING);
  const auto& ideas = harness.state().ideas;
  const auto first = ideas.begin()->first, second = std::next(ideas.begin())->first;
  // Everyone agrees on the first idea; the second splits the room (0, 10, 0).
  const int split[] = {0, 10, 0};
  for (size_t s = 0; s < seats.size(); ++s) {
    for (uint32_t criterion = 1; criterion <= 3; ++criterion) {
      harness.Accept(wt::ScoreCmd(seats[s], first, criterion, 7), wt::SeatActor(seats[s], table));
      harness.Accept(wt::ScoreCmd(seats[s], second, criterion, split[s]),
                     wt::SeatActor(seats[s], table));
    }
  }
  const std::string html = RenderSynthesis(RecordOf(harness.log()), Language::kFrench);
  EXPECT_EQ(CountOf(html, "<svg class=\"chart histogram\""), 6u) << "2 ideas x 3 criteria";
  EXPECT_TRUE(Has(html, "coût"));
  EXPECT_TRUE(Has(html, "plus bas = mieux"));
  EXPECT_TRUE(Has(html, "Moyenne 7 et médiane 7 (de 0 à 10) ; écart-type 0 : consensus fort. 3 notes."));
  EXPECT_TRUE(Has(html, "écart-type 4,7 : avis divisés"));
  const size_t consensual = html.find("id=\"consensual\"");
  const size_t divisive = html.find("id=\"divisive\"");
  ASSERT_NE(consensual, std::string::npos);
  ASSERT_NE(divisive, std::string::npos);
  EXPECT_TRUE(Has(html.substr(consensual, divisive - consensual), "Un accueil en mairie"));
  EXPECT_TRUE(Has(html.substr(divisive, 300), "Des familles d&#39;accueil"));
  EXPECT_TRUE(Has(html, "<dt>Participants qui ont noté</dt><dd>3</dd>"));
}

// A criterion taken from a workshop held to define the criteria (000:1697) says where from, so
// that a reader can open that workshop's own synthesis; one typed by hand says nothing.
TEST(Synthesis, ACriterionTakenFromAnotherWorkshopSaysWhichOne) {
  v1::WorkshopConfig config = wt::EvaluationConfig();
  v1::IdeaOrigin& origin = *config.mutable_criteria(2)->mutable_origin();
  origin.set_workshop_id("9f3a<b>");
  origin.set_target_id(4);
  origin.set_points(12);
  wt::Harness harness(config, {"Un accueil en mairie"});
  const std::string html = RenderSynthesis(RecordOf(harness.log()), Language::kFrench);
  EXPECT_TRUE(Has(html, "humanisme<br><span class=\"muted criterion-origin\">idée retenue par "
                        "l'atelier <code>9f3a&lt;b&gt;</code> (12 points)</span></th>"))
      << html.substr(html.find("class=\"criteria\""), 1500);
  EXPECT_EQ(CountOf(html, "criterion-origin"), 1u);
  const std::string english = RenderSynthesis(RecordOf(harness.log()), Language::kEnglish);
  EXPECT_TRUE(Has(english, "an idea chosen by workshop <code>9f3a&lt;b&gt;</code> (12 points)"));
}

// A barometer (usagers and agents score the same services) shows each profile's view side by
// side; role cards show their consolidation table; a workshop with neither shows neither.
TEST(Synthesis, ResultsPerProfileAndTheConsolidationTable) {
  v1::WorkshopConfig config = wt::EvaluationConfig();
  config.add_profiles()->set_name("Usager <b>");
  config.mutable_profiles(0)->set_description("Vous utilisez le service");
  config.add_profiles()->set_name("Agent");
  config.mutable_criteria(0)->set_weight(3);
  config.mutable_criteria(2)->set_scale(v1::SCALE_SMILEYS);
  wt::Harness barometer(config, {"Accueil en mairie", "Site internet"});
  const auto usager = barometer.JoinTable(1);
  const auto agent = barometer.JoinTable(2);
  const auto u = barometer.JoinSeat(usager, 1, 1);
  const auto a = barometer.JoinSeat(agent, 1, 2);
  barometer.MoveTo(v1::PHASE_SCORING);
  barometer.Accept(wt::ScoreCmd(u, 1, 1, 2), wt::TableActor(usager));
  barometer.Accept(wt::ScoreCmd(a, 1, 1, 9), wt::TableActor(agent));
  const std::string html = RenderSynthesis(RecordOf(barometer.log()), Language::kFrench);
  EXPECT_TRUE(Has(html, "<h3 id=\"per-profile\">Résultats par profil</h3>"));
  EXPECT_TRUE(Has(html, "<strong>Usager &lt;b&gt;</strong> : Vous utilisez le service"));
  EXPECT_FALSE(Has(html, "Usager <b>"));
  EXPECT_TRUE(Has(html, "id=\"profile-overall\""));
  EXPECT_TRUE(Has(html, "id=\"profile-criterion-1\""));
  // Idea 1's acceptability: 5.5 for everyone, 2 for usagers, 9 for agents.
  const size_t criterion = html.find("id=\"profile-criterion-1\"");
  ASSERT_NE(criterion, std::string::npos);
  EXPECT_TRUE(Has(html.substr(criterion, 1200),
                  "Accueil en mairie</th><td class=\"num\">5,5</td><td class=\"num\">2</td>"
                  "<td class=\"num\">9</td>"));
  EXPECT_TRUE(Has(html, "<th scope=\"col\" class=\"num\">Poids</th>"));
  EXPECT_TRUE(Has(html, "(visages)"));
  EXPECT_FALSE(Has(html, "id=\"consolidation\"")) << "no step with categories";

  v1::WorkshopConfig cards = wt::IdeationConfig();
  cards.add_profiles()->set_name("Usager");
  cards.add_profiles()->set_name("Élu");
  cards.add_agenda()->set_kind(v1::PHASE_SETUP);
  v1::Step& step = *cards.add_agenda();
  step.set_kind(v1::PHASE_DIVERGENCE);
  step.set_title("Bénéfices et besoins");
  step.add_categories()->set_name("Bénéfices");
  step.add_categories()->set_name("Besoins");
  wt::Harness roles(cards);
  const auto t1 = roles.JoinTable(1);
  const auto t2 = roles.JoinTable(2);
  roles.MoveTo(v1::PHASE_DIVERGENCE);
  for (auto [table, category] : {std::pair{t1, 1u}, std::pair{t1, 2u}, std::pair{t1, 2u},
                                 std::pair{t2, 1u}}) {
    v1::Command post = wt::PostIdeaCmd("Une idée");
    post.mutable_post_idea()->set_category_id(category);
    roles.Accept(post, wt::TableActor(table));
  }
  const std::string table = RenderSynthesis(RecordOf(roles.log()), Language::kFrench);
  const size_t at = table.find("<table class=\"consolidation\" data-step-id=\"2\">");
  ASSERT_NE(at, std::string::npos);
  const std::string consolidation = table.substr(at, table.find("</table>", at) - at);
  EXPECT_TRUE(Has(consolidation, "<caption>Bénéfices et besoins</caption>"));
  EXPECT_TRUE(Has(consolidation, "Usager</th><td class=\"num\">1</td><td class=\"num\">2</td>"
                                 "<td class=\"num\">3</td>"));
  EXPECT_TRUE(Has(consolidation, "Élu</th><td class=\"num\">1</td><td class=\"num\">0</td>"
                                 "<td class=\"num\">1</td>"));
  EXPECT_TRUE(Has(consolidation, "Total</th><td class=\"num\">2</td><td class=\"num\">2</td>"
                                 "<td class=\"num\">4</td>"));
  EXPECT_FALSE(Has(consolidation, "Sans profil"));
  EXPECT_TRUE(Has(table, "<td>Besoins</td>")) << "each idea's category in the list of ideas";

  const std::string plain = RenderSynthesis(HostileWorkshop(), Language::kFrench);
  EXPECT_FALSE(Has(plain, "per-profile"));
  EXPECT_FALSE(Has(plain, "consolidation"));
  EXPECT_FALSE(Has(plain, "Poids"));
}

}  // namespace
}  // namespace atelier::report
