// What the animateur takes away from a workshop, all made by the server from the log: the
// synthesis to print (opened in a new tab), the raw data (CSV per kind, or all as JSON) and the
// archive. Every request carries the animateur token in its Authorization header.
//
// Built once and never re-rendered (only which raw-data buttons show changes), so that a live
// update of the results never replaces a button under the pointer.
import { t } from "../i18n/console";
import { lang } from "../i18n/lang";
import { h } from "../ui/dom";
import type { ConsoleContext } from "./context";
import { dispositionFileName, fetchAsAnimateur, saveBlob } from "./download";

type RawKind = "points" | "scores" | "ideas" | "phases";

export class ExportsPanel {
  readonly element: HTMLElement;
  private readonly points: HTMLButtonElement;
  private readonly scores: HTMLButtonElement;

  constructor(
    private readonly ctx: ConsoleContext,
    private readonly workshopId: string,
    private readonly token: string,
  ) {
    const raw = (kind: RawKind, label: string) =>
      h("button", { type: "button", id: `raw-${kind}`, "data-key": `raw-${kind}`, onclick: () => void this.download(`data.csv?table=${kind}`, `${kind}.csv`) }, label);
    this.points = raw("points", t.exports.pointsCsv);
    this.scores = raw("scores", t.exports.scoresCsv);
    this.element = h("div", { class: "exports", id: "console-exports", role: "group", "aria-labelledby": "exports-title" },
      h("h3", { id: "exports-title", tabindex: -1 }, t.exports.title),
      h("div", { class: "row" },
        h("button", { type: "button", class: "primary", id: "open-synthesis", "data-key": "open-synthesis", "aria-describedby": "synthesis-help", onclick: () => void this.openSynthesis() }, t.exports.synthesis),
        h("button", { type: "button", id: "download-archive", "data-key": "download-archive", "aria-describedby": "archive-help", onclick: () => void this.download("archive", "atelier-archive") }, t.exports.archive),
      ),
      h("p", { id: "synthesis-help", class: "hint-text" }, t.exports.synthesisHelp),
      h("p", { id: "archive-help", class: "hint-text" }, t.exports.archiveHelp),
      h("div", { class: "row raw-data", role: "group", "aria-labelledby": "raw-title" },
        h("span", { id: "raw-title", class: "raw-title" }, t.exports.rawData),
        this.points,
        this.scores,
        raw("ideas", t.exports.ideasCsv),
        raw("phases", t.exports.phasesCsv),
        h("button", { type: "button", id: "raw-json", "data-key": "raw-json", onclick: () => void this.download("data.json", "data.json") }, t.exports.allJson),
      ),
    );
  }

  /** Shows the points CSV where the agenda votes, the scores CSV where it scores (both: both). */
  render(votes: boolean, scores: boolean): void {
    this.points.hidden = !votes;
    this.scores.hidden = !scores;
  }

  private path(what: string): string {
    return `/api/workshops/${encodeURIComponent(this.workshopId)}/${what}`;
  }

  /**
   * The tab is opened at the click (a tab opened after the fetch would be a blocked pop-up), then
   * shown the synthesis from a Blob: the token never goes in an address. The document carries its
   * own policy forbidding scripts, so the tab runs none; the browser prints it (Ctrl+P, or
   * "Enregistrer au format PDF"). Without a tab (blocked anyway) the file is saved instead.
   */
  private async openSynthesis(): Promise<void> {
    const tab = window.open("", "_blank");
    if (tab) {
      tab.opener = null;
      tab.document.title = t.exports.preparing;
      tab.document.body.textContent = t.exports.preparing;
    }
    try {
      const res = await fetchAsAnimateur(this.path(`synthesis?lang=${lang}`), this.token);
      const name = dispositionFileName(res.headers.get("Content-Disposition"), "synthese.html");
      const blob = new Blob([await res.arrayBuffer()], { type: "text/html;charset=utf-8" });
      if (!tab || tab.closed) {
        saveBlob(name, blob);
        this.ctx.notify(t.exports.savedInstead);
        return;
      }
      const url = URL.createObjectURL(blob);
      tab.location.replace(url);
      setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
    } catch (e) {
      tab?.close();
      this.ctx.notify(t.results.downloadFailed(e instanceof Error ? e.message : String(e)));
    }
  }

  private async download(what: string, fallbackName: string): Promise<void> {
    try {
      const res = await fetchAsAnimateur(this.path(what), this.token);
      saveBlob(dispositionFileName(res.headers.get("Content-Disposition"), fallbackName), await res.blob());
    } catch (e) {
      this.ctx.notify(t.results.downloadFailed(e instanceof Error ? e.message : String(e)));
    }
  }
}
