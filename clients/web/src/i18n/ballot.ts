// Wording of the ballots on the table tablet and on a personal phone (issue 14): who votes, the
// dots, the pick, the ranking, the buckets and their "longue-vue", the refusals said where the
// finger is, and the results per kind. French (default) and English, picked once at load.
import { BallotKind, Bucket } from "../gen/atelier/v1/workshop_pb";
import { pick } from "./lang";

const dotsFr = (n: number) => (n === 0 ? "aucune gommette" : `${n} gommette${n > 1 ? "s" : ""}`);
const dotsEn = (n: number) => (n === 0 ? "no dots" : `${n} dot${n > 1 ? "s" : ""}`);
const ideasFr = (n: number) => `${n} idée${n > 1 ? "s" : ""}`;
const ideasEn = (n: number) => `${n} idea${n === 1 ? "" : "s"}`;
const ordinalFr = (n: number) => (n === 1 ? "1er" : `${n}e`);
/** « A », « B » et « C »; past four names, the first three and how many more (as i18n/table.ts). */
const listFr = (names: string[]) => (names.length > 4 ? `${names.slice(0, 3).join(", ")} et ${names.length - 3} autres`
  : names.length > 1 ? `${names.slice(0, -1).join(", ")} et ${names[names.length - 1]}` : names[0] ?? "");
