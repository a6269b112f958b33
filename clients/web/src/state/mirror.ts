// The client's view of a workshop: folded from the Welcome snapshot (already redacted by the
// server for this role) and then from each event the server sends this role, the same way the
// server's Apply folds its log (server/workshop/apply.cc), restricted to what the role sees.
//
// Pure: no I/O, no clock (callers pass "now"), no DOM, so it is unit-tested with plain events.
// A Mirror is mutated in place by applyEvent / applyBatch; the derived views below read it.
import type { Event } from "../gen/atelier/v1/events_pb";
import type { Results, WorkshopState } from "../gen/atelier/v1/state_pb";
import type { EventBatch, Welcome } from "../gen/atelier/v1/wire_pb";
import {
  ActorKind,
  BallotKind,
  Bucket,
  Phase,
  Template,
  Voter,
  type Ballot,
  type Criterion,
  type Profile,
  type Step,
  type WorkshopConfig,
} from "../gen/atelier/v1/workshop_pb";

export interface IdeaView {
  id: number;
  text: string;
  /** Author table; 0 when hidden (another table's idea in a table's view) or the animateur's. */
  tableId: number;
  own: boolean;
  clusterId: number;
  /** The agenda step it was posted in (a ring); 0: given at creation, or before agendas. */
  stepId: number;
  /** Its facets in that step (Step.categories, stages, lanes); 0 or absent: none. */
  categoryId?: number;
  stageId?: number;
  laneId?: number;
  /**
   * An idea the workshop was created with that stands for a journey map's stage (« Étape 1 … »,
   * rated with a smiley): the map shows its scores in that column. Absent: none.
   */
  standsFor?: { stepId: number; stageId: number };
}

/** One voter's ballot in one vote step (a table's, or a seat's when seatId is not 0). */
export interface BallotView {
  stepId: number;
  tableId: number;
  seatId: number;
  /** BUDGET, DOTS: non-zero points by target. */
  points: Map<number, number>;
  /** PICK: the chosen targets; RANKING: most prioritary first. */
  choice: number[];
  /** BUCKETS: each sorted target's bucket. */
  buckets: Map<number, Bucket>;
}

export interface ClusterView {
  id: number;
  title: string;
  ideaIds: number[];
}

export interface TimerView {
  running: boolean;
  paused: boolean;
  durationMs: number;
  deadlineMs: number; // server time, when running
  remainingMs: number; // when paused
  autoClose: boolean;
}

export interface SeatView {
  id: number;
  tableId: number;
  seatNumber: number;
  /**
   * Who created the seat, when this client saw the SeatJoined event with its actor: TABLE (the
   * table's tablet, "qui note ?") or SEAT (a personal phone). UNSPECIFIED when it came from a
   * snapshot, which does not say.
   */
  joinedBy: ActorKind;
  /** The profile it joined as (Profile.id); 0 or absent: none (its table's counts for it). */
  profileId?: number;
}

export interface Mirror {
  workshopId: string;
  seq: bigint;
  role: ActorKind;
  /** The table this client acts for (a table, or a seat's table); 0 otherwise. */
  tableId: number;
  /** For a seat (a personal phone): its seat id; 0 otherwise. */
  seatId: number;
  /** The code tables type to join, when this role may see it (observers, the animateur). */
  joinCode: string;
  config: WorkshopConfig | undefined;
  /** The kind of the current agenda step. */
  phase: Phase;
  /** The agenda step the workshop is in (Step.id); 0 before the first snapshot. */
  stepId: number;
  /** Server time the current step began. */
  stepStartedMs: number;
  /** Time spent in steps already left, by step id (a step visited twice sums both). */
  stepSpentMs: Map<number, number>;
  /**
   * What each step with a source (Step.source) took when first entered, by step id: the ideas
   * its ballots or scores may name (and the clusters holding one). A step without one: absent.
   */
  selections: Map<number, Set<number>>;
  /** "Temps mort": the animateur paused the whole workshop. */
  paused: boolean;
  timer: TimerView;
  resultsRevealed: boolean;
  ideas: Map<number, IdeaView>;
  clusters: Map<number, ClusterView>;
  /** profileId: the profile the table joined as (Profile.id); 0 or absent: none. */
  tables: Map<number, { id: number; name: string; profileId?: number }>;
  /** The ballots this client may see (its table's and its own), by ballotKey(). */
  ballots: Map<string, BallotView>;
  seats: Map<number, SeatView>;
  /** Scores this client may see (its own seats'), keyed "seat/idea/criterion". */
  scores: Map<string, number>;
  results: Results | undefined;
  /** serverTime - clientTime, measured at the Welcome: timers are shown in server time. */
  clockOffsetMs: number;
}

