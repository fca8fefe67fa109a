import type { Assistant } from "../../core/index.js";

/** What a started platform adapter gives back to the composition root. */
export interface RunningAdapter {
  name: string;
  /** Stops receiving, finishes or drops what is in flight, closes connections; resolves within seconds. */
  stop(reason: string): Promise<void>;
}

export interface AdapterContext {
  assistant: Assistant;
  /** Structured enough for now: one line per event, never a token. */
  log: (level: "info" | "warn" | "error", message: string) => void;
}
