// The ballots of vote steps in words, French (default) and English, for the console and the big
// screen: a kind's name, the rule a step's ballot sets (« Gommettes : 1 par participant »), the
// unit of its results (points, gommettes, choix), a vote step's name when it has no title, and the
// sentence of a method note. Every figure comes from the Ballot given, never a default here.
import { BallotKind, Bucket, Phase, Voter, type Ballot, type Step } from "../gen/atelier/v1/workshop_pb";
import { stepName } from "./common";
import { lang, pick } from "./lang";

/** The fields of a Ballot the words read (a Ballot message, or the create form's). */
export type BallotLike = Pick<Ballot, "kind" | "voter" | "budget" | "cap" | "count" | "allowSelfVote">;

const s = (n: number, one: string, many: string) => (n > 1 ? many : one);
const sEn = (n: number, one: string, many: string) => (n === 1 ? one : many);

const fr = {
  kind: {
    [BallotKind.UNSPECIFIED]: "Points à répartir",
    [BallotKind.BUDGET]: "Points à répartir",
    [BallotKind.DOTS]: "Gommettes",
    [BallotKind.PICK]: "Choisir N idées",
    [BallotKind.RANKING]: "Classement",
    [BallotKind.BUCKETS]: "Tri en quatre cases",
  } as Record<BallotKind, string>,
  /** One line under the kind's choice in the create form. */
  kindHelp: {
    [BallotKind.UNSPECIFIED]: "",
    [BallotKind.BUDGET]: "Chaque votant répartit un budget de points, avec un plafond par idée.",
    [BallotKind.DOTS]: "Chaque votant pose ses gommettes sur les idées qu'il préfère (une seule par défaut).",
    [BallotKind.PICK]: "Chaque votant choisit exactement N idées ; les choix minoritaires restent visibles.",
    [BallotKind.RANKING]: "Chaque votant classe les idées de la plus à la moins prioritaire ; résultat par la méthode de Borda, avec la répartition des rangs.",
    [BallotKind.BUCKETS]: "Chaque votant range chaque idée : poubelle (à abandonner), machine à laver (à retravailler) ou coffre-fort (à garder) ; les sujets nouveaux vont dans la longue-vue.",
  } as Record<BallotKind, string>,
  /** A vote step without a title, by its ballot (a budget keeps the phase's name). */
  stepKind: {
    [BallotKind.DOTS]: "Convergence : poser les gommettes",
    [BallotKind.PICK]: (n: number) => `Convergence : choisir ${n} idée${s(n, "", "s")}`,
    [BallotKind.RANKING]: "Convergence : classer les idées",
    [BallotKind.BUCKETS]: "Convergence : trier en quatre cases",
  },
  voterOption: { table: "Chaque table", seat: "Chaque participant" },
  perVoter: (voter: Voter): string => (voter === Voter.SEAT ? "par participant" : "par table"),
  eachVoter: (voter: Voter): string => (voter === Voter.SEAT ? "chaque participant" : "chaque table"),
  voters: (voter: Voter, n: number) => (voter === Voter.SEAT ? `${n} participant${s(n, "", "s")}` : `${n} table${s(n, "", "s")}`),
  points: (n: number) => `${n} point${s(n, "", "s")}`,
  dots: (n: number) => `${n} gommette${s(n, "", "s")}`,
  /** The short rule of a ballot: « Gommettes : 1 par participant ». */
  rule: (b: BallotLike): string => {
    const per = fr.perVoter(b.voter);
    switch (b.kind) {
      case BallotKind.DOTS:
        return `Gommettes : ${b.budget} ${per}${b.budget > 1 ? `, ${b.cap} au plus par idée` : ""}`;
      case BallotKind.PICK:
        return `Choisir ${b.count} idée${s(b.count, "", "s")} : exactement ${b.count} ${per}`;
      case BallotKind.RANKING:
        return `Classement : ${fr.eachVoter(b.voter)} classe ${b.count === 0 ? "toutes les idées" : `ses ${b.count} premières idées`}`;
      case BallotKind.BUCKETS:
        return `Tri en quatre cases : ${fr.eachVoter(b.voter)} range chaque idée (poubelle, machine à laver, coffre-fort) et propose ses sujets nouveaux (longue-vue)`;
      default:
        return `Points à répartir : ${b.budget} ${per}, ${b.cap} au plus par idée`;
    }
  },
  selfVote: (b: BallotLike): string => (b.allowSelfVote ? "y compris pour les idées de sa table" : "jamais pour les idées de sa table"),
  /** What one vote step asks, for a method note (after « puis »). */
  method: (b: BallotLike): string => {
    const who = fr.eachVoter(b.voter);
    const own = b.allowSelfVote ? "" : b.voter === Voter.SEAT ? ", jamais sur celles de sa table" : ", jamais sur les siennes";
    switch (b.kind) {
      case BallotKind.DOTS:
        return `${who} pose ${fr.dots(b.budget)}${b.budget > 1 ? ` (${b.cap} au plus par idée${own})` : own ? ` (${own.slice(2)})` : ""}`;
      case BallotKind.PICK:
        return `${who} choisit exactement ${b.count} idée${s(b.count, "", "s")}${own}`;
      case BallotKind.RANKING:
        return `${who} classe ${b.count === 0 ? "toutes les idées" : `ses ${b.count} premières idées`}, de la plus à la moins prioritaire (décompte de Borda)`;
      case BallotKind.BUCKETS:
        return `${who} range chaque idée dans la poubelle, la machine à laver ou le coffre-fort, et propose en longue-vue ses sujets nouveaux`;
      default:
        return `${who} répartit ${fr.points(b.budget)} (${b.cap} au plus par idée${own})`;
    }
  },
  /** The number a result row shows, with its unit. */
  amount: (kind: BallotKind, n: number): string => {
    switch (kind) {
      case BallotKind.DOTS:
        return fr.dots(n);
      case BallotKind.PICK:
        return `${n} choix`;
      case BallotKind.RANKING:
        return `${n} pt${s(n, "", "s")}`;
      case BallotKind.BUCKETS:
        return `${n} au coffre-fort`;
      default:
        return `${n} pt${s(n, "", "s")}`;
    }
  },
  resultsTitle: {
    [BallotKind.UNSPECIFIED]: "Points par idée",
    [BallotKind.BUDGET]: "Points par idée",
    [BallotKind.DOTS]: "Gommettes par idée",
    [BallotKind.PICK]: "Idées choisies",
    [BallotKind.RANKING]: "Classement (méthode de Borda)",
    [BallotKind.BUCKETS]: "Tri en quatre cases",
  } as Record<BallotKind, string>,
  /** How a kind's results are counted, one line. */
  resultsNote: {
    [BallotKind.UNSPECIFIED]: "",
    [BallotKind.BUDGET]: "",
    [BallotKind.DOTS]: "",
    [BallotKind.PICK]: "Chaque idée : combien l'ont choisie. Les choix minoritaires restent affichés.",
    [BallotKind.RANKING]: "Méthode de Borda : sur n places, la 1re rapporte n points, la 2e n-1… la dernière 1. Les couleurs : combien l'ont mise 1re, 2e, 3e…",
    [BallotKind.BUCKETS]: "Chaque idée : combien l'ont mise à la poubelle, à la machine à laver, au coffre-fort.",
  } as Record<BallotKind, string>,
  /** A rank, short: 1er, 2e. */
  rank: (i: number) => (i === 1 ? "1er" : `${i}e`),
  rankCount: (i: number, n: number) => `${i === 1 ? "1er" : `${i}e`} ×${n}`,
  rankSr: (i: number, n: number) => `${n} ${n > 1 ? "l'ont classée" : "l'a classée"} ${i === 1 ? "1re" : `${i}e`}`,
  bucket: {
    [Bucket.UNSPECIFIED]: "—",
    [Bucket.POUBELLE]: "Poubelle",
    [Bucket.MACHINE_A_LAVER]: "Machine à laver",
    [Bucket.COFFRE_FORT]: "Coffre-fort",
  } as Record<Bucket, string>,
  bucketCount: (b: Bucket, n: number) => `${fr.bucket[b]} ${n}`,
  longueVue: "Longue-vue : les sujets nouveaux",
  longueVueNone: "Aucun sujet nouveau pour l'instant.",
  votedBy: (voter: Voter, n: number) => (voter === Voter.SEAT ? `${n} participant${s(n, "", "s")}` : `${n} table${s(n, "", "s")}`),
  /** « 5 participants sur 9 ont voté ». */
  voted: (voter: Voter, voted: number, of: number) =>
    `${voted} ${voter === Voter.SEAT ? `participant${s(voted, "", "s")}` : `table${s(voted, "", "s")}`} sur ${of} ${voted > 1 ? "ont" : "a"} voté`,
  otherVotes: "Votes précédents",
  /** The heading of an earlier vote's results: its step's own title, if it has one. */
  otherVote: (title: string, what: string) => (title ? `Vote précédent, « ${title} » : ${what}` : `Vote précédent : ${what}`),
  votersVoted: (voter: Voter, n: number) =>
    `${n} ${voter === Voter.SEAT ? `participant${s(n, "", "s")}` : `table${s(n, "", "s")}`} ${n > 1 ? "ont" : "a"} voté`,
};

