// The table tablet, and a personal phone scoring as one seat: join, then the workshop as this
// table (or seat) sees it. Owns the Connection and the Mirror; renders from the mirror after
// every Welcome, batch and answer. The idea composer is built once and only shown or hidden, so
// that live updates never disturb what is being typed.
import type { Command } from "../gen/atelier/v1/commands_pb";
import type { Rejection } from "../gen/atelier/v1/rejection_pb";
import { BallotKind, Phase, Voter } from "../gen/atelier/v1/workshop_pb";
import { connectionLabels, explainHelloError, explainRejection, stepName, timerText } from "../i18n/common";
import { renderInstruction, renderPaused } from "../ui/paused";
import { t } from "../i18n/table";
import { bw } from "../i18n/ballot";
import { Connection, defaultWebSocketUrl, type ConnectionState, type HelloInit } from "../net/connection";
import type { CredentialStore, SeatCredentials, TableCredentials } from "../net/credentials";
import { Outbox, type KeyValueStore } from "../net/outbox";
import {
  applyBatch,
  applyEvent,
  applyWelcome,
  agenda,
  ballotOf,
  emptyMirror,
  scoreKey,
  seatByNumber,
  currentStep,
  timerRemainingMs,
  voteStepId,
  profiles,
  tableProfile,
  type Mirror,
} from "../state/mirror";
import { byId, debounce, formatDuration, h, replaceChildren } from "../ui/dom";
import { Draft } from "./draft";
import { lengthCounter, type LengthCounter } from "./idea_length";
import { IdeaWall, type WallMode } from "./ideas_view";
import { setHidden, setText } from "./keyed_list";
import { fetchJoinInfo, type LookupFn } from "./join_lookup";
import { joinForm, type JoinChoice } from "./join_view";
import { ResultsView } from "./results_view";
import { ScoringScreen, seatHolder, type ScoringOptions } from "./scoring_view";
import { trackBarHeight } from "./sticky_offset";
import { describeRelease, type ReleaseNotice } from "./points_notice";
import { explainBallotRefusal } from "./ballot_refusal";
import { ballotShape, VoteScreen, type VoteTurn } from "./vote_screen";
import { WallChanges } from "./wall_changes";
import { FacetPicker, facetLegend } from "./facet_picker";
import { kFacetKinds, noChoice, stepFacets, type FacetChoice } from "./facets";
import { JourneyMap } from "./journey_map";
import { FacetKind as RejectedFacet, RejectionReason } from "../gen/atelier/v1/rejection_pb";

export class TableApp {
  private mirror: Mirror = emptyMirror();
  private conn: Connection | null = null;
  private joinCode = "";
  private kind: "table" | "seat" = "table";
  private choice: JoinChoice | null = null;
  private creds: TableCredentials | null = null;
  private seatCreds: SeatCredentials | null = null;
  private editing = 0; // idea being edited
  private lastHintRequest = "";
  private hints: { targetId: number; text: string; similarity: number }[] = [];
  private readonly pendingScores = new Map<string, number>();
  /** Seat numbers this tablet created ("qui note ?"), remembered across reloads. */
  private readonly createdHere = new Set<number>();
  /** The seat number whose turn it is on this tablet (0: nobody picked yet). */
  private turn = 0;
  private readonly screen = byId("screen");
  private readonly notice = byId("notice");
  private readonly live = byId("live");
  /** The header's fields, looked up once (render() runs at every event). */
  private readonly header = { bar: byId("bar"), question: byId("question"), tableName: byId("table-name"), phase: byId("phase"), pending: byId("pending") };
  private composer: HTMLFormElement | null = null;
  private composerErrorNode: HTMLElement | null = null;
  private ideaLength: LengthCounter | null = null;
  private draft: Draft | null = null;
  /** The composer's chips for the step's facets (categories, stages, lanes). */
  private facetPicker: FacetPicker | null = null;
  /** A journey map (a step with stages or lanes): its ideas in a grid instead of the wall. */
  private map: JourneyMap | null = null;
  /** Measures the header again (for browsers without ResizeObserver). */
  private readonly barMoved: () => void;
  private wall: IdeaWall | null = null;
  /** The vote step's screen (who votes, the ballot), kept while the step lasts. */
  private vote: VoteScreen | null = null;
  private scoring: ScoringScreen | null = null;
  private results: ResultsView | null = null;
  /** Refusals said where the action was (cleared by the next try there, or a new phase): */
  private composerError = ""; // beside the composer
  private readonly cardErrors = new Map<number, string>(); // on an idea's card, by idea id
  private readonly scoreErrors = new Map<string, string>(); // on a scale's line, by scoreKey
  private seatError = ""; // in « Qui note ? »
  /** The text of an edit refused by the server, given back in the reopened edit box. */
  private editDraft = "";
  /** Which ideas and clusters (the wall, the vote's targets) the events may have changed: the
   * kept screens update those cards only, and skip every other. */
  private readonly changes = new WallChanges();
  /** The screen shown ("table:3"): kept and updated while it stays, built anew when it changes. */
  private screenKey = "";
  /** The step last rendered: what was said in another step is not carried into a new one. */
  private shownStep = -1;

