import type { Answer, Assistant } from "../../core/index.js";
import type { SharedState } from "../../operations/shared-state.js";
import type { ContextStore } from "./context-store.js";

/**
 * A platform's name, as its entry in `PLATFORMS` (src/main.ts) declares it (`PlatformName` there
 * is the union of the names). The shared layer, metrics and insights serve any name.
 */
export type Platform = string;

/** What a started platform adapter gives back to the composition root. */
export interface RunningAdapter {
  name: string;
  /** True while the adapter can receive updates: gateway shards ready, polling working, webhook served. */
  connected(): boolean;
  /** Stops receiving, finishes or drops what is in flight, closes connections; resolves within seconds. */
  stop(reason: string): Promise<void>;
}

export interface AnswerEvent {
  platform: Platform;
  /** The platform's user id: hashed before it is logged or stored. */
  userId: string;
  answer: Answer;
  latencyMs: number;
}

export interface AdapterContext {
  assistant: Assistant;
  /** One line per event, never a token. */
  log: (level: "info" | "warn" | "error", message: string) => void;
  /**
   * Told of every answered question (logs, insights). Returns the id users can vote on the answer
   * under, or undefined when votes are not recorded (then no vote buttons are shown).
   */
  answered?(event: AnswerEvent): string | undefined;
  /** A user's thumbs up (1) or down (-1) on an answer; false when it could not be recorded. */
  voted?(event: { platform: AnswerEvent["platform"]; userId: string; answerId: string; vote: 1 | -1 }): boolean | Promise<boolean>;
  /** Flood buckets and button keys shared with other instances (Redis); absent, in this process's memory. */
  state?: SharedState;
  /** What each conversation's last turn left; absent, a store in this process's memory. */
  contexts?: ContextStore;
  /** Told of what operators count (metrics); absent, nothing is counted. */
  observer?: AdapterObserver;
}

/** Events an operator counts, reported by the adapters without knowing how they are counted. */
export interface AdapterObserver {
  /** An update or interaction was handled, reply included, in `ms`. */
  handled(platform: Platform, ms: number): void;
  /** A message was not answered because its user was flooding (the notice included). */
  rateLimited(platform: Platform): void;
  /** A handler failed and the user got an apology. */
  failed(platform: Platform): void;
  /** The connection to the platform was lost and is being re-established. */
  reconnecting(platform: Platform): void;
}

/** Button data for a vote: short and self-describing, under every platform's limit. */
export const voteKey = (answerId: string, vote: 1 | -1) => `v:${vote > 0 ? "+" : "-"}:${answerId}`;

export function parseVoteKey(data: string): { answerId: string; vote: 1 | -1 } | undefined {
  const match = /^v:([+-]):([\w-]{1,40})$/.exec(data);
  return match ? { answerId: match[2]!, vote: match[1] === "+" ? 1 : -1 } : undefined;
}