export function emptyMirror(): Mirror {
  return {
    workshopId: "",
    seq: 0n,
    role: ActorKind.UNSPECIFIED,
    tableId: 0,
    seatId: 0,
    joinCode: "",
    config: undefined,
    phase: Phase.UNSPECIFIED,
    stepId: 0,
    stepStartedMs: 0,
    stepSpentMs: new Map(),
    selections: new Map(),
    paused: false,
    timer: stoppedTimer(),
    resultsRevealed: false,
    ideas: new Map(),
    clusters: new Map(),
    tables: new Map(),
    ballots: new Map(),
    seats: new Map(),
    scores: new Map(),
    results: undefined,
    clockOffsetMs: 0,
  };
}

function stoppedTimer(): TimerView {
  return {
    running: false,
    paused: false,
    durationMs: 0,
    deadlineMs: 0,
    remainingMs: 0,
    autoClose: false,
  };
}

/**
 * Folds a Welcome into the mirror. With a snapshot, the mirror is rebuilt from it (a first
 * connection, or a resume too far behind); without one (a resume), the mirror is kept and the
 * EventBatch that follows brings what was missed. nowMs: the client's clock at reception.
 */
export function applyWelcome(m: Mirror, w: Welcome, nowMs: number): Mirror {
  const role = w.role?.kind ?? ActorKind.UNSPECIFIED;
  const tableId = w.role?.tableId ?? 0;
  const next = w.snapshot ? fromSnapshot(w.snapshot, role, tableId) : m;
  next.role = role;
  next.tableId = tableId;
  next.seatId = role === ActorKind.SEAT ? w.role?.seatId ?? 0 : 0;
  next.workshopId = w.workshopId || next.workshopId;
  next.clockOffsetMs = Number(w.serverTimeMs) - nowMs;
  if (w.results) next.results = w.results;
  return next;
}

