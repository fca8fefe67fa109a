/**
 * Turns what was matched into the words of an Answer, in Italian or English, always with the
 * sources and the date the facts are true as of. Platform-free plain text: adapters decide how
 * it looks (embed, HTML, terminal).
 */
import { countryName, EU_MEMBERS } from "./countries.js";
import { compareDates, type AvailabilityBook, type Timeline } from "./availability.js";
import { COMPANY_SERVICE_ID } from "./entities.js";
import { LANGUAGE_PACKS, perLanguage, type ComposerTexts, type DateMeaning } from "./languages/index.js";
import type {
  AvailabilityAnswer,
  AvailabilityFact,
  AvailabilityStatus,
  CitedSource,
  FaqEntry,
  Knowledge,
  Language,
  Service,
  SmalltalkEntry,
} from "./schema.js";

export interface Reply {
  body: string;
  sources: CitedSource[];
  asOf: string | null;
  availability?: AvailabilityAnswer;
}

export const STATUS_WORDS: Record<Language, Readonly<Record<AvailabilityStatus, string>>> = perLanguage((language) => LANGUAGE_PACKS[language].statusWords);

/** "2021" → "2021", "2021-10" → "ottobre 2021", "2022-10-25" → "25 ottobre 2022". */
export function formatDate(date: string, language: Language): string {
  const [year, month, day] = date.split("-");
  if (!month) return year!;
  const monthName = LANGUAGE_PACKS[language].months[Number(month) - 1]!;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

/** "since October 2021", "as of 2020"; Italian picks the preposition a date of that precision takes. */
export function formatDateWithMeaning(date: string, meaning: DateMeaning, language: Language): string {
  return LANGUAGE_PACKS[language].dateWithMeaning(formatDate(date, language), date.split("-").length, meaning);
}

const TEXTS: Record<Language, ComposerTexts> = perLanguage((language) => LANGUAGE_PACKS[language].texts);

export class Composer {
  private readonly sources: Map<string, Knowledge["sources"][number]>;
  private readonly services: Map<string, Service>;

  /**
   * @param today the date answers are given on (YYYY-MM-DD): an answer resting on an old source
   *   says how old it is, so a 2022 fact is never read as today's.
   */
  constructor(
    private readonly knowledge: Knowledge,
    private readonly book: AvailabilityBook,
    private readonly today: string,
    /** From this age on, a source's age is said beside its date. */
    private readonly oldSourceYears: number,
  ) {
    this.sources = new Map(knowledge.sources.map((source) => [source.id, source]));
    this.services = new Map(knowledge.services.map((service) => [service.id, service]));
  }

  serviceName(id: string): string {
    return this.services.get(id)?.name ?? id;
  }

  regionName(code: string, language: Language): string {
    if (code === "EU") return TEXTS[language].europe;
    // ICU's display names cost a microsecond a call; suggestions name the region each time.
    const key = `${code} ${language}`;
    let name = this.regionNames.get(key);
    if (name === undefined) this.regionNames.set(key, (name = countryName(code, language)));
    return name;
  }

  /** Bounded by the world's region codes and the languages. */
  private readonly regionNames = new Map<string, string>();

  faq(entry: FaqEntry, language: Language): Reply {
    return this.withSources(entry.answer[language], [entry.source], entry.date, language);
  }

  smalltalk(entry: SmalltalkEntry, language: Language): Reply {
    return { body: entry.answer[language], sources: [], asOf: null };
  }

  /** @param untilYear a past year asked about ("e nel 2020?"): the status then, from the facts up to it. */
  serviceInRegion(service: string, region: string, language: Language, untilYear?: number): Reply {
    const timeline = this.book.timeline(service, region, untilYear);
    const availability = this.availabilityOf(timeline, language);
    const name = this.serviceName(service);
    const regionName = this.regionName(region, language);
    if (timeline.facts.length === 0) {
      const known = this.book.latestPerPlace(service);
      const lines = [TEXTS[language].unknownIn(name, regionName)];
      // For a European country, what is known in Europe comes first: the nearest useful answer.
      const nearby = EU_MEMBERS.has(region) ? known.filter((fact) => fact.region === "EU" || EU_MEMBERS.has(fact.region)) : [];
      const elsewhere = known.filter((fact) => !nearby.includes(fact));
      const describe = (facts: AvailabilityFact[]) => facts.map((fact) => `${this.placeName(fact, language)} (${STATUS_WORDS[language][fact.status]})`).join(", ");
      if (nearby.length > 0) lines.push(`${TEXTS[language].knownInEurope}: ${describe(nearby)}.`);
      if (elsewhere.length > 0) lines.push(`${nearby.length > 0 ? TEXTS[language].knownElsewhere : TEXTS[language].knownPlaces}: ${describe(elsewhere)}.`);
      return { ...this.withSources(lines.join("\n"), known.map((f) => f.source), latestDate(known), language), availability };
    }
    const [current, ...earlierNewestFirst] = [...timeline.facts].reverse();
    const lines = [
      `${name} – ${regionName}: ${STATUS_WORDS[language][current!.status]}, ${formatDateWithMeaning(current!.date, current!.dateMeaning, language)}.`,
      current!.note[language],
    ];
    if (earlierNewestFirst.length > 0) {
      lines.push(`${TEXTS[language].history}:`);
      for (const fact of earlierNewestFirst) {
        lines.push(`• ${formatDateWithMeaning(fact.date, fact.dateMeaning, language)}: ${STATUS_WORDS[language][fact.status]} – ${fact.note[language]}`);
      }
    }
    return { ...this.withSources(lines.join("\n"), timeline.facts.map((f) => f.source), current!.date, language), availability };
  }

  serviceWhere(service: string, language: Language): Reply {
    const latest = this.book.latestPerPlace(service);
    const name = this.serviceName(service);
    if (latest.length === 0) return this.withSources(TEXTS[language].noFacts(name), [], null, language);
    const order: AvailabilityStatus[] = ["available", "partial", "unavailable", "unknown"];
    const lines = [TEXTS[language].where(name)];
    for (const status of order) {
      const facts = latest.filter((fact) => fact.status === status);
      if (facts.length === 0) continue;
      const places = facts.map((fact) => `${this.placeName(fact, language)} (${formatDateWithMeaning(fact.date, fact.dateMeaning, language)})`);
      lines.push(`• ${capitalise(STATUS_WORDS[language][status])}: ${places.join(", ")}`);
    }
    return this.withSources(lines.join("\n"), latest.map((f) => f.source), latestDate(latest), language);
  }

  servicesInRegion(region: string, language: Language): Reply {
    const lines = [TEXTS[language].inRegion(this.regionName(region, language))];
    const used: AvailabilityFact[] = [];
    for (const service of this.knowledge.services) {
      // The company's own presence (where it sells phones) is not one of its services there.
      if (service.id === COMPANY_SERVICE_ID || this.book.factsOf(service.id).length === 0) continue;
      const timeline = this.book.timeline(service.id, region);
      const current = timeline.facts.at(-1);
      if (!current) {
        lines.push(`• ${service.name}: ${STATUS_WORDS[language].unknown} (${TEXTS[language].noSource})`);
        continue;
      }
      used.push(current);
      lines.push(
        `• ${service.name}: ${STATUS_WORDS[language][current.status]}, ${formatDateWithMeaning(current.date, current.dateMeaning, language)} – ${current.note[language]}`,
      );
    }
    return this.withSources(lines.join("\n"), used.map((f) => f.source), latestDate(used), language);
  }

  /**
   * What the bot knows about a service, for a message about it that fits none of its topics.
   * Its topics come with the answer as suggestions, which every platform shows as choices.
   */
  serviceOverview(serviceId: string, language: Language): Reply {
    // Fixed per service and language, like an entry's reply: composed once (its source line too).
    const key = `${serviceId} ${language}`;
    let reply = this.overviews.get(key);
    if (reply === undefined) {
      const service = this.services.get(serviceId);
      if (!service) throw new Error(`serviceOverview: unknown service '${serviceId}'`);
      reply = this.withSources(`${TEXTS[language].overview(service.name)} ${service.summary[language]}`, [service.source], service.date, language);
      this.overviews.set(key, reply);
    }
    return { ...reply };
  }

  private readonly overviews = new Map<string, Reply>();

  servicesList(language: Language): Reply {
    const lines: string[] = [TEXTS[language].servicesIntro];
    for (const service of this.knowledge.services) lines.push(`• ${service.name}: ${service.summary[language]}`);
    return this.withSources(lines.join("\n"), this.knowledge.services.map((s) => s.source), latestDate(this.knowledge.services), language);
  }

  /** Places a fact speaks for: "Italia", "Ovunque tranne Cina". */
  private placeName(fact: AvailabilityFact, language: Language): string {
    if (fact.region !== "*") return this.regionName(fact.region, language);
    const except = fact.except ?? [];
    if (except.length === 0) return TEXTS[language].everywhere;
    return TEXTS[language].everywhereExcept(except.map((code) => this.regionName(code, language)).join(", "));
  }

  /** The status of a service in a region with its dated history, for an answer that states it in words. */
  availability(service: string, region: string, language: Language, untilYear?: number): AvailabilityAnswer {
    // Fixed for the knowledge: a timeline is filtered and sorted once per service, region, language and year asked.
    const key = `${service} ${region} ${language} ${untilYear ?? ""}`;
    let answer = this.availabilities.get(key);
    if (answer === undefined) this.availabilities.set(key, (answer = this.availabilityOf(this.book.timeline(service, region, untilYear), language)));
    return answer;
  }

  /** Bounded by the knowledge's services, the world's regions, the languages and the years of its facts. */
  private readonly availabilities = new Map<string, AvailabilityAnswer>();

  private availabilityOf(timeline: Timeline, language: Language): AvailabilityAnswer {
    return {
      service: timeline.service,
      region: timeline.region,
      status: timeline.status,
      history: timeline.facts.map((fact) => ({ status: fact.status, date: fact.date, dateMeaning: fact.dateMeaning, note: fact.note[language] })),
    };
  }

  private withSources(body: string, refs: Array<string | string[]>, asOf: string | null, language: Language): Reply {
    const ids = [...new Set(refs.flat())];
    const sources = ids.flatMap((id) => {
      const source = this.sources.get(id);
      return source ? [{ title: source.title, url: source.url, date: source.date }] : [];
    });
    return { body, sources, asOf };
  }

  /**
   * Replies are composed once and shared by the answers built from them, sources included: so is
   * the line that cites them, per date and language.
   */
  private readonly sourceLines = new WeakMap<readonly CitedSource[], Map<string, string | null>>();

  /** The line that closes every factual answer: where it comes from and when it was true. */
  sourceLine(reply: Reply, language: Language): string | null {
    if (reply.sources.length === 0) return null;
    let lines = this.sourceLines.get(reply.sources);
    if (lines === undefined) this.sourceLines.set(reply.sources, (lines = new Map()));
    const key = `${language} ${reply.asOf}`;
    let line = lines.get(key);
    if (line === undefined) lines.set(key, (line = this.composeSourceLine(reply, language)));
    return line;
  }

  private composeSourceLine(reply: Reply, language: Language): string | null {
    const texts = TEXTS[language];
    const list = reply.sources.map((source) => `${source.title} (${formatDate(source.date, language)})`).join("; ");
    const label = reply.sources.length === 1 ? texts.source : texts.sources;
    if (!reply.asOf) return `${label}: ${list}`;
    const years = wholeYearsBetween(reply.asOf, this.today);
    const age = years >= this.oldSourceYears ? ` (${texts.yearsAgo(years)})` : "";
    return `${label}: ${list} – ${texts.asOf} ${formatDate(reply.asOf, language)}${age}`;
  }
}

/** Whole years from a source date ("2022", "2022-02", "2022-02-14": its earliest day) to `today`. */
export function wholeYearsBetween(date: string, today: string): number {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  const [toYear = 0, toMonth = 1, toDay = 1] = today.split("-").map(Number);
  const beforeAnniversary = toMonth < month || (toMonth === month && toDay < day);
  return Math.max(0, toYear - year - (beforeAnniversary ? 1 : 0));
}

function latestDate(items: ReadonlyArray<{ date: string }>): string | null {
  let latest: string | null = null;
  for (const { date } of items) if (latest === null || compareDates(date, latest) > 0) latest = date;
  return latest;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
