// The observer big screen (/observer?code=OBSERVER_CODE): read-only. The question, phase and
// timer above; participation counts and the method below; and in between the stage, which shows
// what the room is doing: while tables join, the code and a QR code (from the console, #join=);
// during divergence and grouping, the idea wall and the clusters as they form; then the results
// as the workshop lets observers see them (live, or once revealed): the sorted points of an
// ideation, or the ranking of an evaluation with each idea's distributions per criterion.
// On a projector it fits one screen and pages by itself (stage.ts). It never sends commands; it
// reconnects and resumes by itself (e.g. across a server restart).
import "../ui/base.css";
import "./observer.css";
import { connectionLabels, explainHelloError } from "../i18n/common";
import { kindOf, stepLabel } from "../i18n/ballots";
import { renderInstruction, renderPaused } from "../ui/paused";
import { applyDocumentLang, languageSwitch } from "../i18n/lang";
import { o } from "../i18n/observer";
import { Connection, defaultWebSocketUrl } from "../net/connection";
import { formatJoinCode } from "../net/join_code";
import { MemoryStore, Outbox } from "../net/outbox";
import { applyBatch, applyWelcome, ballotOf, currentStep, emptyMirror, timerRemainingMs, type Mirror } from "../state/mirror";
import { byId, formatDuration, h, replaceChildren } from "../ui/dom";
import { fingerprintLine } from "../ui/fingerprint";
import { BallotKind, Phase } from "../gen/atelier/v1/workshop_pb";
import { EvaluationView } from "./evaluation_view";
import { JoinView } from "./join_view";
import {
  isEvaluation, joinCodeFromHash, methodLine, participationCounts, resultsVisible, stageKind, waitingForReveal,
} from "./participation";
import { PointsView } from "./points_view";
import { isStage, onStageChange, Pager } from "./stage";
import { WallView } from "./wall_view";
import { JourneyView, RingsView } from "./facet_views";
import { ProfilesView } from "./profiles_view";
import { pr } from "../i18n/ballots";
import { currentJourney, journeyRatings, rings } from "../ui/post_its";

let mirror: Mirror = emptyMirror();
const code = new URLSearchParams(window.location.search).get("code") ?? "";
let joinCode = joinCodeFromHash(window.location.hash);

const pager = new Pager();
const views = {
  join: new JoinView(), wall: new WallView(), points: new PointsView(), evaluation: new EvaluationView(),
  journey: new JourneyView(), rings: new RingsView(), profiles: new ProfilesView(),
};

/** « Tous / par profil »: the results per profile instead of the room's (where there are profiles). */
let byProfile = false;
const profileToggle = h("button", { type: "button", class: "pager-control", id: "profile-toggle", hidden: true, "aria-pressed": "false",
  onclick: () => toggleProfiles() }, pr.byProfile);

function toggleProfiles(): void {
  byProfile = !byProfile;
  profileToggle.setAttribute("aria-pressed", String(byProfile));
  render();
}
let shown: keyof typeof views | null = null;

/**
 * What the wall is drawn as while ideas come: a journey map's grid (and while its stages are
 * rated, with their smileys), a Spider Web's rings, or the post-its (grouping, and the other
 * agendas).
 */
function wallShape(m: Mirror): "wall" | "journey" | "rings" {
  if (m.phase === Phase.SCORING && ratedJourney(m)) return "journey"; // its stages being rated
  if (m.phase !== Phase.DIVERGENCE) return "wall";
  if (currentJourney(m)) return "journey";
  return rings(m).length > 0 ? "rings" : "wall";
}

/**
 * Whether the scores are a journey map's stages' (Parcours usager): the big screen then draws the
 * map with each stage's smileys above its column, rather than a ranking of « Étape » ideas.
 */
function ratedJourney(m: Mirror): boolean {
  const grid = currentJourney(m);
  return grid !== null && journeyRatings(m, grid).length > 0;
}