const en: typeof fr = {
  kind: {
    [BallotKind.UNSPECIFIED]: "Points to spread",
    [BallotKind.BUDGET]: "Points to spread",
    [BallotKind.DOTS]: "Dots",
    [BallotKind.PICK]: "Pick N ideas",
    [BallotKind.RANKING]: "Ranking",
    [BallotKind.BUCKETS]: "Four-bucket sorting",
  },
  kindHelp: {
    [BallotKind.UNSPECIFIED]: "",
    [BallotKind.BUDGET]: "Each voter spreads a budget of points, with a cap per idea.",
    [BallotKind.DOTS]: "Each voter puts their dots on the ideas they prefer (one by default).",
    [BallotKind.PICK]: "Each voter picks exactly N ideas; minority choices stay visible.",
    [BallotKind.RANKING]: "Each voter orders the ideas from most to least prioritary; counted by the Borda method, with how often each rank was given.",
    [BallotKind.BUCKETS]: "Each voter puts each idea in the bin (drop), the washing machine (rework) or the safe (keep); new subjects go in the telescope.",
  },
  stepKind: {
    [BallotKind.DOTS]: "Convergence: place the dots",
    [BallotKind.PICK]: (n: number) => `Convergence: pick ${n} idea${sEn(n, "", "s")}`,
    [BallotKind.RANKING]: "Convergence: rank the ideas",
    [BallotKind.BUCKETS]: "Convergence: sort into four buckets",
  },
  voterOption: { table: "Each table", seat: "Each participant" },
  perVoter: (voter) => (voter === Voter.SEAT ? "per participant" : "per table"),
  eachVoter: (voter) => (voter === Voter.SEAT ? "each participant" : "each table"),
  voters: (voter, n) => (voter === Voter.SEAT ? `${n} participant${sEn(n, "", "s")}` : `${n} table${sEn(n, "", "s")}`),
  points: (n) => `${n} point${sEn(n, "", "s")}`,
  dots: (n) => `${n} dot${sEn(n, "", "s")}`,
  rule: (b) => {
    const per = en.perVoter(b.voter);
    switch (b.kind) {
      case BallotKind.DOTS:
        return `Dots: ${b.budget} ${per}${b.budget > 1 ? `, at most ${b.cap} per idea` : ""}`;
      case BallotKind.PICK:
        return `Pick ${b.count} idea${sEn(b.count, "", "s")}: exactly ${b.count} ${per}`;
      case BallotKind.RANKING:
        return `Ranking: ${en.eachVoter(b.voter)} ranks ${b.count === 0 ? "every idea" : `their first ${b.count} ideas`}`;
      case BallotKind.BUCKETS:
        return `Four buckets: ${en.eachVoter(b.voter)} sorts each idea (bin, washing machine, safe) and posts new subjects (telescope)`;
      default:
        return `Points to spread: ${b.budget} ${per}, at most ${b.cap} per idea`;
    }
  },
  selfVote: (b) => (b.allowSelfVote ? "their table's ideas included" : "never their table's ideas"),
  method: (b) => {
    const who = en.eachVoter(b.voter);
    const own = b.allowSelfVote ? "" : b.voter === Voter.SEAT ? ", never on their table's" : ", never on its own";
    switch (b.kind) {
      case BallotKind.DOTS:
        return `${who} places ${en.dots(b.budget)}${b.budget > 1 ? ` (at most ${b.cap} per idea${own})` : own ? ` (${own.slice(2)})` : ""}`;
      case BallotKind.PICK:
        return `${who} picks exactly ${b.count} idea${sEn(b.count, "", "s")}${own}`;
      case BallotKind.RANKING:
        return `${who} ranks ${b.count === 0 ? "every idea" : `their first ${b.count} ideas`}, from most to least prioritary (Borda count)`;
      case BallotKind.BUCKETS:
        return `${who} puts each idea in the bin, the washing machine or the safe, and posts new subjects in the telescope`;
      default:
        return `${who} spends ${en.points(b.budget)} (at most ${b.cap} per idea${own})`;
    }
  },
  amount: (kind, n) => {
    switch (kind) {
      case BallotKind.DOTS:
        return en.dots(n);
      case BallotKind.PICK:
        return `${n} pick${sEn(n, "", "s")}`;
      case BallotKind.RANKING:
        return `${n} pt${sEn(n, "", "s")}`;
      case BallotKind.BUCKETS:
        return `${n} in the safe`;
      default:
        return `${n} pt${sEn(n, "", "s")}`;
    }
  },
  resultsTitle: {
    [BallotKind.UNSPECIFIED]: "Points per idea",
    [BallotKind.BUDGET]: "Points per idea",
    [BallotKind.DOTS]: "Dots per idea",
    [BallotKind.PICK]: "Ideas picked",
    [BallotKind.RANKING]: "Ranking (Borda count)",
    [BallotKind.BUCKETS]: "Four-bucket sorting",
  },
  resultsNote: {
    [BallotKind.UNSPECIFIED]: "",
    [BallotKind.BUDGET]: "",
    [BallotKind.DOTS]: "",
    [BallotKind.PICK]: "Each idea: how many picked it. Minority choices stay on screen.",
    [BallotKind.RANKING]: "Borda count: of n places, the 1st earns n points, the 2nd n-1… the last 1. The colours: how many put it 1st, 2nd, 3rd…",
    [BallotKind.BUCKETS]: "Each idea: how many put it in the bin, the washing machine, the safe.",
  },
  rank: (i) => (i === 1 ? "1st" : i === 2 ? "2nd" : i === 3 ? "3rd" : `${i}th`),
  rankCount: (i, n) => `${en.rank(i)} ×${n}`,
  rankSr: (i, n) => `${n} ranked it ${en.rank(i)}`,
  bucket: {
    [Bucket.UNSPECIFIED]: "—",
    [Bucket.POUBELLE]: "Bin",
    [Bucket.MACHINE_A_LAVER]: "Washing machine",
    [Bucket.COFFRE_FORT]: "Safe",
  },
  bucketCount: (b, n) => `${en.bucket[b]} ${n}`,
  longueVue: "Telescope: the new subjects",
  longueVueNone: "No new subject yet.",
  votedBy: (voter, n) => (voter === Voter.SEAT ? `${n} participant${sEn(n, "", "s")}` : `${n} table${sEn(n, "", "s")}`),
  voted: (voter, voted, of) => `${voted} ${voter === Voter.SEAT ? "participant" : "table"}${sEn(voted, "", "s")} of ${of} voted`,
  otherVotes: "Earlier votes",
  otherVote: (title, what) => (title ? `Earlier vote, "${title}": ${what}` : `Earlier vote: ${what}`),
  votersVoted: (voter, n) => `${n} ${voter === Voter.SEAT ? "participant" : "table"}${sEn(n, "", "s")} voted`,
};

