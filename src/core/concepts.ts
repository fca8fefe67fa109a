/**
 * Reads what a message describes rather than names: a service ("pagare con la band al POS" is
 * Xiaomi Pay, "my photos don't back up any more" is Xiaomi Cloud) and the kind of question
 * ("da quando", "which banks", "is it the same as"). The phrases live in data/concepts.json, so
 * maintainers extend them without code.
 *
 * A phrase matches when its words occur in the message in order, at most a few words apart (DEFAULTS.reading.descriptionMaxGap),
 * each compared by its Snowball stem in the phrase's language: "pagare band" matches "si può
 * pagare con la mia band?" and "pagamenti con la band".
 */
import { perLanguage, wordsOfAllPacks } from "./languages/index.js";
import { FUNCTION_WORDS } from "./lexicon.js";
import { tokenize } from "./normalize.js";
import { LANGUAGES } from "./languages/codes.js";
import type { Concepts, Language, QuestionType } from "./schema.js";
import { STEMMERS } from "./stemmer.js";

// Words whose reading is kept: a day of chat.
const WORDS_LIMIT = 20_000;

interface ReadWord {
  stems: Record<Language, string>;
  starting: Record<Language, Starting | undefined>;
  /** Whether its stem is the second of some phrase: only then is it looked up after a first one. */
  seconds: Record<Language, boolean>;
  /** The company's name ("orologi xiaomi per pagare"), which does not count as a gap. */
  brand: boolean;
}

/**
 * The phrases one stem starts, longer ones by their second stem: a message tries only those whose
 * second word follows within reach ("xiaomi" starts ~50 phrases, of which a message holds one or two).
 */
interface Starting {
  oneWord: Phrase[];
  bySecondStem: Map<string, Phrase[]>;
}
const MAX_PHRASE_WORDS = 6;
const MEANS_BEFORE = wordsOfAllPacks((pack) => pack.meansWords.before);
const MEANS_BETWEEN = wordsOfAllPacks((pack) => pack.meansWords.between);

/** Whether the words before `start` make what starts there a means: "sull'account", "with my account". */
function isMeans(words: readonly string[], start: number): boolean {
  let i = start - 1;
  while (i >= 0 && MEANS_BETWEEN.has(words[i]!)) i--;
  return i >= 0 && MEANS_BEFORE.has(words[i]!);
}

export interface ConceptReading {
  /** Services the message describes, the best described first. */
  services: string[];
  /** Kinds of question the message asks, in the order they appear. */
  types: QuestionType[];
  /** The phrases found, as normalised text ("google wallet"), for telling a description from a product name. */
  phrases: string[];
  /** Phrases of topics we do not cover ("hyperos 3", "release date"). */
  offTopic: string[];
  /** The community's own country, when the message says "da noi" or "qui". */
  homeRegion: string | undefined;
  /** Services described only as the means to something else ("il backup sull'account Xiaomi"). */
  means: string[];
  /** How many times stronger the best described service's description is than the next one's (Infinity: one service). */
  lead: number;
}

interface Phrase {
  stems: string[];
  /** Its place among the phrases its first stem starts: they are tried in the lexicon's order. */
  order: number;
  text: string;
  service?: string;
  type?: QuestionType;
  offTopic?: true;
  home?: true;
}

/** Why a phrase cannot be used, or undefined when it can: for data validation. */
export function conceptPhraseProblem(phrase: string): string | undefined {
  const words = tokenize(phrase);
  if (words.length === 0) return "must contain a letter or digit";
  if (words.length > MAX_PHRASE_WORDS) return `at most ${MAX_PHRASE_WORDS} words: a longer phrase would never be typed as it is`;
  if (words.length === 1 && FUNCTION_WORDS.has(words[0]!)) return `'${phrase}' alone is in almost every question: it cannot point to anything`;
  return undefined;
}

export class ConceptLexicon {
  /** Phrases by language and first stem, so a message only tries the phrases its words can start. */
  private readonly byFirstStem: Record<Language, Map<string, Starting>> = { it: new Map(), en: new Map() };
  /** Every phrase's second stem, per language. */
  private readonly secondStems: Record<Language, Set<string>> = perLanguage(() => new Set());

  /** The community's own country ("da noi"). */
  readonly home: string;
  readonly origin: string;

