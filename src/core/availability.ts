/**
 * What the availability facts say about a service in a region, as a dated history. A region's
 * own facts and the worldwide ("*") facts that do not exclude it are merged by date, and the
 * latest is the current status; a region no fact covers is "unknown", never a guess.
 */
import { EUROPEAN_COUNTRIES } from "./countries.js";
import type { AvailabilityFact, AvailabilityStatus, Knowledge } from "./schema.js";

/** "2021" sorts before "2021-10", which sorts before "2021-10-14": a year is its earliest moment. */
export const compareDates = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface Timeline {
  service: string;
  region: string;
  status: AvailabilityStatus;
  /** Oldest first; empty when no fact covers the region. */
  facts: AvailabilityFact[];
}

export class AvailabilityBook {
  private readonly byService = new Map<string, AvailabilityFact[]>();

  constructor(facts: Knowledge["availability"]) {
    for (const fact of facts) {
      const list = this.byService.get(fact.service) ?? [];
      list.push(fact);
      this.byService.set(fact.service, list);
    }
    for (const list of this.byService.values()) list.sort((a, b) => compareDates(a.date, b.date));
  }

  factsOf(service: string): readonly AvailabilityFact[] {
    return this.byService.get(service) ?? [];
  }

  /**
   * @param untilYear only the facts dated that year or before ("e nel 2020?"): the status then. When
   *   none is that old, the whole timeline, whose dates show it.
   */
  timeline(service: string, region: string, untilYear?: number): Timeline {
    const whole = this.wholeTimeline(service, region);
    if (untilYear === undefined) return whole;
    const facts = whole.facts.filter((fact) => Number(fact.date.slice(0, 4)) <= untilYear);
    if (facts.length === 0 || facts.length === whole.facts.length) return whole;
    return { service, region, status: facts.at(-1)!.status, facts };
  }

  private wholeTimeline(service: string, region: string): Timeline {
    const facts = this.factsOf(service).filter(
      (fact) => fact.region === region || (fact.region === "*" && !(fact.except ?? []).includes(region)),
    );
    // "Not in Europe" holds for each European country with no fact of its own; "in some of Europe" says
    // nothing about one in particular, so only an unavailable Europe-wide status is passed down.
    if (facts.length === 0 && EUROPEAN_COUNTRIES.has(region)) {
      const europe = this.factsOf(service).filter((fact) => fact.region === "EU").at(-1);
      if (europe?.status === "unavailable") facts.push(europe);
    }
    // On the same date a region's own fact is more specific than a worldwide one, so it goes last (current).
    facts.sort((a, b) => compareDates(a.date, b.date) || Number(a.region !== "*") - Number(b.region !== "*"));
    const current = facts.at(-1);
    return { service, region, status: current ? current.status : "unknown", facts };
  }

  /** Every place with a fact for the service (regions and "*" scopes), each with its latest fact. */
  latestPerPlace(service: string): AvailabilityFact[] {
    const latest = new Map<string, AvailabilityFact>();
    for (const fact of this.factsOf(service)) {
      const place = fact.region === "*" ? `*${(fact.except ?? []).join(",")}` : fact.region;
      latest.set(place, fact); // facts are sorted oldest first, so the last one wins
    }
    return [...latest.values()];
  }
}
