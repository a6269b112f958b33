// Convergence: the points left out of the budget, always in view, and each idea or cluster with
// a 0-cap stepper; our own ideas (and clusters holding one) shown but not votable, with why.
import { t } from "../i18n/table";
import { budget, cap, myPoints, pointsLeft, selfVoteAllowed, targets, type Mirror, type Target } from "../state/mirror";
import { h } from "../ui/dom";

/** pending: points sent but not yet answered, by target id. */
export function budgetBanner(m: Mirror, pending: ReadonlyMap<number, number>): HTMLElement {
  const shown = new Map(myPoints(m));
  for (const [id, v] of pending) shown.set(id, v);
  let spent = 0;
  for (const v of shown.values()) spent += v;
  const left = Math.max(0, budget(m) - spent);
  return h("p", { class: "budget", "aria-live": "polite", id: "budget", "data-points-left": left },
    t.pointsLeft(left, budget(m)),
    h("span", { class: "hint-text" }, t.capNote(cap(m))),
  );
}

export function voteList(
  m: Mirror,
  shownPoints: (target: Target) => number,
  setPoints: (target: Target, value: number) => void,
): HTMLElement {
  return h("section", { "aria-labelledby": "vote-title" },
    h("h2", { id: "vote-title" }, t.voteTitle),
    h("ul", { class: "plain" }, targets(m).map((target) => {
      const value = shownPoints(target);
      const own = target.own && !selfVoteAllowed(m);
      const titleId = `target-${target.id}`;
      return h("li", { class: own ? "card own" : "card", "data-target-id": target.id },
        h("div", { class: "row" },
          h("div", { class: "grow", id: titleId },
            target.isCluster ? h("span", { class: "tag" }, t.cluster) : null,
            h("p", {}, target.isCluster ? h("strong", {}, target.text) : target.text),
            target.isCluster ? h("ul", { class: "members" }, target.ideas.map((i) => h("li", {}, i.text))) : null,
          ),
          own
            ? h("p", { class: "hint-text" }, target.isCluster ? t.ownCluster : t.ownIdea)
            : h("div", { class: "stepper", role: "group", "aria-labelledby": titleId },
                h("button", { type: "button", "data-key": `minus-${target.id}`, "aria-label": t.removePoint, disabled: value === 0,
                  onclick: () => setPoints(target, value - 1) }, "−"),
                h("output", { "aria-live": "polite", "aria-label": t.pointsGiven }, String(value)),
                h("button", { type: "button", "data-key": `plus-${target.id}`, "aria-label": t.addPoint,
                  onclick: () => setPoints(target, value + 1) }, "+"),
              ),
        ),
      );
    })),
    h("p", { class: "hint-text" }, t.moveNote(pointsLeft(m))),
  );
}
