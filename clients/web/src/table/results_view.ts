// The conclusion as a table sees it once the animateur reveals the results: the sorted points
// of an ideation, or the ranking of an evaluation (overall score, mean per criterion, agreement).
// Kept across updates (ResultsView): made again only when the results themselves change, so that
// an event of the conclusion leaves the page, its scroll and a table scrolled sideways alone.
import { create, toBinary } from "@bufbuild/protobuf";
import { ResultsSchema, type Results } from "../gen/atelier/v1/state_pb";
import { Template, Voter } from "../gen/atelier/v1/workshop_pb";
import { bw } from "../i18n/ballot";
import { t } from "../i18n/table";
import { agenda, ballotOf, criteria, type Mirror } from "../state/mirror";
import { h } from "../ui/dom";
import { rankingTable } from "../ui/ranking";
import { voteResultsSection, type VoteResultsSection } from "./vote_results";
import { profileResultsView } from "./profile_results";

export class ResultsView {
  readonly element = h("div", { class: "results-slot" });
  private seen: { results: string; revealed: boolean; own: string } | null = null;

  update(m: Mirror): void {
    // The server sends results again after events that change nothing in them (a timer, a late
    // table): each copy names the seq it was computed at, so what is compared is their content
    // without that seq and its hash. The marks depend on which ideas are ours, which does not
    // change in the conclusion.
    const own = [...m.ideas.values()].filter((i) => i.own).map((i) => i.id).join(",");
    const results = resultsContent(m.results);
    const seen = this.seen;
    if (seen && seen.results === results && seen.revealed === m.resultsRevealed && seen.own === own) return;
    this.seen = { results, revealed: m.resultsRevealed, own };
    const main = resultsView(m);
    // « Par profil » under the results, once they are shown.
    const byProfile = m.resultsRevealed && !main.matches("p.card") ? profileResultsView(m, m.config?.template === Template.EVALUATION || (!!m.results && m.results.voteStepId === 0 && m.results.evaluations.length > 0)) : null;
    this.element.replaceChildren(main, ...(byProfile ? [byProfile] : []));
  }
}

/** The results as bytes (base64), without the seq and hash they were computed at. */
function resultsContent(r: Results | undefined): string {
  if (!r) return "";
  const bytes = toBinary(ResultsSchema, create(ResultsSchema, { ...r, seq: 0n, headHash: new Uint8Array() }));
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return text;
}

export function resultsView(m: Mirror): HTMLElement {
  const r = m.results;
  // An agenda that scores and has no vote (a journey map rated with smileys, a barometer) shows
  // its ranking as an evaluation does.
  const evaluation = m.config?.template === Template.EVALUATION || (!!r && r.voteStepId === 0 && r.evaluations.length > 0);
  const empty = !r || (evaluation ? r.evaluations.length === 0 : r.points.length === 0);
  if (!m.resultsRevealed || !r || empty) return h("p", { class: "card" }, t.thanks);
  const p = r.participation;
  if (evaluation) {
    return h("section", { "aria-labelledby": "results-title", class: "card" },
      h("h2", { id: "results-title" }, t.results),
      rankingTable(r, criteria(m), t.ranking),
      h("p", { class: "hint-text" }, t.overallHelp),
      p ? h("p", { class: "hint-text" }, t.seatsScored(p.seatsScored, p.seatsJoined)) : null,
    );
  }
  // Each vote step with ballots, in agenda order; the one the results count first (the only one,
  // in most workshops) under « Résultats ».
  const sections: VoteResultsSection[] = [];
  const shownKind = ballotOf(m, r.voteStepId).kind;
  const seatVote = ballotOf(m, r.voteStepId).voter === Voter.SEAT;
  const voted = !p ? "" : seatVote ? bw.peopleVoted(p.tablesVoted, p.seatsJoined) : t.tablesVoted(p.tablesVoted, p.tablesJoined);
  sections.push({ stepId: r.voteStepId, kind: shownKind, targets: r.points, voted, title: t.results, titleId: "results-title" });
  for (const other of r.otherVotes) {
    const seats = ballotOf(m, other.stepId).voter === Voter.SEAT;
    sections.push({
      stepId: other.stepId, kind: other.kind, targets: other.targets,
      voted: seats ? bw.peopleVotedOf(other.voters) : bw.tablesVotedOf(other.voters),
      title: "", titleId: `results-title-${other.stepId}`,
    });
  }
  if (sections.length === 1) return voteResultsSection(m, sections[0]);
  const order = agenda(m).map((st) => st.id);
  sections.sort((a, b) => order.indexOf(a.stepId) - order.indexOf(b.stepId));
  return h("div", { class: "results-steps" }, sections.map((sec, i) => voteResultsSection(m, {
    ...sec,
    title: bw.resultsOf(stepTitle(m, sec.stepId)),
    titleId: i === 0 ? "results-title" : `results-title-${sec.stepId}`,
  })));
}

/** A vote step's name: its title, else what its ballot asks. */
function stepTitle(m: Mirror, stepId: number): string {
  const step = agenda(m).find((st) => st.id === stepId);
  return step?.title || bw.stepName[ballotOf(m, stepId).kind];
}
