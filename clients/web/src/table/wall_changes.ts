// Which targets (ideas and clusters: what the wall and the vote list show) the events folded so
// far may have changed, so that a kept screen updates only their cards: another table's idea
// costs one card, not a pass over 500 (an old tablet). Events that move many targets at once
// (merges, splits, deletes, a new configuration) and a Welcome say "everything": the screens
// then compare every card, as they did before. Pure (no DOM).
import type { Event } from "../gen/atelier/v1/events_pb";
import type { Mirror } from "../state/mirror";

/** Changes kept: a screen further behind than this compares every card. */
const kKept = 256;

export class WallChanges {
  private v = 0;
  /** Each version's changed ids, oldest first; null: everything may have changed. */
  private readonly log: { version: number; ids: number[] | null }[] = [];

  /** Moves whenever a target may have changed: a screen that saw this version is up to date. */
  get version(): number {
    return this.v;
  }

  /** Everything may have changed (a Welcome, another workshop). */
  all(): void {
    this.push(null);
  }

  /** To call with each event BEFORE it is folded into m (an edited idea's cluster is read). */
  note(m: Mirror, e: Event): void {
    const p = e.payload;
    switch (p.case) {
      case "ideaPosted": {
        const id = p.value.idea?.ideaId ?? 0;
        // A new idea is a new target and changes no other; an id seen already (never from the
        // server) would reset a clustered idea: everything.
        this.push(id !== 0 && !m.ideas.has(id) ? [id] : null);
        break;
      }
      case "ideaEdited": {
        // The idea's card, or its cluster's (which lists it).
        const idea = m.ideas.get(p.value.ideaId);
        this.push(idea && idea.clusterId !== 0 ? [idea.id, idea.clusterId] : [p.value.ideaId]);
        break;
      }
      case "clusterRenamed":
        this.push([p.value.clusterId]);
        break;
      case "workshopCreated":
      case "workshopConfigured":
      case "ideaDeleted":
      case "ideasMerged":
      case "clusterSplit":
        this.push(null);
        break;
      default:
        break; // does not touch the ideas or clusters
    }
  }

  /**
   * The ids changed since a screen saw `version`: empty when it is up to date, null when
   * everything may have changed (or it is too far behind, or never saw any).
   */
  since(version: number): Set<number> | null {
    if (version === this.v) return new Set();
    if (version < 0 || version > this.v || this.log.length === 0 || this.log[0].version > version + 1) return null;
    const out = new Set<number>();
    for (let i = this.log.length - 1; i >= 0 && this.log[i].version > version; i--) {
      const ids = this.log[i].ids;
      if (ids === null) return null;
      for (const id of ids) out.add(id);
    }
    return out;
  }

  private push(ids: number[] | null): void {
    this.v++;
    this.log.push({ version: this.v, ids });
    if (this.log.length > kKept) this.log.splice(0, this.log.length - kKept);
  }
}
