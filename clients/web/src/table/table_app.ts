// The table tablet: join, then the workshop as this table sees it. Owns the Connection and the
// Mirror; renders from the mirror after every Welcome, batch and answer. The idea composer is
// built once and only shown or hidden, so that live updates never disturb what is being typed.
import { RejectionReason, type Rejection } from "../gen/atelier/v1/rejection_pb";
import { Phase } from "../gen/atelier/v1/workshop_pb";
import { connectionLabels, explainHelloError, explainRejection, phaseNames, points } from "../i18n/common";
import { Connection, defaultWebSocketUrl, type ConnectionState, type HelloInit } from "../net/connection";
import type { CredentialStore, TableCredentials } from "../net/credentials";
import { Outbox, type KeyValueStore } from "../net/outbox";
import {
  applyBatch,
  applyWelcome,
  budget,
  cap,
  emptyMirror,
  myPoints,
  pointsLeft,
  selfVoteAllowed,
  targets,
  timerRemainingMs,
  type Mirror,
  type Target,
} from "../state/mirror";
import { byId, debounce, formatDuration, h, replaceChildren } from "../ui/dom";

export class TableApp {
  private mirror: Mirror = emptyMirror();
  private conn: Connection | null = null;
  private joinCode = "";
  private tableName = "";
  private creds: TableCredentials | null = null;
  private editing = 0; // idea being edited
  private lastHintRequest = "";
  private hints: { targetId: number; text: string; similarity: number }[] = [];
  private readonly pendingPoints = new Map<number, number>();
  private readonly screen = byId("screen");
  private readonly notice = byId("notice");
  private readonly live = byId("live");
  private composer: HTMLFormElement | null = null;

  constructor(
    private readonly store: KeyValueStore,
    private readonly credentials: CredentialStore,
  ) {
    setInterval(() => this.renderTimer(), 1000);
    window.addEventListener("online", () => this.conn?.retryNow());
  }

  boot(code: string): void {
    const creds = code ? this.credentials.get(code) : null;
    if (creds) this.start(code, creds, "");
    else this.renderJoin(code, "");
  }

  // ---- Joining -------------------------------------------------------------------------------