  /**
   * @param maxGap how many words may stand between two of a phrase's
   * @param brandWords the company's name, which a description may hold anywhere ("orologi xiaomi per pagare")
   */
  constructor(
    concepts: Concepts,
    private readonly maxGap: number,
    private readonly brandWords: ReadonlySet<string> = new Set(),
  ) {
    this.home = concepts.homeRegion.region;
    this.origin = concepts.originRegion;
    const add = (language: Language, text: string, meaning: Pick<Phrase, "service" | "type" | "offTopic" | "home">) => {
      const words = tokenize(text);
      if (conceptPhraseProblem(text) !== undefined) return;
      const phrase: Phrase = { stems: words.map(STEMMERS[language]), order: 0, text: words.join(" "), ...meaning };
      // Two words that describe a service say it in either order: "pagare con la band", "la band
      // può pagare?". A kind of question keeps its order ("funziona in" is not "in… funziona").
      const orders = meaning.service !== undefined && phrase.stems.length === 2 ? [phrase, { ...phrase, stems: [...phrase.stems].reverse() }] : [phrase];
      for (const ordered of orders) {
        const [first, second] = ordered.stems as [string, string | undefined];
        let starting = this.byFirstStem[language].get(first);
        if (starting === undefined) this.byFirstStem[language].set(first, (starting = { oneWord: [], bySecondStem: new Map() }));
        ordered.order = starting.oneWord.length + [...starting.bySecondStem.values()].reduce((sum, list) => sum + list.length, 0);
        if (second === undefined) starting.oneWord.push(ordered);
        else {
          this.secondStems[language].add(second);
          const list = starting.bySecondStem.get(second);
          if (list) list.push(ordered);
          else starting.bySecondStem.set(second, [ordered]);
        }
      }
    };
    for (const language of LANGUAGES) {
      for (const entry of concepts.services) for (const text of entry[language]) add(language, text, { service: entry.service });
      for (const entry of concepts.questionTypes) for (const text of entry[language]) add(language, text, { type: entry.type });
      for (const text of concepts.offTopic[language]) add(language, text, { offTopic: true });
      for (const text of concepts.homeRegion[language]) add(language, text, { home: true });
    }
  }

  /**
   * Each word's stems and the phrases they start, kept across messages (bounded, cleared whole
   * when full like the stemmers' caches): one lookup per word instead of four.
   */
  private readonly words = new Map<string, ReadWord>();

  private wordOf(word: string): ReadWord {
    let read = this.words.get(word);
    if (read === undefined) {
      const stems = perLanguage((language) => STEMMERS[language](word));
      read = {
        stems,
        starting: perLanguage((language) => this.byFirstStem[language].get(stems[language])),
        seconds: perLanguage((language) => this.secondStems[language].has(stems[language])),
        brand: this.brandWords.has(word),
      };
      if (this.words.size >= WORDS_LIMIT) this.words.clear();
      this.words.set(word, read);
    }
    return read;
  }

  /**
   * @param nameWords the words, by index, read as the name of a service of ours ("mi cloud"): no
   *   description of a service holds one ("l'account mi cloud" is no "mi account"), though the
   *   company's name may stand in one ("the login for xiaomi cloud" is the Xiaomi login)
   */
  read(words: readonly string[], nameWords: readonly number[] = [], placeWords: readonly number[] = []): ConceptReading {
    // Made on the first service described: most messages describe none.
    let serviceWeight: Map<string, number> | undefined;
    let asMeans: Set<string> | undefined;
    let asSubject: Set<string> | undefined;
    const types: QuestionType[] = [];
    const phrases: string[] = [];
    const offTopic: string[] = [];
    let homeRegion: string | undefined;
    const read = words.map((word) => this.wordOf(word));
    // Most messages start no phrase in either language: nothing to match, no stems to line up.
    if (!read.some((word) => LANGUAGES.some((language) => word.starting[language] !== undefined))) return { services: [], types, phrases, offTopic, homeRegion, means: [], lead: Number.POSITIVE_INFINITY };
    const stems = perLanguage((language) => read.map((word) => word.stems[language]));
    // Where the company's name stands, when it does (most messages: nowhere).
    const brand = read.some((word) => word.brand) ? read.map((word) => word.brand) : undefined;
    const namedAt = nameWords.length === 0 ? undefined : (at: number) => nameWords.includes(at) && !(brand?.[at] ?? false);
    // Nor does a place between its words count: "con la mi band in russia si può pagare?".
    const free = placeWords.length === 0 ? brand : read.map((word, i) => word.brand || placeWords.includes(i));
    for (let i = 0; i < words.length; i++) {
      for (const language of LANGUAGES) {
        const starting = read[i]!.starting[language];
        if (!starting) continue;
        for (const phrase of phrasesWithinReach(starting, stems[language], read, language, i, free, this.maxGap)) {
          if (!matchesFrom(phrase.stems, stems[language], i, free, this.maxGap, phrase.service === undefined ? undefined : namedAt)) continue;
          phrases.push(phrase.text);
          if (phrase.offTopic) offTopic.push(phrase.text);
          if (phrase.home) homeRegion = this.home;
          if (phrase.type !== undefined && !types.includes(phrase.type)) types.push(phrase.type);
          // A longer description is stronger evidence: "pagare con la band" over "nfc".
          if (phrase.service !== undefined) {
            serviceWeight ??= new Map();
            serviceWeight.set(phrase.service, (serviceWeight.get(phrase.service) ?? 0) + phrase.stems.length);
            // Services described somewhere as a means, and those described otherwise too.
            if (isMeans(words, i)) (asMeans ??= new Set()).add(phrase.service);
            else (asSubject ??= new Set()).add(phrase.service);
          }
        }
      }
    }
    if (serviceWeight === undefined) return { services: [], types, phrases, offTopic, homeRegion, means: [], lead: Number.POSITIVE_INFINITY };
    if (serviceWeight.size === 1) {
      const only = [...serviceWeight.keys()];
      return { services: only, types, phrases, offTopic, homeRegion, means: only.filter((service) => !asSubject?.has(service)), lead: Number.POSITIVE_INFINITY };
    }
    const ranked = [...serviceWeight].sort((a, b) => b[1] - a[1]);
    const services = ranked.map(([service]) => service);
    return { services, types, phrases, offTopic, homeRegion, means: services.filter((service) => asMeans?.has(service) && !asSubject?.has(service)), lead: ranked[0]![1] / ranked[1]![1] };
  }
}