function fromSnapshot(s: WorkshopState, role: ActorKind, tableId: number): Mirror {
  const m = emptyMirror();
  m.workshopId = s.workshopId;
  m.seq = s.seq;
  setConfig(m, s.config);
  m.joinCode = s.access?.joinCode ?? "";
  m.phase = s.phase;
  m.stepId = s.stepId || stepOfKind(m.config, s.phase);
  m.stepStartedMs = Number(s.stepStartedMs);
  m.stepSpentMs = new Map(s.stepTimes.map((st) => [st.stepId, Number(st.spentMs)]));
  m.selections = new Map(s.selections.map((sel) => [sel.stepId, new Set(sel.ideaIds)]));
  m.paused = s.paused;
  m.resultsRevealed = s.resultsRevealed;
  if (s.timer) {
    m.timer = {
      running: s.timer.running,
      paused: s.timer.paused,
      durationMs: Number(s.timer.durationMs),
      deadlineMs: Number(s.timer.deadlineMs),
      remainingMs: Number(s.timer.remainingMs),
      autoClose: s.timer.autoClose,
    };
  }
  for (const i of s.ideas) {
    m.ideas.set(i.id, {
      id: i.id,
      text: i.text,
      tableId: i.tableId,
      own: role === ActorKind.TABLE ? i.own : false,
      clusterId: i.clusterId,
      stepId: i.stepId,
      categoryId: i.categoryId,
      stageId: i.stageId,
      laneId: i.laneId,
      standsFor: i.standsFor ? { stepId: i.standsFor.stepId, stageId: i.standsFor.stageId } : undefined,
    });
  }
  for (const c of s.clusters) m.clusters.set(c.id, { id: c.id, title: c.title, ideaIds: [...c.ideaIds] });
  for (const t of s.tables) {
    m.tables.set(t.id, { id: t.id, name: t.name, profileId: t.profileId });
    // A snapshot written before ballots: the table's points in the only vote step.
    if (t.points.length > 0) {
      const legacy = ensureBallot(m, legacyVoteStep(m), t.id, 0);
      for (const p of t.points) legacy.points.set(p.targetId, p.points);
    }
  }
  for (const b of s.ballots) {
    const view = ensureBallot(m, b.stepId, b.tableId, b.seatId);
    for (const p of b.points) view.points.set(p.targetId, p.points);
    view.choice = [...b.choice];
    for (const item of b.buckets) view.buckets.set(item.targetId, item.bucket);
  }
  for (const seat of s.seats) {
    m.seats.set(seat.id, {
      id: seat.id,
      tableId: seat.tableId,
      seatNumber: seat.seatNumber,
      joinedBy: ActorKind.UNSPECIFIED,
      profileId: seat.profileId,
    });
  }
  for (const sc of s.scores) m.scores.set(scoreKey(sc.seatId, sc.ideaId, sc.criterionId), sc.value);
  // A table's view marks its own ideas; keep tableId meaningful for it too.
  if (role === ActorKind.TABLE && tableId !== 0) {
    for (const idea of m.ideas.values()) if (idea.own) idea.tableId = tableId;
  }
  return m;
}

export function applyBatch(m: Mirror, batch: EventBatch): void {
  for (const e of batch.events) applyEvent(m, e);
  if (batch.throughSeq > m.seq) m.seq = batch.throughSeq;
}

