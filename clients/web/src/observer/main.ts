// The observer big screen (/observer?code=OBSERVER_CODE): read-only. The question, phase and
// timer; participation counts; the method; and the results as the workshop lets observers see
// them (live, or once revealed): the sorted points of an ideation, or the ranking of an
// evaluation with each idea's 0-10 distribution per criterion. It never sends commands; it
// reconnects and resumes by itself (e.g. across a server restart).
import "../ui/base.css";
import "./observer.css";
import { connectionLabels, explainHelloError, phaseNames, timerText } from "../i18n/common";
import { applyDocumentLang, languageSwitch } from "../i18n/lang";
import { o } from "../i18n/observer";
import { Connection, defaultWebSocketUrl } from "../net/connection";
import { formatJoinCode } from "../net/join_code";
import { MemoryStore, Outbox } from "../net/outbox";
import { applyBatch, applyWelcome, criteria, emptyMirror, timerRemainingMs, type Mirror } from "../state/mirror";
import { byId, formatDuration, h, replaceChildren } from "../ui/dom";
import { fingerprintLine } from "../ui/fingerprint";
import { rankingTable } from "../ui/ranking";
import { distributionChart } from "./distribution";
import { isEvaluation, methodLine, participationCounts, resultsVisible, waitingForReveal } from "./participation";
import { Phase } from "../gen/atelier/v1/workshop_pb";

let mirror: Mirror = emptyMirror();
const code = new URLSearchParams(window.location.search).get("code") ?? "";

function render(): void {
  const m = mirror;
  byId("question").textContent = m.config?.question || "Atelier";
  byId("phase").textContent = phaseNames[m.phase];
  byId("method").textContent = methodLine(m, o.defaultMethod);
  const joining = m.joinCode && [Phase.SETUP, Phase.DIVERGENCE, Phase.SCORING].includes(m.phase);
  byId("join").textContent = joining ? o.joinLine(formatJoinCode(m.joinCode)) : "";
  renderTimer();
  replaceChildren(byId("participation"), participationCounts(m).map((c) =>
    h("li", { "data-count": c.key }, h("strong", {}, String(c.value)), " ", o.counts[c.key](c.value))));
  replaceChildren(byId("results"), isEvaluation(m) ? evaluationResults(m) : pointsResults(m));
  // Where the room can note it, once the results are shown (observers get it only then).
  replaceChildren(byId("fingerprint-slot"), unavailable(m) ? null : fingerprintLine(m.results));
}

function unavailable(m: Mirror): string | null {
  if (waitingForReveal(m)) return o.atReveal;
  if (!resultsVisible(m)) return o.waiting;
  return null;
}

function pointsResults(m: Mirror): Node[] {
  const title = h("h2", { id: "results-title" }, o.pointsTitle);
  const why = unavailable(m);
  if (why) return [title, h("p", { class: "waiting" }, why)];
  const rows = m.results?.points ?? [];
  if (rows.every((r) => r.points === 0)) return [title, h("p", { class: "waiting" }, o.noPoints)];
  const max = Math.max(1, ...rows.map((t) => t.points));
  return [title, h("ol", { id: "histogram", class: "plain" }, rows.map((t) => h("li", {
    class: "hbar", "data-target-id": t.targetId, "data-points": t.points, "data-tables": t.tables,
  },
    h("span", { class: "label" }, t.isCluster ? [h("span", { class: "tag" }, o.cluster), " ", h("strong", {}, t.text)] : t.text),
    h("span", { class: "fill", style: `width: ${(100 * t.points) / max}%`, "aria-hidden": "true" }),
    h("span", { class: "count" }, String(t.points), h("span", { class: "sr-only" }, o.pointsSr(t.points) + o.tablesSr(t.tables))),
  )))];
}

function evaluationResults(m: Mirror): Node[] {
  const title = h("h2", { id: "results-title" }, o.rankingTitle);
  const why = unavailable(m);
  if (why) return [title, h("p", { class: "waiting" }, why)];
  const r = m.results;
  if (!r || r.evaluations.length === 0) return [title, h("p", { class: "waiting" }, o.noScores)];
  const crits = criteria(m);
  return [
    title,
    rankingTable(r, crits, o.rankingCaption),
    h("p", { class: "note" }, o.overallNote),
    h("h2", { id: "distribution-title" }, o.distributionTitle),
    h("p", { class: "note" }, o.agreementNote),
    h("ol", { class: "plain ideas", id: "distributions" }, r.evaluations.map((e) => h("li", {},
      h("section", { class: "idea-dist", "aria-labelledby": `dist-${e.ideaId}`, "data-idea-id": e.ideaId },
        h("h3", { id: `dist-${e.ideaId}` }, h("span", { class: "rank" }, `${e.rank}.`), " ", e.text),
        h("div", { class: "charts" }, crits.map((c) => distributionChart(e.ideaId, c, e.criteria.find((x) => x.criterionId === c.id)))),
      ),
    ))),
  ];
}

function renderTimer(): void {
  const left = timerRemainingMs(mirror, Date.now());
  byId("timer").textContent = left === null ? "" : timerText(formatDuration(left), mirror.timer.paused);
}

applyDocumentLang();
document.title = o.pageTitle;
byId("timer").setAttribute("aria-label", o.timeLeft);
byId("participation-title").textContent = o.participation;
byId("present-note").textContent = o.presentNote;
byId("lang-slot").replaceChildren(languageSwitch());
byId("connection").textContent = connectionLabels.connecting;

if (!code) {
  // Nothing to connect to: say what is missing, and no "Connexion…" that would never end.
  byId("notice").textContent = o.missingCode;
  byId("connection").textContent = connectionLabels.stopped;
  byId("connection").className = "pill stopped";
} else {
  const conn = new Connection({
    url: defaultWebSocketUrl(),
    hello: () => ({ observerCode: code }),
    outbox: new Outbox(new MemoryStore(), "observer"),
    handlers: {
      welcome: (w) => {
        mirror = applyWelcome(mirror, w, Date.now());
        render();
      },
      events: (b) => {
        applyBatch(mirror, b);
        render();
      },
      results: (r) => {
        mirror.results = r;
        render();
      },
      state: (s) => {
        const el = byId("connection");
        el.textContent = connectionLabels[s];
        el.className = `pill ${s}`;
      },
      fatal: (e) => {
        byId("notice").textContent = explainHelloError(e.code);
      },
    },
  });
  conn.start();
  window.addEventListener("online", () => conn.retryNow());
  setInterval(renderTimer, 1000);
}