  constructor(
    private readonly store: KeyValueStore,
    private readonly credentials: CredentialStore,
    private readonly lookup: LookupFn = fetchJoinInfo(),
  ) {
    setInterval(() => this.renderTimer(), 1000);
    this.barMoved = trackBarHeight(this.header.bar);
    window.addEventListener("online", () => this.conn?.retryNow());
  }

  /** phone: the join form starts with "je note avec mon téléphone" (e.g. ?phone=1). */
  boot(code: string, phone: boolean): void {
    const seat = code ? this.credentials.getSeat(code) : null;
    const table = code ? this.credentials.get(code) : null;
    const preferSeat = phone || this.credentials.lastKind() === "seat";
    if (seat && (preferSeat || !table)) this.startSeat(code, seat, null);
    else if (table) this.startTable(code, table, "");
    else this.renderJoin(code, "", phone);
  }

  // ---- Joining -------------------------------------------------------------------------------

  /** previous: what was typed before a refused join, shown again. */
  private renderJoin(code: string, error: string, phone: boolean, previous: JoinChoice | null = null, errorOnCode = false, errorOnProfile = false): void {
    this.header.bar.hidden = true;
    const join = joinForm({
      code, phone, previous, error, errorOnCode, errorOnProfile, lookup: this.lookup,
      onSubmit: (c) => {
        if (c.kind === "seat") {
          const existing = this.credentials.getSeat(c.code);
          const same = existing && existing.tableId === c.tableId && existing.seatNumber === c.seatNumber;
          this.startSeat(c.code, same ? existing : null, c);
        } else {
          this.startTable(c.code, this.credentials.get(c.code), c.name, c.tableId, c.profileId);
        }
      },
    });
    this.showNotice("");
    this.screenKey = "";
    replaceChildren(this.screen, join.form);
    join.start();
  }

  /** tableId: the table number picked on the join form; 0 for the next free table. */
  private startTable(code: string, creds: TableCredentials | null, name: string, tableId = 0, profileId = 0): void {
    this.kind = "table";
    this.creds = creds;
    this.createdHere.clear();
    for (const n of creds?.seatNumbers ?? []) this.createdHere.add(n);
    this.turn = Number(this.read(`atelier.turn.${code}`) ?? 0) || 0;
    this.choice = { code, kind: "table", name, tableId, seatNumber: 0, profileId };
    this.connect(code, `atelier.outbox.table.${code}`, (w) => {
      this.creds = { joinCode: code, workshopId: w.workshopId, tableToken: w.token, tableId: w.role?.tableId ?? 0 };
      this.credentials.save(this.creds);
    });
  }

  private startSeat(code: string, creds: SeatCredentials | null, choice: JoinChoice | null): void {
    this.kind = "seat";
    this.seatCreds = creds;
    this.choice = choice;
    this.connect(code, `atelier.outbox.seat.${code}`, (w) => {
      this.seatCreds = {
        joinCode: code, workshopId: w.workshopId, seatToken: w.token,
        tableId: w.role?.tableId ?? 0, seatNumber: this.choice?.seatNumber ?? 0,
      };
      this.credentials.saveSeat(this.seatCreds);
    });
  }