const listEn = (names: string[]) => (names.length > 4 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`
  : names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names[0] ?? "");
const backFr = (n: number) => `${dotsFr(n)} vous ${n > 1 ? "ont" : "a"} été rendue${n > 1 ? "s" : ""}`;
const leftFr = (left: number) => (left === 0 ? "Il ne vous reste aucune gommette." : `Il vous reste ${dotsFr(left)}.`);
const backEn = (n: number) => `${dotsEn(n)} ${n === 1 ? "was" : "were"} given back to you`;
const leftEn = (left: number) => `You have ${dotsEn(left)} left.`;
const ordinalEn = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
};

const fr = {
  /** A vote step without a title, named by what it asks. */
  stepName: {
    [BallotKind.UNSPECIFIED]: "Vote : répartir les points",
    [BallotKind.BUDGET]: "Vote : répartir les points",
    [BallotKind.DOTS]: "Vote : les gommettes",
    [BallotKind.PICK]: "Vote : choisir des idées",
    [BallotKind.RANKING]: "Vote : classer les idées",
    [BallotKind.BUCKETS]: "Vote : ranger les idées",
  } as Record<BallotKind, string>,

  // Who votes (each seat votes)
  whoVotes: "Qui vote ?",
  whoVotesHelp: "Chaque personne de la table vote seule, à son tour. Touchez votre place.",
  notVoted: "pas encore voté",
  voted: "a voté",
  votesOnPhone: "vote sur son téléphone",
  pickVoterFirst: "Choisissez d'abord qui vote : touchez « Place 1 », « Place 2 »…",
  turnOf: (n: number) => `C'est au tour de la place ${n} de voter`,
  turnAnnounce: (n: number) => `Changement de personne : la place ${n} vote maintenant.`,
  turnShort: (n: number) => `au tour de la place ${n} de voter`,
  finishHelp: (n: number) =>
    `Place ${n} : quand vous avez voté, touchez « J'ai fini » : votre vote sera caché avant que la personne suivante prenne la tablette.`,
  turnFinished: (n: number) => `Merci ! Le vote de la place ${n} est caché. Au suivant : touchez votre place.`,
  phoneTitle: (n: number) => `Votre vote (place ${n})`,
  tableVotesHere: "Dans ce vote, chaque table vote une fois, sur sa tablette. Votez avec les autres personnes de votre table, sur la tablette.",
  seatBetweenSteps: "Ce téléphone vous sert à voter ou à noter à votre place, quand l'animateur ouvrira cette étape. En attendant, suivez l'atelier sur la tablette de votre table.",

  // Dots
  dotsTitle: (budget: number): string => (budget === 1 ? "Posez votre gommette sur l'idée que vous préférez" : "Posez vos gommettes sur les idées que vous préférez"),
  dotsLeft: (left: number, budget: number) =>
    left === 0 ? (budget === 1 ? "Votre gommette est posée" : "Toutes vos gommettes sont posées")
      : budget === 1 ? "Il vous reste 1 gommette" : `Il vous reste ${dotsFr(left)} sur ${budget}`,
  dotsCap: (cap: number) => `au plus ${dotsFr(cap)} par idée`,
  dots: dotsFr,
  putDot: (cap: number): string => (cap === 1 ? "Poser ma gommette" : "Poser une gommette"),
  takeDot: (cap: number): string => (cap === 1 ? "Retirer ma gommette" : "Retirer une gommette"),
  dotsSpent: (budget: number): string => (budget === 1
    ? "Pour la mettre sur une autre idée, retirez-la d'abord."
    : "Pour en mettre ailleurs, retirez-en une d'abord."),
  dotsCapReached: (cap: number) => `C'est le maximum : ${dotsFr(cap)} par idée.`,
  dotsOwnIdea: "Idée de votre table : vous ne posez pas de gommette sur vos propres idées.",
  dotsOwnCluster: "Ce regroupement contient une idée de votre table : vous n'y posez pas de gommette.",
  dotsMoveNote: "Vous pouvez déplacer vos gommettes jusqu'à la fin du vote.",
  dotsRegion: "Vos gommettes",
  /** Dots handed back by the animateur's work on the wall (as i18n/table.ts says points). */
  dotsBack: {
    mergedOverCap: (names: string[], into: string, back: number, cap: number, left: number) =>
      `L'animateur a regroupé ${listFr(names)} en ${into} : ${backFr(back)} (${dotsFr(cap)} au plus par idée). ${leftFr(left)}`,
    mergedWithOwn: (names: string[], into: string, back: number, left: number) =>
      `L'animateur a regroupé ${listFr(names)} en ${into}, avec une idée de votre table : ${backFr(back)} (vous ne votez pas pour vos propres idées). ${leftFr(left)}`,
    clusterUndone: (name: string, back: number, left: number) =>
      `L'animateur a défait le regroupement ${name} : ${backFr(back)}. ${leftFr(left)}`,
    clusterLeftVote: (name: string, back: number, left: number) =>
      `Le regroupement ${name} ne contient plus d'idée soumise à ce vote : ${backFr(back)}. ${leftFr(left)}`,
    ideaDeletedBack: (name: string, dissolved: string, back: number, left: number) =>
      `L'idée ${name} a été supprimée${dissolved ? ` et le regroupement ${dissolved} défait` : ""} : ${backFr(back)}. ${leftFr(left)}`,
  },
  dotsGiven: "Gommettes posées",

  // Pick
  pickTitle: (n: number) => (n === 1 ? "Choisissez 1 idée" : `Choisissez exactement ${n} idées`),
  pickHelp: "Cochez les idées, puis touchez « Valider mon choix ». Vous pourrez le changer jusqu'à la fin du vote.",
  pickCounter: (ticked: number, need: number) => `${ticked} sur ${need}`,
  pickCounterLabel: "Idées cochées",
  pickMore: (k: number) => `Cochez encore ${ideasFr(k)}.`,
  pickTooMany: (k: number) => `Vous avez coché ${ideasFr(k)} de trop : décochez-en ${k}.`,
  pickReady: "C'est bon : touchez « Valider mon choix ».",
  validatePick: "Valider mon choix",
  pickSaved: "Votre choix est enregistré. Vous pouvez encore le changer.",
  pickChanged: "Votre choix a changé : touchez « Valider mon choix » pour l'enregistrer.",
  withdrawPick: "Retirer mon choix",
  pickWithdrawn: "Votre choix est retiré.",
  pickSentAnnounce: "Choix envoyé.",
  sending: "Envoi…",
  inSavedChoice: "Dans votre choix",
  ownNotChosen: "Idée de votre table : vous ne la choisissez pas.",
  ownClusterNotChosen: "Ce regroupement contient une idée de votre table : vous ne le choisissez pas.",
  noneToChoose: "Il n'y a pas encore d'idée à choisir.",

  // Ranking
  rankTitle: "Classez les idées, de la plus importante à la moins importante",
  rankHelp: (need: number, total: number) =>
    "Touchez « Monter » ou « Descendre » pour déplacer une idée : la première est la plus importante. Puis touchez « Valider mon classement »."
      + (need < total ? ` Seules les ${need} premières comptent.` : ""),
  rankUp: "Monter",
  rankDown: "Descendre",
  rankPlace: "Place",
  notRanked: "pas classée",
  rankLine: (need: number) => `En dessous de cette ligne : pas classées (seules les ${need} premières comptent)`,
  validateRanking: "Valider mon classement",
  rankingSaved: "Votre classement est enregistré. Vous pouvez encore le changer.",
  rankingChanged: "Votre classement a changé : touchez « Valider mon classement » pour l'enregistrer.",
  rankingNone: "Votre classement n'est pas encore enregistré.",
  withdrawRanking: "Retirer mon classement",
  rankingWithdrawn: "Votre classement est retiré.",
  rankingSentAnnounce: "Classement envoyé.",
  rankMoved: (text: string, place: number, total: number) => `${text} est maintenant à la place ${place} sur ${total}.`,
  rankOwnNote: (n: number) => `${n > 1 ? `Les ${n} idées de votre table ne sont` : "L'idée de votre table n'est"} pas dans la liste : vous ne votez pas pour vos propres idées.`,

  // Buckets
  bucketsTitle: "Rangez chaque idée dans une boîte",
  bucketsHelp: "Poubelle : on l'abandonne. Machine à laver : on la retravaille. Coffre-fort : on la garde telle quelle. Touchez à nouveau la boîte choisie pour en sortir l'idée.",
  bucket: {
    [Bucket.UNSPECIFIED]: "",
    [Bucket.POUBELLE]: "Poubelle",
    [Bucket.MACHINE_A_LAVER]: "Machine à laver",
    [Bucket.COFFRE_FORT]: "Coffre-fort",
  } as Record<Bucket, string>,
  bucketsProgress: (sorted: number, total: number) => `${ideasFr(sorted)} rangée${sorted > 1 ? "s" : ""} sur ${total}`,
  bucketsAll: "Toutes les idées sont rangées. Vous pouvez changer jusqu'à la fin du vote.",
  bucketOwn: "Idée de votre table : vous ne la rangez pas.",
  bucketOwnCluster: "Ce regroupement contient une idée de votre table : vous ne le rangez pas.",
  bucketsRegion: "Votre rangement",
  longueVueTitle: "Longue-vue : un nouveau sujet",
  longueVueHelp: "Un sujet qui manque aujourd'hui et qu'il faudra traiter plus tard. Il n'est pas rangé dans ce vote.",
  longueVueLabel: "Le nouveau sujet",
  longueVueSubmit: "Proposer ce sujet",
  longueVueSent: "Nouveau sujet envoyé.",
  newSubjects: (n: number) => `Nouveaux sujets (${n})`,
  noNewSubjects: "Aucun nouveau sujet pour l'instant.",
  ourSubject: "Proposé par votre table",

  // Refusals, said where the finger is
  wrongCountPick: (limit: number, given: number) =>
    `Il faut choisir exactement ${ideasFr(limit)} : vous en avez coché ${given}.`,
  wrongCountRanking: (limit: number, given: number) =>
    `Le classement doit compter exactement ${ideasFr(limit)}, il en comptait ${given} : la liste a changé. Vérifiez l'ordre et validez à nouveau.`,
  wrongBallotSeat: "Dans ce vote, chaque personne vote : choisissez d'abord qui vote.",
  wrongBallotTable: "Dans ce vote, chaque table vote une fois, sur sa tablette.",
  wrongBallotKind: "Ce vote a changé de forme : la page se met à jour, recommencez.",
  dotsBudget: (left: number, budget: number, asked: number) => (left === 0
    ? (budget === 1 ? "Vous avez déjà posé votre gommette : retirez-la d'une autre idée pour la mettre ici."
      : `Vous avez déjà posé vos ${budget} gommettes : retirez-en une d'une autre idée pour la mettre ici.`)
    : `Il ne vous reste que ${dotsFr(left)} sur ${budget} : vous en demandiez ${asked}.`),
  dotsCapRefused: (cap: number, label: string) => `Au plus ${dotsFr(cap)} sur une même idée${label ? ` (${label})` : ""}.`,
  emptyChoice: "Cochez d'abord des idées.",
  postedDuring: "Cette idée a été proposée pendant ce vote : elle n'y est pas soumise.",
  inCluster: (label: string) => `Cette idée fait maintenant partie du regroupement ${label} : c'est lui qui figure dans la liste.`,

  // Results
  resultsOf: (name: string) => `Résultats : ${name}`,
  dotsValue: dotsFr,
  picksValue: (n: number) => (n === 0 ? "pas choisie" : `choisie ${n} fois`),
  bordaValue: (n: number) => `${n} point${n > 1 ? "s" : ""}`,
  firstPlace: (n: number) => `${ordinalFr(1)} : ${n} fois`,
  ordinal: ordinalFr,
  placeCount: (place: number, n: number) => `${ordinalFr(place)} : ${n} fois`,
  rankSpread: "Places données",
  bucketCount: (name: string, n: number) => `${name} : ${n}`,
  bordaHelp: "Chaque classement donne le plus de points à sa 1re idée (autant que d'idées classées), puis un de moins à chaque place, 1 point à la dernière.",
  picksHelp: "Combien de fois chaque idée a été choisie.",
  dotsHelp: "Les gommettes posées sur chaque idée.",
  bucketsResultsHelp: "Pour chaque idée : combien l'ont mise à la poubelle, à la machine à laver, au coffre-fort. Les plus gardées d'abord.",
  peopleVoted: (voted: number, joined: number) => `${voted} ${voted > 1 ? "personnes ont" : "personne a"} voté sur ${joined} présente${joined > 1 ? "s" : ""}.`,
  tablesVotedOf: (voted: number) => `${voted} ${voted > 1 ? "tables ont" : "table a"} voté.`,
  peopleVotedOf: (voted: number) => `${voted} ${voted > 1 ? "personnes ont" : "personne a"} voté.`,
  newSubjectsResults: "Nouveaux sujets (longue-vue)",
};