export const b = pick({ fr, en });

/** The kind a ballot counts as (a step configured before ballots: a budget). */
export function kindOf(ballot: BallotLike | undefined): BallotKind {
  return !ballot || ballot.kind === BallotKind.UNSPECIFIED ? BallotKind.BUDGET : ballot.kind;
}

/**
 * A step's name for people, as stepName, except that a vote step without a title is named by
 * its ballot (« Convergence : poser les gommettes »); a budget keeps the phase's name.
 */
export function stepLabel(step: Pick<Step, "title" | "kind"> & { ballot?: BallotLike } | undefined, ballot?: BallotLike): string {
  if (!step || step.title || step.kind !== Phase.CONVERGENCE) return stepName(step);
  const bl = ballot ?? step.ballot;
  const kind = kindOf(bl);
  switch (kind) {
    case BallotKind.DOTS:
    case BallotKind.RANKING:
    case BallotKind.BUCKETS:
      return b.stepKind[kind];
    case BallotKind.PICK:
      return b.stepKind[BallotKind.PICK](bl?.count || 3);
    default:
      return stepName(step);
  }
}

/** « 1er ×5, 2e ×3 » for a target's ranks (index 0 = first); ranks nobody gave are left out. */
export function rankLine(ranks: readonly number[]): string {
  return ranks.map((n, i) => (n > 0 ? b.rankCount(i + 1, n) : "")).filter((x) => x).join(lang === "fr" ? ", " : ", ");
}