  private connect(code: string, outboxKey: string, saveToken: (w: { workshopId: string; token: string; role?: { tableId: number } }) => void): void {
    this.joinCode = code;
    this.mirror = emptyMirror();
    this.pendingScores.clear();
    this.showNotice("");
    this.screenKey = "";
    this.wall = null; // another workshop's cards are no use
    this.vote = null;
    this.scoring = null;
    this.results = null;
    this.clearErrors();
    replaceChildren(this.screen, h("p", {}, t.connectingToWorkshop));
    const url = new URL(window.location.href);
    url.searchParams.set("code", code);
    if (this.kind === "seat") url.searchParams.set("phone", "1");
    else url.searchParams.delete("phone");
    window.history.replaceState(null, "", url);
    this.conn?.stop();
    this.conn = new Connection({
      url: defaultWebSocketUrl(),
      hello: () => this.hello(),
      outbox: new Outbox(this.store, outboxKey),
      handlers: {
        welcome: (w) => {
          if (w.token) saveToken(w);
          this.mirror = applyWelcome(this.mirror, w, Date.now());
          this.changes.all();
          this.render();
        },
        events: (batch) => {
          const step = this.mirror.stepId;
          // Points handed back are worded from the mirror as it was before each event.
          const back: ReleaseNotice[] = [];
          let onlyIdeas = true; // every event folded posts an idea (see renderWall)
          for (const e of batch.events) {
            if (e.seq <= this.mirror.seq) continue;
            const notice = describeRelease(this.mirror, e, this.releaseSeat());
            this.changes.note(this.mirror, e);
            applyEvent(this.mirror, e);
            if (notice) back.push(notice);
            if (e.payload.case !== "ideaPosted") onlyIdeas = false;
          }
          applyBatch(this.mirror, batch); // the events are folded already: this only moves seq
          if (back.length > 0) this.pointsBack(back);
          if (this.mirror.stepId !== step) {
            // A new step asks again who votes or scores: the turn was for the step before.
            if (this.turn) this.setTurn(0);
            this.announce(t.newPhase(this.stepTitle()));
          }
          if (onlyIdeas && back.length === 0 && this.mirror.stepId === step && this.renderWall()) return;
          this.render();
        },
        results: (r) => {
          this.mirror.results = r;
          this.render();
        },
        hints: (hints) => {
          if (hints.requestId !== this.lastHintRequest) return;
          this.hints = hints.similar.map((s) => ({ targetId: s.targetId, text: s.text, similarity: s.similarity }));
          this.renderHints();
        },
        answer: (command, outcome) => {
          const k = command.kind;
          if (this.vote?.owns(command)) {
            this.vote.answered(command, outcome.accepted);
          } else if (k.case === "score") {
            const key = scoreKey(k.value.seatId, k.value.ideaId, k.value.criterionId);
            if (!outcome.accepted || this.pendingScores.get(key) === k.value.value) this.pendingScores.delete(key);
          } else if (k.case === "joinSeat" && outcome.accepted) {
            this.createdHere.add(k.value.seatNumber);
            this.credentials.addTableSeat(code, k.value.seatNumber);
          } else if (k.case === "joinSeat" && this.turn === k.value.seatNumber) {
            this.setTurn(0);
          }
          if (!outcome.accepted) this.rejected(outcome.rejection, command);
          this.render();
        },
        state: (s) => this.renderConnection(s),
        pending: (n) => {
          this.header.pending.textContent = n > 0 ? t.pending(n) : "";
        },
        fatal: (error) => {
          const phone = this.kind === "seat";
          if (error.code === "bad_token" || error.code === "unknown_workshop" || error.code === "workshop_deleted") {
            if (phone) this.credentials.forgetSeat(code);
            else this.credentials.forget(code);
          }
          let why = explainHelloError(error.code);
          if (phone && error.code === "seat_taken") why = t.seatTakenHello;
          else if (phone && error.code === "bad_hello") why = t.badSeatHello;
          else if (error.code === "no_seats") why = t.noSeatsHello;
          else if (error.code === "profile_required") why = t.profileRequiredHello;
          else if (error.code === "unknown_profile") why = t.unknownProfileHello;
          const onCode = error.code === "unknown_workshop" || error.code === "workshop_deleted" || error.code === "no_seats";
          const onProfile = error.code === "profile_required" || error.code === "unknown_profile";
          this.renderJoin(code, why, phone, this.choice, onCode, onProfile);
        },
      },
    });
    this.conn.start();
  }

  private hello(): HelloInit {
    if (this.kind === "seat") {
      if (this.seatCreds) return { workshopId: this.seatCreds.workshopId, seatToken: this.seatCreds.seatToken };
      return { joinCode: this.joinCode, tableId: this.choice?.tableId ?? 0, seatNumber: this.choice?.seatNumber ?? 0, profileId: this.choice?.profileId ?? 0 };
    }
    if (this.creds) return { workshopId: this.creds.workshopId, tableToken: this.creds.tableToken };
    return { joinCode: this.joinCode, tableId: this.choice?.tableId ?? 0, tableName: this.choice?.name ?? "", profileId: this.choice?.profileId ?? 0 };
  }