const en: typeof fr = {
  stepName: {
    [BallotKind.UNSPECIFIED]: "Vote: spend your points",
    [BallotKind.BUDGET]: "Vote: spend your points",
    [BallotKind.DOTS]: "Vote: the dots",
    [BallotKind.PICK]: "Vote: choose ideas",
    [BallotKind.RANKING]: "Vote: rank the ideas",
    [BallotKind.BUCKETS]: "Vote: sort the ideas",
  } as Record<BallotKind, string>,

  whoVotes: "Who is voting?",
  whoVotesHelp: "Each person at the table votes alone, in turn. Tap your seat.",
  notVoted: "not voted yet",
  voted: "has voted",
  votesOnPhone: "votes on their phone",
  pickVoterFirst: "First choose who is voting: tap “Seat 1”, “Seat 2”…",
  turnOf: (n) => `Seat ${n} is voting now`,
  turnAnnounce: (n) => `Change of person: seat ${n} votes now.`,
  turnShort: (n) => `seat ${n} is voting`,
  finishHelp: (n) => `Seat ${n}: once you have voted, tap “I'm done”: your vote will be hidden before the next person takes the tablet.`,
  turnFinished: (n) => `Thank you! Seat ${n}'s vote is hidden. Next person: tap your seat.`,
  phoneTitle: (n) => `Your vote (seat ${n})`,
  tableVotesHere: "In this vote each table votes once, on its tablet. Vote with the other people at your table, on the tablet.",
  seatBetweenSteps: "This phone is for voting or scoring for your seat, when the facilitator opens that step. Meanwhile, follow the workshop on your table's tablet.",

  dotsTitle: (budget) => (budget === 1 ? "Put your dot on the idea you prefer" : "Put your dots on the ideas you prefer"),
  dotsLeft: (left, budget) =>
    left === 0 ? (budget === 1 ? "Your dot is placed" : "All your dots are placed")
      : budget === 1 ? "You have 1 dot left" : `You have ${dotsEn(left)} left out of ${budget}`,
  dotsCap: (cap) => `at most ${dotsEn(cap)} per idea`,
  dots: dotsEn,
  putDot: (cap) => (cap === 1 ? "Put my dot" : "Put a dot"),
  takeDot: (cap) => (cap === 1 ? "Take my dot off" : "Take a dot off"),
  dotsSpent: (budget) => (budget === 1
    ? "To put it on another idea, take it off first."
    : "To put one elsewhere, take one off first."),
  dotsCapReached: (cap) => `That is the most: ${dotsEn(cap)} per idea.`,
  dotsOwnIdea: "Your table's idea: you do not put dots on your own ideas.",
  dotsOwnCluster: "This group contains one of your table's ideas: you do not put a dot on it.",
  dotsMoveNote: "You can move your dots until the vote ends.",
  dotsRegion: "Your dots",
  dotsBack: {
    mergedOverCap: (names, into, back, cap, left) =>
      `The facilitator grouped ${listEn(names)} into ${into}: ${backEn(back)} (at most ${dotsEn(cap)} per idea). ${leftEn(left)}`,
    mergedWithOwn: (names, into, back, left) =>
      `The facilitator grouped ${listEn(names)} into ${into}, with one of your table's ideas: ${backEn(back)} (you do not vote for your own ideas). ${leftEn(left)}`,
    clusterUndone: (name, back, left) => `The facilitator undid the group ${name}: ${backEn(back)}. ${leftEn(left)}`,
    clusterLeftVote: (name, back, left) => `The group ${name} no longer holds an idea put to this vote: ${backEn(back)}. ${leftEn(left)}`,
    ideaDeletedBack: (name, dissolved, back, left) =>
      `The idea ${name} was deleted${dissolved ? ` and the group ${dissolved} undone` : ""}: ${backEn(back)}. ${leftEn(left)}`,
  },
  dotsGiven: "Dots placed",

  pickTitle: (n) => (n === 1 ? "Choose 1 idea" : `Choose exactly ${n} ideas`),
  pickHelp: "Tick the ideas, then tap “Confirm my choice”. You can change it until the vote ends.",
  pickCounter: (ticked, need) => `${ticked} of ${need}`,
  pickCounterLabel: "Ideas ticked",
  pickMore: (k) => `Tick ${k} more idea${k === 1 ? "" : "s"}.`,
  pickTooMany: (k) => `You ticked ${ideasEn(k)} too many: untick ${k}.`,
  pickReady: "All set: tap “Confirm my choice”.",
  validatePick: "Confirm my choice",
  pickSaved: "Your choice is saved. You can still change it.",
  pickChanged: "Your choice has changed: tap “Confirm my choice” to save it.",
  withdrawPick: "Withdraw my choice",
  pickWithdrawn: "Your choice is withdrawn.",
  pickSentAnnounce: "Choice sent.",
  sending: "Sending…",
  inSavedChoice: "In your choice",
  ownNotChosen: "Your table's idea: you do not choose it.",
  ownClusterNotChosen: "This group contains one of your table's ideas: you do not choose it.",
  noneToChoose: "There is no idea to choose yet.",

  rankTitle: "Rank the ideas, from the most to the least important",
  rankHelp: (need, total) =>
    "Tap “Move up” or “Move down” to move an idea: the first is the most important. Then tap “Confirm my ranking”."
      + (need < total ? ` Only the first ${need} count.` : ""),
  rankUp: "Move up",
  rankDown: "Move down",
  rankPlace: "Place",
  notRanked: "not ranked",
  rankLine: (need) => `Below this line: not ranked (only the first ${need} count)`,
  validateRanking: "Confirm my ranking",
  rankingSaved: "Your ranking is saved. You can still change it.",
  rankingChanged: "Your ranking has changed: tap “Confirm my ranking” to save it.",
  rankingNone: "Your ranking is not saved yet.",
  withdrawRanking: "Withdraw my ranking",
  rankingWithdrawn: "Your ranking is withdrawn.",
  rankingSentAnnounce: "Ranking sent.",
  rankMoved: (text, place, total) => `${text} is now in place ${place} of ${total}.`,
  rankOwnNote: (n) => `${n > 1 ? `Your table's ${n} ideas are` : "Your table's idea is"} not in the list: you do not vote for your own ideas.`,

  bucketsTitle: "Put each idea in a box",
  bucketsHelp: "Bin: we drop it. Washing machine: we rework it. Safe: we keep it as it is. Tap the chosen box again to take the idea out.",
  bucket: {
    [Bucket.UNSPECIFIED]: "",
    [Bucket.POUBELLE]: "Bin",
    [Bucket.MACHINE_A_LAVER]: "Washing machine",
    [Bucket.COFFRE_FORT]: "Safe",
  } as Record<Bucket, string>,
  bucketsProgress: (sorted, total) => `${ideasEn(sorted)} sorted out of ${total}`,
  bucketsAll: "Every idea is sorted. You can change until the vote ends.",
  bucketOwn: "Your table's idea: you do not sort it.",
  bucketOwnCluster: "This group contains one of your table's ideas: you do not sort it.",
  bucketsRegion: "Your sorting",
  longueVueTitle: "Telescope: a new subject",
  longueVueHelp: "A subject missing today that will need dealing with later. It is not sorted in this vote.",
  longueVueLabel: "The new subject",
  longueVueSubmit: "Post this subject",
  longueVueSent: "New subject sent.",
  newSubjects: (n) => `New subjects (${n})`,
  noNewSubjects: "No new subject yet.",
  ourSubject: "Posted by your table",

  wrongCountPick: (limit, given) => `You must choose exactly ${ideasEn(limit)}: you ticked ${given}.`,
  wrongCountRanking: (limit, given) =>
    `The ranking must hold exactly ${ideasEn(limit)}, it held ${given}: the list has changed. Check the order and confirm again.`,
  wrongBallotSeat: "In this vote each person votes: first choose who is voting.",
  wrongBallotTable: "In this vote each table votes once, on its tablet.",
  wrongBallotKind: "This vote has changed: the page is updating, please start again.",
  dotsBudget: (left, budget, asked) => (left === 0
    ? (budget === 1 ? "You have already placed your dot: take it off another idea to put it here."
      : `You have already placed your ${budget} dots: take one off another idea to put it here.`)
    : `You have only ${dotsEn(left)} left out of ${budget}: you asked for ${asked}.`),
  dotsCapRefused: (cap, label) => `At most ${dotsEn(cap)} on one idea${label ? ` (${label})` : ""}.`,
  emptyChoice: "First tick some ideas.",
  postedDuring: "This idea was posted during this vote: it is not voted on.",
  inCluster: (label) => `This idea is now part of the group ${label}: the group is in the list instead.`,

  resultsOf: (name) => `Results: ${name}`,
  dotsValue: dotsEn,
  picksValue: (n) => (n === 0 ? "not chosen" : `chosen ${n} time${n === 1 ? "" : "s"}`),
  bordaValue: (n) => `${n} point${n === 1 ? "" : "s"}`,
  firstPlace: (n) => `${ordinalEn(1)}: ${n} time${n === 1 ? "" : "s"}`,
  ordinal: ordinalEn,
  placeCount: (place, n) => `${ordinalEn(place)}: ${n} time${n === 1 ? "" : "s"}`,
  rankSpread: "Places given",
  bucketCount: (name, n) => `${name}: ${n}`,
  bordaHelp: "Each ranking gives its 1st idea the most points (as many as the ideas ranked), then one less per place, 1 point to the last.",
  picksHelp: "How many times each idea was chosen.",
  dotsHelp: "The dots placed on each idea.",
  bucketsResultsHelp: "For each idea: how many put it in the bin, the washing machine, the safe. The most kept first.",
  peopleVoted: (voted, joined) => `${voted} ${voted === 1 ? "person" : "people"} voted out of ${joined} present.`,
  tablesVotedOf: (voted) => `${voted} table${voted === 1 ? "" : "s"} voted.`,
  peopleVotedOf: (voted) => `${voted} ${voted === 1 ? "person" : "people"} voted.`,
  newSubjectsResults: "New subjects (telescope)",
};

export const bw = pick({ fr, en });
