// Wording of the table tablet and of a personal phone scoring as one seat, in French (default)
// and English. Picked once at load (the language switch reloads the page).
import { pick } from "./lang";
import { points } from "./common";

/** « A », « B » et « C »; past four names, the first three and how many more. */
function listFr(names: string[]): string {
  if (names.length > 4) return `${names.slice(0, 3).join(", ")} et ${names.length - 3} autres`;
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} et ${names[names.length - 1]}` : names[0] ?? "";
}

function listEn(names: string[]): string {
  if (names.length > 4) return `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names[0] ?? "";
}

const backFr = (n: number) => `${points(n)} vous ${n > 1 ? "ont" : "a"} été rendu${n > 1 ? "s" : ""}`;
const leftFr = (left: number) => `Il vous reste ${points(left)}.`;

const fr = {
  pageTitle: "Atelier — tablette de table",
  skip: "Aller au contenu",
  timeLeft: "Temps restant",
  connectingToWorkshop: "Connexion à l'atelier…",
  pending: (n: number) => `${n} action${n > 1 ? "s" : ""} en attente d'envoi`,
  newPhase: (name: string) => `Nouvelle phase : ${name}.`,
  tableName: (id: number, name: string) => (name ? `${name} (table ${id})` : `Table ${id}`),
  seatName: (tableId: number, seatNumber: number) => `Table ${tableId} · place ${seatNumber}`,
  quote: (text: string) => `« ${text} »`,

  // Joining
  joinTitle: "Rejoindre un atelier",
  joinCode: "Code de l'atelier",
  joinCodeHelp: "Les 8 chiffres affichés sur le grand écran.",
  joinCodeInvalid: "Le code de l'atelier a 8 chiffres (6 pour un atelier plus ancien).",
  joinAs: "Avec quel appareil ?",
  joinAsTable: "Tablette de la table",
  joinAsTableHelp: "Une tablette partagée par la table.",
  joinAsPhone: "Je note avec mon téléphone",
  joinAsPhoneHelp: "Pour noter seul les idées, à votre place.",
  tableNameLabel: "Nom de la table (facultatif)",
  pickTableLabel: "Numéro de la table (facultatif)",
  pickTableHelp: "Le numéro posé sur votre table ; laissez vide pour recevoir la prochaine table libre.",
  tableNumber: "Numéro de la table",
  tableNumberHelp: "Affiché sur la tablette de votre table.",
  seatNumber: "Numéro de votre place",
  seatNumberHelp: "1, 2 ou 3 : la tablette de votre table ne doit pas déjà noter pour cette place.",
  numberInvalid: "Indiquez un numéro (1, 2, 3…).",
  join: "Rejoindre",
  badSeatHello: "Ce téléphone n'a pas pu prendre cette place : vérifiez le numéro de la table (affiché sur sa tablette) et votre numéro de place (1, 2 ou 3).",
  noSeatsHello: "Cet atelier ne se note pas chacun sur son téléphone : rejoignez-le avec la tablette de votre table.",
  joinQuestion: (question: string) => `Atelier : « ${question} »`,
  joinNext: "Continuer",
  joinLooking: "Recherche de l'atelier…",
  seatNumberHelpFor: (n: number) =>
    n === 3 ? "1, 2 ou 3 : la tablette de votre table ne doit pas déjà noter pour cette place."
      : `De 1 à ${n} : la tablette de votre table ne doit pas déjà noter pour cette place.`,
  seatTakenHello: "Cette place est déjà prise (par la tablette de la table ou un autre téléphone) : choisissez un autre numéro de place, ou notez sur la tablette.",

  // Phases
  welcome: "Bienvenue ! L'atelier va bientôt commencer : l'animateur lancera la première phase.",
  grouping: "L'animateur regroupe les idées semblables. Le vote suivra.",
  seatWaiting: "Bienvenue ! Vous noterez les idées depuis ce téléphone quand l'animateur ouvrira l'évaluation.",
  seatOtherPhase: "Ce téléphone sert à noter les idées pendant l'évaluation. Suivez l'atelier sur la tablette de votre table.",

  // Divergence
  composeTitle: "Proposer une idée",
  yourIdea: "Votre idée",
  ideaHelp: "Quelques mots ou une phrase. Toutes les tables voient les idées, sans savoir qui les a écrites.",
  publish: "Publier l'idée",
  ideaEmpty: "L'idée est vide : écrivez quelques mots.",
  ideaSent: "Idée envoyée.",
  charsLeft: (left: number, max: number) => `Encore ${left} caractère${left > 1 ? "s" : ""} possible${left > 1 ? "s" : ""} (${max} au plus).`,
  limitReached: (max: number) => `Limite atteinte : ${max} caractères au plus. Raccourcissez pour ajouter des mots.`,
  pasteCut: (max: number) => `Le texte collé était trop long : seuls les ${max} premiers caractères sont dans la case. Relisez la fin.`,
  alreadyPosted: "Déjà proposé ?",
  likeness: (pct: number) => ` (ressemblance ${pct} %)`,
  noIdeas: "Aucune idée pour l'instant.",
  allIdeas: (n: number) => `Les idées de toutes les tables (${n})`,
  cluster: "Regroupement",
  yourIdeaMark: " (votre idée)",
  ourIdea: "Notre idée",
  editOurIdea: "Modifier notre idée",
  save: "Enregistrer",
  cancel: "Annuler",
  edit: "Modifier",
  delete: "Supprimer",
  confirmDelete: "Supprimer cette idée ?",

  // Convergence
  pointsLeft: (left: number, budget: number) => `Il vous reste ${points(left)} sur ${budget}`,
  capNote: (cap: number) => `au plus ${points(cap)} par idée`,
  voteTitle: "Répartissez vos points",
  ownCluster: "Ce regroupement contient une idée de votre table : vous ne votez pas pour lui.",
  ownIdea: "Idée de votre table : vous ne votez pas pour vos propres idées.",
  removePoint: "Retirer un point",
  addPoint: "Ajouter un point",
  pointsGiven: "Points donnés",
  capReached: (cap: number) => `C'est le maximum : ${points(cap)} par idée.`,
  budgetSpent: "Vous avez donné tous vos points : retirez-en d'une idée pour en donner à une autre.",
  budgetRegion: "Vos points",
  dismiss: "Fermer",
  mergedOverCap: (names: string[], into: string, back: number, cap: number, left: number) =>
    `L'animateur a regroupé ${listFr(names)} en ${into} : ${backFr(back)} (${points(cap)} au plus par idée). ${leftFr(left)}`,
  mergedWithOwn: (names: string[], into: string, back: number, left: number) =>
    `L'animateur a regroupé ${listFr(names)} en ${into}, avec une idée de votre table : ${backFr(back)} (vous ne votez pas pour vos propres idées). ${leftFr(left)}`,
  clusterUndone: (name: string, back: number, left: number) =>
    `L'animateur a défait le regroupement ${name} : ${backFr(back)}. ${leftFr(left)}`,
  ideaDeletedBack: (name: string, dissolved: string, back: number, left: number) =>
    `L'idée ${name} a été supprimée${dissolved ? ` et le regroupement ${dissolved} défait` : ""} : ${backFr(back)}. ${leftFr(left)}`,
  moveNote: (left: number) => `Vous pouvez déplacer vos points jusqu'à la fin de la phase. Points restants selon le serveur : ${left}.`,

  // Conclusion
  thanks: "Merci pour votre participation ! Les résultats seront affichés par l'animateur.",
  results: "Résultats",
  groupOf: (n: number) => `Regroupement de ${n} idées`,
  yourIdeaTag: "Votre idée",
  groupHasYours: "Contient votre idée",
  tablesVoted: (voted: number, joined: number) => `${voted} ${voted > 1 ? "tables ont" : "table a"} voté sur ${joined}.`,

  // Scoring
  whoScores: "Qui note ?",
  whoScoresHelp: "Chaque personne de la table note seule, à son tour. Touchez votre place.",
  seat: (n: number) => `Place ${n}`,
  progress: (scored: number, total: number) => `${scored} note${scored > 1 ? "s" : ""} sur ${total}`,
  seatProgress: (n: number, scored: number, total: number) =>
    `Place ${n} : ${scored} note${scored > 1 ? "s" : ""} sur ${total}`,
  seatDone: "terminé",
  seatOnPhone: "note sur son téléphone",
  seatCreating: "création de la place…",
  turnOf: (n: number) => `C'est au tour de la place ${n}`,
  turnAnnounce: (n: number) => `Changement de personne : la place ${n} note maintenant, ses notes sont affichées.`,
  pickSeatFirst: "Choisissez d'abord qui note : touchez « Place 1 », « Place 2 »…",
  changeSeat: "Changer de personne",
  finishTurn: "J'ai fini, au suivant",
  finishAll: (n: number) => `Place ${n} : toutes les idées sont notées. Touchez « J'ai fini » : vos notes seront cachées avant que la personne suivante prenne la tablette.`,
  finishMissing: (n: number, missing: number) =>
    `Place ${n} : il manque ${missing} note${missing > 1 ? "s" : ""}. Vous pouvez les donner plus tard en touchant à nouveau votre place. Touchez « J'ai fini » : vos notes seront cachées avant que la personne suivante prenne la tablette.`,
  turnFinished: (n: number) => `Merci ! Les notes de la place ${n} sont cachées. Au suivant : touchez votre place.`,
  phoneSeatTitle: (n: number) => `Vos notes (place ${n})`,
  scoreIdeas: "Notez chaque idée",
  scoreHelp: "Touchez une note de 0 à 10 pour chaque critère. Vous pouvez changer une note jusqu'à la fin de la phase.",
  ideaN: (n: number, total: number) => `Idée ${n} sur ${total}`,
  currentScore: (v: number | undefined) => `Votre note : ${v === undefined ? "pas encore notée" : v}`,
  currentScoreOf: (n: number, v: number | undefined) => `Note de la place ${n} : ${v === undefined ? "pas encore notée" : v}`,
  turnShort: (n: number) => `au tour de la place ${n}`,
  scoreSending: " (envoi…)",
  lowerIsBetter: (min: number, label: string) =>
    `Attention : ici, plus la note est basse, mieux c'est${label ? ` (${min} = « ${label} »)` : ""}.`,
  best: "le mieux",
  noCriteria: "Cet atelier n'a pas encore de critère à noter.",
  noIdeasToScore: "Aucune idée à noter pour l'instant.",

  // Evaluation results
  ranking: "Classement",
  overallHelp: "Moyenne des critères sur 10, chaque critère orienté pour que 10 soit le mieux.",
  seatsScored: (scored: number, joined: number) => `${scored} personnes ont noté sur ${joined} présentes.`,
};

