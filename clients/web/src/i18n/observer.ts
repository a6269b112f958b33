// Wording of the observer big screen, in French (default) and English.
import { pick } from "./lang";

const fr = {
  pageTitle: "Atelier — grand écran",
  timeLeft: "Temps restant",
  missingCode: "Il manque le code observateur dans l'adresse (?code=…). L'animateur l'ouvre depuis sa console\u00a0: «\u00a0Ouvrir l'écran des observateurs\u00a0».",
  joinLine: (code: string) => `Pour rejoindre l'atelier : code ${code}`,
  participation: "Participation",
  presentNote: "Les résultats sont l'avis des personnes présentes, pas de toute la population.",
  counts: {
    tablesJoined: (n: number): string => (n > 1 ? "tables présentes" : "table présente"),
    tablesVoted: (n: number): string => (n > 1 ? "tables ont voté" : "table a voté"),
    seatsJoined: (n: number): string => (n > 1 ? "participants présents" : "participant présent"),
    seatsScored: (n: number): string => (n > 1 ? "participants ont noté" : "participant a noté"),
    ideas: (n: number): string => (n > 1 ? "idées" : "idée"),
    pointsSpent: (n: number): string => (n > 1 ? "points donnés" : "point donné"),
  },
  pointsTitle: "Points par idée",
  noPoints: "Aucun point donné pour l'instant.",
  pointsSr: (n: number) => ` point${n > 1 ? "s" : ""}`,
  tablesSr: (n: number) => `, ${n} table${n > 1 ? "s" : ""}`,
  cluster: "Regroupement",
  atReveal: "Les résultats s'afficheront ici quand l'animateur les révélera.",
  waiting: "Les résultats s'afficheront ici dès les premiers votes.",
  rankingTitle: "Classement",
  rankingCaption: "Classement des idées (note globale sur 10)",
  noScores: "Aucune note pour l'instant.",
  distributionTitle: "Répartition des notes par idée et par critère",
  distributionSr: (parts: string[]) => (parts.length ? `Répartition des notes : ${parts.join(" ; ")}.` : "Aucune note."),
  distributionPart: (value: number, count: number) => `${value} : ${count} personne${count > 1 ? "s" : ""}`,
  agreementNote: "Accord : « consensus fort » quand l'écart-type des notes est sous 1,5 (sur 10) ; « avis divisés » à partir de 2,5 ; « avis partagés » entre les deux.",
  overallNote: "Note globale : moyenne des critères sur 10, chacun orienté pour que 10 soit le mieux ; à égalité, l'accord le plus large passe devant.",
  defaultMethod: {
    ideation: (budget: number, cap: number) =>
      `Tables de trois, une tablette par table : chaque table propose des idées, puis répartit ${budget} points, ${cap} au plus par idée, jamais sur ses propres idées.`,
    evaluation: "Chaque participant note seul chaque idée de 0 à 10 sur chaque critère ; on montre pour chaque idée la répartition des notes, la moyenne, la médiane et l'accord.",
  },
};

const en: typeof fr = {
  pageTitle: "Atelier — big screen",
  timeLeft: "Time left",
  missingCode: "The observer code is missing from the address (?code=…). The facilitator opens it from the console: “Open the observer screen”.",
  joinLine: (code) => `To join the workshop: code ${code}`,
  participation: "Participation",
  presentNote: "The results are the views of the people present, not of the whole population.",
  counts: {
    tablesJoined: (n) => (n === 1 ? "table present" : "tables present"),
    tablesVoted: (n) => (n === 1 ? "table voted" : "tables voted"),
    seatsJoined: (n) => (n === 1 ? "participant present" : "participants present"),
    seatsScored: (n) => (n === 1 ? "participant scored" : "participants scored"),
    ideas: (n) => (n === 1 ? "idea" : "ideas"),
    pointsSpent: (n) => (n === 1 ? "point given" : "points given"),
  },
  pointsTitle: "Points per idea",
  noPoints: "No points given yet.",
  pointsSr: (n) => ` point${n === 1 ? "" : "s"}`,
  tablesSr: (n) => `, ${n} table${n === 1 ? "" : "s"}`,
  cluster: "Group",
  atReveal: "The results will appear here when the facilitator reveals them.",
  waiting: "The results will appear here with the first votes.",
  rankingTitle: "Ranking",
  rankingCaption: "Ranking of the ideas (overall score out of 10)",
  noScores: "No scores yet.",
  distributionTitle: "How the scores spread, per idea and criterion",
  distributionSr: (parts) => (parts.length ? `Scores given: ${parts.join("; ")}.` : "No scores."),
  distributionPart: (value, count) => `${value}: ${count} ${count === 1 ? "person" : "people"}`,
  agreementNote: "Agreement: “strong consensus” when the standard deviation of the scores is under 1.5 (out of 10); “divided” from 2.5; “mixed views” in between.",
  overallNote: "Overall score: mean of the criteria out of 10, each turned so that 10 is best; on a tie, the broader agreement comes first.",
  defaultMethod: {
    ideation: (budget, cap) =>
      `Tables of three, one tablet per table: each table posts ideas, then spends ${budget} points, at most ${cap} per idea, never on its own ideas.`,
    evaluation: "Each participant scores every idea alone, 0 to 10 on each criterion; for each idea the screen shows the spread of the scores, the mean, the median and the agreement.",
  },
};

export const o = pick({ fr, en });
