// Wording shared by the three screens, in French (default) and English: phases, connection
// states, and every rejection explained in plain words from the details the server gives
// (rejection.proto). The server's own message is English and for developers; it is never shown.
import { RejectionReason, type Rejection } from "../gen/atelier/v1/rejection_pb";
import { ActorKind, Phase } from "../gen/atelier/v1/workshop_pb";
import type { ConnectionState } from "../net/connection";
import { lang, pick } from "./lang";

export const phaseNames: Record<Phase, string> = pick({
  fr: {
    [Phase.UNSPECIFIED]: "—",
    [Phase.SETUP]: "Préparation",
    [Phase.DIVERGENCE]: "Divergence : proposer des idées",
    [Phase.GROUPING]: "Regroupement des idées",
    [Phase.CONVERGENCE]: "Convergence : répartir les points",
    [Phase.SCORING]: "Évaluation : noter les idées",
    [Phase.CONCLUSION]: "Conclusion",
  },
  en: {
    [Phase.UNSPECIFIED]: "—",
    [Phase.SETUP]: "Set-up",
    [Phase.DIVERGENCE]: "Divergence: post ideas",
    [Phase.GROUPING]: "Grouping the ideas",
    [Phase.CONVERGENCE]: "Convergence: spend your points",
    [Phase.SCORING]: "Evaluation: score the ideas",
    [Phase.CONCLUSION]: "Conclusion",
  },
});

export const connectionLabels: Record<ConnectionState, string> = pick({
  fr: { connecting: "Connexion…", connected: "Connecté", reconnecting: "Reconnexion…", stopped: "Déconnecté" },
  en: { connecting: "Connecting…", connected: "Connected", reconnecting: "Reconnecting…", stopped: "Disconnected" },
});

const roleNames: Record<ActorKind, string> = pick({
  fr: {
    [ActorKind.UNSPECIFIED]: "—",
    [ActorKind.ANIMATEUR]: "l'animateur",
    [ActorKind.TABLE]: "une table",
    [ActorKind.SEAT]: "un participant",
    [ActorKind.OBSERVER]: "un observateur",
    [ActorKind.SYSTEM]: "le serveur",
  },
  en: {
    [ActorKind.UNSPECIFIED]: "—",
    [ActorKind.ANIMATEUR]: "the facilitator",
    [ActorKind.TABLE]: "a table",
    [ActorKind.SEAT]: "a participant",
    [ActorKind.OBSERVER]: "an observer",
    [ActorKind.SYSTEM]: "the server",
  },
});

/** The phase timer in words ("Temps restant 4:05"): an emoji clock is not on every tablet. */
export function timerText(left: string, paused: boolean): string {
  return lang === "fr"
    ? `Temps restant ${left}${paused ? " (en pause)" : ""}`
    : `Time left ${left}${paused ? " (paused)" : ""}`;
}

/** A step's name for people: its title, or else the name of its kind. */
export function stepName(step: { title: string; kind: Phase } | undefined): string {
  if (!step) return phaseNames[Phase.UNSPECIFIED];
  return step.title || phaseNames[step.kind];
}

/** What every screen says during a "temps mort". */
export const pausedWords = pick({
  fr: { title: "Temps mort", body: "L'animateur a mis l'atelier en pause. Rien n'est perdu : on reprend dans un instant." },
  en: { title: "Time out", body: "The animateur has paused the workshop. Nothing is lost: we will go on in a moment." },
});

export function points(n: number): string {
  return `${n} point${n > 1 || (lang === "en" && n === 0) ? "s" : ""}`;
}

export function listPhases(phases: Phase[]): string {
  return lang === "fr"
    ? phases.map((p) => `« ${phaseNames[p]} »`).join(" ou ")
    : phases.map((p) => `"${phaseNames[p]}"`).join(" or ");
}

/** Names an idea or cluster for a sentence, e.g. « repair café ». */
export type TargetLabel = (targetId: number) => string;

