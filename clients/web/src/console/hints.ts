// Merge suggestions: the DuplicateHints the server sends the animateur after each new idea
// (idea_id and the similar targets), kept for this page and turned into "Regrouper ?" proposals
// that still make sense against the current Mirror. Pure (no DOM).
import type { DuplicateHints } from "../gen/atelier/v1/wire_pb";
import type { Mirror } from "../state/mirror";

export interface MergeSuggestion {
  /** The new idea (top-level). */
  ideaId: number;
  ideaText: string;
  /** What it resembles: a top-level idea or a cluster. */
  targetId: number;
  targetText: string;
  targetIsCluster: boolean;
  similarity: number;
}

export class HintBook {
  private readonly similar = new Map<number, { targetId: number; similarity: number }[]>();
  private readonly dismissed = new Set<string>();

  /** Records a hint; hints for drafts (request_id set, no idea) are not merge suggestions. */
  add(hints: DuplicateHints): void {
    if (hints.ideaId === 0 || hints.similar.length === 0) return;
    this.similar.set(hints.ideaId, hints.similar.map((s) => ({ targetId: s.targetId, similarity: s.similarity })));
  }

  dismiss(ideaId: number, targetId: number): void {
    this.dismissed.add(pairKey(ideaId, targetId));
  }

  /**
   * The proposals that still apply: the new idea is top-level, the target still exists (an idea
   * since grouped stands for its cluster), the pair was not dismissed. Most similar first.
   */
  suggestions(m: Mirror, limit = 8): MergeSuggestion[] {
    const out: MergeSuggestion[] = [];
    const seen = new Set<string>();
    for (const [ideaId, list] of this.similar) {
      const idea = m.ideas.get(ideaId);
      if (!idea || (idea.clusterId !== 0 && m.clusters.has(idea.clusterId))) continue;
      for (const s of list) {
        const target = resolveTarget(m, s.targetId);
        if (!target || target.id === ideaId) continue;
        const key = pairKey(ideaId, target.id);
        const reverse = pairKey(target.id, ideaId);
        if (seen.has(key) || seen.has(reverse) || this.dismissed.has(key) || this.dismissed.has(reverse)) continue;
        seen.add(key);
        out.push({
          ideaId,
          ideaText: idea.text,
          targetId: target.id,
          targetText: target.text,
          targetIsCluster: target.isCluster,
          similarity: s.similarity,
        });
      }
    }
    return out.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }
}

function pairKey(a: number, b: number): string {
  return `${a}:${b}`;
}

function resolveTarget(m: Mirror, id: number): { id: number; text: string; isCluster: boolean } | null {
  const cluster = m.clusters.get(id);
  if (cluster) return { id, text: cluster.title, isCluster: true };
  const idea = m.ideas.get(id);
  if (!idea) return null;
  if (idea.clusterId !== 0) {
    const c = m.clusters.get(idea.clusterId);
    if (c) return { id: c.id, text: c.title, isCluster: true };
  }
  return { id, text: idea.text, isCluster: false };
}

/** A cluster title made from an idea's text: the server takes at most 200 characters. */
export function titleFrom(text: string, max = 80): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}
