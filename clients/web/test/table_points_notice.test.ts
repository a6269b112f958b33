import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { EventSchema, type Event } from "../src/gen/atelier/v1/events_pb";
import { WelcomeSchema } from "../src/gen/atelier/v1/wire_pb";
import { ActorKind, Phase } from "../src/gen/atelier/v1/workshop_pb";
import { applyEvent, applyWelcome, emptyMirror, pointsLeft, type Mirror } from "../src/state/mirror";
import { describeRelease } from "../src/table/points_notice";

// Table 1 in convergence (30 points, 3 per idea): 2 points on idea 2, 3 on idea 3, 1 on cluster 9
// (ideas 5 and 6); idea 1 is its own.
function table(): Mirror {
  return applyWelcome(emptyMirror(), create(WelcomeSchema, {
    role: { kind: ActorKind.TABLE, tableId: 1 },
    snapshot: {
      seq: 20n,
      phase: Phase.CONVERGENCE,
      config: { budgetPerTable: 30, capPerTarget: 3 },
      ideas: [
        { id: 1, text: "Un repair café", own: true }, { id: 2, text: "Des bancs à l'ombre" },
        { id: 3, text: "Une fontaine" }, { id: 5, text: "Un kiosque", clusterId: 9 }, { id: 6, text: "Un orchestre", clusterId: 9 },
      ],
      clusters: [{ id: 9, title: "Musique", ideaIds: [5, 6] }],
      tables: [{ id: 1, points: [{ targetId: 2, points: 2 }, { targetId: 3, points: 3 }, { targetId: 9, points: 1 }] }],
    },
  }), 0);
}

function event(seq: number, payload: MessageInitShape<typeof EventSchema>["payload"]): Event {
  return create(EventSchema, { seq: BigInt(seq), payload });
}

/** The sentence for e, finished with the points left once e is folded. */
function said(m: Mirror, e: Event): string | null {
  const notice = describeRelease(m, e);
  applyEvent(m, e);
  return notice ? notice(pointsLeft(m)) : null;
}

describe("points handed back to the table", () => {
  it("says which ideas were merged, how many points came back and why, and what is left", () => {
    const m = table();
    expect(pointsLeft(m)).toBe(24);
    const merged = event(21, { case: "ideasMerged", value: {
      clusterId: 10, newCluster: true, title: "Le square", ideaIds: [2, 3],
      released: [{ tableId: 1, targetId: 10, points: 2 }],
    } });
    expect(said(m, merged)).toBe("L'animateur a regroupé « Des bancs à l'ombre » et « Une fontaine » en « Le square » : "
      + "2 points vous ont été rendus (3 points au plus par idée). Il vous reste 26 points.");
  });

  it("names an existing cluster that grows, and says when a cluster became the table's own", () => {
    const m = table();
    const merged = event(21, { case: "ideasMerged", value: {
      clusterId: 9, newCluster: false, title: "Musique", ideaIds: [1, 5, 6],
      released: [{ tableId: 1, targetId: 9, points: 1 }],
    } });
    expect(said(m, merged)).toBe("L'animateur a regroupé « Musique » et « Un repair café » en « Musique », avec une idée de votre table : "
      + "1 point vous a été rendu (vous ne votez pas pour vos propres idées). Il vous reste 25 points.");
  });

  it("says when a cluster is undone or an idea deleted", () => {
    const m = table();
    expect(said(m, event(21, { case: "clusterSplit", value: {
      clusterId: 9, ideaIds: [5, 6], dissolved: true, released: [{ tableId: 1, targetId: 9, points: 1 }],
    } }))).toBe("L'animateur a défait le regroupement « Musique » : 1 point vous a été rendu. Il vous reste 25 points.");
    expect(said(m, event(22, { case: "ideaDeleted", value: {
      ideaId: 3, released: [{ tableId: 1, targetId: 3, points: 3 }],
    } }))).toBe("L'idée « Une fontaine » a été supprimée : 3 points vous ont été rendus. Il vous reste 28 points.");
  });

  it("says when a cluster no longer holds an idea put to a vote that took only some ideas", () => {
    const m = table();
    // The cluster stays (not dissolved): the selected idea left it (server: sources.h).
    expect(said(m, event(21, { case: "clusterSplit", value: {
      clusterId: 9, ideaIds: [5], dissolved: false, released: [{ tableId: 1, targetId: 9, points: 1 }],
    } }))).toBe("Le regroupement « Musique » ne contient plus d'idée soumise à ce vote : 1 point vous a été rendu. Il vous reste 25 points.");
  });

  it("says nothing when none of this table's points moved", () => {
    const m = table();
    expect(said(m, event(21, { case: "ideasMerged", value: {
      clusterId: 10, newCluster: true, title: "X", ideaIds: [2, 3], released: [{ tableId: 2, targetId: 10, points: 3 }],
    } }))).toBeNull();
    expect(said(m, event(22, { case: "ideaEdited", value: { ideaId: 2, text: "y" } }))).toBeNull();
  });
});