/** Folds one event; an event at or before the mirror's seq was already folded and is skipped. */
export function applyEvent(m: Mirror, e: Event): void {
  if (e.seq <= m.seq) return;
  m.seq = e.seq;
  const p = e.payload;
  switch (p.case) {
    case "workshopCreated":
      m.workshopId = e.workshopId;
      m.joinCode = p.value.access?.joinCode ?? m.joinCode;
      setConfig(m, p.value.config);
      m.stepStartedMs = Number(e.serverTimeMs);
      for (const idea of p.value.ideas) {
        addIdea(m, idea.ideaId, idea.tableId, idea.text, idea.stepId);
        const seeded = m.ideas.get(idea.ideaId);
        if (seeded && idea.standsFor) seeded.standsFor = { stepId: idea.standsFor.stepId, stageId: idea.standsFor.stageId };
      }
      break;
    case "workshopConfigured":
      setConfig(m, p.value.config);
      break;
    case "tableJoined":
      m.tables.set(p.value.tableId, { id: p.value.tableId, name: p.value.name, profileId: p.value.profileId });
      break;
    case "seatJoined":
      m.seats.set(p.value.seatId, {
        id: p.value.seatId,
        tableId: p.value.tableId,
        seatNumber: p.value.seatNumber,
        joinedBy: e.actor?.kind ?? ActorKind.UNSPECIFIED,
        profileId: p.value.profileId,
      });
      break;
    case "phaseChanged": {
      const now = Number(e.serverTimeMs);
      if (m.stepId !== 0) {
        m.stepSpentMs.set(m.stepId, (m.stepSpentMs.get(m.stepId) ?? 0) + Math.max(0, now - m.stepStartedMs));
      }
      // Events logged before agendas name only the phase: its step is the agenda's one of that kind.
      m.stepId = p.value.toStep || stepOfKind(m.config, p.value.to);
      if (p.value.selects) m.selections.set(m.stepId, new Set(p.value.ideaIds));
      m.stepStartedMs = now;
      m.phase = p.value.to;
      m.timer = stoppedTimer();
      break;
    }
    case "workshopPaused":
      // As the server's ApplyPaused: a running timer stops with the room and starts again with it.
      m.paused = p.value.paused;
      if (p.value.paused && m.timer.running) {
        m.timer.running = false;
        m.timer.paused = true;
        m.timer.remainingMs = Number(p.value.timerRemainingMs);
      } else if (!p.value.paused && p.value.timerDeadlineMs > 0n) {
        m.timer.running = true;
        m.timer.paused = false;
        m.timer.deadlineMs = Number(p.value.timerDeadlineMs);
      }
      break;
    case "timerStarted":
      m.timer = {
        ...stoppedTimer(),
        running: true,
        durationMs: Number(p.value.durationMs),
        deadlineMs: Number(p.value.deadlineMs),
        autoClose: p.value.autoClose,
      };
      break;
    case "timerPaused":
      m.timer.running = false;
      m.timer.paused = true;
      m.timer.remainingMs = Number(p.value.remainingMs);
      break;
    case "timerResumed":
      m.timer.running = true;
      m.timer.paused = false;
      m.timer.deadlineMs = Number(p.value.deadlineMs);
      break;
    case "timerExtended":
      m.timer.durationMs += Number(p.value.byMs);
      if (m.timer.running) m.timer.deadlineMs = Number(p.value.deadlineMs);
      if (m.timer.paused) m.timer.remainingMs = Number(p.value.remainingMs);
      break;
    case "ideaPosted":
      if (p.value.idea) {
        addIdea(m, p.value.idea.ideaId, p.value.idea.tableId, p.value.idea.text, p.value.idea.stepId);
        setFacets(m, p.value.idea.ideaId, p.value.idea);
      }
      break;
    case "ideaEdited": {
      const idea = m.ideas.get(p.value.ideaId);
      if (idea) idea.text = p.value.text;
      break;
    }
    case "ideaDeleted": {
      release(m, p.value.released);
      if (p.value.dissolvedClusterId !== 0) dissolve(m, p.value.dissolvedClusterId);
      const idea = m.ideas.get(p.value.ideaId);
      if (!idea) break;
      const cluster = m.clusters.get(idea.clusterId);
      if (cluster) cluster.ideaIds = cluster.ideaIds.filter((id) => id !== idea.id);
      m.ideas.delete(idea.id);
      break;
    }
    case "ideasMerged": {
      const merged = p.value;
      const releasedByBallot = new Map<string, number>();
      for (const r of merged.released) {
        const key = ballotKey(r.stepId || legacyVoteStep(m), r.tableId, r.seatId);
        releasedByBallot.set(key, (releasedByBallot.get(key) ?? 0) + r.points);
      }
      // Every former target's points move onto the cluster, minus what was released.
      const former = [...merged.absorbedClusterIds];
      for (const id of merged.ideaIds) {
        const idea = m.ideas.get(id);
        if (idea && idea.clusterId === 0) former.push(id);
      }
      for (const [key, ballot] of m.ballots) {
        if (ballot.points.size === 0) continue;
        let sum = ballot.points.get(merged.clusterId) ?? 0;
        for (const t of former) {
          sum += ballot.points.get(t) ?? 0;
          ballot.points.delete(t);
        }
        const off = releasedByBallot.get(key) ?? 0;
        setPoints(ballot.points, merged.clusterId, sum - Math.min(sum, off));
        dropIfEmpty(m, key);
      }
      for (const absorbed of merged.absorbedClusterIds) m.clusters.delete(absorbed);
      const ideaIds = merged.ideaIds.filter((id) => m.ideas.has(id)).sort((a, b) => a - b);
      for (const id of ideaIds) (m.ideas.get(id) as IdeaView).clusterId = merged.clusterId;
      m.clusters.set(merged.clusterId, { id: merged.clusterId, title: merged.title, ideaIds });
      break;
    }
    case "clusterRenamed": {
      const c = m.clusters.get(p.value.clusterId);
      if (c) c.title = p.value.title;
      break;
    }
    case "clusterSplit": {
      release(m, p.value.released);
      if (p.value.dissolved) {
        dissolve(m, p.value.clusterId);
        break;
      }
      const c = m.clusters.get(p.value.clusterId);
      if (!c) break;
      for (const id of p.value.ideaIds) {
        c.ideaIds = c.ideaIds.filter((x) => x !== id);
        const idea = m.ideas.get(id);
        if (idea) idea.clusterId = 0;
      }
      break;
    }
    case "pointsSet": {
      // Before ballots a PointsSet named no step: the vote step the workshop was in.
      const step = p.value.stepId || (m.phase === Phase.CONVERGENCE ? m.stepId : legacyVoteStep(m));
      const ballot = ensureBallot(m, step, p.value.tableId, p.value.seatId);
      for (const tp of p.value.points) setPoints(ballot.points, tp.targetId, tp.points);
      dropIfEmpty(m, ballotKey(ballot.stepId, ballot.tableId, ballot.seatId));
      break;
    }
    case "choiceSet": {
      const ballot = ensureBallot(m, p.value.stepId, p.value.tableId, p.value.seatId);
      ballot.choice = [...p.value.targetIds];
      dropIfEmpty(m, ballotKey(ballot.stepId, ballot.tableId, ballot.seatId));
      break;
    }
    case "bucketsSet": {
      const ballot = ensureBallot(m, p.value.stepId, p.value.tableId, p.value.seatId);
      for (const item of p.value.items) {
        if (item.bucket === Bucket.UNSPECIFIED) ballot.buckets.delete(item.targetId);
        else ballot.buckets.set(item.targetId, item.bucket);
      }
      dropIfEmpty(m, ballotKey(ballot.stepId, ballot.tableId, ballot.seatId));
      break;
    }
    case "scoreSet":
      m.scores.set(scoreKey(p.value.seatId, p.value.ideaId, p.value.criterionId), p.value.value);
      break;
    case "resultsRevealed":
      m.resultsRevealed = p.value.revealed;
      break;
    default:
      break;
  }
}

