// Deleting the workshop from the console: a card with one button that opens a confirmation
// dialog. The dialog offers the archive first (GET /api/workshops/{id}/archive with the
// animateur's token, saved as a file), then asks for a typed confirmation before
// DELETE /api/workshops/{id}. On success the app is told (onDeleted); the server meanwhile
// closes every connection of the workshop with "workshop_deleted".
import { t } from "../i18n/console";
import { h } from "../ui/dom";

/** What the server said when a request failed: its problem's message, or the HTTP status. */
async function problem(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { code?: string; message?: string };
    if (body.message) return `${body.message} (HTTP ${res.status})`;
  } catch {
    // not JSON
  }
  return `HTTP ${res.status}`;
}

/** The archive's file name from Content-Disposition, or a fallback. */
export function archiveFileName(disposition: string | null, workshopId: string): string {
  const match = /filename="([A-Za-z0-9_.-]+)"/.exec(disposition ?? "");
  return match ? match[1] : `atelier-${workshopId.replace(/[^A-Za-z0-9_-]/g, "")}.atelier-archive`;
}

/** Whether the typed text confirms the deletion (the word, case and spaces aside). */
export function confirms(typed: string, word: string): boolean {
  return typed.trim().toLocaleUpperCase() === word.toLocaleUpperCase();
}

export class DeletePanel {
  readonly element: HTMLElement;
  private readonly dialog: HTMLDialogElement;
  private readonly input: HTMLInputElement;
  private readonly confirmButton: HTMLButtonElement;
  private readonly archiveButton: HTMLButtonElement;
  private readonly message: HTMLElement;
  private busy = false;

  constructor(
    private readonly workshopId: string,
    private readonly token: string,
    private readonly onDeleted: () => void,
  ) {
    const path = `/api/workshops/${encodeURIComponent(workshopId)}`;
    this.input = h("input", {
      id: "delete-confirm", type: "text", autocomplete: "off", spellcheck: "false",
      "aria-describedby": "delete-what", oninput: () => this.sync(),
    });
    this.message = h("p", { class: "delete-message", role: "alert" });
    this.archiveButton = h("button", { type: "button", class: "button", "data-testid": "delete-archive",
      onclick: () => void this.downloadArchive(`${path}/archive`) }, t.deletion.downloadArchive);
    this.confirmButton = h("button", { type: "button", class: "button danger", disabled: true, "data-testid": "delete-confirm-button",
      onclick: () => void this.delete(path) }, t.deletion.confirm);
    this.dialog = h("dialog", { class: "delete-dialog", "aria-labelledby": "delete-title" },
      h("h2", { id: "delete-title" }, t.deletion.dialogTitle),
      h("p", { id: "delete-what" }, t.deletion.what),
      h("div", { class: "delete-archive" }, h("p", {}, t.deletion.archiveFirst), this.archiveButton),
      h("label", { for: "delete-confirm" }, t.deletion.confirmLabel),
      this.input,
      this.message,
      h("div", { class: "delete-actions" },
        h("button", { type: "button", class: "button", onclick: () => this.close() }, t.deletion.cancel),
        this.confirmButton,
      ),
    ) as HTMLDialogElement;
    this.element = h("section", { class: "card delete", id: "console-delete", "aria-labelledby": "delete-card-title" },
      h("h2", { id: "delete-card-title", tabindex: -1 }, t.deletion.title),
      h("p", {}, t.deletion.intro),
      h("button", { type: "button", class: "button danger", "data-testid": "delete-open", onclick: () => this.open() }, t.deletion.open),
      this.dialog,
    );
  }

  private open(): void {
    this.input.value = "";
    this.message.textContent = "";
    this.sync();
    this.dialog.showModal();
    this.archiveButton.focus();
  }

  private close(): void {
    if (!this.busy) this.dialog.close();
  }

  private sync(): void {
    this.confirmButton.disabled = this.busy || !confirms(this.input.value, t.deletion.confirmWord);
  }

  private async downloadArchive(url: string): Promise<void> {
    this.message.textContent = "";
    try {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${this.token}` } });
      if (!res.ok) throw new Error(await problem(res));
      const blob = await res.blob();
      const link = h("a", { href: URL.createObjectURL(blob), download: archiveFileName(res.headers.get("Content-Disposition"), this.workshopId), hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      this.message.textContent = t.deletion.archiveSaved;
    } catch (e) {
      this.message.textContent = t.deletion.archiveFailed(e instanceof Error ? e.message : String(e));
    }
  }

  private async delete(path: string): Promise<void> {
    if (this.busy || !confirms(this.input.value, t.deletion.confirmWord)) return;
    this.busy = true;
    this.sync();
    this.message.textContent = t.deletion.deleting;
    try {
      const res = await fetch(path, { method: "DELETE", headers: { Authorization: `Bearer ${this.token}` } });
      if (res.status !== 204) throw new Error(await problem(res));
      this.busy = false;
      this.dialog.close();
      this.onDeleted();
    } catch (e) {
      this.busy = false;
      this.sync();
      this.message.textContent = t.deletion.failed(e instanceof Error ? e.message : String(e));
    }
  }
}
