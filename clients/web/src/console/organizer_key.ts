// The organizer key (README, "Organizer keys"): a server with --organizer-keys creates a
// workshop only for a key of its file, sent as "Authorization: Bearer KEY". The console asks
// for it once, when the server answers 401, remembers it in this browser (localStorage) and
// sends it with every creation; a key the server no longer takes (revoked, mistyped) is
// forgotten and asked again. A server without keys never answers 401: nothing is asked.
//
// No DOM here (the form asks through `ask`), so that the flow is unit-tested.

/** Where the key is kept. */
export interface KeyStore {
  get(): string | null;
  set(key: string): void;
  clear(): void;
}

const kStorageKey = "atelier.organizerKey";

/** The key in the browser's localStorage (or any Storage-like object). */
export function storageKeyStore(storage: Pick<Storage, "getItem" | "setItem" | "removeItem">): KeyStore {
  return {
    get: () => {
      try {
        return storage.getItem(kStorageKey);
      } catch {
        return null; // storage disabled: asked each time
      }
    },
    set: (key) => {
      try {
        storage.setItem(kStorageKey, key);
      } catch {
        // not kept; still sent this once
      }
    },
    clear: () => {
      try {
        storage.removeItem(kStorageKey);
      } catch {
        // nothing kept anyway
      }
    },
  };
}

/** Why the key is asked: none was kept, or the server refused the one kept or typed. */
export type AskReason = "required" | "rejected";

/** The least of a fetch Response that the flow reads. */
export interface Answer {
  status: number;
}

/**
 * Posts with the kept key, if any; on 401 forgets it, asks for one (ask resolves with the key,
 * or null when the person gives up) and posts again with it, keeping it. Resolves with the
 * last answer: a success, another refusal, or the 401 the person gave up on.
 */
export async function postWithOrganizerKey<A extends Answer>(
  post: (headers: Record<string, string>) => Promise<A>,
  keys: KeyStore,
  ask: (reason: AskReason) => Promise<string | null>,
): Promise<A> {
  let key = keys.get();
  for (;;) {
    const answer = await post(key ? { Authorization: `Bearer ${key}` } : {});
    if (answer.status !== 401) {
      if (key) keys.set(key);
      return answer;
    }
    const reason: AskReason = key ? "rejected" : "required";
    if (key) keys.clear();
    const typed = (await ask(reason))?.trim() ?? "";
    if (!typed) return answer;
    key = typed;
  }
}