  // ---- Commands ------------------------------------------------------------------------------

  private rejected(r: Rejection, command: Command): void {
    const k = command.kind;
    // A ballot command no ballot on screen can speak for (the step changed meanwhile): worded
    // for the ballot of the step it was refused in, and said at the bottom of the screen.
    const ballotCommand = k.case === "setPoints" || k.case === "setChoice" || k.case === "setBuckets";
    const why = ballotCommand
      ? explainBallotRefusal(r, ballotOf(this.mirror, r.stepId || voteStepId(this.mirror)), (id) => this.label(id), this.kind === "table")
      : this.explainJoinOrFacet(r) ?? explainRejection(r, (id) => this.label(id));
    // Each refusal is said where the action was, not at the top of a scrolled page.
    if (this.vote?.owns(command) && this.vote.refused(r, command)) {
      return; // on the ballot: in its banner, or on the card tapped
    } else if (k.case === "postIdea") {
      this.setComposerError(why);
    } else if (k.case === "editIdea" || k.case === "deleteIdea") {
      this.cardErrors.set(k.value.ideaId, why);
      // A refused edit comes back in its box (while the ideas can still be edited): nothing
      // typed is lost.
      if (k.case === "editIdea" && this.mirror.phase === Phase.DIVERGENCE && this.mirror.ideas.get(k.value.ideaId)?.own) {
        this.editing = k.value.ideaId;
        this.editDraft = k.value.text;
      }
    } else if (k.case === "score") {
      this.scoreErrors.set(scoreKey(k.value.seatId, k.value.ideaId, k.value.criterionId), why);
    } else if (k.case === "joinSeat") {
      this.seatError = why;
    } else {
      this.showNotice(why); // fixed at the bottom of the screen: always in view
    }
    // Give a refused idea's text back so that nothing typed is lost.
    const area = this.composer?.querySelector("textarea");
    if (k.case === "postIdea" && area && !area.value) {
      area.value = k.value.text;
      this.ideaLength?.refresh();
      this.draft?.flush();
    }
  }

  /** The refusals of a profile (a seat made on the tablet) or of an idea's facets, in plain
   * words; undefined for the others. */
  private explainJoinOrFacet(r: Rejection): string | undefined {
    switch (r.reason) {
      case RejectionReason.PROFILE_REQUIRED:
        return t.profileRequiredHello;
      case RejectionReason.UNKNOWN_PROFILE:
        return t.unknownProfileHello;
      case RejectionReason.FACET_REQUIRED:
      case RejectionReason.UNKNOWN_FACET: {
        const kind = r.facet === RejectedFacet.STAGE ? "stage" : r.facet === RejectedFacet.LANE ? "lane" : "category";
        if (r.reason === RejectionReason.UNKNOWN_FACET) return t.unknownFacet(facetLegend(kind));
        const list = stepFacets(this.mirror, this.mirror.stepId)[kind];
        return t.facetMissing(facetLegend(kind), list.map((f) => f.name));
      }
      default:
        return undefined;
    }
  }

  /** Tells the table, near its budget, that points came back to it, and why. */
  private pointsBack(notices: ReleaseNotice[]): void {
    const vote = this.mirror.phase === Phase.CONVERGENCE && this.vote?.stepId === this.mirror.stepId && this.vote.voting ? this.vote : null;
    if (vote) this.render(); // the points left counted after the events
    const left = vote ? vote.left() : 0;
    const text = notices.map((n) => n(left)).join(" ");
    if (vote) vote.info(text);
    else this.showNotice(text);
  }

  private label(id: number): string {
    const c = this.mirror.clusters.get(id);
    const text = c ? c.title : this.mirror.ideas.get(id)?.text ?? `n° ${id}`;
    const short = text.length > 60 ? text.slice(0, 57) + "…" : text;
    return t.quote(short);
  }

  private pickSeat(seatNumber: number): void {
    if (!this.conn) return;
    this.showNotice("");
    this.seatError = "";
    const seat = seatByNumber(this.mirror, seatNumber);
    if (seat && seatHolder(seat, this.createdHere) === "phone") return;
    // A seat made on the table's tablet speaks as its table's profile.
    const profileId = this.mirror.tables.get(this.mirror.tableId)?.profileId ?? 0;
    if (!seat) void this.conn.execute({ case: "joinSeat", value: { tableId: this.mirror.tableId, seatNumber, profileId } });
    this.setTurn(seatNumber);
    this.announce(this.mirror.phase === Phase.CONVERGENCE ? bw.turnAnnounce(seatNumber) : t.turnAnnounce(seatNumber));
    this.render();
  }

