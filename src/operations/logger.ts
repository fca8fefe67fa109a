/**
 * Structured logs (pino) on standard error: readable lines in a terminal, JSON lines otherwise
 * (for a log collector). Every line passes through a filter that blanks the configured secrets,
 * so a token quoted by a library's error message never reaches the output.
 */
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";
import pretty from "pino-pretty";
import { redact } from "./redact.js";

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Human-readable lines; by default when standard error is a terminal. */
  pretty?: boolean;
  secrets: readonly string[];
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const out = options.destination ?? process.stderr;
  const redacting = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      out.write(redact(String(chunk), options.secrets));
      done();
    },
  });
  const usePretty = options.pretty ?? Boolean((out as NodeJS.WriteStream).isTTY);
  const stream = usePretty ? pretty({ destination: redacting, sync: true, colorize: Boolean((out as NodeJS.WriteStream).isTTY), translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" }) : redacting;
  return pino({ level: options.level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, stream);
}