  private renderJoin(code: string, error: string): void {
    byId("bar").hidden = true;
    const codeInput = h("input", {
      id: "join-code", name: "code", inputmode: "numeric", autocomplete: "off",
      pattern: "[0-9]{6}", maxlength: 6, required: true, value: code,
      "aria-describedby": "join-code-help",
    });
    const nameInput = h("input", { id: "join-name", name: "name", maxlength: 60, autocomplete: "off" });
    const form = h("form", { class: "card", "aria-labelledby": "join-title" },
      h("h1", { id: "join-title" }, "Rejoindre un atelier"),
      h("div", { class: "field" },
        h("label", { for: "join-code" }, "Code de l'atelier"),
        codeInput,
        h("p", { id: "join-code-help", class: "hint-text" }, "Les 6 chiffres affichés sur le grand écran."),
      ),
      h("div", { class: "field" },
        h("label", { for: "join-name" }, "Nom de la table (facultatif)"),
        nameInput,
      ),
      h("button", { type: "submit", class: "primary" }, "Rejoindre"),
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const typed = codeInput.value.replace(/\s+/g, "");
      if (!/^[0-9]{6}$/.test(typed)) {
        this.showNotice("Le code de l'atelier a 6 chiffres.");
        codeInput.focus();
        return;
      }
      const existing = this.credentials.get(typed);
      this.start(typed, existing, nameInput.value.trim());
    });
    this.showNotice(error);
    replaceChildren(this.screen, form);
    (code ? nameInput : codeInput).focus();
  }

  private start(code: string, creds: TableCredentials | null, name: string): void {
    this.joinCode = code;
    this.creds = creds;
    this.tableName = name;
    this.mirror = emptyMirror();
    this.showNotice("");
    replaceChildren(this.screen, h("p", {}, "Connexion à l'atelier…"));
    const url = new URL(window.location.href);
    url.searchParams.set("code", code);
    window.history.replaceState(null, "", url);
    this.conn?.stop();
    this.conn = new Connection({
      url: defaultWebSocketUrl(),
      hello: () => this.hello(),
      outbox: new Outbox(this.store, `atelier.outbox.table.${code}`),
      handlers: {
        welcome: (w) => {
          if (w.token) {
            this.creds = { joinCode: code, workshopId: w.workshopId, tableToken: w.token, tableId: w.role?.tableId ?? 0 };
            this.credentials.save(this.creds);
          }
          this.mirror = applyWelcome(this.mirror, w, Date.now());
          this.render();
        },
        events: (batch) => {
          const phase = this.mirror.phase;
          applyBatch(this.mirror, batch);
          if (this.mirror.phase !== phase) this.announce(`Nouvelle phase : ${phaseNames[this.mirror.phase]}.`);
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
          if (command.kind.case === "setPoints") {
            for (const tp of command.kind.value.points) {
              if (this.pendingPoints.get(tp.targetId) === tp.points) this.pendingPoints.delete(tp.targetId);
            }
          }
          if (!outcome.accepted) this.rejected(outcome.rejection, command.kind.case === "postIdea" ? command.kind.value.text : "");
          this.render();
        },
        state: (s) => this.renderConnection(s),
        fatal: (error) => {
          if (error.code === "bad_token" || error.code === "unknown_workshop") this.credentials.forget(code);
          this.renderJoin(code, explainHelloError(error.code));
        },
      },
    });
    this.conn.start();
  }

  private hello(): HelloInit {
    if (this.creds) return { workshopId: this.creds.workshopId, tableToken: this.creds.tableToken };
    return { joinCode: this.joinCode, tableId: 0, tableName: this.tableName };
  }

  // ---- Commands ------------------------------------------------------------------------------

  private rejected(r: Rejection, text: string): void {
    this.showNotice(explainRejection(r, (id) => this.label(id)));
    // Give a refused idea's text back so that nothing typed is lost.
    const area = this.composer?.querySelector("textarea");
    if (text && area && !area.value) area.value = text;
    if (r.reason === RejectionReason.BUDGET_EXCEEDED || r.reason === RejectionReason.CAP_EXCEEDED) {
      this.pendingPoints.clear();
    }
  }

  private label(id: number): string {
    const c = this.mirror.clusters.get(id);
    const text = c ? c.title : this.mirror.ideas.get(id)?.text ?? `n° ${id}`;
    return `« ${text.length > 60 ? text.slice(0, 57) + "…" : text} »`;
  }

  private shownPoints(targetId: number): number {
    return this.pendingPoints.get(targetId) ?? myPoints(this.mirror).get(targetId) ?? 0;
  }

  private setPoints(target: Target, value: number): void {
    if (!this.conn || value < 0) return;
    this.showNotice("");
    this.pendingPoints.set(target.id, value);
    void this.conn.execute({ case: "setPoints", value: { points: [{ targetId: target.id, points: value }] } });
    this.render();
  }

  private requestHints = debounce((text: string) => {
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
    byId("bar").hidden = false;
    byId("question").textContent = m.config?.question ?? "";
    const table = m.tables.get(m.tableId);
    byId("table-name").textContent = table?.name ? `${table.name} (table ${m.tableId})` : `Table ${m.tableId}`;
    byId("phase").textContent = phaseNames[m.phase];
    byId("pending").textContent = this.conn && this.conn.pendingCount > 0
      ? `${this.conn.pendingCount} action${this.conn.pendingCount > 1 ? "s" : ""} en attente d'envoi` : "";
    this.renderTimer();

    const sections: Node[] = [];
    const composer = this.ensureComposer();
    switch (m.phase) {
      case Phase.SETUP:
        sections.push(h("p", { class: "card" }, "Bienvenue ! L'atelier va bientôt commencer : l'animateur lancera la première phase."));
        sections.push(this.ideaList(false));
        break;
      case Phase.DIVERGENCE:
        sections.push(composer, this.ideaList(true));
        break;
      case Phase.GROUPING:
        sections.push(h("p", { class: "card" }, "L'animateur regroupe les idées semblables. Le vote suivra."));
        sections.push(this.ideaList(false));
        break;
      case Phase.CONVERGENCE:
        sections.push(this.budgetBanner(), this.voteList());
        break;
      case Phase.CONCLUSION:
        sections.push(this.resultsView());
        break;
      case Phase.SCORING:
        sections.push(h("p", { class: "card" }, "Phase d'évaluation : la notation par participant arrive dans une prochaine version de la tablette."));
        break;
      default:
        break;
    }
    replaceChildren(this.screen, sections);
  }

  private renderTimer(): void {
    const left = timerRemainingMs(this.mirror, Date.now());
    const el = document.getElementById("timer");
    if (!el) return;
    el.textContent = left === null ? "" : `⏱ ${formatDuration(left)}${this.mirror.timer.paused ? " (en pause)" : ""}`;
  }

  private renderConnection(state: ConnectionState): void {
    const el = byId("connection");
    el.textContent = connectionLabels[state];
    el.className = `pill ${state}`;
  }

  private ensureComposer(): HTMLFormElement {
    if (this.composer) {
      const max = this.mirror.config?.maxIdeaLength || 500;
      this.composer.querySelector("textarea")?.setAttribute("maxlength", String(max));
      return this.composer;
    }
    const area = h("textarea", { id: "idea-text", rows: 3, maxlength: 500, "aria-describedby": "idea-help" });
    const hints = h("div", { id: "hints", "aria-live": "polite" });
    const form = h("form", { class: "card", "aria-labelledby": "compose-title" },
      h("h2", { id: "compose-title" }, "Proposer une idée"),
      h("div", { class: "field" },
        h("label", { for: "idea-text" }, "Votre idée"),
        area,
        h("p", { id: "idea-help", class: "hint-text" }, "Quelques mots ou une phrase. Toutes les tables voient les idées, sans savoir qui les a écrites."),
      ),
      hints,
      h("button", { type: "submit", class: "primary" }, "Publier l'idée"),
    );
    area.addEventListener("input", () => this.requestHints(area.value));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const text = area.value.trim();
      if (!text) {
        this.showNotice("L'idée est vide : écrivez quelques mots.");
        area.focus();
        return;
      }
      this.showNotice("");
      void this.conn?.execute({ case: "postIdea", value: { text } });
      area.value = "";
      this.hints = [];
      this.renderHints();
      this.announce("Idée envoyée.");
      area.focus();
    });
    this.composer = form;
    return form;
  }

  private renderHints(): void {
    const region = this.composer?.querySelector<HTMLElement>("#hints");
    if (!region) return;
    if (this.hints.length === 0) {
      replaceChildren(region);
      return;
    }
    replaceChildren(region, h("div", { class: "hints" },
      h("h3", {}, "Déjà proposé ?"),
      h("ul", {}, this.hints.slice(0, 3).map((s) => h("li", {}, s.text, h("span", { class: "hint-text" }, ` (ressemblance ${Math.round(s.similarity * 100)} %)`)))),
    ));
  }

  private ideaList(editable: boolean): HTMLElement {
    const list = targets(this.mirror).reverse(); // newest first
    if (list.length === 0) return h("p", { class: "hint-text" }, "Aucune idée pour l'instant.");
    return h("section", { "aria-labelledby": "ideas-title" },
      h("h2", { id: "ideas-title" }, `Les idées de toutes les tables (${this.mirror.ideas.size})`),
      h("ul", { class: "plain" }, list.map((t) => h("li", { class: t.own ? "card own" : "card" },
        t.isCluster ? this.clusterBody(t) : this.ideaBody(t, editable),
      ))),
    );
  }

  private clusterBody(t: Target): Node[] {
    return [
      h("span", { class: "tag" }, "Regroupement"),
      h("p", {}, h("strong", {}, t.text)),
      h("ul", { class: "members" }, t.ideas.map((i) => h("li", {}, i.text, i.own ? " (votre idée)" : ""))),
    ];
  }

  private ideaBody(t: Target, editable: boolean): Node[] {
    const idea = t.ideas[0];
    if (editable && idea.own && this.editing === idea.id) {
      const area = h("textarea", { id: `edit-${idea.id}`, rows: 3, value: idea.text, "data-key": `edit-area-${idea.id}` });
      const form = h("form", {},
        h("label", { for: `edit-${idea.id}` }, "Modifier notre idée"),
        area,
        h("div", { class: "row" },
          h("button", { type: "submit", class: "primary" }, "Enregistrer"),
          h("button", { type: "button", onclick: () => { this.editing = 0; this.render(); } }, "Annuler"),
        ),
      );
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        void this.conn?.execute({ case: "editIdea", value: { ideaId: idea.id, text: area.value.trim() } });
        this.editing = 0;
        this.render();
      });
      queueMicrotask(() => area.focus());
      return [form];
    }
    return [
      idea.own ? h("span", { class: "tag" }, "Notre idée") : null,
      h("p", {}, idea.text),
      editable && idea.own
        ? h("div", { class: "row" },
            h("button", { type: "button", "data-key": `edit-${idea.id}`, onclick: () => { this.editing = idea.id; this.render(); } }, "Modifier"),
            h("button", { type: "button", class: "danger", "data-key": `delete-${idea.id}`, onclick: () => {
              if (window.confirm("Supprimer cette idée ?")) void this.conn?.execute({ case: "deleteIdea", value: { ideaId: idea.id } });
            } }, "Supprimer"),
          )
        : null,
    ].filter((n): n is HTMLElement => n !== null);
  }

  private budgetBanner(): HTMLElement {
    const m = this.mirror;
    let spent = 0;
    const shown = new Map(myPoints(m));
    for (const [id, v] of this.pendingPoints) shown.set(id, v);
    for (const v of shown.values()) spent += v;
    const left = Math.max(0, budget(m) - spent);
    return h("p", { class: "budget", "aria-live": "polite" },
      `Il vous reste ${points(left)} sur ${budget(m)}`,
      h("span", { class: "hint-text" }, ` · au plus ${points(cap(m))} par idée`),
    );
  }

  private voteList(): HTMLElement {
    const m = this.mirror;
    const list = targets(m);
    return h("section", { "aria-labelledby": "vote-title" },
      h("h2", { id: "vote-title" }, "Répartissez vos points"),
      h("ul", { class: "plain" }, list.map((t) => {
        const value = this.shownPoints(t.id);
        const own = t.own && !selfVoteAllowed(m);
        const titleId = `target-${t.id}`;
        return h("li", { class: own ? "card own" : "card" },
          h("div", { class: "row" },
            h("div", { class: "grow", id: titleId },
              t.isCluster ? h("span", { class: "tag" }, "Regroupement") : null,
              h("p", {}, t.isCluster ? h("strong", {}, t.text) : t.text),
              t.isCluster ? h("ul", { class: "members" }, t.ideas.map((i) => h("li", {}, i.text))) : null,
            ),
            own
              ? h("p", { class: "hint-text" }, t.isCluster
                  ? "Ce regroupement contient une idée de votre table : vous ne votez pas pour lui."
                  : "Idée de votre table : vous ne votez pas pour vos propres idées.")
              : h("div", { class: "stepper", role: "group", "aria-labelledby": titleId },
                  h("button", { type: "button", "data-key": `minus-${t.id}`, "aria-label": "Retirer un point", disabled: value === 0,
                    onclick: () => this.setPoints(t, value - 1) }, "−"),
                  h("output", { "aria-live": "polite", "aria-label": "Points donnés" }, String(value)),
                  h("button", { type: "button", "data-key": `plus-${t.id}`, "aria-label": "Ajouter un point",
                    onclick: () => this.setPoints(t, value + 1) }, "+"),
                ),
          ),
        );
      })),
      h("p", { class: "hint-text" }, `Vous pouvez déplacer vos points jusqu'à la fin de la phase. Points restants selon le serveur : ${pointsLeft(m)}.`),
    );
  }

  private resultsView(): HTMLElement {
    const r = this.mirror.results;
    if (!this.mirror.resultsRevealed || !r || r.points.length === 0) {
      return h("p", { class: "card" }, "Merci pour votre participation ! Les résultats seront affichés par l'animateur.");
    }
    const max = Math.max(1, ...r.points.map((p) => p.points));
    return h("section", { "aria-labelledby": "results-title" },
      h("h2", { id: "results-title" }, "Résultats"),
      h("ol", { class: "plain" }, r.points.map((p) => h("li", { class: "hbar" },
        h("span", {}, p.text),
        h("span", { class: "fill", style: `width: ${(100 * p.points) / max}%`, "aria-hidden": "true" }),
        h("span", {}, points(p.points)),
      ))),
      r.participation ? h("p", { class: "hint-text" }, `${r.participation.tablesVoted} tables ont voté sur ${r.participation.tablesJoined}.`) : null,
    );
  }

  private showNotice(text: string): void {
    this.notice.textContent = text;
  }

  private announce(text: string): void {
    this.live.textContent = text;
  }
}