/** Results per profile: the « Tous / par profil » choice, the charts and the consolidation table. */
const prFr = {
  viewLegend: "Afficher les résultats",
  all: "Tous",
  byProfile: "Par profil",
  votesTitle: "Votes par profil, sur la même échelle",
  voters: (n: number) => `${n} votant${s(n, "", "s")}`,
  criteriaTitle: "Notes par profil, sur le même axe",
  scores: (n: number) => `${n} note${s(n, "", "s")}`,
  mean: (x: string) => `moyenne ${x}`,
  noScore: "aucune note",
  consolidationTitle: (title: string) => `Tableau de consolidation${title ? ` : ${title}` : ""}`,
  consolidationHelp: "Nombre d'idées proposées, par profil et par catégorie.",
  profile: "Profil",
  total: "Total",
  noProfile: "Sans profil",
  valueSr: (profile: string, parts: string[]) => `${profile} : ${parts.length ? parts.join(", ") : "aucune note"}.`,
  valueCount: (value: string, n: number) => `${value} : ${n}`,
  smileyWords: {
    1: ["Neutre"],
    2: ["Insatisfait", "Satisfait"],
    3: ["Insatisfait", "Neutre", "Satisfait"],
    4: ["Très insatisfait", "Insatisfait", "Satisfait", "Très satisfait"],
    5: ["Très insatisfait", "Insatisfait", "Neutre", "Satisfait", "Très satisfait"],
  } as Record<number, string[]>,
};