function setConfig(m: Mirror, config: WorkshopConfig | undefined): void {
  if (config) upgradeAgenda(config);
  m.config = config;
  const first = config?.agenda[0];
  if (first && (m.stepId === 0 || !config.agenda.some((st) => st.id === m.stepId))) {
    m.stepId = first.id;
    m.phase = first.kind;
  }
}

/** The phases of a template before agendas (server/workshop/config.cc DefaultPhases). */
function defaultPhases(t: Template): Phase[] {
  return t === Template.EVALUATION
    ? [Phase.SETUP, Phase.SCORING, Phase.CONCLUSION]
    : [Phase.SETUP, Phase.DIVERGENCE, Phase.GROUPING, Phase.CONVERGENCE, Phase.CONCLUSION];
}

/**
 * A configuration logged before agendas carries phases only: gives it the agenda it stood for,
 * one step per phase (as the server's UpgradeConfig). The server sends configurations already
 * upgraded; this covers a WorkshopCreated event of such a log folded here.
 */
export function upgradeAgenda(config: WorkshopConfig): void {
  if (config.agenda.length > 0) return;
  const phases = config.phases.length > 0 ? config.phases : defaultPhases(config.template);
  config.agenda = phases.map((kind, i) => ({ id: i + 1, kind, title: "", plannedMs: 0n, instruction: "" }) as Step);
  config.phases = [];
}

/** The id of the first step of this kind in the agenda; 0 when there is none. */
export function stepOfKind(config: WorkshopConfig | undefined, kind: Phase): number {
  return config?.agenda.find((st) => st.kind === kind)?.id ?? 0;
}

/** The agenda's steps, in order. */
export function agenda(m: Mirror): Step[] {
  return m.config?.agenda ?? [];
}

