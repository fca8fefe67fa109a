/**
 * Data for "ask this question" buttons (Telegram callback data, Discord custom ids), which
 * platforms limit in size. A question that fits travels in the data itself, so the button works
 * after a restart; a longer one is stored under a short hash, bounded, oldest forgotten first
 * (such a button, pressed after a restart, asks the user to type the question again). With a
 * shared store (Redis, when several instances run), the hash is also written there, so a button
 * made by one instance works when another receives the press, and across restarts.
 */
import { createHash } from "node:crypto";
import type { KeyValueStore } from "../../operations/shared-state.js";

/** How long a shared long key lives: buttons are pressed within minutes, rarely days later. */
export const SHARED_KEY_TTL_MS = 7 * 86_400_000;

export class QuestionKeys {
  private readonly byHash = new Map<string, string>();

  constructor(
    private readonly maxBytes: number,
    private readonly capacity = 5_000,
    private readonly shared?: KeyValueStore,
  ) {}

  keyFor(question: string): string {
    const inline = `q:${question}`;
    if (Buffer.byteLength(inline, "utf8") <= this.maxBytes) return inline;
    const hash = createHash("sha256").update(question).digest("base64url").slice(0, 16);
    this.byHash.delete(hash);
    this.byHash.set(hash, question);
    if (this.byHash.size > this.capacity) this.byHash.delete(this.byHash.keys().next().value!);
    // Written behind: rendering stays synchronous, and a press comes seconds after the reply,
    // long after this sub-millisecond write. A store that cannot be reached keeps nothing.
    void this.shared?.set(hash, question, SHARED_KEY_TTL_MS);
    return `h:${hash}`;
  }

  /** The question a button carries, from this process's memory; undefined for data we did not make or no longer remember. */
  questionFor(data: string): string | undefined {
    if (data.startsWith("q:")) return data.slice(2);
    if (data.startsWith("h:")) return this.byHash.get(data.slice(2));
    return undefined;
  }

  /** As `questionFor`, then asking the shared store for a long key another instance made. */
  async resolve(data: string): Promise<string | undefined> {
    const local = this.questionFor(data);
    if (local !== undefined || !this.shared || !data.startsWith("h:")) return local;
    return this.shared.get(data.slice(2));
  }
}
