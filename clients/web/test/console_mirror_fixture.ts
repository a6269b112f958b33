// An animateur's Mirror built the way the console builds it: a Welcome snapshot, then events.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { EventSchema } from "../src/gen/atelier/v1/events_pb";
import { WelcomeSchema } from "../src/gen/atelier/v1/wire_pb";
import { ActorKind, Bucket, Phase, StepSchema, Template } from "../src/gen/atelier/v1/workshop_pb";
import { applyEvent, applyWelcome, emptyMirror, type Mirror } from "../src/state/mirror";

type Payload = MessageInitShape<typeof EventSchema>["payload"];

export class Room {
  readonly m: Mirror;
  private seq = 1n;

  /** agenda: the steps (with their ballots) instead of the template's phases. */
  constructor(template = Template.IDEATION, criteria: { id: number; name: string }[] = [], agenda?: MessageInitShape<typeof StepSchema>[]) {
    const welcome = create(WelcomeSchema, {
      role: { kind: ActorKind.ANIMATEUR },
      workshopId: "w",
      serverTimeMs: 1000n,
      snapshot: {
        workshopId: "w",
        seq: 1n,
        phase: Phase.DIVERGENCE,
        config: {
          question: "Q",
          template,
          budgetPerTable: 30,
          capPerTarget: 3,
          criteria: criteria.map((c) => ({ ...c, minValue: 0, maxValue: 10 })),
          phases: agenda ? [] : [Phase.SETUP, Phase.DIVERGENCE, Phase.GROUPING, Phase.CONVERGENCE, Phase.CONCLUSION],
          agenda: agenda ?? [],
        },
      },
    });
    this.m = applyWelcome(emptyMirror(), welcome, 1000);
  }

  event(payload: Payload): this {
    applyEvent(this.m, create(EventSchema, { workshopId: "w", seq: ++this.seq, payload }));
    return this;
  }

  table(id: number, name = ""): this {
    return this.event({ case: "tableJoined", value: { tableId: id, name } });
  }

  seat(seatId: number, tableId: number, seatNumber: number): this {
    return this.event({ case: "seatJoined", value: { seatId, tableId, seatNumber } });
  }

  idea(id: number, tableId: number, text = `idée ${id}`): this {
    return this.event({ case: "ideaPosted", value: { idea: { ideaId: id, tableId, text } } });
  }

  merged(clusterId: number, title: string, ideaIds: number[], absorbed: number[] = []): this {
    return this.event({ case: "ideasMerged", value: { clusterId, newCluster: true, title, ideaIds, absorbedClusterIds: absorbed } });
  }

  points(tableId: number, points: [number, number][]): this {
    return this.event({ case: "pointsSet", value: { tableId, points: points.map(([targetId, p]) => ({ targetId, points: p })) } });
  }

  /** A ballot's points (or dots) in a vote step: a table's (seatId 0) or a seat's. */
  ballotPoints(stepId: number, tableId: number, seatId: number, points: [number, number][]): this {
    return this.event({ case: "pointsSet", value: { stepId, tableId, seatId, points: points.map(([targetId, p]) => ({ targetId, points: p })) } });
  }

  /** A pick or a ranking, whole; [] withdraws it. */
  choice(stepId: number, tableId: number, seatId: number, targetIds: number[]): this {
    return this.event({ case: "choiceSet", value: { stepId, tableId, seatId, targetIds } });
  }

  buckets(stepId: number, tableId: number, seatId: number, items: [number, Bucket][]): this {
    return this.event({ case: "bucketsSet", value: { stepId, tableId, seatId, items: items.map(([targetId, bucket]) => ({ targetId, bucket })) } });
  }

  /** Moves to a step of the agenda. */
  step(toStep: number, to: Phase): this {
    return this.event({ case: "phaseChanged", value: { to, toStep } });
  }

  score(seatId: number, ideaId: number, criterionId: number): this {
    // The animateur's view hides the value (-1).
    return this.event({ case: "scoreSet", value: { seatId, ideaId, criterionId, value: -1 } });
  }
}
