// Results per profile drawn for the console and the big screen (ui/profile_results.ts gives the
// figures): a vote's small multiples (a panel per profile, bars on one scale), each criterion's
// distribution per profile side by side on one axis (a smiley scale drawn with its faces and
// their words, never a face alone), and the consolidation table (profiles x categories, totals).
// Every chart says its figures in text for screen readers.
import { pr } from "../i18n/ballots";
import { lang } from "../i18n/lang";
import "./profile_charts.css";
import { h } from "./dom";
import type { ConsolidationTable, IdeaByProfile, ProfileBars, ScaleView } from "./profile_results";

const numberFormat = new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 });

/** The word of value `v` on a smiley scale. */
export function smileyWord(v: number, scale: ScaleView): string {
  const n = Math.max(1, Math.min(5, scale.max - scale.min + 1));
  return pr.smileyWords[n][Math.max(0, Math.min(n - 1, v - scale.min))];
}

const kFaces = ["#f7b2b2", "#fbd3b0", "#fff0a8", "#cdeec4", "#a8e6b0"];

/** A face for value `v` (decorative: its word is always beside it). */
function face(v: number, scale: ScaleView): HTMLElement {
  const happy = scale.max > scale.min ? Math.max(0, Math.min(1, (v - scale.min) / (scale.max - scale.min))) : 0.5;
  const bend = Math.round((happy - 0.5) * 24);
  const span = h("span", { class: "smiley-face", "aria-hidden": "true" });
  span.innerHTML = `<svg viewBox="0 0 56 56" width="28" height="28" focusable="false">` +
    `<circle cx="28" cy="28" r="25" fill="${kFaces[Math.round(happy * 4)]}" stroke="#1b1f24" stroke-width="3"/>` +
    `<circle cx="20" cy="23" r="3.5" fill="#1b1f24"/><circle cx="36" cy="23" r="3.5" fill="#1b1f24"/>` +
    `<path d="M17 ${38 - bend / 3} Q28 ${38 + bend} 39 ${38 - bend / 3}" fill="none" stroke="#1b1f24" stroke-width="3.5" stroke-linecap="round"/></svg>`;
  return span;
}

/** A value as the axis says it: its number, or its face and word. */
export function valueLabel(v: number, scale: ScaleView): HTMLElement {
  if (!scale.smileys) return h("span", { class: "axis-value" }, String(v));
  return h("span", { class: "axis-value smiley-value" }, face(v, scale), h("span", { class: "smiley-word" }, smileyWord(v, scale)));
}

/** A vote per profile: one panel each, the same targets in the same order, bars on one scale. */
export function profileVotes(data: { max: number; profiles: ProfileBars[] }, amount: (n: number) => string, id: string): HTMLElement {
  return h("div", { class: "profile-multiples", id },
    data.profiles.map((p) => h("section", { class: "profile-panel", "data-profile-id": p.profileId, "aria-label": p.name },
      h("h4", {}, p.name, h("span", { class: "profile-voters" }, ` · ${pr.voters(p.voters)}`)),
      h("ol", { class: "plain pbars" }, p.bars.map((b) => h("li", { class: "pbar", "data-target-id": b.targetId },
        h("span", { class: "bar-text" }, b.text),
        h("span", { class: "fill", style: `width: ${(100 * b.value) / data.max}%`, "aria-hidden": "true" }),
        h("span", { class: "count" }, amount(b.value))))),
    )));
}

/**
 * Each idea's criteria per profile: for each criterion, a panel per profile side by side, each
 * value a column whose height is its count on one shared height.
 */
export function profileCriteria(ideas: IdeaByProfile[], id: string): HTMLElement {
  return h("div", { class: "profile-criteria", id }, ideas.map((idea) => h("section", { class: "profile-idea", "data-idea-id": idea.ideaId },
    h("h4", {}, idea.text),
    idea.criteria.map((c) => h("div", { class: "profile-criterion", "data-criterion-id": c.criterion.id },
      h("p", { class: "criterion-name" }, c.criterion.name),
      h("div", { class: "profile-dists" }, c.rows.map((row) => {
        const values = row.histogram.map((n, i) => ({ v: c.scale.min + i, n }));
        const said = (v: number) => (c.scale.smileys ? smileyWord(v, c.scale) : String(v));
        return h("div", { class: "profile-dist", "data-profile-id": row.profileId },
          h("p", { class: "dist-head" }, h("strong", {}, row.name), " ",
            h("span", { class: "hint-text" }, row.count > 0
              ? `${pr.scores(row.count)} · ${pr.mean(c.scale.smileys ? `${numberFormat.format(row.mean)} (${said(Math.round(row.mean))})` : numberFormat.format(row.mean))}`
              : pr.noScore)),
          h("p", { class: "sr-only" }, pr.valueSr(row.name, values.filter((x) => x.n > 0).map((x) => pr.valueCount(said(x.v), x.n)))),
          h("ol", { class: `plain dist-cols${c.scale.smileys ? " smileys" : ""}`, "aria-hidden": "true" }, values.map((x) => h("li", { class: "dist-col" },
            h("span", { class: "dist-count" }, x.n > 0 ? String(x.n) : ""),
            h("span", { class: "dist-bar-box" }, h("span", { class: "dist-bar", style: `height: ${(100 * x.n) / c.top}%` })),
            valueLabel(x.v, c.scale)))),
        );
      })),
    )),
  )));
}

/** The consolidation table: profiles in rows, categories (their colour and word) in columns. */
export function consolidationTable(table: ConsolidationTable, id: string): HTMLElement {
  // A region that may scroll sideways on a narrow screen: reachable with the keyboard.
  return h("div", { class: "table-scroll consolidation-box", tabindex: 0, role: "region", "aria-labelledby": `${id}-caption` },
    h("table", { class: "data consolidation", id, "data-step-id": table.stepId },
      h("caption", { id: `${id}-caption` }, pr.consolidationTitle(table.title)),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, pr.profile),
        table.categories.map((c) => h("th", { scope: "col", class: "num" },
          h("span", { class: "category-chip", style: `background:${c.colour};color:${c.ink}` }, c.name))),
        h("th", { scope: "col", class: "num" }, pr.total))),
      h("tbody", {}, table.rows.map((r) => h("tr", { "data-profile-id": r.profileId },
        h("th", { scope: "row" }, r.name),
        r.counts.map((n) => h("td", { class: "num" }, String(n))),
        h("td", { class: "num total" }, String(r.total))))),
      h("tfoot", {}, h("tr", {},
        h("th", { scope: "row" }, pr.total),
        table.totals.map((n) => h("td", { class: "num" }, String(n))),
        h("td", { class: "num total" }, String(table.total)))),
    ));
}
