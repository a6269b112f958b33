// Saving a file from the page: a Blob behind a temporary link with a download attribute.
export function saveFile(name: string, content: string, type: string): void {
  saveBlob(name, new Blob([content], { type }));
}

/** GET /api/workshops/{id}/results with the animateur's token; the server's JSON, as text. */
export async function fetchResultsJson(workshopId: string, token: string): Promise<string> {
  const res = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/results`, {
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
  });
  const text = await res.text();
  if (!res.ok) {
    let detail = `HTTP ${res.status}`;
    try {
      const body = JSON.parse(text) as { code?: string; message?: string };
      if (body.message) detail = `${body.message} (${body.code ?? res.status})`;
    } catch {
      // not JSON: the status says enough
    }
    throw new Error(detail);
  }
  return text;
}

/** A file name safe on every system: stem, workshop id, date. */
export function fileName(stem: string, workshopId: string, ext: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  const id = workshopId.replace(/[^A-Za-z0-9_-]/g, "");
  return `${stem}-${id}-${day}.${ext}`;
}

/** Saves a Blob as a file (the archive, the server's CSV and JSON: bytes as the server sent them). */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * GET an animateur-only document (synthesis, raw data, archive) with the token in the
 * Authorization header, never in the address (addresses end up in histories and server logs).
 * Throws an Error with the server's message when it refuses.
 */
export async function fetchAsAnimateur(path: string, token: string): Promise<Response> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` }, cache: "no-store" });
  if (!res.ok) {
    let detail = `HTTP ${res.status}`;
    try {
      const body = (await res.json()) as { code?: string; message?: string };
      if (body.message) detail = `${body.message} (${body.code ?? res.status})`;
    } catch {
      // not JSON: the status says enough
    }
    throw new Error(detail);
  }
  return res;
}

/** The file name of a Content-Disposition header (filename="..."), or the fallback. */
export function dispositionFileName(header: string | null, fallback: string): string {
  const match = header ? /filename="([^"]+)"/.exec(header) : null;
  const name = match ? match[1].replace(/[^A-Za-z0-9._-]/g, "") : "";
  return name || fallback;
}
