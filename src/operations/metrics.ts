/**
 * What an operator graphs and alerts on, in Prometheus's format (prom-client): questions by
 * platform, kind and language; how long answering and handling an update take; flood drops;
 * handler errors; knowledge reloads; lost platform connections. Plus Node's own process metrics.
 * One registry per process: each instance (or shard process) is scraped on its own port.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { AdapterObserver, Platform } from "../adapters/shared/running-adapter.js";

export interface BotMetrics extends AdapterObserver {
  readonly registry: Registry;
  question(platform: Platform, kind: string, language: string, answerMs: number): void;
  knowledgeReloaded(ok: boolean): void;
}

/** Core answers take tens of microseconds; the buckets reach far enough to show a regression. */
const ANSWER_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1];
/** Handling an update includes sending the reply to the platform: network round trips. */
const UPDATE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** `platforms`: the names in `PLATFORMS` (src/main.ts), each given zero-valued series from the start. */
export function createMetrics(platforms: readonly Platform[]): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const questions = new Counter({ name: "bot_questions_total", help: "Questions answered, by platform, kind (answer, smalltalk, fallback) and language", labelNames: ["platform", "kind", "language"], registers: [registry] });
  const answerSeconds = new Histogram({ name: "bot_answer_duration_seconds", help: "Time the core took to answer a question", labelNames: ["platform"], buckets: ANSWER_BUCKETS, registers: [registry] });
  const updateSeconds = new Histogram({ name: "bot_update_duration_seconds", help: "Time from receiving an update or interaction to having replied", labelNames: ["platform"], buckets: UPDATE_BUCKETS, registers: [registry] });
  const rateLimited = new Counter({ name: "bot_rate_limited_total", help: "Messages not answered because their user was flooding", labelNames: ["platform"], registers: [registry] });
  const handlerErrors = new Counter({ name: "bot_handler_errors_total", help: "Updates or interactions whose handler failed (the user got an apology)", labelNames: ["platform"], registers: [registry] });
  const reconnects = new Counter({ name: "bot_reconnects_total", help: "Platform connections lost and retried: Discord gateway shards, Telegram long polling", labelNames: ["platform"], registers: [registry] });
  const reloads = new Counter({ name: "bot_knowledge_reloads_total", help: "Knowledge reloads that put new knowledge in service", registers: [registry] });
  const failedReloads = new Counter({ name: "bot_knowledge_reload_failures_total", help: "Knowledge reloads refused (invalid data); the previous knowledge kept serving", registers: [registry] });
  // Zero-valued series exist from the start, so a rate() over them is defined before the first event.
  for (const platform of platforms) {
    for (const counter of [rateLimited, handlerErrors, reconnects]) counter.inc({ platform }, 0);
  }

  return {
    registry,
    question(platform, kind, language, answerMs) {
      questions.inc({ platform, kind, language });
      answerSeconds.observe({ platform }, answerMs / 1000);
    },
    handled: (platform, ms) => updateSeconds.observe({ platform }, ms / 1000),
    rateLimited: (platform) => rateLimited.inc({ platform }),
    failed: (platform) => handlerErrors.inc({ platform }),
    reconnecting: (platform) => reconnects.inc({ platform }),
    knowledgeReloaded: (ok) => (ok ? reloads : failedReloads).inc(),
  };
}
