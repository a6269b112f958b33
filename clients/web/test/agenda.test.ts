// The agenda and the "temps mort" as the web mirror folds them (state/mirror.ts), the same way
// as the server's Apply (server/workshop/apply.cc), and the agenda the create form sends.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { EventSchema } from "../src/gen/atelier/v1/events_pb";
import { WelcomeSchema } from "../src/gen/atelier/v1/wire_pb";
import { ActorKind, Phase, Template, WorkshopConfigSchema } from "../src/gen/atelier/v1/workshop_pb";
import { addIdeaStep, buildCreateRequest, defaultModel, kMaxIdeaSteps, problems, removeIdeaStep } from "../src/console/create_model";
import {
  applyEvent,
  applyWelcome,
  currentStep,
  emptyMirror,
  nextStep,
  stepSpentMs,
  timerRemainingMs,
  upgradeAgenda,
} from "../src/state/mirror";

type Payload = MessageInitShape<typeof EventSchema>["payload"];

function sprint() {
  let seq = 1n;
  const m = applyWelcome(emptyMirror(), create(WelcomeSchema, {
    role: { kind: ActorKind.ANIMATEUR },
    workshopId: "w",
    serverTimeMs: 1_000_000n,
    snapshot: {
      workshopId: "w",
      seq: 1n,
      phase: Phase.SETUP,
      stepId: 1,
      stepStartedMs: 1_000_000n,
      config: {
        template: Template.IDEATION,
        agenda: [
          { id: 1, kind: Phase.SETUP, title: "Accueil", plannedMs: 300_000n },
          { id: 2, kind: Phase.DIVERGENCE, title: "Premier cercle", plannedMs: 420_000n, instruction: "En 2050" },
          { id: 3, kind: Phase.DIVERGENCE, title: "Deuxième cercle" },
          { id: 4, kind: Phase.CONCLUSION },
        ],
      },
    },
  }), 1_000_000);
  const at = (ms: number, payload: Payload) => applyEvent(m, create(EventSchema, { seq: ++seq, serverTimeMs: BigInt(ms), payload }));
  return { m, at };
}

