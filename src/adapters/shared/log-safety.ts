/** How the adapters put errors into log lines: one line, never a secret. */
import { redact } from "../../operations/redact.js";
import type { AdapterContext } from "./running-adapter.js";

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Network errors quote request URLs, which can hold the token: every line is filtered. */
export function redactingLog(log: AdapterContext["log"], secrets: ReadonlyArray<string | undefined>): AdapterContext["log"] {
  return (level, text) => log(level, redact(text, secrets));
}
