// Wording of the observer big screen, in French (default) and English. Plain words for a room of
// citizens: no "écart-type", "médiane" or "dispersion" here (the console and the synthesis keep
// the exact figures).
import type { TargetResult } from "../gen/atelier/v1/state_pb";
import { BallotKind } from "../gen/atelier/v1/workshop_pb";
import { pick } from "./lang";

const fr = {
  pageTitle: "Atelier — grand écran",
  timeLeft: "Temps restant",
  paused: "en pause",
  missingCode: "Il manque le code observateur dans l'adresse (?code=…). L'animateur l'ouvre depuis sa console\u00a0: «\u00a0Ouvrir l'écran des observateurs\u00a0».",
  joinLine: (address: string, code: string) => `Pour rejoindre\u00a0: ${address}, code ${code}`,
  joinTitle: "Rejoignez l'atelier",
  joinOpen: "Sur la tablette de votre table, ouvrez",
  joinType: "puis tapez le code",
  joinAsk: "puis tapez le code que l'animateur vous donne.",
  joinScan: "ou scannez ce code",
  joinQr: (url: string) => `Code QR de la page pour rejoindre : ${url}`,
  participation: "Participation",
  presentNote: "Les résultats sont l'avis des personnes présentes, pas de toute la population.",
  counts: {
    tablesJoined: (n: number): string => (n > 1 ? "tables présentes" : "table présente"),
    tablesVoted: (n: number): string => (n > 1 ? "tables ont voté" : "table a voté"),
    seatsJoined: (n: number): string => (n > 1 ? "participants présents" : "participant présent"),
    seatsScored: (n: number): string => (n > 1 ? "participants ont noté" : "participant a noté"),
    ideas: (n: number): string => (n > 1 ? "idées" : "idée"),
    pointsSpent: (n: number): string => (n > 1 ? "points donnés" : "point donné"),
    seatsVoted: (n: number): string => (n > 1 ? "participants ont voté" : "participant a voté"),
    dotsPlaced: (n: number): string => (n > 1 ? "gommettes posées" : "gommette posée"),
  },
  pointsTitle: "Points par idée",
  noPoints: "Aucun point donné pour l'instant.",
  noVotes: "Aucun vote pour l'instant.",
  pointsSr: (n: number) => ` point${n > 1 ? "s" : ""}`,
  tablesSr: (n: number) => `, ${n} table${n > 1 ? "s" : ""}`,
  cluster: "Regroupement",
  memberCount: (n: number) => `${n} idée${n > 1 ? "s" : ""}`,
  moreMembers: (n: number) => `et ${n} autre${n > 1 ? "s" : ""}`,
  atReveal: "Les résultats s'afficheront ici quand l'animateur les révélera.",
  waiting: "Les résultats s'afficheront ici dès les premiers votes.",
  wallTitle: "Les idées des tables",
  wallEmpty: "Les idées des tables apparaîtront ici, au fur et à mesure.",
  groupingTitle: "Les idées se regroupent",
  journeyTitle: "Le parcours, étape par étape",
  journey: { caption: (title: string) => `Parcours${title ? ` : ${title}` : ""}`, lanes: "Lignes", none: "Sans étape",
    ratings: (n: number) => `${n} avis`, notRated: "pas encore noté" },
  ringsTitle: "La toile d'araignée : les idées, anneau par anneau",
  ring: (n: number) => `Anneau ${n}`,
  ringIdeas: (n: number) => `${n} idée${n > 1 ? "s" : ""}`,
  toScoreTitle: "Les idées à noter",
  olderIdeas: (n: number) => `+ ${n} idée${n > 1 ? "s" : ""} plus ancienne${n > 1 ? "s" : ""}, hors de l'écran`,
  rankingTitle: "Classement",
  rankingCaption: "Classement des idées (note globale sur 10)",
  overallShort: "sur 10",
  noScores: "Aucune note pour l'instant.",
  distributionTitle: "Comment chaque idée a été notée",
  half: {
    atLeast: (v: number) => `la moitié a noté ${v} ou plus`,
    top: (v: number) => `la moitié a noté ${v}`,
    bottom: (v: number) => `plus de la moitié a noté ${v}`,
  },
  distributionSr: (parts: string[]) => (parts.length ? `Répartition des notes : ${parts.join(" ; ")}.` : "Aucune note."),
  distributionPart: (value: number, count: number) => `${value} : ${count} personne${count > 1 ? "s" : ""}`,
  scaleNote: (n: number) => `Même échelle pour tous les graphiques : la barre la plus haute compte ${n} personne${n > 1 ? "s" : ""}.`,
  agreementNote: "Accord : « consensus fort » quand presque tout le monde a noté à peu près pareil ; « avis divisés » quand les notes vont d'un bout à l'autre ; « avis partagés » entre les deux.",
  overallNote: "Note globale : la moyenne des critères sur 10, chacun tourné pour que 10 soit le mieux ; à égalité, l'idée où l'on est le plus d'accord passe devant.",
  page: (i: number, n: number) => `Page ${i} sur ${n}`,
  ideaStep: (i: number, n: number) => `Idée ${i} sur ${n}`,
  pause: "Pause",
  resume: "Reprendre",
  defaultMethod: {
    ideation: (budget: number, cap: number) =>
      `Tables de trois, une tablette par table : chaque table propose des idées, puis répartit ${budget} points, ${cap} au plus par idée, jamais sur ses propres idées.`,
    evaluation: "Chaque participant note seul chaque idée de 0 à 10 sur chaque critère ; l'écran montre comment les notes se répartissent et si les avis sont partagés.",
    /** Each vote step's sentence (i18n/ballots.ts method), in agenda order. */
    votes: (votes: string[]) => `Tables de trois, une tablette par table : chaque table propose des idées, puis ${votes.join(", puis ")}.`,
  },
  // Votes of every kind (points_view.ts).
  unit: (kind: BallotKind, n: number): string => {
    switch (kind) {
      case BallotKind.DOTS:
        return n > 1 ? "gommettes" : "gommette";
      case BallotKind.PICK:
        return "choix";
      default:
        return n > 1 ? "points" : "point";
    }
  },
  bordaUnit: (n: number): string => (n > 1 ? "points" : "point"),
  bordaHow: (places: number): string => places > 1
    ? `Sur ${places} places, la 1re rapporte ${places} points, la 2e ${places - 1}… la dernière 1 (méthode de Borda).`
    : "La 1re place rapporte le plus de points, la dernière 1 (méthode de Borda).",
  pickHow: "Combien ont choisi chaque idée ; les choix minoritaires restent affichés.",
  rowSr: (kind: BallotKind, t: TargetResult): string => {
    const who = (n: number) => `${n} votant${n > 1 ? "s" : ""}`;
    switch (kind) {
      case BallotKind.RANKING:
        return ` : ${t.points} point${t.points > 1 ? "s" : ""} (Borda), classée par ${who(t.tables)}${t.ranks.length ? ` ; ${t.ranks.map((n, i) => `${i === 0 ? "1re" : `${i + 1}e`} place ${n}`).join(", ")}` : ""}.`;
      case BallotKind.BUCKETS:
        return ` : coffre-fort ${t.buckets[2] ?? 0}, machine à laver ${t.buckets[1] ?? 0}, poubelle ${t.buckets[0] ?? 0}.`;
      case BallotKind.PICK:
        return ` : choisie par ${who(t.points)}.`;
      case BallotKind.DOTS:
        return ` gommette${t.points > 1 ? "s" : ""}, de ${who(t.tables)}.`;
      default:
        return ` point${t.points > 1 ? "s" : ""}, de ${who(t.tables)}.`;
    }
  },
  moreSubjects: (n: number) => `+ ${n} autre${n > 1 ? "s" : ""} sujet${n > 1 ? "s" : ""}`,
  moreIdeas: (n: number) => `+ ${n} autre${n > 1 ? "s" : ""} idée${n > 1 ? "s" : ""}`,
};