export function explainRejection(r: Rejection, label: TargetLabel = (id) => `n° ${id}`): string {
  return lang === "fr" ? explainFr(r, label) : explainEn(r, label);
}

function explainFr(r: Rejection, label: TargetLabel): string {
  switch (r.reason) {
    case RejectionReason.INVALID_COMMAND:
      return "Cette action n'a pas pu être comprise par le serveur. Réessayez.";
    case RejectionReason.WORKSHOP_NOT_FOUND:
      return "Cet atelier n'existe pas (ou plus).";
    case RejectionReason.WORKSHOP_EXISTS:
      return "Cet atelier existe déjà.";
    case RejectionReason.INVALID_CONFIG:
      return "La configuration de l'atelier n'est pas valable.";
    case RejectionReason.WRONG_PHASE:
      return r.allowedPhases.length > 0
        ? `Ce n'est pas possible pendant la phase « ${phaseNames[r.currentPhase]} » : seulement pendant ${listPhases(r.allowedPhases)}.`
        : `Ce n'est pas possible pendant la phase « ${phaseNames[r.currentPhase]} ».`;
    case RejectionReason.FORBIDDEN_ROLE:
      return `Seul ${roleNames[r.requiredRole]} peut faire cela.`;
    case RejectionReason.NOT_YOUR_TABLE:
      return "Une table n'agit que pour elle-même.";
    case RejectionReason.NOT_YOUR_IDEA:
      return "Vous ne pouvez modifier ou supprimer que les idées de votre table.";
    case RejectionReason.UNKNOWN_TABLE:
      return "Cette table n'existe pas dans l'atelier.";
    case RejectionReason.UNKNOWN_SEAT:
      return "Cette place n'existe pas à votre table.";
    case RejectionReason.UNKNOWN_IDEA:
      return "Cette idée n'existe plus : elle a peut-être été supprimée ou regroupée.";
    case RejectionReason.UNKNOWN_CLUSTER:
      return "Ce regroupement n'existe plus.";
    case RejectionReason.UNKNOWN_CRITERION:
      return "Ce critère n'existe pas dans l'atelier.";
    case RejectionReason.IDEA_EMPTY:
      return "L'idée est vide : écrivez quelques mots.";
    case RejectionReason.IDEA_TOO_LONG:
      return `L'idée est trop longue : ${r.limit} caractères au plus.`;
    case RejectionReason.TABLE_TAKEN:
      return "Cette table est déjà prise par une autre tablette.";
    case RejectionReason.TABLES_FULL:
      return `L'atelier est complet (${r.limit} tables au plus).`;
    case RejectionReason.SEAT_TAKEN:
      return "Cette place est déjà prise.";
    case RejectionReason.SEAT_NUMBER_OUT_OF_RANGE:
      return `Il y a ${r.limit} places par table.`;
    case RejectionReason.BUDGET_EXCEEDED:
      return r.pointsLeft === 0
        ? `Vous avez déjà réparti vos ${points(r.budget)}. Retirez des points ailleurs pour en mettre ici.`
        : `Il ne vous reste que ${points(r.pointsLeft)} sur ${r.budget} : vous en demandiez ${r.requested}. Retirez des points ailleurs.`;
    case RejectionReason.CAP_EXCEEDED:
      return `Au plus ${points(r.cap)} sur une même idée${r.targetId ? ` (${label(r.targetId)})` : ""}.`;
    case RejectionReason.OWN_IDEA:
      return r.clusterId
        ? `Le regroupement ${label(r.clusterId)} contient une idée de votre table : vous ne pouvez pas voter pour lui.`
        : "C'est une idée de votre table : vous ne pouvez pas voter pour elle.";
    case RejectionReason.IDEA_IN_CLUSTER:
      return `Cette idée fait partie du regroupement ${label(r.clusterId)} : votez pour le regroupement.`;
    case RejectionReason.SCORE_OUT_OF_RANGE:
      return `La note doit être un nombre entier entre ${r.minValue} et ${r.maxValue}.`;
    case RejectionReason.MERGE_TOO_FEW:
      return "Un nouveau regroupement a besoin d'au moins deux idées.";
    case RejectionReason.TITLE_REQUIRED:
      return "Donnez un titre au regroupement.";
    case RejectionReason.TIMER_NOT_RUNNING:
      return "Le minuteur n'est pas en marche.";
    case RejectionReason.TIMER_NOT_PAUSED:
      return "Le minuteur n'est pas en pause.";
    case RejectionReason.PHASE_NOT_IN_WORKSHOP:
      return `Cette phase ne fait pas partie de l'atelier (phases : ${listPhases(r.allowedPhases)}).`;
    case RejectionReason.COMMAND_ID_REUSED:
      return "Cette action a été confondue avec une autre déjà faite. Rechargez la page et réessayez.";
    case RejectionReason.OVERLOADED:
      return "Le serveur est très occupé : l'action sera renvoyée dans un instant.";
    case RejectionReason.STORAGE_UNAVAILABLE:
      return "Le serveur ne peut rien enregistrer pour le moment : l'action sera renvoyée dans un instant.";
    case RejectionReason.TOO_MANY_IDEAS:
      return r.limit === 1
        ? "Votre table a déjà une idée, le maximum : modifiez-la ou supprimez-la pour en proposer une autre."
        : `Votre table a déjà ${r.limit} idées, le maximum : modifiez ou supprimez-en une pour en proposer une autre.`;
    case RejectionReason.IDEA_HAS_POINTS:
      return "D'autres tables ont déjà mis des points sur cette idée : seul l'animateur peut encore la supprimer.";
    case RejectionReason.WORKSHOP_PAUSED:
      return r.message.includes("timer")
        ? "L'atelier est en pause (temps mort) : reprenez-le avant d'utiliser le minuteur."
        : "Temps mort : l'animateur a mis l'atelier en pause. Rien n'est perdu ; vous pourrez reprendre dans un instant.";
    case RejectionReason.UNKNOWN_STEP:
      return `Cette étape (n° ${r.stepId}) ne fait pas partie du déroulé de l'atelier.`;
    case RejectionReason.NOT_IN_STEP:
      return `Cette étape ne porte que sur certaines idées, celles qu'elle a retenues des étapes précédentes : ${r.targetId ? `« ${label(r.targetId)} »` : "celle-ci"} n'en fait pas partie.`;
    default:
      return "Le serveur a refusé cette action.";
  }
}