  /** « J'ai fini, au suivant »: the sheet is hidden, so that the next person does not see the
   * scores of the one before; back to « Qui note ? ». */
  private finishTurn(): void {
    const done = this.turn;
    this.setTurn(0);
    this.render();
    window.scrollTo(0, 0);
    document.getElementById("who-title")?.focus();
    this.announce(this.mirror.phase === Phase.CONVERGENCE ? bw.turnFinished(done) : t.turnFinished(done));
  }

  private setTurn(seatNumber: number): void {
    this.turn = seatNumber;
    try {
      this.store.setItem(`atelier.turn.${this.joinCode}`, String(seatNumber));
    } catch {
      // the turn is only kept for this page
    }
  }

  private score(seatId: number, ideaId: number, criterionId: number, value: number): void {
    if (!this.conn || !seatId) return;
    this.showNotice("");
    this.scoreErrors.delete(scoreKey(seatId, ideaId, criterionId));
    this.pendingScores.set(scoreKey(seatId, ideaId, criterionId), value);
    void this.conn.execute({ case: "score", value: { seatId, ideaId, criterionId, value } });
    this.render();
  }

  private requestHints = debounce((text: string) => {
    // The draft may have been posted (and the box emptied) since: no hints for it any more.
    if (this.composer?.querySelector("textarea")?.value !== text) return;
    if (!this.conn || text.trim().length < 8) {
      this.hints = [];
      this.renderHints();
      return;
    }
    this.lastHintRequest = this.conn.draftHints(text);
  }, 350);

  // ---- Rendering -----------------------------------------------------------------------------

  private render(): void {
    const m = this.mirror;
    if (m.stepId !== this.shownStep) {
      this.shownStep = m.stepId;
      this.clearErrors();
    }
    const header = this.header;
    setHidden(header.bar, false);
    setText(header.question, m.config?.question ?? "");
    renderInstruction(m, header.question);
    renderPaused(m);
    const table = m.tables.get(m.tableId);
    setText(header.tableName, this.kind === "seat"
      ? t.seatName(m.tableId, this.mySeatNumber()) + this.profileMark()
      : t.tableName(m.tableId, table?.name ?? "") + this.profileMark() + (m.phase === Phase.SCORING && this.turn ? ` · ${t.turnShort(this.turn)}`
        : m.phase === Phase.CONVERGENCE && this.turn && ballotOf(m, m.stepId).voter === Voter.SEAT ? ` · ${bw.turnShort(this.turn)}` : ""));
    setText(header.phase, this.stepTitle());
    const pending = this.conn?.pendingCount ?? 0;
    setText(header.pending, pending > 0 ? t.pending(pending) : "");
    this.renderTimer();
    // The idea wall and the vote are kept and updated in place (an event costs what it changes);
    // the other screens are small and rebuilt. A new phase builds its screen anew.
    const key = this.screenKeyNow();
    const fresh = key !== this.screenKey;
    this.screenKey = key;
    const kept = this.keptScreen(fresh);
    if (kept && fresh) replaceChildren(this.screen, kept);
    else if (!kept) replaceChildren(this.screen, this.kind === "seat" ? this.seatSections() : []);
    // During the vote the header and the banner are compact: the list gets the screen.
    const voting = m.phase === Phase.CONVERGENCE && !!this.vote?.voting;
    if (document.body.classList.contains("voting") !== voting) {
      document.body.classList.toggle("voting", voting);
    }
    this.barMoved();
  }

  /** After a batch that only posted ideas within the step (another table's, most of the time):
   * what such a batch can change on the wall's screen is the wall, so only the wall is updated,
   * as render() would; the header, the composer and its chips show nothing it changes. false
   * (nothing done) on any other screen: render() then. */
  private renderWall(): boolean {
    const m = this.mirror;
    const wall = this.wall;
    const walled = m.phase === Phase.SETUP || m.phase === Phase.DIVERGENCE || m.phase === Phase.GROUPING;
    if (!wall || this.map || this.kind !== "table" || !walled || this.screenKey !== this.screenKeyNow()) return false;
    wall.update(m, this.wallMode(), this.changes);
    return true;
  }