const en: typeof fr = {
  pageTitle: "Atelier — big screen",
  timeLeft: "Time left",
  paused: "paused",
  missingCode: "The observer code is missing from the address (?code=…). The facilitator opens it from the console: “Open the observer screen”.",
  joinLine: (address, code) => `To join: ${address}, code ${code}`,
  joinTitle: "Join the workshop",
  joinOpen: "On your table's tablet, open",
  joinType: "then type the code",
  joinAsk: "then type the code the facilitator gives you.",
  joinScan: "or scan this code",
  joinQr: (url) => `QR code of the page to join: ${url}`,
  participation: "Participation",
  presentNote: "The results are the views of the people present, not of the whole population.",
  counts: {
    tablesJoined: (n) => (n === 1 ? "table present" : "tables present"),
    tablesVoted: (n) => (n === 1 ? "table voted" : "tables voted"),
    seatsJoined: (n) => (n === 1 ? "participant present" : "participants present"),
    seatsScored: (n) => (n === 1 ? "participant scored" : "participants scored"),
    ideas: (n) => (n === 1 ? "idea" : "ideas"),
    pointsSpent: (n) => (n === 1 ? "point given" : "points given"),
    seatsVoted: (n) => (n === 1 ? "participant voted" : "participants voted"),
    dotsPlaced: (n) => (n === 1 ? "dot placed" : "dots placed"),
  },
  pointsTitle: "Points per idea",
  noPoints: "No points given yet.",
  noVotes: "No votes yet.",
  pointsSr: (n) => ` point${n === 1 ? "" : "s"}`,
  tablesSr: (n) => `, ${n} table${n === 1 ? "" : "s"}`,
  cluster: "Group",
  memberCount: (n) => `${n} idea${n === 1 ? "" : "s"}`,
  moreMembers: (n) => `and ${n} more`,
  atReveal: "The results will appear here when the facilitator reveals them.",
  waiting: "The results will appear here with the first votes.",
  wallTitle: "The tables' ideas",
  wallEmpty: "The tables' ideas will appear here as they come.",
  groupingTitle: "The ideas are being grouped",
  journeyTitle: "The journey, stage by stage",
  journey: { caption: (title) => `Journey${title ? `: ${title}` : ""}`, lanes: "Lanes", none: "No stage",
    ratings: (n) => `${n} rating${n > 1 ? "s" : ""}`, notRated: "not rated yet" },
  ringsTitle: "The spider web: the ideas, ring by ring",
  ring: (n) => `Ring ${n}`,
  ringIdeas: (n) => `${n} idea${n === 1 ? "" : "s"}`,
  toScoreTitle: "The ideas to score",
  olderIdeas: (n) => `+ ${n} older idea${n === 1 ? "" : "s"}, off screen`,
  rankingTitle: "Ranking",
  rankingCaption: "Ranking of the ideas (overall score out of 10)",
  overallShort: "out of 10",
  noScores: "No scores yet.",
  distributionTitle: "How each idea was scored",
  half: {
    atLeast: (v) => `half gave ${v} or more`,
    top: (v) => `half gave ${v}`,
    bottom: (v) => `more than half gave ${v}`,
  },
  distributionSr: (parts) => (parts.length ? `Scores given: ${parts.join("; ")}.` : "No scores."),
  distributionPart: (value, count) => `${value}: ${count} ${count === 1 ? "person" : "people"}`,
  scaleNote: (n) => `One scale for every chart: the tallest bar counts ${n} ${n === 1 ? "person" : "people"}.`,
  agreementNote: "Agreement: “strong consensus” when nearly everyone gave about the same score; “divided” when the scores run from one end to the other; “mixed views” in between.",
  overallNote: "Overall score: the mean of the criteria out of 10, each turned so that 10 is best; on a tie, the idea people agree on most comes first.",
  page: (i, n) => `Page ${i} of ${n}`,
  ideaStep: (i, n) => `Idea ${i} of ${n}`,
  pause: "Pause",
  resume: "Resume",
  defaultMethod: {
    ideation: (budget, cap) =>
      `Tables of three, one tablet per table: each table posts ideas, then spends ${budget} points, at most ${cap} per idea, never on its own ideas.`,
    evaluation: "Each participant scores every idea alone, 0 to 10 on each criterion; the screen shows how the scores spread and whether views are shared.",
    votes: (votes) => `Tables of three, one tablet per table: each table posts ideas, then ${votes.join(", then ")}.`,
  },
  unit: (kind, n) => {
    switch (kind) {
      case BallotKind.DOTS:
        return n === 1 ? "dot" : "dots";
      case BallotKind.PICK:
        return n === 1 ? "pick" : "picks";
      default:
        return n === 1 ? "point" : "points";
    }
  },
  bordaUnit: (n) => (n === 1 ? "point" : "points"),
  bordaHow: (places) => places > 1
    ? `Of ${places} places, the 1st earns ${places} points, the 2nd ${places - 1}… the last 1 (Borda count).`
    : "The 1st place earns the most points, the last 1 (Borda count).",
  pickHow: "How many picked each idea; minority choices stay on screen.",
  rowSr: (kind, t) => {
    const who = (n: number) => `${n} voter${n === 1 ? "" : "s"}`;
    switch (kind) {
      case BallotKind.RANKING:
        return `: ${t.points} point${t.points === 1 ? "" : "s"} (Borda), ranked by ${who(t.tables)}${t.ranks.length ? `; ${t.ranks.map((n, i) => `place ${i + 1}: ${n}`).join(", ")}` : ""}.`;
      case BallotKind.BUCKETS:
        return `: safe ${t.buckets[2] ?? 0}, washing machine ${t.buckets[1] ?? 0}, bin ${t.buckets[0] ?? 0}.`;
      case BallotKind.PICK:
        return `: picked by ${who(t.points)}.`;
      case BallotKind.DOTS:
        return ` dot${t.points === 1 ? "" : "s"}, from ${who(t.tables)}.`;
      default:
        return ` point${t.points === 1 ? "" : "s"}, from ${who(t.tables)}.`;
    }
  },
  moreSubjects: (n) => `+ ${n} more subject${n === 1 ? "" : "s"}`,
  moreIdeas: (n) => `+ ${n} more idea${n === 1 ? "" : "s"}`,
};

export const o = pick({ fr, en });