function explainEn(r: Rejection, label: TargetLabel): string {
  switch (r.reason) {
    case RejectionReason.INVALID_COMMAND:
      return "The server could not understand this action. Please try again.";
    case RejectionReason.WORKSHOP_NOT_FOUND:
      return "This workshop does not exist (any more).";
    case RejectionReason.WORKSHOP_EXISTS:
      return "This workshop already exists.";
    case RejectionReason.INVALID_CONFIG:
      return "The workshop's settings are not valid.";
    case RejectionReason.WRONG_PHASE:
      return r.allowedPhases.length > 0
        ? `Not possible during "${phaseNames[r.currentPhase]}": only during ${listPhases(r.allowedPhases)}.`
        : `Not possible during "${phaseNames[r.currentPhase]}".`;
    case RejectionReason.FORBIDDEN_ROLE:
      return `Only ${roleNames[r.requiredRole]} can do this.`;
    case RejectionReason.NOT_YOUR_TABLE:
      return "A table acts only for itself.";
    case RejectionReason.NOT_YOUR_IDEA:
      return "You can only edit or delete your table's ideas.";
    case RejectionReason.UNKNOWN_TABLE:
      return "This table does not exist in the workshop.";
    case RejectionReason.UNKNOWN_SEAT:
      return "This seat does not exist at your table.";
    case RejectionReason.UNKNOWN_IDEA:
      return "This idea no longer exists: it may have been deleted or grouped.";
    case RejectionReason.UNKNOWN_CLUSTER:
      return "This group no longer exists.";
    case RejectionReason.UNKNOWN_CRITERION:
      return "This criterion does not exist in the workshop.";
    case RejectionReason.IDEA_EMPTY:
      return "The idea is empty: write a few words.";
    case RejectionReason.IDEA_TOO_LONG:
      return `The idea is too long: ${r.limit} characters at most.`;
    case RejectionReason.TABLE_TAKEN:
      return "This table is already taken by another tablet.";
    case RejectionReason.TABLES_FULL:
      return `The workshop is full (${r.limit} tables at most).`;
    case RejectionReason.SEAT_TAKEN:
      return "This seat is already taken.";
    case RejectionReason.SEAT_NUMBER_OUT_OF_RANGE:
      return `There are ${r.limit} seats per table.`;
    case RejectionReason.BUDGET_EXCEEDED:
      return r.pointsLeft === 0
        ? `You have already spent your ${points(r.budget)}. Take points off elsewhere to put some here.`
        : `You have only ${points(r.pointsLeft)} left out of ${r.budget}: you asked for ${r.requested}. Take points off elsewhere.`;
    case RejectionReason.CAP_EXCEEDED:
      return `At most ${points(r.cap)} on one idea${r.targetId ? ` (${label(r.targetId)})` : ""}.`;
    case RejectionReason.OWN_IDEA:
      return r.clusterId
        ? `The group ${label(r.clusterId)} contains one of your table's ideas: you cannot vote for it.`
        : "This is one of your table's ideas: you cannot vote for it.";
    case RejectionReason.IDEA_IN_CLUSTER:
      return `This idea is part of the group ${label(r.clusterId)}: vote for the group.`;
    case RejectionReason.SCORE_OUT_OF_RANGE:
      return `The score must be a whole number from ${r.minValue} to ${r.maxValue}.`;
    case RejectionReason.MERGE_TOO_FEW:
      return "A new group needs at least two ideas.";
    case RejectionReason.TITLE_REQUIRED:
      return "Give the group a title.";
    case RejectionReason.TIMER_NOT_RUNNING:
      return "The timer is not running.";
    case RejectionReason.TIMER_NOT_PAUSED:
      return "The timer is not paused.";
    case RejectionReason.PHASE_NOT_IN_WORKSHOP:
      return `This phase is not part of the workshop (phases: ${listPhases(r.allowedPhases)}).`;
    case RejectionReason.COMMAND_ID_REUSED:
      return "This action was mistaken for another one already done. Reload the page and try again.";
    case RejectionReason.OVERLOADED:
      return "The server is very busy: the action will be sent again in a moment.";
    case RejectionReason.STORAGE_UNAVAILABLE:
      return "The server cannot save anything right now: the action will be sent again in a moment.";
    case RejectionReason.TOO_MANY_IDEAS:
      return r.limit === 1
        ? "Your table already has one idea, the maximum: edit or delete it to post another."
        : `Your table already has ${r.limit} ideas, the maximum: edit or delete one to post another.`;
    case RejectionReason.IDEA_HAS_POINTS:
      return "Other tables have already put points on this idea: only the animateur can delete it now.";
    case RejectionReason.WORKSHOP_PAUSED:
      return r.message.includes("timer")
        ? "The workshop is paused (time out): resume it before using the timer."
        : "Time out: the animateur has paused the workshop. Nothing is lost; you can go on in a moment.";
    case RejectionReason.UNKNOWN_STEP:
      return `This step (no. ${r.stepId}) is not in the workshop's agenda.`;
    case RejectionReason.NOT_IN_STEP:
      return `This step is only about some ideas, those it took from earlier steps: ${r.targetId ? `“${label(r.targetId)}”` : "this one"} is not one of them.`;
    default:
      return "The server refused this action.";
  }
}

