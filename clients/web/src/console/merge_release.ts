// What a merge will do to the points already given, computed from the animateur's Mirror exactly
// as the server decides it (DecideMergeIdeas in server/workshop/decide_ideas.cc), so that the
// console can warn before a merge that moves points:
//   - the targets are the ideas and clusters named, and the cluster merged into;
//   - a table's points on those targets go onto the cluster, at most the cap per target;
//   - a table that wrote one of the cluster's ideas (its ideas before, and all those it takes in)
//     keeps none there unless self-votes are allowed: "a cluster that contains one of its ideas
//     counts as its own";
//   - what a table does not keep is handed back to its budget.
// Pure. The server decides again when the merge arrives (points may have moved meanwhile).
import { ballotOf, type Mirror } from "../state/mirror";
import type { MergePlan } from "./merge_undo";

export interface TableRelease {
  tableId: number;
  name: string;
  /** The table's points on the merged targets before the merge. */
  before: number;
  /** Handed back to the table's budget. */
  released: number;
  /** "own": the cluster holds one of its ideas; "cap": more than the cap on one target. */
  reason: "own" | "cap";
}

export interface MergeRelease {
  tables: TableRelease[];
  /** Points handed back, all tables together. */
  total: number;
}

export function mergeRelease(m: Mirror, plan: Pick<MergePlan, "targetIds" | "intoClusterId">): MergeRelease {
  const targets = new Set(plan.targetIds);
  const members = new Set<number>();
  if (plan.intoClusterId !== 0) {
    targets.add(plan.intoClusterId);
    for (const id of m.clusters.get(plan.intoClusterId)?.ideaIds ?? []) members.add(id);
  }
  for (const id of plan.targetIds) {
    const cluster = m.clusters.get(id);
    if (cluster) for (const i of cluster.ideaIds) members.add(i);
    else members.add(id);
  }
  const authors = new Set<number>();
  for (const id of members) {
    const author = m.ideas.get(id)?.tableId ?? 0;
    if (author !== 0) authors.add(author);
  }
  // Every ballot with points, in every vote step, each within its step's cap and self-vote rule.
  const tables: TableRelease[] = [];
  const ballots = [...m.ballots.values()].filter((b) => b.points.size > 0)
    .sort((a, b) => a.tableId - b.tableId || a.stepId - b.stepId || a.seatId - b.seatId);
  for (const ballot of ballots) {
    let sum = 0;
    for (const target of targets) sum += ballot.points.get(target) ?? 0;
    if (sum === 0) continue;
    const rule = ballotOf(m, ballot.stepId);
    const own = !rule.allowSelfVote && authors.has(ballot.tableId);
    const kept = own ? 0 : Math.min(sum, rule.cap);
    if (kept === sum) continue;
    const name = m.tables.get(ballot.tableId)?.name ?? "";
    tables.push({ tableId: ballot.tableId, name, before: sum, released: sum - kept, reason: own ? "own" : "cap" });
  }
  return { tables, total: tables.reduce((n, r) => n + r.released, 0) };
}