describe("agenda", () => {
  it("follows the steps, two of one kind included, and sums the time spent in each", () => {
    const { m, at } = sprint();
    expect(currentStep(m)?.title).toBe("Accueil");
    expect(nextStep(m)?.id).toBe(2);
    at(1_060_000, { case: "phaseChanged", value: { from: Phase.SETUP, to: Phase.DIVERGENCE, fromStep: 1, toStep: 2 } });
    at(1_180_000, { case: "phaseChanged", value: { from: Phase.DIVERGENCE, to: Phase.DIVERGENCE, fromStep: 2, toStep: 3 } });
    at(1_240_000, { case: "phaseChanged", value: { from: Phase.DIVERGENCE, to: Phase.DIVERGENCE, fromStep: 3, toStep: 2 } });
    expect(m.stepId).toBe(2);
    expect(currentStep(m)?.instruction).toBe("En 2050");
    expect(stepSpentMs(m, 1, 0)).toBe(60_000);
    expect(stepSpentMs(m, 3, 0)).toBe(60_000);
    // The current step counts up to now, in server time (the clock offset is 0 here).
    expect(stepSpentMs(m, 2, 1_300_000)).toBe(120_000 + 60_000);
  });

  it("keeps the step an idea was posted in (its ring)", () => {
    const { m, at } = sprint();
    at(1_060_000, { case: "phaseChanged", value: { from: Phase.SETUP, to: Phase.DIVERGENCE, fromStep: 1, toStep: 2 } });
    at(1_070_000, { case: "ideaPosted", value: { idea: { ideaId: 7, tableId: 1, text: "Un guichet itinérant", stepId: 2 } } });
    expect(m.ideas.get(7)?.stepId).toBe(2);
  });

  it("reads an event from before agendas (no step) as the step of its phase", () => {
    const { m, at } = sprint();
    at(1_060_000, { case: "phaseChanged", value: { from: Phase.SETUP, to: Phase.CONCLUSION } });
    expect(m.stepId).toBe(4);
  });

  it("stops a running timer with the room and starts it again with it", () => {
    const { m, at } = sprint();
    at(1_000_000, { case: "timerStarted", value: { durationMs: 600_000n, deadlineMs: 1_600_000n } });
    at(1_100_000, { case: "workshopPaused", value: { paused: true, timerRemainingMs: 500_000n } });
    expect(m.paused).toBe(true);
    expect(timerRemainingMs(m, 5_000_000)).toBe(500_000);
    at(1_900_000, { case: "workshopPaused", value: { paused: false, timerDeadlineMs: 2_400_000n } });
    expect(m.paused).toBe(false);
    expect(m.timer.running).toBe(true);
    expect(timerRemainingMs(m, 2_000_000)).toBe(400_000);
  });

  it("gives a configuration from before agendas one step per phase", () => {
    const old = create(WorkshopConfigSchema, { template: Template.EVALUATION });
    upgradeAgenda(old);
    expect(old.agenda.map((s) => [s.id, s.kind])).toEqual([[1, Phase.SETUP], [2, Phase.SCORING], [3, Phase.CONCLUSION]]);
    const given = create(WorkshopConfigSchema, { phases: [Phase.SETUP, Phase.DIVERGENCE] });
    upgradeAgenda(given);
    expect(given.agenda.map((s) => s.kind)).toEqual([Phase.SETUP, Phase.DIVERGENCE]);
    expect(given.phases).toEqual([]);
  });

  it("sends the template's agenda with the minutes planned for each step", () => {
    const m = defaultModel("ideation");
    m.question = "Q ?";
    m.steps[1].minutes = 20;
    const agenda = buildCreateRequest(m).workshop?.config?.agenda ?? [];
    expect(agenda.map((s) => s.kind)).toEqual([Phase.SETUP, Phase.DIVERGENCE, Phase.GROUPING, Phase.CONVERGENCE, Phase.CONCLUSION]);
    expect(agenda[1].plannedMs).toBe(1_200_000n);
    expect(agenda[4].plannedMs).toBe(0n);
    expect(buildCreateRequest(defaultModel("evaluation")).workshop?.config?.agenda.map((s) => s.kind))
      .toEqual([Phase.SETUP, Phase.SCORING, Phase.CONCLUSION]);
  });

  it("adds rings of ideas with their own title and constraint, removes them, never the last", () => {
    const m = defaultModel("ideation");
    m.question = "Q ?";
    m.steps[1].title = "Premier cercle";
    const at = addIdeaStep(m);
    expect(at).toBe(2);
    m.steps[at].title = " Deuxième cercle ";
    m.steps[at].instruction = " Nous sommes en 2050 ";
    const agenda = buildCreateRequest(m).workshop?.config?.agenda ?? [];
    expect(agenda.map((s) => [s.kind, s.title, s.instruction])).toEqual([
      [Phase.SETUP, "", ""], [Phase.DIVERGENCE, "Premier cercle", ""], [Phase.DIVERGENCE, "Deuxième cercle", "Nous sommes en 2050"],
      [Phase.GROUPING, "", ""], [Phase.CONVERGENCE, "", ""], [Phase.CONCLUSION, "", ""],
    ]);
    while (addIdeaStep(m) >= 0);
    expect(m.steps.filter((s) => s.kind === Phase.DIVERGENCE).length).toBe(kMaxIdeaSteps);
    expect(removeIdeaStep(m, 0)).toBe(false);  // set-up is not a step of ideas
    while (removeIdeaStep(m, 1));
    expect(m.steps.filter((s) => s.kind === Phase.DIVERGENCE).length).toBe(1);
    m.steps[0].minutes = -1;
    expect(problems(m).length).toBe(1);
  });
});
