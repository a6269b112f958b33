// French wording for the people in the room: phases, connection states, and every rejection
// explained in plain words from the details the server gives (rejection.proto). The server's
// own message is English and for developers; it is never shown as such.
import { RejectionReason, type Rejection } from "../gen/atelier/v1/rejection_pb";
import { ActorKind, Phase } from "../gen/atelier/v1/workshop_pb";
import type { ConnectionState } from "../net/connection";

export const phaseNames: Record<Phase, string> = {
  [Phase.UNSPECIFIED]: "—",
  [Phase.SETUP]: "Préparation",
  [Phase.DIVERGENCE]: "Divergence : proposer des idées",
  [Phase.GROUPING]: "Regroupement des idées",
  [Phase.CONVERGENCE]: "Convergence : répartir les points",
  [Phase.SCORING]: "Évaluation : noter les idées",
  [Phase.CONCLUSION]: "Conclusion",
};

export const connectionLabels: Record<ConnectionState, string> = {
  connecting: "Connexion…",
  connected: "Connecté",
  reconnecting: "Reconnexion…",
  stopped: "Déconnecté",
};

const roleNames: Record<ActorKind, string> = {
  [ActorKind.UNSPECIFIED]: "—",
  [ActorKind.ANIMATEUR]: "l'animateur",
  [ActorKind.TABLE]: "une table",
  [ActorKind.SEAT]: "un participant",
  [ActorKind.OBSERVER]: "un observateur",
  [ActorKind.SYSTEM]: "le serveur",
};

export function points(n: number): string {
  return `${n} point${n > 1 ? "s" : ""}`;
}

export function listPhases(phases: Phase[]): string {
  return phases.map((p) => `« ${phaseNames[p]} »`).join(" ou ");
}

/** Names an idea or cluster for a sentence, e.g. « repair café ». */
export type TargetLabel = (targetId: number) => string;

export function explainRejection(r: Rejection, label: TargetLabel = (id) => `n° ${id}`): string {
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
    default:
      return "Le serveur a refusé cette action.";
  }
}

/** Hello errors (ErrorMessage.code) explained. */
export function explainHelloError(code: string): string {
  switch (code) {
    case "unknown_workshop":
      return "Aucun atelier ne correspond à ce code. Vérifiez les 6 chiffres affichés au mur.";
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
    default:
      return "La connexion à l'atelier a été refusée.";
  }
}
