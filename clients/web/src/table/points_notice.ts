// Points handed back to this table by the animateur's work on the wall: a merge (the cluster's
// points over the cap, or all of them when it now holds one of the table's ideas), a cluster
// undone, an idea deleted. The server sends a table only its own PointsReleased; this words them
// for the people at the table. Pure: read the mirror BEFORE the event is folded (the names of
// what was merged are gone after), finish the sentence with the points left after it.
import type { Event } from "../gen/atelier/v1/events_pb";
import { BallotKind, Phase } from "../gen/atelier/v1/workshop_pb";
import { bw } from "../i18n/ballot";
import { t } from "../i18n/table";
import { ballotOf, cap, selfVoteAllowed, type Mirror } from "../state/mirror";

/** The sentence once the points left after the event are known; null when nothing came back. */
export type ReleaseNotice = (left: number) => string;

/** seatId: where each seat votes, the seat whose ballot is shown (its points only are told);
 * undefined: the table's points, every ballot of it. */
export function describeRelease(m: Mirror, e: Event, seatId?: number): ReleaseNotice | null {
  const p = e.payload;
  if (p.case !== "ideasMerged" && p.case !== "clusterSplit" && p.case !== "ideaDeleted") return null;
  let back = 0;
  for (const r of p.value.released) if (r.tableId === m.tableId && (seatId === undefined || r.seatId === seatId)) back += r.points;
  if (back === 0 || m.tableId === 0) return null;
  // In a vote of dots, dots are handed back.
  const w = m.phase === Phase.CONVERGENCE && ballotOf(m, m.stepId).kind === BallotKind.DOTS ? bw.dotsBack : t;

  switch (p.case) {
    case "ideasMerged": {
      const merged = p.value;
      const names: string[] = [];
      if (!merged.newCluster && m.clusters.has(merged.clusterId)) names.push(title(m, merged.clusterId));
      for (const id of merged.absorbedClusterIds) names.push(title(m, id));
      for (const id of merged.ideaIds) {
        const idea = m.ideas.get(id);
        if (idea && (idea.clusterId === 0 || !m.clusters.has(idea.clusterId))) names.push(quote(idea.text));
      }
      const own = !selfVoteAllowed(m) && merged.ideaIds.some((id) => m.ideas.get(id)?.own);
      const into = quote(merged.title);
      const capped = cap(m);
      return own
        ? (left) => w.mergedWithOwn(names, into, back, left)
        : (left) => w.mergedOverCap(names, into, back, capped, left);
    }
    case "clusterSplit": {
      const name = title(m, p.value.clusterId);
      // Not undone: the ideas a vote with a source took left it (sources.h).
      return p.value.dissolved ? (left) => w.clusterUndone(name, back, left) : (left) => w.clusterLeftVote(name, back, left);
    }
    case "ideaDeleted": {
      const idea = m.ideas.get(p.value.ideaId);
      const name = quote(idea?.text ?? "");
      const dissolved = p.value.dissolvedClusterId ? title(m, p.value.dissolvedClusterId) : "";
      return (left) => w.ideaDeletedBack(name, dissolved, back, left);
    }
  }
}

function title(m: Mirror, clusterId: number): string {
  return quote(m.clusters.get(clusterId)?.title ?? "");
}

function quote(text: string): string {
  return t.quote(text.length > 60 ? text.slice(0, 57) + "…" : text);
}
