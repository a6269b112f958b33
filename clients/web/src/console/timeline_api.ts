// GET /api/workshops/{id}/timeline[?at=SEQ] with the animateur's token (timeline.proto): the
// outline of the workshop's history, or the workshop as it stood after one event.
import type { Timeline, TimelineMoment } from "../gen/atelier/v1/timeline_pb";
import { RetryLater } from "./latest_request";
import { parseMoment, parseTimeline } from "./timeline_model";

async function get(workshopId: string, token: string, query: string): Promise<string> {
  const res = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/timeline${query}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
  });
  const text = await res.text();
  if (res.ok) return text;
  let detail = `HTTP ${res.status}`;
  try {
    const body = JSON.parse(text) as { code?: string; message?: string };
    if (body.message) detail = `${body.message} (${body.code ?? res.status})`;
  } catch {
    // not JSON: the status says enough
  }
  if (res.status === 429 || res.status === 503) {
    const seconds = Number(res.headers.get("Retry-After") ?? "1");
    throw new RetryLater(detail, 1000 * (Number.isFinite(seconds) && seconds > 0 ? seconds : 1));
  }
  throw new Error(detail);
}

export async function fetchTimeline(workshopId: string, token: string): Promise<Timeline> {
  return parseTimeline(await get(workshopId, token, ""));
}

export async function fetchMoment(workshopId: string, token: string, seq: number): Promise<TimelineMoment> {
  return parseMoment(await get(workshopId, token, `?at=${seq}`));
}
