/**
 * How old the knowledge is: pure date arithmetic on source dates, shared by validation (a text
 * whose sources are old must say when it was true) and by `check-data --stale`.
 */
import type { Knowledge } from "../core/schema.js";

/** Three years: past this, a source's present tense can no longer be taken as today's. */
export const STALE_AFTER_MONTHS = 36;

/**
 * Months from `from` to `to` (dates as YYYY, YYYY-MM or YYYY-MM-DD). A date given only to the
 * year or month counts from its earliest moment, so an imprecise source never looks fresher
 * than it may be.
 */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm = "1"] = from.split("-");
  const [ty, tm = "1"] = to.split("-");
  return (Number(ty) - Number(fy)) * 12 + (Number(tm) - Number(fm));
}

export function newestDate(dates: readonly string[]): string | undefined {
  let newest: string | undefined;
  for (const date of dates) if (newest === undefined || date > newest) newest = date;
  return newest;
}

const refs = (ref: string | string[]): string[] => (Array.isArray(ref) ? ref : [ref]);

/** The newest publication date among the sources an item cites. */
export function newestSourceDate(ref: string | string[], sourceDates: ReadonlyMap<string, string>): string | undefined {
  return newestDate(refs(ref).flatMap((id) => sourceDates.get(id) ?? []));
}

/**
 * A year, or words that place a claim in time or attribute it ("as of", "according to",
 * "secondo", "nel 2018" contains a year). A text carrying one is not a bare present tense.
 */
const DATED = /\b(1[89]|20)\d{2}\b|\bas of\b|\baccording to\b|\bsecondo\b|\baggiornat[oa] a/i;

export function isDated(text: string): boolean {
  return DATED.test(text);
}

export interface StaleTopic {
  /** FAQ entry id. */
  topic: string;
  service: string;
  newestSource: string;
  months: number;
}

/** FAQ topics whose newest source is more than three years older than `today` (YYYY-MM-DD). */
export function staleTopics(knowledge: Pick<Knowledge, "faq" | "sources">, today: string): StaleTopic[] {
  const sourceDates = new Map(knowledge.sources.map((source) => [source.id, source.date]));
  const stale: StaleTopic[] = [];
  for (const entry of knowledge.faq) {
    const newestSource = newestSourceDate(entry.source, sourceDates);
    if (newestSource === undefined) continue;
    const months = monthsBetween(newestSource, today);
    if (months > STALE_AFTER_MONTHS) stale.push({ topic: entry.id, service: entry.service, newestSource, months });
  }
  return stale.sort((a, b) => b.months - a.months || a.topic.localeCompare(b.topic));
}

export function formatStaleTopics(stale: readonly StaleTopic[]): string[] {
  return stale.map((t) => `${t.topic.padEnd(28)} ${t.service.padEnd(9)} newest source ${t.newestSource} (${Math.floor(t.months / 12)} years ${t.months % 12} months)`);
}
