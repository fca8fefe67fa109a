/**
 * Data for "ask this question" buttons (Telegram callback data, Discord custom ids), which
 * platforms limit in size. A question that fits travels in the data itself, so the button works
 * after a restart; a longer one is stored under a short hash, bounded, oldest forgotten first
 * (such a button, pressed after a restart, asks the user to type the question again).
 */
import { createHash } from "node:crypto";

export class QuestionKeys {
  private readonly byHash = new Map<string, string>();

  constructor(
    private readonly maxBytes: number,
    private readonly capacity = 5_000,
  ) {}

  keyFor(question: string): string {
    const inline = `q:${question}`;
    if (Buffer.byteLength(inline, "utf8") <= this.maxBytes) return inline;
    const hash = createHash("sha256").update(question).digest("base64url").slice(0, 16);
    this.byHash.delete(hash);
    this.byHash.set(hash, question);
    if (this.byHash.size > this.capacity) this.byHash.delete(this.byHash.keys().next().value!);
    return `h:${hash}`;
  }

  /** The question a button carries; undefined for data we did not make or no longer remember. */
  questionFor(data: string): string | undefined {
    if (data.startsWith("q:")) return data.slice(2);
    if (data.startsWith("h:")) return this.byHash.get(data.slice(2));
    return undefined;
  }
}
