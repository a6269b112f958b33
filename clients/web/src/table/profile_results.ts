// « Par profil » under the results on the tablet and the phone, for a workshop with profiles
// (Results.profiles): compact. A vote: each profile's first ideas in the vote the results show,
// with its voters. An evaluation: each criterion's mean per profile, side by side (usagers and
// agents, the satisfaction barometer of 001:26), with the word of a smiley scale.
import type { ProfileResults, Results } from "../gen/atelier/v1/state_pb";
import type { Criterion } from "../gen/atelier/v1/workshop_pb";
import { t } from "../i18n/table";
import { ballotOf, criteria, type Mirror } from "../state/mirror";
import { h } from "../ui/dom";
import { isSmileys, scaleRange, smileyWord } from "./smileys";
import { valueText } from "./vote_results";

/** One profile's first targets in vote step `stepId`, most first: [text, points]. */
export function profileTop(r: Results, p: ProfileResults, stepId: number, count = 3): { text: string; points: number }[] {
  const votes = p.votes.find((v) => v.stepId === stepId);
  if (!votes) return [];
  const texts = new Map<number, string>();
  for (const x of [...r.points, ...r.otherVotes.flatMap((o) => o.targets)]) if (x.text) texts.set(x.targetId, x.text);
  return [...votes.targets].filter((x) => x.points > 0).sort((a, b) => b.points - a.points || a.targetId - b.targetId)
    .slice(0, count).map((x) => ({ text: texts.get(x.targetId) ?? x.text ?? `n° ${x.targetId}`, points: x.points }));
}

/** The mean of criterion `c` over every score of the profile's seats; undefined: none. */
export function profileMean(p: ProfileResults, criterionId: number): number | undefined {
  let sum = 0;
  let count = 0;
  for (const e of p.evaluations) {
    for (const cr of e.criteria) {
      if (cr.criterionId !== criterionId || cr.count === 0) continue;
      sum += cr.mean * cr.count;
      count += cr.count;
    }
  }
  return count > 0 ? sum / count : undefined;
}

/** « 3,8 (Satisfait) » on a smiley scale, « 6,5 » otherwise; « — » without scores. */
export function meanText(c: Criterion, mean: number | undefined, locale: string): string {
  if (mean === undefined) return "—";
  const n = mean.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (!isSmileys(c)) return n;
  const { min, max } = scaleRange(c);
  return `${n} (${smileyWord(Math.round(mean), min, max)})`;
}

export function profileResultsView(m: Mirror, evaluation: boolean): HTMLElement | null {
  const r = m.results;
  if (!r || r.profiles.length === 0) return null;
  const locale = document.documentElement.lang || "fr";
  if (evaluation) {
    const crits = criteria(m);
    return h("section", { class: "card by-profile", "aria-labelledby": "by-profile-title" },
      h("h2", { id: "by-profile-title" }, t.byProfile),
      h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-labelledby": "by-profile-title" },
        h("table", { class: "ranking by-profile-table" },
          h("thead", {}, h("tr", {}, h("td", {}), r.profiles.map((p) => h("th", { scope: "col" }, p.name)))),
          h("tbody", {}, crits.map((c) => h("tr", {},
            h("th", { scope: "row" }, c.name),
            r.profiles.map((p) => h("td", {}, meanText(c, profileMean(p, c.id), locale))),
          ))),
        ),
      ),
      // On a phone: each criterion, then each profile's mean (the table would scroll sideways).
      h("div", { class: "by-profile-list" }, crits.map((c) => h("section", { "aria-label": c.name },
        h("h3", {}, c.name),
        h("ul", { class: "plain" }, r.profiles.map((p) => h("li", {}, t.profileMean(p.name, meanText(c, profileMean(p, c.id), locale))))),
      ))),
    );
  }
  const kind = ballotOf(m, r.voteStepId).kind;
  return h("section", { class: "card by-profile", "aria-labelledby": "by-profile-title" },
    h("h2", { id: "by-profile-title" }, t.byProfile),
    h("div", { class: "by-profile-grid" }, r.profiles.map((p) => {
      const top = profileTop(r, p, r.voteStepId);
      const voters = p.votes.find((v) => v.stepId === r.voteStepId)?.voters ?? 0;
      return h("section", { class: "by-profile-one", "aria-label": p.name },
        h("h3", {}, p.name),
        top.length === 0 ? h("p", { class: "hint-text" }, t.profileNoVotes)
          : h("ol", {}, top.map((x) => h("li", {}, x.text, h("span", { class: "hint-text" }, ` — ${valueText(kind, x.points)}`)))),
        voters > 0 ? h("p", { class: "hint-text" }, t.profileVoters(voters)) : null,
      );
    })),
  );
}