const prEn: typeof prFr = {
  viewLegend: "Show the results",
  all: "All",
  byProfile: "By profile",
  votesTitle: "Votes by profile, on the same scale",
  voters: (n) => `${n} voter${sEn(n, "", "s")}`,
  criteriaTitle: "Scores by profile, on the same axis",
  scores: (n) => `${n} score${sEn(n, "", "s")}`,
  mean: (x) => `mean ${x}`,
  noScore: "no score",
  consolidationTitle: (title) => `Consolidation table${title ? `: ${title}` : ""}`,
  consolidationHelp: "Ideas posted, by profile and by category.",
  profile: "Profile",
  total: "Total",
  noProfile: "No profile",
  valueSr: (profile, parts) => `${profile}: ${parts.length ? parts.join(", ") : "no score"}.`,
  valueCount: (value, n) => `${value}: ${n}`,
  smileyWords: {
    1: ["Neutral"],
    2: ["Unhappy", "Happy"],
    3: ["Unhappy", "Neutral", "Happy"],
    4: ["Very unhappy", "Unhappy", "Happy", "Very happy"],
    5: ["Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"],
  },
};

export const pr = pick({ fr: prFr, en: prEn });

/** What a vote or scoring step with a source is about (Step.source), under the question. */
const srcFr = {
  what: (vote: boolean): string => (vote ? "Idées soumises au vote" : "Idées à noter"),
  top: (n: number, title: string, ties: boolean) =>
    `${n === 1 ? "la plus votée" : `les ${n} plus votées`} à l'étape « ${title} »${ties ? ", ex æquo compris" : ""}`,
  steps: (titles: string[]) => titles.length === 0 ? "celles des étapes précédentes"
    : `celles ${titles.length === 1 ? "de l'étape" : "des étapes"} ${titles.map((x) => `« ${x} »`).join(titles.length === 2 ? " et " : ", ")}`,
  seeds: "les idées de départ",
};
const srcEn: typeof srcFr = {
  what: (vote) => (vote ? "Ideas put to the vote" : "Ideas to score"),
  top: (n, title, ties) => `the ${n === 1 ? "one" : n} with the most votes in step "${title}"${ties ? ", ties included" : ""}`,
  steps: (titles) => titles.length === 0 ? "those of the earlier steps"
    : `those of step${titles.length === 1 ? "" : "s"} ${titles.map((x) => `"${x}"`).join(titles.length === 2 ? " and " : ", ")}`,
  seeds: "the starting ideas",
};
const src = pick({ fr: srcFr, en: srcEn });

