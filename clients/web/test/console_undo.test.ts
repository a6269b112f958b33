import { describe, expect, it } from "vitest";
import { HintBook, titleFrom } from "../src/console/hints";
import { mergeCommand, planMerge, undoCommands, UndoStack } from "../src/console/merge_undo";
import { create } from "@bufbuild/protobuf";
import { DuplicateHintsSchema } from "../src/gen/atelier/v1/wire_pb";
import { Room } from "./console_mirror_fixture";

describe("undo of a merge", () => {
  it("dissolves a new cluster made of two ideas", () => {
    const room = new Room().idea(1, 1).idea(2, 2);
    const plan = planMerge(room.m, [1, 2], 0, "Salle");
    expect(mergeCommand(plan)).toEqual({ case: "mergeIdeas", value: { targetIds: [1, 2], intoClusterId: 0, title: "Salle" } });
    expect(plan.addedIdeaIds).toEqual([1, 2]);
    expect(undoCommands(plan, 5)).toEqual([{ case: "splitCluster", value: { clusterId: 5, ideaIds: [] } }]);
  });

  it("takes out only the ideas added to an existing cluster, and gives its title back", () => {
    const room = new Room().idea(1, 1).idea(2, 2).idea(3, 3).merged(4, "Salle", [1, 2]);
    const plan = planMerge(room.m, [3], 4, "Salle et horaires");
    expect(plan.oldTitle).toBe("Salle");
    expect(undoCommands(plan, 4)).toEqual([
      { case: "splitCluster", value: { clusterId: 4, ideaIds: [3] } },
      { case: "renameCluster", value: { clusterId: 4, title: "Salle" } },
    ]);
  });

  it("does not rename back when the merge kept the cluster's title", () => {
    const room = new Room().idea(1, 1).idea(2, 2).idea(3, 3).merged(4, "Salle", [1, 2]);
    expect(undoCommands(planMerge(room.m, [3], 4, ""), 4)).toEqual([
      { case: "splitCluster", value: { clusterId: 4, ideaIds: [3] } },
    ]);
  });

  it("re-creates absorbed clusters with their former ideas and titles", () => {
    const room = new Room()
      .idea(1, 1).idea(2, 2).idea(3, 3).idea(4, 1).idea(5, 2)
      .merged(6, "Salle", [1, 2])
      .merged(7, "Jeux", [3, 4]);
    const plan = planMerge(room.m, [6, 7, 5], 0, "Tout");
    expect(plan.addedIdeaIds).toEqual([1, 2, 3, 4, 5]);
    expect(undoCommands(plan, 9)).toEqual([
      { case: "splitCluster", value: { clusterId: 9, ideaIds: [] } },
      { case: "mergeIdeas", value: { targetIds: [1, 2], intoClusterId: 0, title: "Salle" } },
      { case: "mergeIdeas", value: { targetIds: [3, 4], intoClusterId: 0, title: "Jeux" } },
    ]);
  });

  it("absorbed into an existing cluster: split its ideas out, then re-create it", () => {
    const room = new Room().idea(1, 1).idea(2, 2).idea(3, 3).idea(4, 1).merged(5, "A", [1, 2]).merged(6, "B", [3, 4]);
    const plan = planMerge(room.m, [6], 5, "");
    expect(undoCommands(plan, 5)).toEqual([
      { case: "splitCluster", value: { clusterId: 5, ideaIds: [3, 4] } },
      { case: "mergeIdeas", value: { targetIds: [3, 4], intoClusterId: 0, title: "B" } },
    ]);
  });

  it("leaves out ideas deleted since, and does not re-create a cluster of one", () => {
    const room = new Room().idea(1, 1).idea(2, 2).idea(3, 3).idea(4, 1).merged(5, "A", [1, 2]).merged(6, "B", [3, 4]);
    const plan = planMerge(room.m, [6], 5, "");
    expect(undoCommands(plan, 5, (id) => id !== 4)).toEqual([
      { case: "splitCluster", value: { clusterId: 5, ideaIds: [3] } },
    ]);
  });

  it("finds a new cluster's id from its IdeasMerged event's seq", () => {
    const room = new Room().idea(1, 1).idea(2, 2);
    const stack = new UndoStack();
    const entry = { plan: planMerge(room.m, [1, 2], 0, "T"), seq: 12n };
    stack.push(entry);
    expect(stack.clusterOf(entry)).toBe(0);
    stack.sawMerge(12n, 3);
    expect(stack.clusterOf(stack.last()!)).toBe(3);
    expect(stack.pop()).toBe(entry);
    expect(stack.size).toBe(0);
  });
});

describe("merge suggestions", () => {
  const hints = (ideaId: number, similar: [number, number][]) =>
    create(DuplicateHintsSchema, { ideaId, similar: similar.map(([targetId, similarity]) => ({ targetId, similarity })) });

  it("proposes the new idea with what it resembles, most similar first, until dismissed", () => {
    const room = new Room().idea(1, 1, "Ouvrir le week-end").idea(2, 2, "Repair café").idea(3, 3, "Ouvrir la salle le week-end");
    const book = new HintBook();
    book.add(hints(3, [[2, 0.4], [1, 0.8]]));
    expect(book.suggestions(room.m).map((s) => [s.ideaId, s.targetId, s.targetText])).toEqual([
      [3, 1, "Ouvrir le week-end"],
      [3, 2, "Repair café"],
    ]);
    book.dismiss(3, 1);
    expect(book.suggestions(room.m).map((s) => s.targetId)).toEqual([2]);
  });

  it("points at the cluster an idea has joined since, and drops grouped new ideas", () => {
    const room = new Room().idea(1, 1).idea(2, 2).idea(3, 3);
    const book = new HintBook();
    book.add(hints(3, [[1, 0.9]]));
    room.merged(4, "Salle", [1, 2]);
    const [s] = book.suggestions(room.m);
    expect([s.targetId, s.targetIsCluster, s.targetText]).toEqual([4, true, "Salle"]);
    room.event({ case: "ideasMerged", value: { clusterId: 4, title: "Salle", ideaIds: [1, 2, 3] } });
    expect(book.suggestions(room.m)).toEqual([]);
  });

  it("makes a short title from an idea", () => {
    expect(titleFrom("  Ouvrir   la salle ")).toBe("Ouvrir la salle");
    expect(titleFrom("x".repeat(100), 10)).toBe("xxxxxxxxx…");
  });
});