function render(): void {
  const m = mirror;
  document.documentElement.classList.toggle("stage", isStage());
  byId("question").textContent = m.config?.question || "Atelier";
  renderInstruction(m, byId("question"));
  renderPaused(m);
  byId("phase").textContent = stepLabel(currentStep(m));
  const kind = stageKind(m);
  document.body.dataset.stage = kind;
  const results = kind === "points" || kind === "evaluation";
  // Below the stage, one line: the method while the room works, whom the results speak for once
  // they are shown, where late tables join, and at the end the fingerprint.
  const method = results ? "" : methodLine(m, o.defaultMethod);
  byId("method").textContent = method;
  const late = [Phase.DIVERGENCE, Phase.GROUPING, Phase.SCORING].includes(m.phase);
  byId("join").textContent = joinCode && late ? o.joinLine(window.location.host, formatJoinCode(joinCode)) : "";
  byId("present-note").hidden = !results;
  renderTimer();
  replaceChildren(byId("participation"), participationCounts(m).map((c) =>
    h("li", { "data-count": c.key }, h("strong", {}, String(c.value)), " ", h("span", {}, o.counts[c.key](c.value)))));
  // Where the room can note it, with the final results (observers get it only with results).
  replaceChildren(byId("fingerprint-slot"), results && m.phase === Phase.CONCLUSION ? fingerprintLine(m.results) : null);

  // The stage last: it measures the room the bars above and below leave it.
  const stage = byId("stage");
  const profiled = (m.results?.profiles.length ?? 0) > 0 && results;
  profileToggle.hidden = !profiled;
  // A journey map rated with smileys ends on the map: its smileys, and its opportunities' votes.
  const onMap = (kind === "evaluation" || (kind === "points" && m.phase === Phase.CONCLUSION)) && ratedJourney(m);
  const drawn = kind === "wall" ? wallShape(m) : profiled && byProfile ? "profiles" : onMap ? "journey" : kind;
  if (drawn !== shown) {
    stage.replaceChildren(views[drawn].element);
    shown = drawn;
  }
  switch (drawn) {
    case "profiles":
      views.profiles.update(m, kind === "evaluation");
      pager.attach(views.profiles);
      pager.refresh();
      break;
    case "journey":
      views.journey.update(m, o.journeyTitle);
      pager.attach(null);
      break;
    case "rings":
      views.rings.update(m, o.ringsTitle);
      pager.attach(null);
      break;
    case "join":
      views.join.update(joinCode);
      pager.attach(null);
      break;
    case "wall":
      // While ideas come, the newest on screen; once they stop, pages of the whole wall.
      views.wall.update(m, wallTitle(m), wallNote(m), m.phase !== Phase.DIVERGENCE);
      pager.attach(views.wall);
      break;
    case "points":
      views.points.update(m);
      pager.attach(views.points);
      break;
    case "evaluation":
      views.evaluation.update(m);
      pager.attach(views.evaluation);
      break;
  }
}

function wallTitle(m: Mirror): string {
  if (m.phase === Phase.GROUPING) return o.groupingTitle;
  if (m.phase === Phase.SCORING) return o.toScoreTitle;
  return o.wallTitle;
}

/** Why the results are not on the stage in a phase that has them. */
function wallNote(m: Mirror): string {
  if (m.phase === Phase.DIVERGENCE || m.phase === Phase.GROUPING) return "";
  if (waitingForReveal(m)) return o.atReveal;
  if (!resultsVisible(m)) return o.waiting;
  if (isEvaluation(m)) return o.noScores;
  return kindOf(ballotOf(m)) === BallotKind.BUDGET ? o.noPoints : o.noVotes;
}

function renderTimer(): void {
  const left = timerRemainingMs(mirror, Date.now());
  const el = byId("timer");
  if (left === null) {
    el.textContent = "";
    return;
  }
  el.replaceChildren(formatDuration(left), mirror.timer.paused ? h("span", { class: "timer-paused" }, ` ${o.paused}`) : "");
}

applyDocumentLang();
document.title = o.pageTitle;
document.documentElement.classList.toggle("stage", isStage());
byId("timer").setAttribute("aria-label", o.timeLeft);
byId("participation-title").textContent = o.participation;
byId("present-note").textContent = o.presentNote;
byId("lang-slot").replaceChildren(languageSwitch());
byId("pager-slot").replaceChildren(pager.control, profileToggle);
document.addEventListener("keydown", (ev) => {
  if (ev.target instanceof HTMLElement && ev.target.closest("a, button, input")) return;
  if ((ev.key === "p" || ev.key === "P") && !profileToggle.hidden) toggleProfiles();
});
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
  window.addEventListener("hashchange", () => {
    joinCode = joinCodeFromHash(window.location.hash);
    render();
  });
  onStageChange(() => render());
  setInterval(renderTimer, 1000);
}
