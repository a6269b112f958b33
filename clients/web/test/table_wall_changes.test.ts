import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { EventSchema } from "../src/gen/atelier/v1/events_pb";
import { WelcomeSchema } from "../src/gen/atelier/v1/wire_pb";
import { ActorKind, Phase } from "../src/gen/atelier/v1/workshop_pb";
import { applyEvent, applyWelcome, emptyMirror, targetOf, targets, type Mirror, type Target } from "../src/state/mirror";
import { WallChanges } from "../src/table/wall_changes";

// The kept screens update only the targets WallChanges names: it must name every target an event
// changed (or say "everything"), and targetOf() must give what targets() gives.
type Payload = MessageInitShape<typeof EventSchema>["payload"];
let seq = 0n;
const ev = (payload: Payload) => create(EventSchema, { workshopId: "w", seq: ++seq, payload });

function tableTwo(): Mirror {
  const welcome = create(WelcomeSchema, {
    role: { kind: ActorKind.TABLE, tableId: 2 },
    workshopId: "w",
    serverTimeMs: 10_000n,
    snapshot: {
      workshopId: "w", seq: 5n, phase: Phase.DIVERGENCE, config: { budgetPerTable: 30, capPerTarget: 3 },
      ideas: [
        { id: 1, text: "repair café", tableId: 0 },
        { id: 2, text: "ludothèque", own: true, tableId: 2 },
        { id: 3, text: "jardin partagé", tableId: 0 },
      ],
      tables: [{ id: 2, name: "Lilas" }],
    },
  });
  seq = 5n;
  return applyWelcome(emptyMirror(), welcome, 9_000);
}

const snapshot = (m: Mirror) => new Map(targets(m).map((x) => [x.id, JSON.stringify(x)]));

/** The ids whose target differs between two snapshots (added, gone or changed). */
function differing(a: Map<number, string>, b: Map<number, string>): number[] {
  const ids = new Set([...a.keys(), ...b.keys()]);
  return [...ids].filter((id) => a.get(id) !== b.get(id)).sort((x, y) => x - y);
}

describe("WallChanges and targetOf", () => {
  const script: NonNullable<Payload>[] = [
    { case: "ideaPosted", value: { idea: { ideaId: 4, tableId: 0, text: "bancs" } } },
    { case: "ideaPosted", value: { idea: { ideaId: 5, tableId: 2, text: "ombre" } } },
    { case: "ideaEdited", value: { ideaId: 1, text: "un repair café" } },
    { case: "pointsSet", value: { tableId: 2, points: [{ targetId: 1, points: 2 }] } },
    { case: "ideasMerged", value: { clusterId: 10, title: "Réparer", ideaIds: [1, 2], newCluster: true } },
    { case: "ideaEdited", value: { ideaId: 2, text: "ludothèque du samedi" } },
    { case: "clusterRenamed", value: { clusterId: 10, title: "Réparer, jouer" } },
    { case: "ideaPosted", value: { idea: { ideaId: 11, tableId: 0, text: "fontaine" } } },
    { case: "clusterSplit", value: { clusterId: 10, ideaIds: [2] } },
    { case: "ideaDeleted", value: { ideaId: 4 } },
    { case: "ideasMerged", value: { clusterId: 10, title: "Réparer", ideaIds: [3] } },
    { case: "ideaDeleted", value: { ideaId: 1 } },
  ];

  it("names every target each event changed, and only says everything for the rare events", () => {
    const m = tableTwo();
    const changes = new WallChanges();
    expect(changes.since(-1)).toBeNull(); // a screen that never saw the wall compares every card
    let everything = 0;
    for (const payload of script) {
      const e = ev(payload);
      const v = changes.version;
      const before = snapshot(m);
      changes.note(m, e);
      applyEvent(m, e);
      const named = changes.since(v);
      if (named === null) {
        everything++;
        continue;
      }
      expect([...named].sort((x, y) => x - y), payload.case).toEqual(expect.arrayContaining(differing(before, snapshot(m))));
      if (payload.case === "ideaPosted") expect([...named]).toEqual([payload.value.idea?.ideaId]);
      expect(changes.since(changes.version)?.size).toBe(0);
    }
    // Merges, splits and deletes: 5 of the 12 events; posts, edits, renames and votes are named.
    expect(everything).toBe(5);
  });

  it("gives, for every id, what targets() gives (or nothing), whatever the wall holds", () => {
    const m = tableTwo();
    const check = () => {
      const all = new Map(targets(m).map((x) => [x.id, x]));
      for (let id = 0; id <= 12; id++) expect(targetOf(m, id), `id ${id}`).toEqual(all.get(id) as Target | undefined);
    };
    check();
    seq = 5n;
    for (const payload of script) {
      applyEvent(m, ev(payload));
      check();
    }
  });

  it("sums what changed since an older version, and says everything past a rare event or too far back", () => {
    const m = tableTwo();
    const changes = new WallChanges();
    seq = 5n;
    const v0 = changes.version;
    for (const payload of script.slice(0, 4)) {
      const e = ev(payload);
      changes.note(m, e);
      applyEvent(m, e);
    }
    expect([...(changes.since(v0) ?? [])].sort()).toEqual([1, 4, 5]);
    const e = ev(script[4]); // a merge
    changes.note(m, e);
    applyEvent(m, e);
    expect(changes.since(v0)).toBeNull();
    const v1 = changes.version;
    for (let i = 0; i < 300; i++) {
      const post = ev({ case: "ideaPosted", value: { idea: { ideaId: 100 + i, tableId: 0, text: `idée ${i}` } } });
      changes.note(m, post);
      applyEvent(m, post);
    }
    expect(changes.since(v1)).toBeNull(); // further back than the changes kept
    expect([...(changes.since(changes.version - 2) ?? [])]).toEqual([399, 398]);
  });
});