/** Hello errors (ErrorMessage.code) explained. */
export function explainHelloError(code: string): string {
  return lang === "fr" ? helloErrorFr(code) : helloErrorEn(code);
}

function helloErrorFr(code: string): string {
  switch (code) {
    case "unknown_workshop":
      return "Aucun atelier ne correspond à ce code. Vérifiez les chiffres affichés au mur.";
    case "workshop_deleted":
      return "Cet atelier a été supprimé.";
    case "bad_token":
      return "Cette tablette n'est plus reconnue par l'atelier. Rejoignez-le à nouveau.";
    case "table_taken":
      return "Cette table est déjà prise par une autre tablette.";
    case "seat_taken":
      return "Cette place est déjà prise.";
    case "tables_full":
      return "L'atelier est complet : il n'y a plus de table libre.";
    case "not_allowed":
      return "Cet accès n'est pas permis.";
    case "overloaded":
      return "Le serveur est très occupé. Nouvel essai dans un instant.";
    case "timeout":
      return "La connexion a été trop lente. Nouvel essai dans un instant.";
    default:
      return "La connexion à l'atelier a été refusée.";
  }
}

function helloErrorEn(code: string): string {
  switch (code) {
    case "unknown_workshop":
      return "No workshop has this code. Check the digits on the big screen.";
    case "workshop_deleted":
      return "This workshop was deleted.";
    case "bad_token":
      return "The workshop no longer recognises this tablet. Please join again.";
    case "table_taken":
      return "This table is already taken by another tablet.";
    case "seat_taken":
      return "This seat is already taken.";
    case "tables_full":
      return "The workshop is full: no table is left.";
    case "not_allowed":
      return "This access is not allowed.";
    case "overloaded":
      return "The server is very busy. Trying again in a moment.";
    case "timeout":
      return "The connection was too slow. Trying again in a moment.";
    default:
      return "The connection to the workshop was refused.";
  }
}

