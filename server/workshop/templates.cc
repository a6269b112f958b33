#include "server/workshop/templates.h"

#include <initializer_list>
#include <string>
#include <utility>

namespace atelier::workshop {
namespace {

constexpr int64_t kMinute = 60'000;

// The colours of the post-its (000:1091) and of the other facets: light enough for dark text.
constexpr const char* kPink = "#f7b6d2";
constexpr const char* kYellow = "#ffe38a";

struct StepSpec {
  v1::Phase kind;
  const char* title;
  int minutes = 0;
  const char* instruction = "";
};

v1::Step* AddStep(v1::WorkshopConfig& config, const StepSpec& spec) {
  v1::Step* step = config.add_agenda();
  step->set_id(static_cast<uint32_t>(config.agenda_size()));  // as NormalizeConfig numbers them
  step->set_kind(spec.kind);
  step->set_title(spec.title);
  step->set_planned_ms(spec.minutes * kMinute);
  step->set_instruction(spec.instruction);
  return step;
}

v1::Ballot MakeBallot(v1::BallotKind kind, v1::Voter voter, uint32_t budget = 0, uint32_t cap = 0,
                      uint32_t count = 0) {
  v1::Ballot ballot;
  ballot.set_kind(kind);
  ballot.set_voter(voter);
  ballot.set_budget(budget);
  ballot.set_cap(cap);
  ballot.set_count(count);
  return ballot;
}

void AddFacets(google::protobuf::RepeatedPtrField<v1::Facet>& list,
               std::initializer_list<std::pair<const char*, const char*>> values) {
  for (const auto& [name, colour] : values) {
    v1::Facet* facet = list.Add();
    facet->set_id(static_cast<uint32_t>(list.size()));  // numbered from 1, as the server would
    facet->set_name(name);
    facet->set_colour(colour);
  }
}

void AddProfiles(v1::WorkshopConfig& config,
                 std::initializer_list<std::pair<const char*, const char*>> profiles) {
  for (const auto& [name, description] : profiles) {
    v1::Profile* profile = config.add_profiles();
    profile->set_name(name);
    profile->set_description(description);
  }
}

struct CriterionSpec {
  const char* name;
  v1::Direction direction;
  const char* low;
  const char* high;
  uint32_t weight = 1;
  v1::Scale scale = v1::SCALE_NUMBERS;
};

void AddCriterion(v1::WorkshopConfig& config, const CriterionSpec& spec) {
  v1::Criterion* criterion = config.add_criteria();
  criterion->set_name(spec.name);
  criterion->set_direction(spec.direction);
  criterion->set_low_label(spec.low);
  criterion->set_high_label(spec.high);
  criterion->set_weight(spec.weight);
  criterion->set_scale(spec.scale);
}

void AddIdeas(v1::CreateWorkshop& workshop, std::initializer_list<const char*> texts) {
  for (const char* text : texts) workshop.add_ideas()->set_text(text);
}

struct Method {
  const char* key;
  const char* title;
  const char* summary;
  const char* question;
  v1::Template kind;
  const char* method_note;
};

v1::WorkshopTemplate& Start(v1::WorkshopTemplates& all, const Method& method) {
  v1::WorkshopTemplate& t = *all.add_templates();
  t.set_key(method.key);
  t.set_title(method.title);
  t.set_summary(method.summary);
  v1::WorkshopConfig& config = *t.mutable_workshop()->mutable_config();
  config.set_question(method.question);
  config.set_template_(method.kind);
  config.set_method_note(method.method_note);
  return t;
}

void AddExamples(v1::WorkshopTemplate& t, const v1::Step& step,
                 std::initializer_list<const char*> texts) {
  for (const char* text : texts) {
    v1::ExampleIdea* example = t.add_example_ideas();
    example->set_step_id(step.id());
    example->set_text(text);
  }
}

void Ideation(v1::WorkshopTemplates& all) {
  v1::WorkshopTemplate& t = Start(
      all, {"ideation", "Idéation",
            "Les tables proposent des idées et voient celles des autres en direct ; l'animateur "
            "regroupe les doublons ; chaque table répartit 30 points, 3 au plus par idée, jamais "
            "sur les siennes.",
            "Comment optimiser l'utilisation de la salle municipale ?", v1::TEMPLATE_IDEATION,
            "Idéation : des idées par table, regroupées, puis 30 points par table."});
  v1::WorkshopConfig& c = *t.mutable_workshop()->mutable_config();
  AddStep(c, {v1::PHASE_SETUP, "Accueil des tables"});
  const v1::Step& ideas = *AddStep(c, {v1::PHASE_DIVERGENCE, "Proposer des idées", 15,
                                       "Une idée par post-it : courte, concrète, lisible par "
                                       "toutes les tables."});
  AddStep(c, {v1::PHASE_GROUPING, "Regrouper les doublons", 7});
  *AddStep(c, {v1::PHASE_CONVERGENCE, "Voter", 10})->mutable_ballot() =
      MakeBallot(v1::BALLOT_KIND_BUDGET, v1::VOTER_TABLE, 30, 3);
  AddStep(c, {v1::PHASE_CONCLUSION, "Résultats"});
  AddExamples(t, ideas, {"Un planning partagé des réservations en ligne",
                  "Ouvrir la salle aux associations le week-end",
                  "Des créneaux réservés aux jeunes le mercredi",
                  "Une clé connectée plutôt qu'un gardien",
                  "Louer la salle aux entreprises en semaine", "Un café associatif le samedi"});
}

void Evaluation(v1::WorkshopTemplates& all) {
  v1::WorkshopTemplate& t = Start(
      all, {"evaluation", "Évaluation",
            "Chaque participant note chaque proposition de 0 à 10 sur chaque critère, sur sa "
            "tablette ou son téléphone ; les répartitions montrent le consensus et les désaccords.",
            "Concertation sur l'accueil des réfugiés dans notre ville", v1::TEMPLATE_EVALUATION,
            "Évaluation : chaque participant note chaque proposition sur trois critères."});
  v1::WorkshopConfig& c = *t.mutable_workshop()->mutable_config();
  AddStep(c, {v1::PHASE_SETUP, "Accueil des participants"});
  AddStep(c, {v1::PHASE_SCORING, "Noter les propositions", 20});
  AddStep(c, {v1::PHASE_CONCLUSION, "Résultats"});
  AddCriterion(c, {"acceptabilité", v1::DIRECTION_HIGHER_IS_BETTER, "inacceptable",
                   "très acceptable"});
  AddCriterion(c, {"coût", v1::DIRECTION_LOWER_IS_BETTER, "gratuit", "très cher"});
  AddCriterion(c, {"humanisme", v1::DIRECTION_HIGHER_IS_BETTER, "indifférent", "très humain"});
  AddIdeas(*t.mutable_workshop(),
           {"Loger les familles chez l'habitant volontaire",
            "Ouvrir un centre d'accueil dans l'ancienne école",
            "Des cours de français donnés par des bénévoles",
            "Un parrainage par une famille de la ville",
            "Un guichet unique en mairie pour les démarches"});
}

// 000:555-585: a persona, a "Comment pourrions-nous… ?", a Spider Web of three rings (each
// opened with its constraint), one dot per participant.
void Sprint(v1::WorkshopTemplates& all) {
  v1::WorkshopTemplate& t = Start(
      all, {"sprint", "Sprint K'Pratik",
            "Un persona et une question « Comment pourrions-nous… ? » ; des idées en trois "
            "cercles, chacun ouvert par une contrainte (Spider Web) ; chaque participant colle "
            "une gommette sur l'idée qu'il retient ; les plus votées sont isolées.",
            "Comment pourrions-nous aider Chloé à faire une réservation de parking à distance ?",
            v1::TEMPLATE_IDEATION,
            "Persona : Chloé, 32 ans, célibataire, très active, vit à Paris ; elle déménage et "
            "veut réserver vite et simplement une place de parking sans gêner ses futurs "
            "voisins."});
  v1::WorkshopConfig& c = *t.mutable_workshop()->mutable_config();
  AddStep(c, {v1::PHASE_SETUP, "Le persona : Chloé", 0,
              "Chloé, 32 ans, célibataire, impliquée dans de nombreuses activités et vivant à "
              "Paris, déménage et souhaite réserver rapidement et simplement une place de parking "
              "pour son déménagement sans gêner ses futurs voisins."});
  const v1::Step& ring1 = *AddStep(
      c, {v1::PHASE_DIVERGENCE, "1er cercle : les idées qui viennent", 7,
          "Notez les idées qui vous viennent à l'esprit. Les idées farfelues sont bienvenues !"});
  const v1::Step& ring2 = *AddStep(
      c, {v1::PHASE_DIVERGENCE, "2e cercle : je ne peux pas me déplacer en mairie", 7,
          "Nouvelle contrainte : « je ne peux pas me déplacer en mairie ». Vos nouvelles idées ?"});
  const v1::Step& ring3 = *AddStep(
      c, {v1::PHASE_DIVERGENCE, "3e cercle : nous sommes en 2050", 7,
          "Seconde contrainte : « nous sommes en 2050 ». Allez encore plus loin."});
  *AddStep(c, {v1::PHASE_CONVERGENCE, "Décider : une gommette chacun", 5,
               "Chaque participant ne retient qu'une seule idée, dans n'importe quel cercle."})
       ->mutable_ballot() = MakeBallot(v1::BALLOT_KIND_DOTS, v1::VOTER_SEAT, 1, 1);
  AddStep(c, {v1::PHASE_CONCLUSION, "Les idées retenues"});
  AddExamples(t, ring1, {"Un formulaire de réservation simple", "Un panneau prêté par la mairie",
                         "Prévenir les voisins par un mot dans le hall",
                         "Réserver par téléphone", "Un agent qui pose les barrières",
                         "Une carte des places de déménagement"});
  AddExamples(t, ring2, {"Réserver la place sur le site de la mairie en trois clics",
                         "Payer la réservation en ligne", "Recevoir l'arrêté par courriel",
                         "Une appli qui montre les places libres",
                         "Prévenir les voisins par un message automatique",
                         "Un chat avec un agent le soir"});
  AddExamples(t, ring3, {"Un drone qui garde la place", "La voiture autonome se gare seule",
                         "Un robot déménageur partagé par le quartier",
                         "Des places qui se réservent d'elles-mêmes",
                         "Des rues sans voitures, des navettes de cartons",
                         "Un casier de quartier pour les meubles"});
}

// 000:1085-1110: role cards, benefits in pink and needs in yellow by role, the consolidation
// table, then actions for everyone.
void RoleCards(v1::WorkshopTemplates& all) {
  v1::WorkshopTemplate& t = Start(
      all, {"cartes-de-role", "Cartes de rôle",
            "Chaque table endosse un rôle (usager, agent, manager, élu) ; elle note les bénéfices "
            "(post-it roses) et les besoins (post-it jaunes) de ce rôle ; le tableau de "
            "consolidation les croise ; puis tous cherchent et votent des actions gagnantes pour "
            "tout le monde.",
            "Comment construire ensemble une belle expérience du service public ?",
            v1::TEMPLATE_IDEATION,
            "Cartes de rôle : bénéfices et besoins de chaque rôle, puis des actions pour tous."});
  v1::WorkshopConfig& c = *t.mutable_workshop()->mutable_config();
  AddProfiles(c, {{"Usager", "Vous utilisez le service public"},
                  {"Agent", "Vous rendez le service au quotidien"},
                  {"Manager", "Vous encadrez une équipe d'agents"},
                  {"Élu", "Vous portez les décisions de la collectivité"}});
  AddStep(c, {v1::PHASE_SETUP, "Choisir sa carte", 0,
              "Chaque table choisit le rôle qu'elle va endosser : usager, agent, manager ou élu."});
  v1::Step* roles = AddStep(
      c, {v1::PHASE_DIVERGENCE, "Bénéfices et besoins", 15,
          "Quels bénéfices d'une démarche d'expérience usager pour moi ? (rose) De quoi ai-je "
          "besoin pour vivre moi-même une belle expérience ? (jaune)"});
  AddFacets(*roles->mutable_categories(), {{"Bénéfices", kPink}, {"Besoins", kYellow}});
  const v1::Step& actions =
      *AddStep(c, {v1::PHASE_DIVERGENCE, "Les actions à mettre en place", 15,
                   "Quelles actions concrètes voyez-vous possibles qui répondent aux besoins des "
                   "différents rôles ?"});
  // The vote is on the actions only: the benefits and needs are the consolidation table's.
  v1::Step* vote = AddStep(c, {v1::PHASE_CONVERGENCE, "Voter pour les actions", 10});
  *vote->mutable_ballot() = MakeBallot(v1::BALLOT_KIND_DOTS, v1::VOTER_SEAT, 3, 1);
  vote->mutable_source()->add_step_ids(actions.id());
  AddStep(c, {v1::PHASE_CONCLUSION, "Le tableau de consolidation"});
  AddExamples(t, *roles, {"Être considéré et entendu", "Du temps pour écouter les usagers",
                          "Un service plus adapté à mes besoins", "Fierté du travail bien fait",
                          "Des retours réguliers des usagers",
                          "Montrer que l'élu s'intéresse à eux"});
  AddExamples(t, actions, {"Un point d'accueil unique", "Former les agents à l'écoute",
                           "Un comité d'usagers chaque trimestre",
                           "Des horaires d'ouverture le samedi",
                           "Un élu référent par quartier", "Partager les retours en réunion d'équipe"});
}

// 000:1465-1510: a journey map (stages as columns; actions, thoughts and feelings,
// opportunities as rows), each stage rated with a smiley, opportunities voted.
void Journey(v1::WorkshopTemplates& all) {
  v1::WorkshopTemplate& t = Start(
      all, {"parcours-usager", "Parcours usager",
            "La carte du parcours : les grandes étapes en colonnes ; pour chacune les actions de "
            "l'usager, ses pensées et émotions, les opportunités d'amélioration ; chaque "
            "participant qualifie chaque étape d'un smiley ; les opportunités sont votées.",
            "Comment améliorer l'expérience des participants aux ETS, de l'inscription au retour "
            "en collectivité ?",
            v1::TEMPLATE_IDEATION,
            "Persona : une femme de 45 ans, DG d'une agglomération, originaire de Toulouse."});
  v1::WorkshopConfig& c = *t.mutable_workshop()->mutable_config();
  AddProfiles(c, {{"Usager", "Vous avez participé aux ETS"},
                  {"Agent", "Vous organisez ou accueillez"},
                  {"Élu", "Vous pouvez porter la décision"}});
  AddStep(c, {v1::PHASE_SETUP, "Le persona", 0,
              "Notre usager type : une femme de 45 ans, DG d'une agglomération ou d'une grande "
              "ville, originaire de Toulouse."});
  v1::Step* map = AddStep(c, {v1::PHASE_DIVERGENCE, "Le parcours en détail", 20,
                              "Pour chaque étape : ce que l'usager fait, ce qu'il pense et "
                              "ressent, et ce qu'on pourrait améliorer."});
  AddFacets(*map->mutable_stages(), {{"La programmation", ""},
                                     {"L'arrivée et l'accueil", ""},
                                     {"Les ateliers et conférences", ""},
                                     {"Le off", ""},
                                     {"L'après ETS", ""}});
  AddFacets(*map->mutable_lanes(), {{"Actions", "#cfe3ff"},
                                    {"Pensées et émotions", "#ffe38a"},
                                    {"Opportunités", "#c8f0c8"}});
  constexpr uint32_t kOpportunities = 3;  // the third lane (facets are numbered from 1)
  // Each stage (an idea of the workshop, seeded below: the set-up step's, standing for its
  // column of the map) rated with a smiley, once the map is drawn; the map's own post-its are not
  // rated.
  AddStep(c, {v1::PHASE_SCORING, "Qualifier chaque étape", 7,
              "Pour chaque étape du parcours, choisissez le smiley qui dit votre expérience."})
      ->mutable_source()
      ->add_step_ids(c.agenda(0).id());
  v1::Step* vote = AddStep(c, {v1::PHASE_CONVERGENCE, "Choisir les opportunités", 7});
  *vote->mutable_ballot() = MakeBallot(v1::BALLOT_KIND_DOTS, v1::VOTER_SEAT, 3, 1);
  vote->mutable_source()->add_step_ids(map->id());
  vote->mutable_source()->add_lane_ids(kOpportunities);
  AddStep(c, {v1::PHASE_CONCLUSION, "La carte et ses smileys"});
  AddCriterion(c, {"Mon expérience", v1::DIRECTION_HIGHER_IS_BETTER, "Très mauvaise",
                   "Excellente", 1, v1::SCALE_SMILEYS});
  AddIdeas(*t.mutable_workshop(),
           {"Étape 1 : la programmation (préinscription, inscription)",
            "Étape 2 : l'arrivée et l'accueil", "Étape 3 : les ateliers et conférences",
            "Étape 4 : le off", "Étape 5 : l'après ETS, le retour en collectivité"});
  for (int i = 0; i < t.workshop().ideas_size(); ++i) {
    v1::StageRef& stage = *t.mutable_workshop()->mutable_ideas(i)->mutable_stands_for();
    stage.set_step_id(map->id());
    stage.set_stage_id(map->stages(i).id());
  }
  AddExamples(t, *map, {"Je me préinscris sur le site", "Serein : c'est simple à faire",
                  "Ennuyé : la date est annoncée tard",
                  "Annoncer la date de l'année suivante dès la fin des ETS",
                  "Un badge prêt à l'arrivée", "Des ateliers trop courts",
                  "Un compte rendu envoyé après"});
}

// 004:1396-1441: visions ranked by each voter, from the most to the least prioritary; a Borda
// count.
void Election(v1::WorkshopTemplates& all) {
  v1::WorkshopTemplate& t = Start(
      all, {"election-des-futurs", "Élection des futurs",
            "Chaque participant classe les visions de la plus prioritaire à la moins prioritaire ; "
            "le décompte de Borda les hiérarchise et montre combien les ont placées à chaque "
            "rang.",
            "Quelles visions du futur de notre région voulons-nous prioriser ?",
            v1::TEMPLATE_IDEATION,
            "Élection des futurs : un vote pondéré, chacun trie les visions de la plus à la moins "
            "prioritaire."});
  v1::WorkshopConfig& c = *t.mutable_workshop()->mutable_config();
  AddStep(c, {v1::PHASE_SETUP, "Accueil"});
  *AddStep(c, {v1::PHASE_CONVERGENCE, "Classer les visions", 10,
               "Classez les visions, de celle qui vous semble la plus prioritaire à la moins "
               "prioritaire."})
       ->mutable_ballot() = MakeBallot(v1::BALLOT_KIND_RANKING, v1::VOTER_SEAT);
  AddStep(c, {v1::PHASE_CONCLUSION, "Les visions hiérarchisées"});
  AddIdeas(*t.mutable_workshop(),
           {"Une région où l'on se déplace sans voiture individuelle",
            "Une région nourrie par ses paysans", "Des services publics à moins de 15 minutes",
            "Des villages vivants et des centres-bourgs habités",
            "Une région sobre qui produit son énergie"});
}

// 004:1690-1712: each item into poubelle, machine à laver or coffre-fort; new subjects into the
// longue-vue.
void Jurisprudence(v1::WorkshopTemplates& all) {
  v1::WorkshopTemplate& t = Start(
      all, {"jurisprudence", "Conférence de jurisprudence",
            "Chaque groupe trie chaque élément du dispositif : poubelle (à supprimer), machine à "
            "laver (à modifier), coffre-fort (à garder tel quel), et ajoute les sujets nouveaux "
            "dans la longue-vue.",
            "Que garder, modifier ou supprimer dans notre dispositif de participation ?",
            v1::TEMPLATE_IDEATION,
            "Conférence de jurisprudence : poubelle, machine à laver, coffre-fort, longue-vue."});
  v1::WorkshopConfig& c = *t.mutable_workshop()->mutable_config();
  AddStep(c, {v1::PHASE_SETUP, "Accueil des groupes"});
  v1::Step& sort = *AddStep(c, {v1::PHASE_CONVERGENCE, "Trier le dispositif", 20,
                                 "Mettez chaque élément dans la poubelle, la machine à laver ou "
                                 "le coffre-fort. Les sujets nouveaux vont dans la longue-vue."});
  *sort.mutable_ballot() = MakeBallot(v1::BALLOT_KIND_BUCKETS, v1::VOTER_TABLE);
  AddStep(c, {v1::PHASE_CONCLUSION, "La jurisprudence"});
  AddIdeas(*t.mutable_workshop(),
           {"Le jury citoyen tiré au sort", "Les réunions publiques en soirée",
            "La plateforme de dépôt en ligne", "Les médiateurs régionaux",
            "Le vote dans les gares, les lycées et les marchés"});
  AddExamples(t, sort, {"Un budget pour les projets des jeunes", "Rendre compte chaque année",
                        "Des réunions en visio pour les actifs"});
}

// 004:400-415: the 3 projects one is proudest of (every selection kept visible), then the 3
// challenges ahead.
void Review(v1::WorkshopTemplates& all) {
  v1::WorkshopTemplate& t = Start(
      all, {"bilan-de-mandature", "Bilan de mandature",
            "Chaque groupe choisit exactement les 3 projets dont il est le plus fier (chaque "
            "sélection reste visible), puis liste les 3 défis à relever pour l'avenir.",
            "Que retenons-nous de la mandature ?", v1::TEMPLATE_IDEATION,
            "Bilan de mandature : les 3 projets les plus fiers, puis les 3 défis."});
  v1::WorkshopConfig& c = *t.mutable_workshop()->mutable_config();
  c.set_max_ideas_per_table(3);
  AddStep(c, {v1::PHASE_SETUP, "Accueil des groupes"});
  *AddStep(c, {v1::PHASE_CONVERGENCE, "Les 3 projets les plus fiers", 15,
               "Choisissez les 3 projets dont vous êtes le plus fiers."})
       ->mutable_ballot() = MakeBallot(v1::BALLOT_KIND_PICK, v1::VOTER_TABLE, 0, 0, 3);
  const v1::Step& challenges = *AddStep(c, {v1::PHASE_DIVERGENCE, "Les 3 défis à relever", 15,
                                           "Listez les 3 défis à relever pour l'avenir."});
  AddStep(c, {v1::PHASE_CONCLUSION, "Le bilan"});
  AddIdeas(*t.mutable_workshop(),
           {"La rénovation de l'école Jules-Ferry", "Le budget participatif",
            "La piste cyclable du centre-ville", "La maison de santé",
            "Le marché de producteurs", "La médiathèque ouverte le dimanche"});
  AddExamples(t, challenges, {"Loger les jeunes actifs", "Adapter la ville aux canicules",
                  "Garder des commerces en centre-bourg", "Des transports le soir"});
}

// 001:26: services scored by usagers and agents, their perceptions side by side.
void Barometer(v1::WorkshopTemplates& all) {
  v1::WorkshopTemplate& t = Start(
      all, {"barometre", "Baromètre de satisfaction",
            "Usagers et agents notent chaque service public avec des smileys ; les résultats "
            "croisent leurs perceptions, côte à côte.",
            "Comment jugez-vous la qualité de nos services publics ?", v1::TEMPLATE_EVALUATION,
            "Baromètre de satisfaction : la perception des usagers et celle des agents, croisées."});
  v1::WorkshopConfig& c = *t.mutable_workshop()->mutable_config();
  AddProfiles(c, {{"Usager", "Vous utilisez ces services"},
                  {"Agent", "Vous rendez ces services"}});
  AddStep(c, {v1::PHASE_SETUP, "Accueil des participants"});
  AddStep(c, {v1::PHASE_SCORING, "Noter chaque service", 15});
  AddStep(c, {v1::PHASE_CONCLUSION, "Usagers et agents côte à côte"});
  AddCriterion(c, {"Qualité du service", v1::DIRECTION_HIGHER_IS_BETTER, "Très insatisfait",
                   "Très satisfait", 2, v1::SCALE_SMILEYS});
  AddCriterion(c, {"Délais", v1::DIRECTION_HIGHER_IS_BETTER, "Beaucoup trop longs",
                   "Très rapides", 1, v1::SCALE_SMILEYS});
  AddCriterion(c, {"Accueil", v1::DIRECTION_HIGHER_IS_BETTER, "Très mauvais", "Excellent", 1,
                   v1::SCALE_SMILEYS});
  AddIdeas(*t.mutable_workshop(),
           {"L'accueil en mairie", "La collecte des déchets", "Les transports en commun",
            "La piscine intercommunale", "Le site internet et les démarches en ligne"});
}

v1::WorkshopTemplates Build() {
  v1::WorkshopTemplates all;
  Ideation(all);
  Evaluation(all);
  Sprint(all);
  RoleCards(all);
  Journey(all);
  Election(all);
  Jurisprudence(all);
  Review(all);
  Barometer(all);
  return all;
}

}  // namespace

const v1::WorkshopTemplates& Templates() {
  static const v1::WorkshopTemplates* const all = new v1::WorkshopTemplates(Build());
  return *all;
}

const v1::WorkshopTemplate* FindTemplate(std::string_view key) {
  for (const v1::WorkshopTemplate& t : Templates().templates()) {
    if (t.key() == key) return &t;
  }
  return nullptr;
}

}  // namespace atelier::workshop