  /** Which screen the mirror calls for: a new one is built anew (render). */
  private screenKeyNow(): string {
    return `${this.kind}:${this.mirror.phase}:${this.mirror.stepId}`;
  }

  /** The wall's mode on its own screen (not a journey map's). */
  private wallMode(): WallMode {
    return { editable: this.mirror.phase === Phase.DIVERGENCE, editing: this.editing, draft: this.editDraft, errors: this.cardErrors };
  }

  /** The table's screens kept across updates (null for the others): updated here; their nodes
   * when fresh, to be put on the screen. */
  private keptScreen(fresh: boolean): Node[] | null {
    const m = this.mirror;
    if (m.phase !== Phase.CONVERGENCE) this.vote = null; // a vote's screen lasts as long as its step
    if (m.phase === Phase.SCORING) {
      const o = this.scoringOptions();
      if (fresh || !this.scoring) this.scoring = new ScoringScreen(o);
      this.scoring.update(m, o);
      return this.scoring.nodes;
    }
    if (m.phase === Phase.CONCLUSION) {
      this.results ??= new ResultsView();
      this.results.update(m);
      return [this.results.element];
    }
    if (m.phase === Phase.CONVERGENCE) {
      if (fresh || !this.vote || this.vote.stepId !== m.stepId || this.vote.ballotKey !== ballotShape(ballotOf(m, m.stepId))) {
        this.vote = new VoteScreen(m, this.kind, {
          execute: (kind) => {
            this.showNotice("");
            void this.conn?.execute(kind);
          },
          announce: (text) => this.announce(text),
          label: (id) => this.label(id),
          rerender: () => this.render(),
          pickSeat: (n) => this.pickSeat(n),
          finishTurn: () => this.finishTurn(),
        });
      }
      this.vote.update(m, this.voteTurn(), this.changes);
      return this.vote.nodes;
    }
    if (this.kind === "seat") return null;
    switch (m.phase) {
      case Phase.SETUP:
      case Phase.DIVERGENCE:
      case Phase.GROUPING: {
        const wall = this.wall ??= new IdeaWall({
          startEdit: (id) => {
            this.editing = id;
            this.cardErrors.delete(id);
            this.render();
          },
          stopEdit: () => this.stopEdit(),
          edit: (id, text) => this.editIdea(id, text),
          remove: (id) => {
            this.cardErrors.delete(id);
            this.render();
            void this.conn?.execute({ case: "deleteIdea", value: { ideaId: id } });
          },
        });
        const lead = m.phase === Phase.DIVERGENCE ? this.ensureComposer()
          : fresh ? h("p", { class: "card" }, m.phase === Phase.SETUP ? t.welcome : t.grouping) : null;
        const facets = stepFacets(m, m.stepId);
        if (m.phase === Phase.DIVERGENCE) this.facetPicker?.update(facets, () => this.keptFacets());
        // A journey map: the step's ideas in their cells (stages across, lanes down).
        // Under it, the table's own ideas of the step, to edit or remove as on the wall.
        if (m.phase === Phase.DIVERGENCE && (facets.stage.length > 0 || facets.lane.length > 0)) {
          if (fresh || !this.map) this.map = new JourneyMap();
          this.map.update(m, m.stepId);
          wall.update(m, { editable: true, editing: this.editing, draft: this.editDraft, errors: this.cardErrors, ownOfStep: m.stepId }, this.changes);
          return [lead, this.map.element, wall.element].filter((n): n is HTMLElement => n !== null);
        }
        this.map = null;
        wall.update(m, this.wallMode(), this.changes);
        return [lead, wall.element].filter((n): n is HTMLElement => n !== null);
      }
      default:
        return null;
    }
  }

  /** Sends an edit; false (and said on the card) when there is nothing to send: an empty text. */
  private editIdea(id: number, text: string): boolean {
    if (!text) {
      this.cardErrors.set(id, t.ideaEmpty);
      this.render();
      return false;
    }
    this.cardErrors.delete(id);
    void this.conn?.execute({ case: "editIdea", value: { ideaId: id, text } });
    return true;
  }

  /** Leaves an edit; the keyboard goes back to that idea's « Modifier ». */
  private stopEdit(): void {
    const id = this.editing;
    this.editing = 0;
    this.editDraft = "";
    this.render();
    this.screen.querySelector<HTMLElement>(`[data-key="edit-${id}"]`)?.focus();
  }

