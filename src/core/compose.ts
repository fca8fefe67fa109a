/**
 * Turns what was matched into the words of an Answer, in Italian or English, always with the
 * sources and the date the facts are true as of. Platform-free plain text: adapters decide how
 * it looks (embed, HTML, terminal).
 */
import { countryName, EU_MEMBERS } from "./countries.js";
import { compareDates, type AvailabilityBook, type Timeline } from "./availability.js";
import { COMPANY_SERVICE_ID } from "./entities.js";
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

export const STATUS_WORDS: Record<Language, Record<AvailabilityStatus, string>> = {
  it: { available: "disponibile", partial: "disponibile in parte", unavailable: "non disponibile", unknown: "stato sconosciuto" },
  en: { available: "available", partial: "partly available", unavailable: "not available", unknown: "status unknown" },
};

const MONTHS: Record<Language, string[]> = {
  it: ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

/** "2021" → "2021", "2021-10" → "ottobre 2021", "2022-10-25" → "25 ottobre 2022". */
export function formatDate(date: string, language: Language): string {
  const [year, month, day] = date.split("-");
  if (!month) return year!;
  const monthName = MONTHS[language][Number(month) - 1]!;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

/** "since October 2021", "as of 2020"; Italian picks the preposition a date of that precision takes. */
export function formatDateWithMeaning(date: string, meaning: "since" | "as-of", language: Language): string {
  const formatted = formatDate(date, language);
  if (language === "en") return `${meaning === "since" ? "since" : "as of"} ${formatted}`;
  const precision = date.split("-").length;
  if (meaning === "since") return precision === 2 ? `da ${formatted}` : `dal ${formatted}`;
  return precision === 2 ? `a ${formatted}` : precision === 1 ? `nel ${formatted}` : `al ${formatted}`;
}

const TEXTS = {
  it: {
    source: "Fonte",
    sources: "Fonti",
    asOf: "aggiornato a",
    history: "Prima",
    unknownIn: (service: string, region: string) =>
      `${service} – ${region}: nessuna delle mie fonti ne parla, quindi non so dire se sia disponibile.`,
    knownPlaces: "Dove ho dati",
    knownInEurope: "In Europa ho dati su",
    yearsAgo: (years: number) => `${years === 1 ? "un anno" : `${years} anni`} fa: potrebbe essere cambiato`,
    knownElsewhere: "Altrove",
    where: (service: string) => `Dove funziona ${service} (ultimo stato noto):`,
    inRegion: (region: string) => `Servizi Xiaomi – ${region} (ultimo stato noto):`,
    noSource: "nessuna fonte",
    everywhere: "Ovunque",
    everywhereExcept: (regions: string) => `Ovunque tranne ${regions}`,
    servicesIntro: "I servizi Xiaomi che conosco:",
    noFacts: (service: string) => `Non ho dati sulla disponibilità di ${service} nei vari paesi.`,
    overview: (service: string) => `Non ho una risposta precisa a questo, ma su ${service} posso dirti:`,
  },
  en: {
    source: "Source",
    sources: "Sources",
    asOf: "as of",
    history: "Before",
    unknownIn: (service: string, region: string) =>
      `${service} – ${region}: none of my sources covers it, so I cannot say whether it is available.`,
    knownPlaces: "Where I have data",
    knownInEurope: "In Europe I have data on",
    yearsAgo: (years: number) => `${years === 1 ? "a year" : `${years} years`} ago: it may have changed`,
    knownElsewhere: "Elsewhere",
    where: (service: string) => `Where ${service} works (latest known status):`,
    inRegion: (region: string) => `Xiaomi services – ${region} (latest known status):`,
    noSource: "no source",
    everywhere: "Everywhere",
    everywhereExcept: (regions: string) => `Everywhere except ${regions}`,
    servicesIntro: "The Xiaomi services I know about:",
    noFacts: (service: string) => `I have no data on where ${service} is available.`,
    overview: (service: string) => `I have no specific answer to that, but here is what I know about ${service}:`,
  },
} as const;

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
  ) {
    this.sources = new Map(knowledge.sources.map((source) => [source.id, source]));
    this.services = new Map(knowledge.services.map((service) => [service.id, service]));
  }

  serviceName(id: string): string {
    return this.services.get(id)?.name ?? id;
  }

  regionName(code: string, language: Language): string {
    if (code === "EU") return language === "it" ? "Europa" : "Europe";
    return countryName(code, language);
  }

  faq(entry: FaqEntry, language: Language): Reply {
    return this.withSources(entry.answer[language], [entry.source], entry.date, language);
  }

  smalltalk(entry: SmalltalkEntry, language: Language): Reply {
    return { body: entry.answer[language], sources: [], asOf: null };
  }

  serviceInRegion(service: string, region: string, language: Language): Reply {
    const timeline = this.book.timeline(service, region);
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
  availability(service: string, region: string, language: Language): AvailabilityAnswer {
    return this.availabilityOf(this.book.timeline(service, region), language);
  }

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
    const age = years >= OLD_SOURCE_YEARS ? ` (${texts.yearsAgo(years)})` : "";
    return `${label}: ${list} – ${texts.asOf} ${formatDate(reply.asOf, language)}${age}`;
  }
}

// From this age on, a source's age is said beside its date.
const OLD_SOURCE_YEARS = 2;

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
