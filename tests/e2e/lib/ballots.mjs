// What the ballot tests (vote_*.test.mjs) share: a workshop created through the API with an
// agenda whose vote steps carry a ballot, moving to a step by its id, and the server's own
// tally to compare with what the screens showed.
import { CliAnimateur } from "./animateur.mjs";

/**
 * An ideation workshop with `agenda` (steps as in workshop.proto, protobuf JSON: { kind, title,
 * ballot: { kind, voter, budget, cap, count, allowSelfVote } }) and `ideas` typed by the
 * animateur (no table's own). Steps get ids 1, 2... in agenda order. Returns { created, animateur }.
 */
export async function ballotWorkshop(server, question, ideas, agenda, config = {}) {
  const created = await server.createWorkshop({
    workshop: {
      config: { question, template: "TEMPLATE_IDEATION", agenda, ...config },
      ideas: ideas.map((text) => ({ text })),
    },
  });
  return { created, animateur: new CliAnimateur(server, created) };
}

/** Moves the workshop to the agenda's step `stepId` (1-based, in agenda order). */
export function toStep(animateur, stepId) {
  animateur.send({ setPhase: { stepId } });
}

/** The results' targets of a vote step by their text: { text: TargetResult }. */
export async function tallyOf(animateur, stepId) {
  const r = await animateur.results();
  const targets = (r.voteStepId ?? 0) === stepId ? r.points : (r.otherVotes ?? []).find((v) => v.stepId === stepId)?.targets ?? [];
  return Object.fromEntries(targets.map((x) => [x.text, x]));
}