/** The step the workshop is in. */
export function currentStep(m: Mirror): Step | undefined {
  return agenda(m).find((st) => st.id === m.stepId);
}

/** The step after the current one; undefined at the end. */
export function nextStep(m: Mirror): Step | undefined {
  const steps = agenda(m);
  const i = steps.findIndex((st) => st.id === m.stepId);
  return i >= 0 ? steps[i + 1] : undefined;
}

/** Time spent in a step so far, the current one counted up to nowMs (client clock). */
export function stepSpentMs(m: Mirror, stepId: number, nowMs: number): number {
  const before = m.stepSpentMs.get(stepId) ?? 0;
  if (stepId !== m.stepId || m.stepStartedMs === 0) return before;
  return before + Math.max(0, nowMs + m.clockOffsetMs - m.stepStartedMs);
}

function addIdea(m: Mirror, id: number, tableId: number, text: string, stepId: number): void {
  const own = m.role === ActorKind.TABLE && m.tableId !== 0 && tableId === m.tableId;
  m.ideas.set(id, { id, text, tableId, own, clusterId: 0, stepId });
}

function dissolve(m: Mirror, clusterId: number): void {
  const c = m.clusters.get(clusterId);
  if (!c) return;
  for (const id of c.ideaIds) {
    const idea = m.ideas.get(id);
    if (idea) idea.clusterId = 0;
  }
  m.clusters.delete(clusterId);
}

function release(
  m: Mirror,
  released: { tableId: number; targetId: number; points: number; stepId: number; seatId: number }[],
): void {
  for (const r of released) {
    const key = ballotKey(r.stepId || legacyVoteStep(m), r.tableId, r.seatId);
    const ballot = m.ballots.get(key);
    if (!ballot) continue;
    const have = ballot.points.get(r.targetId) ?? 0;
    setPoints(ballot.points, r.targetId, have - Math.min(have, r.points));
    dropIfEmpty(m, key);
  }
}

/** The key of a ballot in Mirror.ballots. */
export function ballotKey(stepId: number, tableId: number, seatId: number): string {
  return `${stepId}:${tableId}:${seatId}`;
}

function ensureBallot(m: Mirror, stepId: number, tableId: number, seatId: number): BallotView {
  const key = ballotKey(stepId, tableId, seatId);
  let b = m.ballots.get(key);
  if (!b) {
    b = { stepId, tableId, seatId, points: new Map(), choice: [], buckets: new Map() };
    m.ballots.set(key, b);
  }
  return b;
}

function dropIfEmpty(m: Mirror, key: string): void {
  const b = m.ballots.get(key);
  if (b && b.points.size === 0 && b.choice.length === 0 && b.buckets.size === 0) m.ballots.delete(key);
}

/** The vote step PointsSet and PointsReleased of logs written before ballots are about. */
function legacyVoteStep(m: Mirror): number {
  return stepOfKind(m.config, Phase.CONVERGENCE);
}

function setPoints(points: Map<number, number>, target: number, value: number): void {
  if (value === 0) points.delete(target);
  else points.set(target, value);
}

export function scoreKey(seatId: number, ideaId: number, criterionId: number): string {
  return `${seatId}/${ideaId}/${criterionId}`;
}

// ---- Derived views -------------------------------------------------------------------------

/** An idea or cluster that can receive points: a top-level idea, or a cluster. */
export interface Target {
  id: number;
  isCluster: boolean;
  text: string; // the idea's text or the cluster's title
  ideas: IdeaView[]; // the cluster's ideas; [the idea] for an idea
  /** This table's own idea, or a cluster holding one: not votable (unless self-votes allowed). */
  own: boolean;
  /** For a cluster that is ours: the own idea that makes it so. */
  ownIdeaId: number;
}

/** Top-level ideas and clusters, in id order (the order they appeared). */
export function targets(m: Mirror): Target[] {
  const out: Target[] = [];
  for (const idea of m.ideas.values()) {
    if (idea.clusterId !== 0 && m.clusters.has(idea.clusterId)) continue;
    out.push(ideaTarget(idea));
  }
  for (const c of m.clusters.values()) out.push(clusterTarget(m, c));
  return out.sort((a, b) => a.id - b.id);
}

