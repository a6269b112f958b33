// The console's timeline, without the DOM: reading the server's answers (timeline.proto, as
// protobuf JSON), turning a moment into a Mirror the console can render, and the slider's
// arithmetic (where a mark sits, the next and previous marks, which marks get a label).
//
// Pure, so unit-tested with plain values.
import { create, fromJsonString } from "@bufbuild/protobuf";
import {
  TimelineMarkKind,
  TimelineMomentSchema,
  TimelineSchema,
  type Timeline,
  type TimelineMark,
  type TimelineMoment,
} from "../gen/atelier/v1/timeline_pb";
import { WelcomeSchema } from "../gen/atelier/v1/wire_pb";
import { ActorKind, Phase } from "../gen/atelier/v1/workshop_pb";
import { applyWelcome, emptyMirror, type Mirror } from "../state/mirror";

const kJson = { ignoreUnknownFields: true };

export function parseTimeline(json: string): Timeline {
  return fromJsonString(TimelineSchema, json, kJson);
}

export function parseMoment(json: string): TimelineMoment {
  return fromJsonString(TimelineMomentSchema, json, kJson);
}

/**
 * The workshop as the animateur saw it at the moment, folded the way the live console folds its
 * Welcome, so that the same views (targets, results) read it. Its clock offset is 0: a past
 * moment has no running timer to show.
 */
export function momentMirror(moment: TimelineMoment): Mirror {
  const welcome = create(WelcomeSchema, {
    role: { kind: ActorKind.ANIMATEUR },
    workshopId: moment.workshopId,
    snapshot: moment.state,
    results: moment.results,
    serverTimeMs: moment.timeMs,
  });
  const m = applyWelcome(emptyMirror(), welcome, Number(moment.timeMs));
  m.clockOffsetMs = 0;
  return m;
}

/** Where seq sits on a slider over 1..head, in percent of its width. */
export function position(seq: number, head: number): number {
  if (head <= 1) return 0;
  return (100 * (Math.min(Math.max(seq, 1), head) - 1)) / (head - 1);
}

/** The distinct seqs of the marks, ascending. */
export function markSeqs(marks: TimelineMark[]): number[] {
  return [...new Set(marks.map((m) => Number(m.seq)))].sort((a, b) => a - b);
}

/** The first mark after seq (PageDown, "next"), or head when none is. */
export function nextMark(marks: TimelineMark[], seq: number, head: number): number {
  return markSeqs(marks).find((s) => s > seq && s <= head) ?? head;
}

/** The last mark before seq (PageUp, "previous"), or 1 when none is. */
export function previousMark(marks: TimelineMark[], seq: number): number {
  const before = markSeqs(marks).filter((s) => s < seq);
  return before.length > 0 ? before[before.length - 1] : 1;
}

/** The phase the workshop was in after event seq, from the phase marks (UNSPECIFIED before any). */
export function phaseAt(marks: TimelineMark[], seq: number): Phase {
  let phase = Phase.UNSPECIFIED;
  for (const m of marks) {
    if (m.kind === TimelineMarkKind.PHASE && Number(m.seq) <= seq) phase = m.phase;
  }
  return phase;
}

/**
 * Which marks get a text label on the track: phase changes first, then the others, each only
 * when it is at least minGap percent away from every label kept (the rest keep their tick and
 * are listed under the slider). Indexes into marks, ascending.
 */
export function labelledMarks(marks: TimelineMark[], head: number, minGap: number): number[] {
  const order = marks
    .map((m, i) => ({ i, at: position(Number(m.seq), head), phase: m.kind === TimelineMarkKind.PHASE }))
    .sort((a, b) => Number(b.phase) - Number(a.phase) || a.i - b.i);
  const kept: { i: number; at: number }[] = [];
  for (const mark of order) {
    if (kept.every((k) => Math.abs(k.at - mark.at) >= minGap)) kept.push(mark);
  }
  return kept.map((k) => k.i).sort((a, b) => a - b);
}

/** "42 min", "1 h 05", "35 s": time since the first event, for "… after the start". */
export function elapsed(fromMs: number, toMs: number): string {
  const seconds = Math.max(0, Math.round((toMs - fromMs) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")}`;
}
