// The results per profile on the big screen (« Tous / par profil », a button in the corner for
// the animateur at the projector, or the P key): a vote as small multiples, one panel per
// profile on one scale (its first ideas, as many as fit); an evaluation idea by idea, each
// criterion's distribution per profile on one axis (the satisfaction barometer, 001:26), the
// ideas paged; and the consolidation table of role cards.
import { BallotKind } from "../gen/atelier/v1/workshop_pb";
import { b as bw, pr } from "../i18n/ballots";
import type { Mirror } from "../state/mirror";
import { h, replaceChildren } from "../ui/dom";
import { consolidationTable, profileCriteria, profileVotes } from "../ui/profile_charts";
import { consolidationTables, evaluationsByProfile, votesByProfile } from "../ui/profile_results";
import type { Paged } from "./stage";
import { currentVote } from "./votes";

/** The ideas of a vote each panel shows, the room's first (the rest are in the « Tous » view). */
const kBarsShown = 6;

export class ProfilesView implements Paged {
  readonly element: HTMLElement;
  private readonly title = h("h2", { id: "profiles-title" });
  private readonly body = h("div", { class: "profiles-body" });
  private pages = 1;

  constructor() {
    this.element = h("section", { class: "profiles-view", id: "profiles", "aria-labelledby": "profiles-title" },
      h("div", { class: "view-head" }, this.title), this.body);
  }

  update(m: Mirror, evaluation: boolean): void {
    const tables = consolidationTables(m, pr.noProfile).map((c) => consolidationTable(c, `consolidation-${c.stepId}`));
    if (evaluation) {
      this.title.textContent = pr.criteriaTitle;
      const ideas = evaluationsByProfile(m);
      this.pages = Math.max(1, ideas.length);
      replaceChildren(this.body, profileCriteria(ideas, "profile-criteria"), tables);
      return;
    }
    const vote = currentVote(m);
    const kind = vote?.kind ?? BallotKind.BUDGET;
    this.title.textContent = pr.votesTitle;
    this.pages = 1;
    const rows = (vote?.targets ?? m.results?.points ?? []).slice(0, kBarsShown);
    replaceChildren(this.body, vote ? profileVotes(votesByProfile(m, vote.stepId, rows), (n) => bw.amount(kind, n), "profile-votes") : null, tables);
  }

  steps(): number {
    return this.pages;
  }

  /** An evaluation's idea `index` on screen, the others off the page (screen readers still read them). */
  show(index: number): void {
    this.body.querySelectorAll<HTMLElement>(".profile-idea").forEach((el, i) => el.classList.toggle("off-page", i !== index));
  }
}