/**
 * Whether vote step `stepId` takes the target, as the server decides (sources.h): an idea posted
 * before the step (not in a later step the animateur came back from; one posted during it is a
 * new subject, which postedDuring() tells), and when the step has a source, one of the ideas it
 * selected on entry (a cluster: one of its ideas). stepId 0: every target. Returns the test,
 * built once for the step (the agenda read once), to filter every target with.
 */
export function stepTakes(m: Mirror, stepId: number): (target: Pick<Target, "ideas">) => boolean {
  if (stepId === 0) return () => true;
  const steps = agenda(m);
  const at = steps.findIndex((s) => s.id === stepId);
  const later = new Set(at < 0 ? [] : steps.slice(at + 1).map((s) => s.id));
  const source = at < 0 ? undefined : steps[at].source;
  const selected = m.selections.get(stepId);
  return (target) => target.ideas.some((i) => !later.has(i.stepId) && (!source || (selected?.has(i.id) ?? false)));
}

/**
 * The target with this id, as targets() makes it, or undefined when targets() has none: no such
 * idea or cluster, or an idea inside a cluster. For a screen that knows which ids an event
 * touched and updates only those (500 ideas on an old tablet).
 */
export function targetOf(m: Mirror, id: number): Target | undefined {
  const c = m.clusters.get(id);
  if (c) return clusterTarget(m, c);
  const idea = m.ideas.get(id);
  if (!idea || (idea.clusterId !== 0 && m.clusters.has(idea.clusterId))) return undefined;
  return ideaTarget(idea);
}

function ideaTarget(idea: IdeaView): Target {
  return { id: idea.id, isCluster: false, text: idea.text, ideas: [idea], own: idea.own, ownIdeaId: idea.own ? idea.id : 0 };
}

function clusterTarget(m: Mirror, c: ClusterView): Target {
  const ideas = c.ideaIds.map((id) => m.ideas.get(id)).filter((i): i is IdeaView => !!i);
  const mine = ideas.find((i) => i.own);
  return { id: c.id, isCluster: true, text: c.title, ideas, own: !!mine, ownIdeaId: mine?.id ?? 0 };
}

/**
 * The vote step the screens show (as the server's Results.vote_step_id): the one the workshop
 * is in, else the last one before it, else the agenda's first; 0 when the agenda has none.
 */
export function voteStepId(m: Mirror): number {
  let last = 0;
  for (const st of agenda(m)) {
    if (st.kind === Phase.CONVERGENCE) last = st.id;
    if (st.id === m.stepId) break;
  }
  return last || stepOfKind(m.config, Phase.CONVERGENCE);
}

/**
 * A vote step's ballot with its defaults (as the server's BallotOf): its own, or for a step
 * configured before ballots a budget by table with the workshop's budget, cap and self-vote.
 */
export function ballotOf(m: Mirror, stepId: number = voteStepId(m)): Ballot {
  const own = agenda(m).find((st) => st.id === stepId)?.ballot;
  if (own && own.kind !== BallotKind.UNSPECIFIED) return own;
  return {
    kind: BallotKind.BUDGET,
    voter: Voter.TABLE,
    budget: m.config?.budgetPerTable || 30,
    cap: m.config?.capPerTarget || 3,
    count: 0,
    allowSelfVote: m.config?.allowSelfVote ?? false,
  } as Ballot;
}

/** A table's own ballot (not its seats') in a vote step, if it has cast one. */
export function tableBallot(m: Mirror, tableId: number, stepId: number = voteStepId(m)): BallotView | undefined {
  return m.ballots.get(ballotKey(stepId, tableId, 0));
}

/** This client's table's points on each target in the vote step shown (empty for roles without a table). */
export function myPoints(m: Mirror): Map<number, number> {
  return tableBallot(m, m.tableId)?.points ?? new Map();
}