  /** « · Usagers »: the profile this table (or this phone's seat) joined as; "" without one. */
  private profileMark(): string {
    const m = this.mirror;
    const own = this.kind === "seat" ? m.seats.get(m.seatId)?.profileId ?? 0 : 0;
    const profile = own ? profiles(m).find((p) => p.id === own) : tableProfile(m, m.tableId);
    return profile ? t.headerProfile(profile.name) : "";
  }

  private mySeatNumber(): number {
    return this.mirror.seats.get(this.mirror.seatId)?.seatNumber ?? this.seatCreds?.seatNumber ?? this.choice?.seatNumber ?? 0;
  }

  private seatSections(): Node[] {
    const m = this.mirror;
    // A workshop where seats vote: the phone is for that too, not only for scoring.
    const seatVotes = agenda(m).some((st) => st.kind === Phase.CONVERGENCE && ballotOf(m, st.id).voter === Voter.SEAT);
    switch (m.phase) {
      case Phase.SETUP:
        return [h("p", { class: "card" }, seatVotes ? bw.seatBetweenSteps : t.seatWaiting)];
      default:
        return [h("p", { class: "card" }, seatVotes ? bw.seatBetweenSteps : t.seatOtherPhase)];
    }
  }

  /** Whose points a notice of points handed back tells: where each seat votes, the seat whose
   * ballot is shown (a phone's own); else the table's. */
  private releaseSeat(): number | undefined {
    const m = this.mirror;
    if (m.phase !== Phase.CONVERGENCE || ballotOf(m, m.stepId).voter !== Voter.SEAT) return undefined;
    if (this.kind === "seat") return m.seatId;
    return this.vote?.shownSeat() ?? -1; // -1: nobody's ballot is shown, nothing to tell
  }

  /** Who votes now, as the vote screen needs it. */
  private voteTurn(): VoteTurn {
    return { turn: this.turn, seatError: this.seatError, createdHere: this.createdHere, seatNumber: this.mySeatNumber() };
  }

  /** The current step's name; a vote step without a title is named by what it asks. */
  private stepTitle(): string {
    const step = currentStep(this.mirror);
    const kind = step && step.kind === Phase.CONVERGENCE && !step.title ? ballotOf(this.mirror, step.id).kind : BallotKind.BUDGET;
    // A budget of points keeps the name every screen gives it.
    return kind === BallotKind.BUDGET ? stepName(step) : bw.stepName[kind];
  }

  /** Who scores now: on a phone, its seat; on the table's tablet, the seat whose turn it is (not
   * a seat held by a phone). */
  private scoringOptions(): ScoringOptions {
    const m = this.mirror;
    let seatNumber = this.mySeatNumber();
    let seatId = m.seatId;
    if (this.kind === "table") {
      const seat = this.turn ? seatByNumber(m, this.turn) : undefined;
      seatNumber = seat && seatHolder(seat, this.createdHere) === "phone" ? 0 : this.turn;
      seatId = seatNumber ? seat?.id ?? 0 : 0;
    }
    return {
      mode: this.kind, seatNumber, seatId,
      createdHere: this.createdHere,
      pending: this.pendingScores,
      errors: this.scoreErrors,
      seatError: this.seatError,
      pickSeat: (n: number) => this.pickSeat(n),
      finishTurn: () => this.finishTurn(),
      score: (s: number, i: number, c: number, v: number) => this.score(s, i, c, v),
    };
  }

  private renderTimer(): void {
    const left = timerRemainingMs(this.mirror, Date.now());
    const el = document.getElementById("timer");
    if (!el) return;
    setText(el, left === null ? "" : timerText(formatDuration(left), this.mirror.timer.paused)); // untouched when the same
  }

  private renderConnection(state: ConnectionState): void {
    const el = byId("connection");
    el.textContent = connectionLabels[state];
    el.className = `pill ${state}`;
  }