/**
 * « Idées soumises au vote : les 5 plus votées à l'étape « Premier vote » » for a step whose
 * source is set (`selected`: how many ideas it took, when known); "" for a step without one.
 */
export function sourceLine(steps: readonly Step[], step: Step, selected?: number): string {
  const source = step.source;
  if (!source || (step.kind !== Phase.CONVERGENCE && step.kind !== Phase.SCORING)) return "";
  const what = src.what(step.kind === Phase.CONVERGENCE);
  if (source.topOfStep) {
    const vote = steps.find((x) => x.id === source.topOfStep);
    const ties = selected !== undefined && selected > source.top;
    return `${what}${lang === "fr" ? " : " : ": "}${src.top(source.top, stepLabel(vote), ties)}`;
  }
  const named = steps.filter((x) => source.stepIds.includes(x.id));
  const seedsOnly = named.length > 0 && named.every((x) => x.kind === Phase.SETUP);
  const from = seedsOnly ? src.seeds : src.steps(named.filter((x) => x.kind !== Phase.SETUP).map((x) => stepLabel(x)));
  const facetIds = new Set([...source.categoryIds, ...source.stageIds, ...source.laneIds]);
  const pool = named.length > 0 ? named : steps;
  const facets = facetIds.size === 0 ? [] : [
    ...pool.flatMap((x) => x.categories).filter((f) => source.categoryIds.includes(f.id)),
    ...pool.flatMap((x) => x.stages).filter((f) => source.stageIds.includes(f.id)),
    ...pool.flatMap((x) => x.lanes).filter((f) => source.laneIds.includes(f.id)),
  ].map((f) => f.name);
  const unique = [...new Set(facets)];
  return `${what}${lang === "fr" ? " : " : ": "}${from}${unique.length ? ` (${unique.join(", ")})` : ""}`;
}