/** What two readings of one message describe together; the first one's order comes first. */
export function mergeReadings(first: ConceptReading, second: ConceptReading): ConceptReading {
  const union = <T>(a: readonly T[], b: readonly T[]) => [...new Set([...a, ...b])];
  return {
    services: union(first.services, second.services),
    types: union(first.types, second.types),
    phrases: union(first.phrases, second.phrases),
    offTopic: union(first.offTopic, second.offTopic),
    homeRegion: first.homeRegion ?? second.homeRegion,
    lead: first.services.length > 0 ? first.lead : second.lead,
    // A means in both readings that describe it.
    means: union(first.means, second.means).filter((service) => [first, second].every((reading) => !reading.services.includes(service) || reading.means.includes(service))),
  };
}

/** The phrases starting at `start` whose second stem follows within reach, in the lexicon's order. */
function phrasesWithinReach(
  starting: Starting,
  message: readonly string[],
  read: readonly ReadWord[],
  language: Language,
  start: number,
  brand: readonly boolean[] | undefined,
  maxGap: number,
): readonly Phrase[] {
  let found: Phrase[] | undefined;
  let gap = 0;
  for (let j = start + 1; j < message.length && gap <= maxGap; j++) {
    const stem = message[j]!;
    const list = read[j]!.seconds[language] ? starting.bySecondStem.get(stem) : undefined;
    // A stem met again within reach brings the same phrases.
    if (list !== undefined && message.indexOf(stem, start + 1) === j) (found ??= []).push(...list);
    if (brand === undefined || !brand[j]) gap++;
  }
  if (found === undefined) return starting.oneWord;
  found.push(...starting.oneWord);
  // By insertion: a handful of phrases, and Array#sort's work arrays cost more than the sorting.
  for (let i = 1; i < found.length; i++) {
    const phrase = found[i]!;
    let j = i - 1;
    while (j >= 0 && found[j]!.order > phrase.order) {
      found[j + 1] = found[j]!;
      j--;
    }
    found[j + 1] = phrase;
  }
  return found;
}

/**
 * Whether the phrase's stems follow in order from `start`, at most `maxGap` words between two; the
 * company's name between them does not count ("orologi xiaomi che vanno bene per pagare").
 */
function matchesFrom(
  phrase: readonly string[],
  message: readonly string[],
  start: number,
  brand: readonly boolean[] | undefined,
  maxGap: number,
  /** Words the phrase may not hold (a service's name, for a description): it does not match then. */
  barred?: (at: number) => boolean,
): boolean {
  if (barred?.(start)) return false;
  let at = start;
  for (let k = 1; k < phrase.length; k++) {
    let found = -1;
    let gap = 0;
    for (let j = at + 1; j < message.length && gap <= maxGap; j++) {
      if (message[j] === phrase[k]) {
        found = j;
        break;
      }
      if (brand === undefined || !brand[j]) gap++;
    }
    if (found === -1 || barred?.(found)) return false;
    at = found;
  }
  return true;
}