// ---- Evaluation results (the tablet's conclusion and the big screen) -------------------------

/** How much the people who scored agree, from the spread of their scores (ui/consensus.ts). */
export const agreementWords: Record<"few" | "strong" | "shared" | "divided", string> = pick({
  fr: { few: "trop peu de notes", strong: "consensus fort", shared: "avis partagés", divided: "avis divisés" },
  en: { few: "too few scores", strong: "strong consensus", shared: "mixed views", divided: "divided" },
});

export const evaluationWords = pick({
  fr: {
    mean: "moyenne",
    median: "médiane",
    scores: (n: number) => `${n} note${n > 1 ? "s" : ""}`,
    people: (n: number) => `${n} personne${n > 1 ? "s" : ""}`,
    lowerIsBetter: "plus bas = mieux",
    outOf10: "sur 10",
  },
  en: {
    mean: "mean",
    median: "median",
    scores: (n: number) => `${n} score${n === 1 ? "" : "s"}`,
    people: (n: number) => `${n} ${n === 1 ? "person" : "people"}`,
    lowerIsBetter: "lower = better",
    outOf10: "out of 10",
  },
});

/** A number with at most `digits` decimals, written the language's way ("6,5" in French). */
export function decimal(x: number, digits = 1): string {
  const rounded = Math.round(x * 10 ** digits) / 10 ** digits;
  return lang === "fr" ? String(rounded).replace(".", ",") : String(rounded);
}

// The results' "empreinte": the hash of the event they were computed at (state.proto Results).
export const fingerprintWords = pick({
  fr: {
    label: (seq: string) => `Empreinte de l'atelier (événement n° ${seq}) :`,
    note: "Notez-la : l'archive de l'atelier, vérifiée avec «\u00a0atelier verify\u00a0», doit mener à la même empreinte.",
  },
  en: {
    label: (seq: string) => `Workshop fingerprint (event no. ${seq}):`,
    note: "Write it down: the workshop's archive, checked with \"atelier verify\", must lead to the same fingerprint.",
  },
});