  private ensureComposer(): HTMLFormElement {
    const max = this.mirror.config?.maxIdeaLength || 500;
    if (this.composer) {
      this.ideaLength?.setMax(max);
      return this.composer;
    }
    const area = h("textarea", { id: "idea-text", rows: 3, maxlength: max, "aria-describedby": "idea-help" });
    const draft = new Draft(this.store, Draft.key(this.mirror.workshopId, this.mirror.tableId), area);
    this.draft = draft;
    area.value = draft.saved();
    const length = lengthCounter(area, "idea-count");
    this.ideaLength = length;
    const hints = h("div", { id: "hints", "aria-live": "polite" });
    const picker = new FacetPicker((choice) => this.keepFacets(choice));
    this.facetPicker = picker;
    picker.update(stepFacets(this.mirror, this.mirror.stepId), () => this.keptFacets());
    const error = h("p", { id: "idea-error", class: "field-error", role: "alert", hidden: true });
    this.composerErrorNode = error;
    const form = h("form", { class: "card", "aria-labelledby": "compose-title" },
      h("h2", { id: "compose-title" }, t.composeTitle),
      h("div", { class: "field" },
        h("label", { for: "idea-text" }, t.yourIdea),
        area,
        length.nodes,
        h("p", { id: "idea-help", class: "hint-text" }, t.ideaHelp),
      ),
      picker.element,
      hints,
      error,
      h("button", { type: "submit", class: "primary" }, t.publish),
    );
    area.addEventListener("input", () => this.requestHints(area.value));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const text = area.value.trim();
      if (!text) {
        this.setComposerError(t.ideaEmpty);
        area.focus();
        return;
      }
      // Each facet of the step is chosen first (the server refuses an idea without): said here.
      const missing = picker.missing();
      if (missing) {
        this.setComposerError(missing.text);
        picker.focus(missing.kind);
        return;
      }
      const f = picker.chosen();
      this.showNotice("");
      this.setComposerError("");
      void this.conn?.execute({ case: "postIdea", value: { text, categoryId: f.category, stageId: f.stage, laneId: f.lane } });
      area.value = "";
      draft.flush(); // posted (or waiting in the outbox, which is kept too): no draft any more
      length.refresh();
      this.hints = [];
      this.lastHintRequest = ""; // an answer still on its way is for the posted text
      this.renderHints();
      this.announce(t.ideaSent);
      area.focus();
    });
    this.composer = form;
    return form;
  }

  /** The facets chosen in the composer, kept with the draft (per workshop, table and step). */
  private facetsKey(): string {
    return `${Draft.key(this.mirror.workshopId, this.mirror.tableId)}.facets.${this.mirror.stepId}`;
  }

  private keptFacets(): FacetChoice {
    const kept = noChoice();
    try {
      const saved = JSON.parse(this.read(this.facetsKey()) ?? "{}") as Partial<FacetChoice>;
      for (const k of kFacetKinds) if (typeof saved[k] === "number") kept[k] = saved[k];
    } catch {
      // nothing kept, or unreadable: nothing chosen in advance
    }
    return kept;
  }

  private keepFacets(choice: FacetChoice): void {
    this.setComposerError("");
    try {
      this.store.setItem(this.facetsKey(), JSON.stringify(choice));
    } catch {
      // storage full or refused: the choice is only on the screen
    }
  }

  private renderHints(): void {
    const region = this.composer?.querySelector<HTMLElement>("#hints");
    if (!region) return;
    if (this.hints.length === 0) {
      replaceChildren(region);
      return;
    }
    replaceChildren(region, h("div", { class: "hints" },
      h("h3", {}, t.alreadyPosted),
      h("ul", {}, this.hints.slice(0, 3).map((s) => h("li", {}, s.text, h("span", { class: "hint-text" }, t.likeness(Math.round(s.similarity * 100)))))),
    ));
  }

  /** A refusal of the idea posted (or an empty one), said between the box and « Publier ». */
  private setComposerError(text: string): void {
    this.composerError = text;
    const node = this.composerErrorNode;
    const area = this.composer?.querySelector("textarea");
    if (!node || !area) return;
    if (node.textContent !== text) node.textContent = text;
    node.hidden = !text;
    const described = (area.getAttribute("aria-describedby") ?? "").split(" ").filter((x) => x && x !== "idea-error");
    area.setAttribute("aria-describedby", [...described, ...(text ? ["idea-error"] : [])].join(" "));
    if (text) area.setAttribute("aria-invalid", "true");
    else area.removeAttribute("aria-invalid");
  }

  /** What was said about an action is not carried into a new phase (or another workshop). */
  private clearErrors(): void {
    this.showNotice("");
    if (this.composerError) this.setComposerError("");
    this.cardErrors.clear();
    this.scoreErrors.clear();
    this.seatError = "";
  }

  private showNotice(text: string): void {
    this.notice.textContent = text;
  }

  private announce(text: string): void {
    this.live.textContent = text;
  }

  private read(key: string): string | null {
    try {
      return this.store.getItem(key);
    } catch {
      return null;
    }
  }
}