const en: typeof fr = {
  pageTitle: "Atelier — table tablet",
  skip: "Skip to content",
  timeLeft: "Time left",
  connectingToWorkshop: "Connecting to the workshop…",
  pending: (n) => `${n} action${n > 1 ? "s" : ""} waiting to be sent`,
  newPhase: (name) => `New phase: ${name}.`,
  tableName: (id, name) => (name ? `${name} (table ${id})` : `Table ${id}`),
  seatName: (tableId, seatNumber) => `Table ${tableId} · seat ${seatNumber}`,
  quote: (text) => `“${text}”`,

  joinTitle: "Join a workshop",
  joinCode: "Workshop code",
  joinCodeHelp: "The 8 digits shown on the big screen.",
  joinCodeInvalid: "The workshop code has 8 digits (6 for an older workshop).",
  joinAs: "Which device?",
  joinAsTable: "The table's tablet",
  joinAsTableHelp: "One tablet shared by the table.",
  joinAsPhone: "I score with my phone",
  joinAsPhoneHelp: "To score the ideas on your own, for your seat.",
  tableNameLabel: "Table name (optional)",
  pickTableLabel: "Table number (optional)",
  pickTableHelp: "The number on your table; leave empty to get the next free table.",
  tableNumber: "Table number",
  tableNumberHelp: "Shown on your table's tablet.",
  seatNumber: "Your seat number",
  seatNumberHelp: "1, 2 or 3: your table's tablet must not already score for this seat.",
  numberInvalid: "Enter a number (1, 2, 3…).",
  join: "Join",
  badSeatHello: "This phone could not take this seat: check the table number (shown on its tablet) and your seat number (1, 2 or 3).",
  noSeatsHello: "In this workshop nobody scores on their own phone: join it with your table's tablet.",
  joinQuestion: (question) => `Workshop: “${question}”`,
  joinNext: "Continue",
  joinLooking: "Looking for the workshop…",
  seatNumberHelpFor: (n) =>
    n === 3 ? "1, 2 or 3: your table's tablet must not already score for this seat."
      : `From 1 to ${n}: your table's tablet must not already score for this seat.`,
  seatTakenHello: "This seat is already taken (by the table's tablet or another phone): choose another seat number, or score on the tablet.",

  welcome: "Welcome! The workshop will start soon: the facilitator will open the first phase.",
  grouping: "The facilitator is grouping similar ideas. The vote comes next.",
  seatWaiting: "Welcome! You will score the ideas on this phone when the facilitator opens the evaluation.",
  seatOtherPhase: "This phone is for scoring ideas during the evaluation. Follow the workshop on your table's tablet.",

  composeTitle: "Post an idea",
  yourIdea: "Your idea",
  ideaHelp: "A few words or a sentence. Every table sees the ideas, without knowing who wrote them.",
  publish: "Post the idea",
  ideaEmpty: "The idea is empty: write a few words.",
  ideaSent: "Idea sent.",
  charsLeft: (left, max) => `${left} character${left === 1 ? "" : "s"} left (at most ${max}).`,
  limitReached: (max) => `Limit reached: at most ${max} characters. Shorten it to add words.`,
  pasteCut: (max) => `The pasted text was too long: only the first ${max} characters are in the box. Check the end.`,
  alreadyPosted: "Already posted?",
  likeness: (pct) => ` (${pct}% alike)`,
  noIdeas: "No ideas yet.",
  allIdeas: (n) => `Every table's ideas (${n})`,
  cluster: "Group",
  yourIdeaMark: " (your idea)",
  ourIdea: "Our idea",
  editOurIdea: "Edit our idea",
  save: "Save",
  cancel: "Cancel",
  edit: "Edit",
  delete: "Delete",
  confirmDelete: "Delete this idea?",

  pointsLeft: (left, budget) => `You have ${points(left)} left out of ${budget}`,
  capNote: (cap) => `at most ${points(cap)} per idea`,
  voteTitle: "Spend your points",
  ownCluster: "This group contains one of your table's ideas: you do not vote for it.",
  ownIdea: "Your table's idea: you do not vote for your own ideas.",
  removePoint: "Remove a point",
  addPoint: "Add a point",
  pointsGiven: "Points given",
  capReached: (cap) => `That is the most: ${points(cap)} per idea.`,
  budgetSpent: "You have given all your points: take some off an idea to give them to another.",
  budgetRegion: "Your points",
  dismiss: "Close",
  mergedOverCap: (names, into, back, cap, left) =>
    `The facilitator grouped ${listEn(names)} into ${into}: ${points(back)} ${back === 1 ? "was" : "were"} given back to you (at most ${points(cap)} per idea). You have ${points(left)} left.`,
  mergedWithOwn: (names, into, back, left) =>
    `The facilitator grouped ${listEn(names)} into ${into}, with one of your table's ideas: ${points(back)} ${back === 1 ? "was" : "were"} given back to you (you do not vote for your own ideas). You have ${points(left)} left.`,
  clusterUndone: (name, back, left) =>
    `The facilitator undid the group ${name}: ${points(back)} ${back === 1 ? "was" : "were"} given back to you. You have ${points(left)} left.`,
  ideaDeletedBack: (name, dissolved, back, left) =>
    `The idea ${name} was deleted${dissolved ? ` and the group ${dissolved} undone` : ""}: ${points(back)} ${back === 1 ? "was" : "were"} given back to you. You have ${points(left)} left.`,
  moveNote: (left) => `You can move your points until the phase ends. Points left according to the server: ${left}.`,

  thanks: "Thank you for taking part! The facilitator will show the results.",
  results: "Results",
  groupOf: (n) => `Group of ${n} ideas`,
  yourIdeaTag: "Your idea",
  groupHasYours: "Holds your idea",
  tablesVoted: (voted, joined) => `${voted} table${voted === 1 ? "" : "s"} voted out of ${joined}.`,

  whoScores: "Who is scoring?",
  whoScoresHelp: "Each person at the table scores alone, in turn. Tap your seat.",
  seat: (n) => `Seat ${n}`,
  progress: (scored, total) => `${scored} score${scored === 1 ? "" : "s"} out of ${total}`,
  seatProgress: (n, scored, total) => `Seat ${n}: ${scored} score${scored === 1 ? "" : "s"} out of ${total}`,
  seatDone: "done",
  seatOnPhone: "scores on their phone",
  seatCreating: "creating the seat…",
  turnOf: (n) => `Seat ${n} is scoring now`,
  turnAnnounce: (n) => `Change of person: seat ${n} scores now, its scores are shown.`,
  pickSeatFirst: "First choose who is scoring: tap “Seat 1”, “Seat 2”…",
  changeSeat: "Change person",
  finishTurn: "I'm done, next person",
  finishAll: (n) => `Seat ${n}: every idea is scored. Tap “I'm done”: your scores will be hidden before the next person takes the tablet.`,
  finishMissing: (n, missing) =>
    `Seat ${n}: ${missing} score${missing === 1 ? " is" : "s are"} missing. You can give ${missing === 1 ? "it" : "them"} later by tapping your seat again. Tap “I'm done”: your scores will be hidden before the next person takes the tablet.`,
  turnFinished: (n) => `Thank you! Seat ${n}'s scores are hidden. Next person: tap your seat.`,
  phoneSeatTitle: (n) => `Your scores (seat ${n})`,
  scoreIdeas: "Score each idea",
  scoreHelp: "Tap a score from 0 to 10 for each criterion. You can change a score until the phase ends.",
  ideaN: (n, total) => `Idea ${n} of ${total}`,
  currentScore: (v) => `Your score: ${v === undefined ? "not scored yet" : v}`,
  currentScoreOf: (n, v) => `Seat ${n}'s score: ${v === undefined ? "not scored yet" : v}`,
  turnShort: (n) => `seat ${n} is scoring`,
  scoreSending: " (sending…)",
  lowerIsBetter: (min, label) => `Note: here, the lower the score, the better${label ? ` (${min} = “${label}”)` : ""}.`,
  best: "best",
  noCriteria: "This workshop has no criteria to score yet.",
  noIdeasToScore: "No ideas to score yet.",

  ranking: "Ranking",
  overallHelp: "Mean of the criteria out of 10, each turned so that 10 is best.",
  seatsScored: (scored, joined) => `${scored} people scored out of ${joined} present.`,
};

export const t = pick({ fr, en });