export function budget(m: Mirror): number {
  return ballotOf(m).budget || m.config?.budgetPerTable || 30;
}

export function cap(m: Mirror): number {
  return ballotOf(m).cap || m.config?.capPerTarget || 3;
}

export function pointsSpent(m: Mirror): number {
  let sum = 0;
  for (const p of myPoints(m).values()) sum += p;
  return sum;
}

export function pointsLeft(m: Mirror): number {
  return Math.max(0, budget(m) - pointsSpent(m));
}

export function selfVoteAllowed(m: Mirror): boolean {
  return ballotOf(m).allowSelfVote;
}

/** Milliseconds left on the phase timer at client time nowMs; null when no timer is set. */
export function timerRemainingMs(m: Mirror, nowMs: number): number | null {
  if (m.timer.paused) return Math.max(0, m.timer.remainingMs);
  if (!m.timer.running) return null;
  return Math.max(0, m.timer.deadlineMs - (nowMs + m.clockOffsetMs));
}

export function criteria(m: Mirror): Criterion[] {
  return m.config?.criteria ?? [];
}

/** The seats of this client's table, by seat number. */
export function mySeats(m: Mirror): SeatView[] {
  return [...m.seats.values()].filter((s) => s.tableId === m.tableId).sort((a, b) => a.seatNumber - b.seatNumber);
}

/** This client's table's seat with that number, if it has joined. */
export function seatByNumber(m: Mirror, seatNumber: number): SeatView | undefined {
  return mySeats(m).find((s) => s.seatNumber === seatNumber);
}

export function seatsPerTable(m: Mirror): number {
  return m.config?.seatsPerTable || 3;
}

/** The ideas to score, in the order they were posted (ids). */
export function scorableIdeas(m: Mirror): IdeaView[] {
  const ideas = [...m.ideas.values()].sort((a, b) => a.id - b.id);
  const scoring = agenda(m).find((s) => s.kind === Phase.SCORING);
  if (!scoring?.source) return ideas;
  // A scoring step with a source scores only what it took (nothing before it is entered).
  const selected = m.selections.get(scoring.id);
  return selected ? ideas.filter((i) => selected.has(i.id)) : [];
}

/** A seat's score on one idea and criterion, or undefined when it has not scored it. */
export function scoreOf(m: Mirror, seatId: number, ideaId: number, criterionId: number): number | undefined {
  return m.scores.get(scoreKey(seatId, ideaId, criterionId));
}

export interface SeatProgress {
  scored: number; // (idea, criterion) pairs this seat has scored, among the present ones
  total: number; // ideas x criteria
}

/** How far a seat is: scores on ideas still present and criteria still configured. */
export function seatProgress(m: Mirror, seatId: number): SeatProgress {
  const ideas = scorableIdeas(m);
  const crits = criteria(m);
  let scored = 0;
  for (const idea of ideas) {
    for (const c of crits) if (m.scores.has(scoreKey(seatId, idea.id, c.id))) scored++;
  }
  return { scored, total: ideas.length * crits.length };
}

/** An idea's facets in its step (PostedIdea.category_id, stage_id, lane_id). */
function setFacets(m: Mirror, ideaId: number, f: { categoryId: number; stageId: number; laneId: number }): void {
  const idea = m.ideas.get(ideaId);
  if (!idea) return;
  idea.categoryId = f.categoryId;
  idea.stageId = f.stageId;
  idea.laneId = f.laneId;
}

/** The workshop's profiles (WorkshopConfig.profiles); empty: none. */
export function profiles(m: Mirror): Profile[] {
  return m.config?.profiles ?? [];
}

/** The profile a table joined as (undefined: none, or unknown). */
export function tableProfile(m: Mirror, tableId: number): Profile | undefined {
  const id = m.tables.get(tableId)?.profileId ?? 0;
  return id ? profiles(m).find((p) => p.id === id) : undefined;
}
