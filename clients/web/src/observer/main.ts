// The observer big screen (/observer?code=OBSERVER_CODE): read-only, the question, phase and
// timer, and the live sorted histogram of points from Results, with participation beside it.
// It never sends commands; it reconnects and resumes by itself (e.g. across a server restart).
import "../ui/base.css";
import "./observer.css";
import { connectionLabels, explainHelloError, phaseNames, points } from "../i18n/common";
import { Connection, defaultWebSocketUrl } from "../net/connection";
import { MemoryStore, Outbox } from "../net/outbox";
import { applyBatch, applyWelcome, emptyMirror, timerRemainingMs, type Mirror } from "../state/mirror";
import { byId, formatDuration, h, replaceChildren } from "../ui/dom";

let mirror: Mirror = emptyMirror();
const code = new URLSearchParams(window.location.search).get("code") ?? "";

function render(): void {
  byId("question").textContent = mirror.config?.question ?? "Atelier";
  byId("phase").textContent = phaseNames[mirror.phase];
  byId("method").textContent = mirror.config?.methodNote ?? "";
  renderTimer();
  const r = mirror.results;
  const p = r?.participation;
  byId("participation").textContent = p
    ? `${p.tablesJoined} tables présentes · ${p.tablesVoted} ont voté · ${p.ideas} idées · ${points(p.pointsSpent)} donnés`
    : "Les résultats s'afficheront ici.";
  const rows = r?.points ?? [];
  const max = Math.max(1, ...rows.map((t) => t.points));
  replaceChildren(byId("histogram"), rows.map((t) => h("li", { class: "hbar" },
    h("span", {}, t.isCluster ? h("strong", {}, t.text) : t.text),
    h("span", { class: "fill", style: `width: ${(100 * t.points) / max}%`, "aria-hidden": "true" }),
    h("span", { class: "count" }, `${t.points}`, h("span", { class: "sr-only" }, " points")),
  )));
}

function renderTimer(): void {
  const left = timerRemainingMs(mirror, Date.now());
  byId("timer").textContent = left === null ? "" : `⏱ ${formatDuration(left)}`;
}

if (!code) {
  byId("notice").textContent = "Il manque le code observateur dans l'adresse (?code=…).";
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
  setInterval(renderTimer, 1000);
}
