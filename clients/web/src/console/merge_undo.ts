// Merges made from this console, and the commands that undo one. Pure.
//
// A MergeIdeas is planned from the Mirror before it is sent, so that what the merge changes is
// known: the ideas it brings into the cluster and the clusters it absorbs (with their titles and
// ideas), and, when it renames an existing cluster, the old title. Its inverse is then:
//   - a new cluster: SplitCluster with no ideas (dissolve it);
//   - into an existing cluster: SplitCluster of the ideas it added (and RenameCluster back);
//   - then, for each absorbed cluster, MergeIdeas of its former ideas under its former title.
// Points that tables had put on merged targets are not given back by the server: an undo
// restores the grouping, not the votes (they were released or moved to the cluster).
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { CommandSchema } from "../gen/atelier/v1/commands_pb";
import type { Mirror } from "../state/mirror";

export type CommandKind = MessageInitShape<typeof CommandSchema>["kind"];

export interface AbsorbedCluster {
  id: number;
  title: string;
  ideaIds: number[];
}

export interface MergePlan {
  targetIds: number[];
  /** 0: the merge makes a new cluster. */
  intoClusterId: number;
  title: string;
  /** The existing cluster's title before the merge, when the merge renames it; "" otherwise. */
  oldTitle: string;
  /** Ideas that were not in the cluster before: top-level targets and absorbed clusters' ideas. */
  addedIdeaIds: number[];
  absorbed: AbsorbedCluster[];
}

/** Plans merging targetIds (ideas or clusters) into intoClusterId (0: a new cluster). */
export function planMerge(m: Mirror, targetIds: number[], intoClusterId: number, title: string): MergePlan {
  const added: number[] = [];
  const absorbed: AbsorbedCluster[] = [];
  for (const id of targetIds) {
    const cluster = m.clusters.get(id);
    if (cluster) {
      absorbed.push({ id, title: cluster.title, ideaIds: [...cluster.ideaIds] });
      added.push(...cluster.ideaIds);
    } else {
      added.push(id);
    }
  }
  const into = intoClusterId ? m.clusters.get(intoClusterId) : undefined;
  const renames = !!into && title.trim() !== "" && title.trim() !== into.title;
  return {
    targetIds: [...targetIds],
    intoClusterId,
    title: title.trim(),
    oldTitle: renames && into ? into.title : "",
    addedIdeaIds: [...new Set(added)].sort((a, b) => a - b),
    absorbed,
  };
}

/** The MergeIdeas command of a plan. */
export function mergeCommand(plan: MergePlan): CommandKind {
  return {
    case: "mergeIdeas",
    value: { targetIds: plan.targetIds, intoClusterId: plan.intoClusterId, title: plan.title },
  };
}

/**
 * The commands that undo a merge, in order. clusterId: the cluster the merge made or grew.
 * exists: whether an idea still exists now (ideas deleted since are left out).
 */
export function undoCommands(
  plan: MergePlan,
  clusterId: number,
  exists: (ideaId: number) => boolean = () => true,
): CommandKind[] {
  const out: CommandKind[] = [];
  if (plan.intoClusterId === 0) {
    out.push({ case: "splitCluster", value: { clusterId, ideaIds: [] } });
  } else {
    const ideaIds = plan.addedIdeaIds.filter(exists);
    if (ideaIds.length > 0) out.push({ case: "splitCluster", value: { clusterId, ideaIds } });
    if (plan.oldTitle) out.push({ case: "renameCluster", value: { clusterId, title: plan.oldTitle } });
  }
  for (const a of plan.absorbed) {
    const ideaIds = a.ideaIds.filter(exists);
    if (ideaIds.length >= 2) out.push({ case: "mergeIdeas", value: { targetIds: ideaIds, intoClusterId: 0, title: a.title } });
  }
  return out;
}

/** A merge made from this console: its plan, and the seq of its IdeasMerged event once known. */
export interface UndoEntry {
  plan: MergePlan;
  seq: bigint;
}

/**
 * The console's undo stack, most recent last; only the last merge is offered for undo, so that
 * undoing never has to reason about merges made on top of it. Bounded.
 */
export class UndoStack {
  private entries: UndoEntry[] = [];
  /** clusterId of each IdeasMerged event seen, by seq (to find a new cluster's id). */
  private readonly clusterBySeq = new Map<bigint, number>();

  constructor(private readonly limit = 20) {}

  push(entry: UndoEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
  }

  /** Records an IdeasMerged event (from any source). */
  sawMerge(seq: bigint, clusterId: number): void {
    this.clusterBySeq.set(seq, clusterId);
  }

  last(): UndoEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  pop(): UndoEntry | undefined {
    return this.entries.pop();
  }

  /** The cluster an entry's merge made or grew; 0 when its event has not arrived yet. */
  clusterOf(entry: UndoEntry): number {
    return entry.plan.intoClusterId || this.clusterBySeq.get(entry.seq) || 0;
  }

  get size(): number {
    return this.entries.length;
  }
}
