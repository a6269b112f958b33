#include "report/words.h"

namespace atelier::report {
namespace {

constexpr Words kFrench{
    .language = Language::kFrench,
    .lang_code = "fr",
    .title = "Synthèse de l'atelier",
    .ideation = "Atelier d'idéation",
    .evaluation = "Atelier d'évaluation",
    .workshop_id = "atelier",
    .paris_time = "heure de Paris",
    .in_brief = "En bref",
    .method = "Méthode",
    .rules = "Règles appliquées par le serveur",
    .budget = "Points par table",
    .cap = "Au plus, par idée ou regroupement",
    .self_vote_no = "Une table ne vote jamais pour ses propres idées (ni pour un regroupement qui en "
                    "contient une).",
    .self_vote_yes = "Une table peut voter pour ses propres idées.",
    .criteria = "Critères",
    .criterion = "Critère",
    .direction = "Sens",
    .scale = "Échelle",
    .higher_better = "plus haut = mieux",
    .lower_better = "plus bas = mieux",
    .method_ideation =
        "Les participants, réunis par tables autour d'une tablette, proposent des idées ; toutes "
        "les tables voient toutes les idées, sans leur auteur. L'animateur regroupe les idées "
        "semblables. Puis chaque table répartit ses points entre les idées et les regroupements.",
    .method_evaluation =
        "Chaque participant note seul chaque idée, en nombres entiers, sur chaque critère. Pour "
        "chaque idée et chaque critère : la répartition des notes, la moyenne, la médiane et leur "
        "dispersion ; puis un classement d'ensemble.",
    .timeline = "Déroulé",
    .phase = "Phase",
    .began = "Début",
    .ended = "Fin",
    .duration = "Durée",
    .ongoing = "en cours",
    .planned = "prévu :",
    .participation = "Participation",
    .participation_note =
        "Ces résultats sont l'avis des personnes présentes à cet atelier, non celui de toute la "
        "population.",
    .tables_present = "Tables présentes",
    .tables_voted = "Tables qui ont voté",
    .points_spent = "Points attribués",
    .ideas_count = "Idées",
    .clusters_count = "Regroupements",
    .seats_present = "Participants inscrits (places)",
    .seats_scored = "Participants qui ont noté",
    .ideas_and_clusters = "Idées et regroupements",
    .clusters = "Regroupements",
    .all_ideas = "Toutes les idées",
    .idea = "Idée",
    .number = "N°",
    .in_cluster = "Regroupement",
    .carried_from = "reprise de l'atelier",
    .no_ideas = "Aucune idée.",
    .results = "Résultats",
    .points_title = "Points par idée ou regroupement",
    .points_chart = "Histogramme des points, par ordre décroissant",
    .points_top = "premiers ; tous sont dans le tableau ci-dessous.",
    .rank = "Rang",
    .idea_or_cluster = "Idée ou regroupement",
    .points = "Points",
    .tables = "Tables",
    .cluster_mark = "regroupement",
    .no_votes = "Aucun point n'a été attribué.",
    .ranking = "Classement",
    .overall = "Note globale sur 10",
    .spread = "Dispersion",
    .agreement = "Accord",
    .ranking_note =
        "Note globale : moyenne des critères sur 10, chacun tourné pour que 10 soit le mieux ; à "
        "égalité, l'accord le plus large passe devant.",
    .agreement_note =
        "Accord : « consensus fort » quand l'écart-type des notes est sous 1,5 (sur 10) ; « avis "
        "divisés » à partir de 2,5 ; « avis partagés » entre les deux.",
    .distributions = "Répartition des notes, idée par idée",
    .consensual = "Ce qui fait consensus",
    .divisive = "Ce qui divise",
    .none_consensual = "Aucune idée ne fait un consensus fort.",
    .none_divisive = "Aucune idée ne divise nettement.",
    .no_scores = "pas de note",
    .mean = "moyenne",
    .median = "médiane",
    .stddev = "écart-type",
    .fingerprint = "Empreinte",
    .fingerprint_events = "empreinte des événements 1 à",
    .verify_how = "Pour vérifier une archive de cet atelier, hors ligne : ",
    .verify_compare = " ; l'empreinte qu'elle affiche doit être celle-ci.",
    .made_from = "Établie par Atelier à partir du journal de l'atelier, chaîné par empreintes : "
                 "chaque résultat ci-dessus se recalcule à partir de l'archive.",
    .unnamed_table = "table",
    .profiles = "Profils des participants",
    .profile = "Profil",
    .everyone = "Ensemble",
    .no_profile = "Sans profil",
    .per_profile = "Résultats par profil",
    .per_profile_note =
        "Chaque profil compte ses tables (leurs idées et leurs points) et ses participants (leurs "
        "notes) : un participant sans profil à lui compte pour celui de sa table.",
    .participation_by_profile = "Participation par profil",
    .points_by_profile = "Points par profil",
    .overall_by_profile = "Note globale sur 10, par profil",
    .mean_by_profile = "Moyenne par profil :",
    .consolidation = "Tableau de consolidation : idées par profil et par catégorie",
    .consolidation_note = "Nombre d'idées proposées par les tables de chaque profil, dans chaque "
                          "catégorie.",
    .total = "Total",
    .facets = "Catégorie, étape, couloir",
    .weight = "Poids",
    .smileys = "visages",
    .criterion_origin = "idée retenue par l'atelier",
    .step = "Étape",
};

constexpr Words kEnglish{
    .language = Language::kEnglish,
    .lang_code = "en",
    .title = "Workshop synthesis",
    .ideation = "Ideation workshop",
    .evaluation = "Evaluation workshop",
    .workshop_id = "workshop",
    .paris_time = "Paris time",
    .in_brief = "In brief",
    .method = "Method",
    .rules = "Rules enforced by the server",
    .budget = "Points per table",
    .cap = "At most, per idea or cluster",
    .self_vote_no = "A table never votes for its own ideas (nor for a cluster holding one).",
    .self_vote_yes = "A table may vote for its own ideas.",
    .criteria = "Criteria",
    .criterion = "Criterion",
    .direction = "Direction",
    .scale = "Scale",
    .higher_better = "higher is better",
    .lower_better = "lower is better",
    .method_ideation =
        "Participants, in tables sharing one tablet, post ideas; every table sees every idea, "
        "without its author. The facilitator groups similar ideas into clusters. Then each "
        "table spreads its points over the ideas and clusters.",
    .method_evaluation =
        "Each participant scores every idea alone, in whole numbers, on each criterion. For each "
        "idea and criterion: the distribution of the scores, the mean, the median and their "
        "spread; then an overall ranking.",
    .timeline = "Timeline",
    .phase = "Phase",
    .began = "Began",
    .ended = "Ended",
    .duration = "Duration",
    .ongoing = "ongoing",
    .planned = "planned:",
    .participation = "Participation",
    .participation_note =
        "These results are the view of the people present at this workshop, not of the whole "
        "population.",
    .tables_present = "Tables present",
    .tables_voted = "Tables that voted",
    .points_spent = "Points given",
    .ideas_count = "Ideas",
    .clusters_count = "Clusters",
    .seats_present = "Participants joined (seats)",
    .seats_scored = "Participants who scored",
    .ideas_and_clusters = "Ideas and clusters",
    .clusters = "Clusters",
    .all_ideas = "All ideas",
    .idea = "Idea",
    .number = "No.",
    .in_cluster = "Cluster",
    .carried_from = "carried over from workshop",
    .no_ideas = "No ideas.",
    .results = "Results",
    .points_title = "Points per idea or cluster",
    .points_chart = "Histogram of the points, most first",
    .points_top = "first; all are in the table below.",
    .rank = "Rank",
    .idea_or_cluster = "Idea or cluster",
    .points = "Points",
    .tables = "Tables",
    .cluster_mark = "cluster",
    .no_votes = "No points were given.",
    .ranking = "Ranking",
    .overall = "Overall score out of 10",
    .spread = "Spread",
    .agreement = "Agreement",
    .ranking_note =
        "Overall score: mean of the criteria out of 10, each turned so that 10 is best; on a tie, "
        "the broader agreement comes first.",
    .agreement_note =
        "Agreement: “strong consensus” when the standard deviation of the scores is under 1.5 "
        "(out of 10); “divided” from 2.5; “mixed views” in between.",
    .distributions = "Distribution of the scores, idea by idea",
    .consensual = "What has broad support",
    .divisive = "What divides",
    .none_consensual = "No idea has a strong consensus.",
    .none_divisive = "No idea clearly divides.",
    .no_scores = "no score",
    .mean = "mean",
    .median = "median",
    .stddev = "standard deviation",
    .fingerprint = "Fingerprint",
    .fingerprint_events = "fingerprint of events 1 to",
    .verify_how = "To check an archive of this workshop, offline: ",
    .verify_compare = "; the fingerprint it prints must be this one.",
    .made_from = "Made by Atelier from the workshop's hash-chained log: every result above can be "
                 "recomputed from the archive.",
    .unnamed_table = "table",
    .profiles = "Participant profiles",
    .profile = "Profile",
    .everyone = "Everyone",
    .no_profile = "No profile",
    .per_profile = "Results per profile",
    .per_profile_note =
        "Each profile counts its tables (their ideas and points) and its participants (their "
        "scores): a participant without a profile of their own counts for their table's.",
    .participation_by_profile = "Participation per profile",
    .points_by_profile = "Points per profile",
    .overall_by_profile = "Overall score out of 10, per profile",
    .mean_by_profile = "Mean per profile:",
    .consolidation = "Consolidation table: ideas per profile and category",
    .consolidation_note = "Number of ideas posted by the tables of each profile, in each category.",
    .total = "Total",
    .facets = "Category, stage, lane",
    .weight = "Weight",
    .smileys = "faces",
    .criterion_origin = "an idea chosen by workshop",
    .step = "Step",
};

}  // namespace

const Words& WordsFor(Language language) {
  return language == Language::kEnglish ? kEnglish : kFrench;
}

std::string PhaseName(v1::Phase phase, Language language) {
  const bool fr = language == Language::kFrench;
  switch (phase) {
    case v1::PHASE_SETUP: return fr ? "Préparation" : "Set-up";
    case v1::PHASE_DIVERGENCE: return fr ? "Divergence : proposer des idées" : "Divergence: post ideas";
    case v1::PHASE_GROUPING: return fr ? "Regroupement des idées" : "Grouping the ideas";
    case v1::PHASE_CONVERGENCE:
      return fr ? "Convergence : répartir les points" : "Convergence: spend your points";
    case v1::PHASE_SCORING: return fr ? "Évaluation : noter les idées" : "Evaluation: score the ideas";
    case v1::PHASE_CONCLUSION: return "Conclusion";
    default: return "—";
  }
}

std::string AgreementName(Agreement agreement, Language language) {
  const bool fr = language == Language::kFrench;
  switch (agreement) {
    case Agreement::kFew: return fr ? "trop peu de notes" : "too few scores";
    case Agreement::kStrong: return fr ? "consensus fort" : "strong consensus";
    case Agreement::kShared: return fr ? "avis partagés" : "mixed views";
    case Agreement::kDivided: break;
  }
  return fr ? "avis divisés" : "divided";
}

std::string Count(uint64_t n, const char* singular, const char* plural, Language language) {
  const bool one = language == Language::kFrench ? n <= 1 : n == 1;
  return std::to_string(n) + " " + (one ? singular : plural);
}

}  // namespace atelier::report
