/**
 * Ranks what a question could be asking: FAQ entries, small talk, and the composed intents
 * answered from availability facts ("is {service} available in {region}?").
 *
 * Every phrasing in the knowledge becomes a set of terms (stemmed content words, "§service" and
 * "@REGION"). A question becomes terms the same way, with unknown words corrected against the
 * vocabulary. A phrasing's score is a weighted geometric mean of how much of the question it
 * covers and how much of it the question covers, each word weighted by how rare it is across
 * topics (IDF). That gives a confidence in 0..1 that means the same for every topic, so one
 * threshold can separate answers from fallbacks.
 */
import type { CoreOptions } from "./defaults.js";
import { NO_CACHE, type DerivedCache } from "./derived-cache.js";
import { COMPANY_SERVICE_ID, type EntityRecognizer, type Recognition } from "./entities.js";
import { FuzzyLexicon } from "./fuzzy-lexicon.js";
import { perLanguage } from "./languages/index.js";
import { FUNCTION_WORDS } from "./lexicon.js";
import { STEMMERS, type Stem } from "./stemmer.js";
import { LANGUAGES } from "./languages/codes.js";
import type { Language } from "./schema.js";
import type { WordSet } from "./word-list.js";

export const ANY_SERVICE = "§*";
export const ANY_REGION = "@*";
// The slots get the first two term ids.
const ANY_SERVICE_ID = 0;
const ANY_REGION_ID = 1;

export type TopicKind = "faq" | "smalltalk" | "composed";

/** The question's language's stemmer first, then the others'. */
type StemsInOrder = readonly [Stem, ...Stem[]];

export interface Topic {
  id: string;
  kind: TopicKind;
  service: string | null;
  /** Services a company entry also answers about (FaqEntry.alsoAbout). */
  alsoAbout?: readonly string[];
  phrasings: { it: readonly string[]; en: readonly string[] };
}

interface IndexedPhrasing {
  topic: number;
  language: Language;
  text: string;
  terms: readonly string[];
  needsService: boolean;
  needsRegion: boolean;
}

/** A phrasing's slots, as the bits of `Matcher.phrasingSlots`. */
const NEEDS_SERVICE = 1;
const NEEDS_REGION = 2;

export interface Candidate {
  topic: Topic;
  score: number;
  phrasing: string;
  phrasingLanguage: Language;
  /** How much of the phrasing's weight the question covers: "new" covers little of "what's new in HyperOS 2?". */
  phrasingCoverage: number;
}

export interface QueryTerm {
  term: string;
  weight: number;
  /** How the word was read: as written, corrected from a typo, unknown, or off-topic. */
  reading: "known" | "corrected" | "unknown" | "off-topic" | "name";
  from: string;
  /** For a corrected word, the knowledge's word it was read as ("availabel" → "available"). */
  correctedTo?: string;
}



/**
 * How much of the ranking a caller needs: the best `limit` topics scoring at least `floor`, and
 * only the best once it reaches `settledAt` (an answer needs no runners-up). Topics below `floor`
 * may be missing: a fallback's confidence is then that of the best topic found, or 0.
 */
export interface RankDepth {
  limit: number;
  floor: number;
  settledAt: number;
  /** Only topics about this service: what a message about it could be asking. */
  service?: string;
}
export const EXACT_TOP: RankDepth = { limit: 5, floor: 0, settledAt: Number.POSITIVE_INFINITY };
// Ceilings are compared at this resolution; the topic index sits below it in one sortable number.
const CEILING_STEPS = 1_000_000;
const TOPIC_SLOTS = 2 ** 24;
const CEILING_BUCKETS = 100;
const NO_TOPICS: readonly number[] = [];
/** The topics of a term no phrasing uses. */
const NO_POSTINGS = new Int32Array(0);
const NO_WORDS: ReadonlySet<number> = new Set();
// Term stamps are question stamp × this + term position; a question has fewer terms than this.
const MAX_QUERY_TERMS = 4096;
// Shares of the question kept with their powers while ranking it.
const COVERAGE_MEMO = 8;
/** Buckets up to this size are sorted by insertion (see sortRange). */
const INSERTION_SORT_MAX = 32;
/** Kinds of phrasing (the words they share with the question, their slots) told apart per topic; more are scored as they come. */
const KINDS_KEPT = 32;
const bucketOf = (steps: number) => Math.floor((steps * CEILING_BUCKETS) / CEILING_STEPS);

// Big enough for a day of chat in each language; cleared whole when full, like the stemmers' caches.
const WORD_READINGS_LIMIT = 20_000;

const isNameTerm = (term: string) => term.startsWith("§") || term.startsWith("@");

export class Matcher {
  private readonly phrasings: IndexedPhrasing[] = [];
  /** Topics using each term: a question's best possible score per topic comes from these. */
  private readonly topicPostings = new Map<string, Int32Array>();
  /**
   * Each topic's phrasings, so a topic that cannot make the top is skipped whole: phrasings are
   * indexed topic by topic, so topic t's are those from `topicPhrasingStart[t]` up to t + 1's.
   */
  private readonly topicPhrasingStart: Int32Array;
  /**
   * What scoring reads of each phrasing, in flat typed arrays in phrasing order (a topic's
   * phrasings side by side): its terms as ids into the term table, from `phrasingTermStart[p]`;
   * their IDF weights beside them and their sum; its slots. At 10,000 entries a phrasing object
   * and its own arrays were three cache misses per phrasing scored.
   */
  private readonly phrasingTermStart: Int32Array;
  private readonly phrasingTermIds: Int32Array;
  private readonly phrasingWeights: Float64Array;
  private readonly phrasingTotalWeight: Float64Array;
  private readonly phrasingSlots: Uint8Array;
  /**
   * The last coverage of each phrasing by a question and that coverage raised to the score's
   * power: Math.pow is most of the cost of scoring, and a phrasing is covered the same way by
   * most questions that reach it (the same one or two of its words).
   */
  private readonly phrasingLastCoverage: Float64Array;
  private readonly phrasingLastCoveragePower: Float64Array;
  /**
   * Each topic's lightest phrasing (the least total weight) and whether any of its phrasings has
   * a slot: with them a topic's phrasing coverage is bounded before any phrasing is scored.
   */
  private readonly lightestPhrasing: Float64Array;
  private readonly topicHasSlot: Uint8Array;
  private readonly serviceSlotTopics: number[];
  /** Each topic's service as an index into `serviceIds` (0 for none), for per-question tables. */
  private readonly serviceIds: Array<string | null> = [null];
  private readonly topicServiceIndex: Int32Array;
  /** Topics of each service: a question naming the service may be asking any of them. */
  private readonly topicsAbout = new Map<string, number[]>();
  private readonly regionSlotTopics: number[];
  private readonly idf = new Map<string, number>();
  private readonly termIds = new Map<string, number>();
  /** What ranking needs of a term (its id, weight and topics), found with one lookup per question term. */
  private readonly termFacts = new Map<string, { id: number; idf: number; postings: Int32Array }>();
  /**
   * Where each term sits in the question being ranked, valid where its stamp is the question's:
   * reused across questions (ranking is synchronous), so no table is built per question.
   */
  private readonly querySlotStamp: Int32Array;
  private readonly querySlot: Int32Array;
  /**
   * Each phrasing's words as bits over its topic's words (two 32-bit halves), for topics of at
   * most 64 words (all of them, so far): a phrasing with no word of the question and no slot
   * scores nothing, and most phrasings of the topics a question reaches are such (a topic is
   * reached by one word); one AND tells them apart.
   */
  private readonly phrasingBitsLow: Int32Array;
  private readonly phrasingBitsHigh: Int32Array;
  private questionStamp = 0;
  private readonly scratch: RankScratch;
  /**
   * Every term id of each topic's phrasings, topic after topic (topic t's from
   * `topicTermStart[t]`), each at its place among them (the bit of the phrasing bits): a long
   * question may be covered by two phrasings of one entry. Scanned against the question's stamp
   * per visited topic: at 10,000 entries, a string-keyed lookup per topic and question word was
   * a quarter of the ranking.
   */
  private readonly topicTermIds: Int32Array;
  private readonly topicTermStart: Int32Array;
  /** Terms only small talk uses ("ciao", "grazie"): courtesy around a question, not its subject. */
  private readonly courtesyTerms = new Set<string>();
  /** Surface words of the knowledge → their term, for typo correction. */
  private readonly vocabulary = new FuzzyLexicon<string>(4);
  /**
   * How each word reads in a question of each language, kept across questions: chat repeats the
   * same few thousand words, and reading an unknown one (two stems, the dictionary, a typo
   * search) costs microseconds. Readings are shared, never changed (queryTerms copies them).
   */
  private readonly wordReadings: Record<Language, Map<string, QueryTerm>> = { it: new Map(), en: new Map() };

  constructor(
    readonly topics: readonly Topic[],
    private readonly recognizer: EntityRecognizer,
    private readonly options: CoreOptions,
    private readonly realWords: WordSet = new Set<string>(),
    cache: DerivedCache = NO_CACHE,
  ) {
    if (topics.length >= TOPIC_SLOTS) throw new Error(`Too many topics to index: ${topics.length} (at most ${TOPIC_SLOTS - 1})`);
    const topicsWithTerm = new Map<string, Set<number>>();
    const topicTerms = topics.map(() => new Map<string, number>());
    const phrasingsOfTopic: number[][] = topics.map(() => []);
    // Reading every phrasing (names, typos, stems) is most of the cost of building the index.
    const readings = cache.get("phrasing-words", () => topics.map((topic) => perLanguage((language) => this.readPhrasings(topic, language))));
    topics.forEach((topic, topicIndex) => {
      for (const language of LANGUAGES) {
        for (const [phrasingIndex, text] of topic.phrasings[language].entries()) {
          const terms: string[] = [];
          for (const [word, term] of readings[topicIndex]![language][phrasingIndex]!) {
            if (terms.includes(term)) continue;
            terms.push(term);
            if (!isNameTerm(term)) this.vocabulary.add(word, term);
            const termsOfTopic = topicTerms[topicIndex]!;
            if (!termsOfTopic.has(term)) termsOfTopic.set(term, termsOfTopic.size);
            let seenIn = topicsWithTerm.get(term);
            if (!seenIn) topicsWithTerm.set(term, (seenIn = new Set()));
            seenIn.add(topicIndex);
          }
          if (terms.length === 0) continue;
          const index = this.phrasings.length;
          this.phrasings.push({
            topic: topicIndex,
            language,
            text,
            terms,
            needsService: terms.includes(ANY_SERVICE),
            needsRegion: terms.includes(ANY_REGION),
          });
          phrasingsOfTopic[topicIndex]!.push(index);
        }
      }
    });
    this.topicServiceIndex = Int32Array.from(topics, (topic) => {
      const index = this.serviceIds.indexOf(topic.service);
      return index !== -1 ? index : this.serviceIds.push(topic.service) - 1;
    });
    topics.forEach((topic, topicIndex) => {
      if (topic.service === null) return;
      const about = this.topicsAbout.get(topic.service);
      if (about) about.push(topicIndex);
      else this.topicsAbout.set(topic.service, [topicIndex]);
    });
    // Phrasings are indexed topic by topic, so these lists come out in topic order.
    this.serviceSlotTopics = [...new Set(this.phrasings.filter((p) => p.needsService).map((p) => p.topic))];
    this.regionSlotTopics = [...new Set(this.phrasings.filter((p) => p.needsRegion).map((p) => p.topic))];
    for (const [term, seenIn] of topicsWithTerm) {
      this.topicPostings.set(term, Int32Array.from(seenIn));
      this.idf.set(term, isNameTerm(term) ? this.options.weights.nameTerm : Math.log(1 + topics.length / seenIn.size));
      if ([...seenIn].every((topicIndex) => topics[topicIndex]!.kind === "smalltalk")) this.courtesyTerms.add(term);
    }
    for (const term of [ANY_SERVICE, ANY_REGION, ...this.idf.keys()]) if (!this.termIds.has(term)) this.termIds.set(term, this.termIds.size);
    for (const [term, id] of this.termIds) this.termFacts.set(term, { id, idf: this.idf.get(term) ?? 0, postings: this.topicPostings.get(term) ?? NO_POSTINGS });
    this.scratch = new RankScratch(topics.length);
    this.querySlotStamp = new Int32Array(this.termIds.size);
    this.querySlot = new Int32Array(this.termIds.size);
    this.lightestPhrasing = new Float64Array(topics.length).fill(Number.POSITIVE_INFINITY);
    this.topicHasSlot = new Uint8Array(topics.length);
    this.phrasingBitsLow = new Int32Array(this.phrasings.length);
    this.phrasingBitsHigh = new Int32Array(this.phrasings.length);
    const phrasingCount = this.phrasings.length;
    this.topicPhrasingStart = new Int32Array(topics.length + 1);
    for (let t = 0; t < topics.length; t++) {
      // Contiguous by construction; a gap would silently drop phrasings from the ranking.
      if (phrasingsOfTopic[t]!.length > 0 && phrasingsOfTopic[t]![0] !== this.topicPhrasingStart[t]) throw new Error("Phrasings are not indexed topic by topic");
      this.topicPhrasingStart[t + 1] = this.topicPhrasingStart[t]! + phrasingsOfTopic[t]!.length;
    }
    this.phrasingTermStart = new Int32Array(phrasingCount + 1);
    for (let index = 0; index < phrasingCount; index++) this.phrasingTermStart[index + 1] = this.phrasingTermStart[index]! + this.phrasings[index]!.terms.length;
    this.phrasingTermIds = new Int32Array(this.phrasingTermStart[phrasingCount]!);
    this.phrasingWeights = new Float64Array(this.phrasingTermStart[phrasingCount]!);
    this.phrasingTotalWeight = new Float64Array(phrasingCount);
    this.phrasingSlots = new Uint8Array(phrasingCount);
    this.phrasingLastCoverage = new Float64Array(phrasingCount).fill(Number.NaN);
    this.phrasingLastCoveragePower = new Float64Array(phrasingCount).fill(Number.NaN);
    // Plain loops: TypedArray.from with a mapping function takes the generic iterator path, which
    // cost ~20 ms over the ~3,300 phrasings at every start (code that runs once is never optimised).
    for (let index = 0; index < phrasingCount; index++) {
      const phrasing = this.phrasings[index]!;
      const { terms } = phrasing;
      const from = this.phrasingTermStart[index]!;
      let totalWeight = 0;
      for (let i = 0; i < terms.length; i++) {
        this.phrasingTermIds[from + i] = this.termIds.get(terms[i]!)!;
        const weight = this.idf.get(terms[i]!)!;
        this.phrasingWeights[from + i] = weight;
        totalWeight += weight;
      }
      this.phrasingTotalWeight[index] = totalWeight;
      this.lightestPhrasing[phrasing.topic] = Math.min(this.lightestPhrasing[phrasing.topic]!, totalWeight);
      this.phrasingSlots[index] = (phrasing.needsService ? NEEDS_SERVICE : 0) | (phrasing.needsRegion ? NEEDS_REGION : 0);
      if (phrasing.needsService || phrasing.needsRegion) this.topicHasSlot[phrasing.topic] = 1;
      const termsOfTopic = topicTerms[phrasing.topic]!;
      // A topic with more words than bits has every bit set: none of its phrasings is skipped.
      if (termsOfTopic.size > 64) this.phrasingBitsLow[index] = this.phrasingBitsHigh[index] = -1;
      else for (const term of terms) setBit(this.phrasingBitsLow, this.phrasingBitsHigh, index, termsOfTopic.get(term)!);
    }
    this.topicTermStart = new Int32Array(topics.length + 1);
    for (let t = 0; t < topics.length; t++) this.topicTermStart[t + 1] = this.topicTermStart[t]! + topicTerms[t]!.size;
    this.topicTermIds = new Int32Array(this.topicTermStart[topics.length]!);
    for (let t = 0; t < topics.length; t++) {
      // Map order is insertion order: the place of each term is its bit.
      let at = this.topicTermStart[t]!;
      for (const term of topicTerms[t]!.keys()) this.topicTermIds[at++] = this.termIds.get(term)!;
    }
  }

  /** Each phrasing's words (names already read as "§service", "@REGION") paired with their terms; words that carry no topic left out. */
  private readPhrasings(topic: Topic, language: Language): Array<Array<[string, string]>> {
    return topic.phrasings[language].map((text) =>
      this.recognizer.recognise(text, language).words.flatMap((word): Array<[string, string]> => {
        const term = this.termOf(word, language);
        return term === null ? [] : [[word, term]];
      }),
    );
  }

  /** A topic's phrasings as indexed: their text and terms (names as "§service", "@REGION"). */
  indexedPhrasings(topicIndex: number): ReadonlyArray<{ text: string; terms: readonly string[] }> {
    return this.phrasings.slice(this.topicPhrasingStart[topicIndex]!, this.topicPhrasingStart[topicIndex + 1]!);
  }

  /** How many topics use the term. */
  topicCount(term: string): number {
    return this.topicPostings.get(term)?.length ?? 0;
  }

  /** Whether any phrasing of the topic uses the term: for the few answers that ask what a topic is about. */
  topicUses(topic: Topic, term: string): boolean {
    const index = this.topics.indexOf(topic);
    if (index < 0) return false;
    const id = this.termIds.get(term);
    if (id === undefined) return false;
    for (let j = this.topicTermStart[index]!; j < this.topicTermStart[index + 1]!; j++) if (this.topicTermIds[j] === id) return true;
    return false;
  }

  get phrasingCount(): number {
    return this.phrasings.length;
  }

  /** A word's matching term, or null for words that carry no topic. */
  private termOf(word: string, language: Language): string | null {
    if (isNameTerm(word)) return word;
    if (FUNCTION_WORDS.has(word)) return null;
    return STEMMERS[language](word);
  }

  /** A content word as a term: known, corrected from a typo, or unknown. */
  private readWord(word: string, stems: StemsInOrder): QueryTerm {
    const known = this.vocabulary.get(word) ?? this.knownStem(word, stems);
    if (known !== undefined) return { term: known, weight: this.idf.get(known)!, reading: "known", from: word };
    // A real English word the knowledge does not use ("charge", "fees") is not a typo of one it
    // does ("change"): correcting it would answer a question nobody asked.
    const corrected = /^\d+$/.test(word) || this.realWords.has(word) ? undefined : this.vocabulary.find(word);
    if (corrected) {
      const weight = this.idf.get(corrected.value)! * this.options.weights.correctedTokenFactor;
      return { term: corrected.value, weight, reading: "corrected", from: word, correctedTo: corrected.key };
    }
    return { term: stems[0](word), weight: this.options.weights.unknownToken, reading: "unknown", from: word };
  }

  private knownStem(word: string, stems: StemsInOrder): string | undefined {
    for (const stem of stems) {
      const term = stem(word);
      if (this.idf.has(term)) return term;
    }
    return undefined;
  }

  /**
   * Only reads the question's content words into `readings`, as queryTerms would (for the words
   * they are corrected to, before the terms themselves are needed).
   */
  readWords(recognition: Recognition, language: Language, readings: Map<string, QueryTerm>): void {
    for (const word of recognition.words) {
      if (word.startsWith("§") || word.startsWith("@") || FUNCTION_WORDS.has(word) || word.startsWith("!")) continue;
      this.readingOf(word, language, readings);
    }
  }

  private readingOf(word: string, language: Language, readings: Map<string, QueryTerm> | undefined): QueryTerm {
    let reading = readings?.get(word);
    if (reading === undefined) {
      const known = this.wordReadings[language];
      reading = known.get(word);
      if (reading === undefined) {
        if (known.size >= WORD_READINGS_LIMIT) known.clear();
        // The question's language decides the stemmer, but a word may be another language's
        // ("cloud", "backup" in Italian): the other stems are tried before calling it unknown.
        const stems: StemsInOrder = [STEMMERS[language], ...LANGUAGES.filter((other) => other !== language).map((other) => STEMMERS[other])];
        reading = this.readWord(word, stems);
        known.set(word, reading);
      }
      readings?.set(word, reading);
    }
    return reading;
  }

  /** Reads the question's words into weighted terms, correcting typos against the vocabulary. */
  /**
   * @param readings words already read for this question (a clause of a message read whole
   *   before): typo correction is the costly part, and a word reads the same in every clause.
   */
  queryTerms(recognition: Recognition, language: Language, readings?: Map<string, QueryTerm>): QueryTerm[] {
    const terms: QueryTerm[] = [];
    for (const word of recognition.words) {
      if (word.startsWith("§")) {
        const serviceId = word.slice(1);
        const weight =
          serviceId === COMPANY_SERVICE_ID
            ? this.options.weights.companyTerm
            : this.options.weights.nameTerm * (recognition.services.includes(serviceId) ? 1 : this.options.weights.guessedServiceFactor);
        addTerm(terms, { term: word, weight, reading: "name", from: word });
        continue;
      }
      if (word.startsWith("@")) {
        addTerm(terms, { term: word, weight: this.options.weights.nameTerm, reading: "name", from: word });
        continue;
      }
      if (FUNCTION_WORDS.has(word)) continue;
      if (word.startsWith("!")) {
        addTerm(terms, { term: word, weight: this.options.weights.offTopicToken, reading: "off-topic", from: word.slice(1) });
        continue;
      }
      addTerm(terms, { ...this.readingOf(word, language, readings) });
    }
    // "Ciao a tutti, Mi Pay c'è in Italia? Grazie": the greeting and thanks frame the question.
    const hasSubject = terms.some((t) => (t.reading === "known" || t.reading === "name") && !this.courtesyTerms.has(t.term));
    if (hasSubject) return terms.filter((t) => !this.courtesyTerms.has(t.term));
    // "Ciao bello!", "thanks a lot mate": around courtesy, a word we do not know is a name or slang.
    const courteous = terms.some((t) => this.courtesyTerms.has(t.term));
    return courteous ? terms.map((t) => (t.reading === "unknown" ? { ...t, weight: t.weight * this.options.weights.courtesyChatterFactor } : t)) : terms;
  }

  /**
   * The best `limit` topics by confidence, best first, each with its best-matching phrasing.
   *
   * No phrasing of a topic can score above the share of the question the topic's words cover, so
   * topics are visited from the highest such ceiling down and the visit stops once no remaining
   * topic can enter the top. At 10,000 entries most topics share some common word with a
   * question; scoring all their phrasings would cost milliseconds per question.
   */
  rank(recognition: Recognition, query: QueryTerm[], depth: RankDepth = EXACT_TOP): Candidate[] {
    const { limit, floor, settledAt } = depth;
    const namedService = recognition.services.some((id) => id !== COMPANY_SERVICE_ID) || recognition.guessedServices.length > 0;
    const namedRegion = recognition.regions.length > 0;

    let queryTotal = 0;
    for (const { weight } of query) queryTotal += weight;
    if (queryTotal === 0 || limit <= 0) return [];
    const stamp = ++this.questionStamp;
    const scratch = this.scratch.forQuestion(query.length);
    // Classified once per question, not once per candidate phrasing.
    const classified = query.map(({ term, weight }, k) => {
      const facts = this.termFacts.get(term);
      if (facts !== undefined) {
        this.querySlotStamp[facts.id] = stamp;
        this.querySlot[facts.id] = k;
      }
      return {
        term,
        weight,
        termWeight: facts?.idf ?? 0,
        serviceId: term.startsWith("§") ? term.slice(1) : null,
        isRegion: term.startsWith("@"),
        postings: facts?.postings ?? NO_POSTINGS,
      };
    });
    const fillsServiceSlot = classified.some((q) => q.serviceId !== null && q.serviceId !== COMPANY_SERVICE_ID);
    const fillsRegionSlot = classified.some((q) => q.isRegion);
    const namedServices = new Set(recognition.services.filter((id) => id !== COMPANY_SERVICE_ID));
    const context: QueryContext = {
      classified,
      queryTotal,
      stamp,
      coveredMark: scratch.coveredMark,
      inTopic: scratch.inTopic,
      scored: 0,
      phrasingCoverage: 0,
      penalty: 1,
      topicBest: -1,
      entryBar: -1,
      lastQuestionCoverage: Number.NaN,
      lastQuestionCoveragePower: Number.NaN,
      coverages: scratch.coverages.fill(Number.NaN),
      coveragePowers: scratch.coveragePowers,
      coverageNext: 0,
      fillsServiceSlot,
      fillsRegionSlot,
      namedService,
      namedRegion,
    };

    // Ceiling per topic: the weight of the question's terms the topic could cover. A word counts
    // where the topic uses it; a service where the topic names it, is about it or has a slot for
    // one; a region where the topic names it or has a slot; the company everywhere. Tables are
    // reused between questions and told apart by stamps, so nothing is cleared or allocated.
    const { ceilings, visit } = scratch;
    scratch.visited = 0;
    let everywhere = 0;
    // The share of the question below which a ceiling is certainly below the floor, where the
    // visit stops (by margins far above rounding).
    const alpha = this.options.weights.queryCoverage;
    const floorShare = floor > 0 && alpha > 0 && alpha <= 1 ? Math.pow((floor - 1e-9) * (1 - 1e-9), 1 / alpha) : 0;
    // Words so common that a topic reached by them alone, with every name of the question and the
    // company's weight, stays below that share do not reach topics on their own: they only add to
    // topics other terms reach (at 10,000 entries, "funziona" reaches thousands of topics that
    // the visit would never get to).
    const alone = this.lightWords(classified, queryTotal, floorShare);
    // Touching first, so that slots and "about" lists only add to topics a term reached.
    classified.forEach(({ postings }, k) => {
      if (!alone.has(k)) scratch.addToCeilings(postings, true, 0, stamp * MAX_QUERY_TERMS + k, stamp);
    });
    if (namedService) scratch.addToCeilings(this.serviceSlotTopics, true, 0, -1, stamp);
    if (namedRegion) scratch.addToCeilings(this.regionSlotTopics, true, 0, -1, stamp);
    classified.forEach(({ weight, serviceId, isRegion, postings }, k) => {
      if (serviceId === COMPANY_SERVICE_ID) {
        everywhere += weight;
        return;
      }
      const termStamp = -(stamp * MAX_QUERY_TERMS + k) - 2;
      scratch.addToCeilings(postings, false, weight, termStamp, stamp);
      if (serviceId !== null) {
        scratch.addToCeilings(this.topicsAbout.get(serviceId) ?? NO_TOPICS, false, weight, termStamp, stamp);
        scratch.addToCeilings(this.serviceSlotTopics, false, weight, termStamp, stamp);
      }
      if (isRegion) scratch.addToCeilings(this.regionSlotTopics, false, weight, termStamp, stamp);
    });
    let visited = scratch.visited;

    // Bucketed by ceiling, highest first; a bucket is sorted only if the visit reaches it. Keys
    // hold the complement of the ceiling share (rounded up, so it stays a ceiling) in the high
    // digits and the topic index in the low ones: a native numeric sort orders by ceiling, then
    // by knowledge order. A topic of another named service has its score cut by the penalty, so
    // its share is cut by penalty^(1/alpha) and the ceiling stays share^alpha.
    const penalisedShare = Math.pow(this.options.weights.otherServicePenalty, 1 / alpha);
    const penalised = namedServices.size > 0 ? this.servicesOtherThan(namedServices) : undefined;
    const { steps, keys, bucketSizes, bucketStarts, filled } = scratch;
    // Dropped before bucketing, as the visit would never reach them: when ranking one service's
    // topics, the others (dropping them changes no break, which only gets likelier as ceilings
    // fall); and topics whose ceiling is certainly below the floor, where the visit stops (the
    // threshold in steps sits below the floor by margins far above rounding). At 10,000 entries
    // these are most of the topics common words reach.
    const floorSteps = Math.floor(floorShare * CEILING_STEPS) - 1;
    bucketSizes.fill(0);
    let kept = 0;
    // Compared as indexes: loading thousands of topic objects only for their service cost more than the test.
    const onlyService = depth.service === undefined ? -2 : this.serviceIds.indexOf(depth.service);
    for (let i = 0; i < visited; i++) {
      const topicIndex = visit[i]!;
      if (onlyService !== -2 && this.topicServiceIndex[topicIndex] !== onlyService) continue;
      let share = Math.min(1, (ceilings[topicIndex]! + everywhere) / queryTotal);
      if (penalised?.[this.topicServiceIndex[topicIndex]!]) share *= penalisedShare;
      const topicSteps = Math.min(CEILING_STEPS, Math.ceil(share * CEILING_STEPS));
      if (topicSteps < floorSteps) continue;
      visit[kept] = topicIndex;
      steps[kept++] = topicSteps;
      bucketSizes[bucketOf(topicSteps)]!++;
    }
    visited = kept;
    bucketStarts[CEILING_BUCKETS] = 0;
    for (let bucket = CEILING_BUCKETS - 1; bucket >= 0; bucket--) bucketStarts[bucket] = bucketStarts[bucket + 1]! + bucketSizes[bucket + 1]!;
    filled.set(bucketStarts);
    for (let i = 0; i < visited; i++) keys[filled[bucketOf(steps[i]!)]!++] = (CEILING_STEPS - steps[i]!) * TOPIC_SLOTS + visit[i]!;

    const top: Array<{ topicIndex: number; score: number; phrasingIndex: number; specificity: number; coverage: number }> = [];
    let sortedUpTo = 0;
    // Topics come in order of ceiling, many sharing one: its power is computed once for them.
    let lastSteps = -1;
    let lastCeiling = 0;
    for (let next = 0, bucket = CEILING_BUCKETS; next < visited; next++) {
      if (next === sortedUpTo) {
        while (bucketSizes[bucket] === 0) bucket--;
        sortedUpTo = bucketStarts[bucket]! + bucketSizes[bucket]!;
        if (bucketSizes[bucket]! > 1) sortRange(keys, bucketStarts[bucket]!, sortedUpTo);
        bucket--;
      }
      const key = keys[next]!;
      const topicIndex = key % TOPIC_SLOTS;
      const keySteps = CEILING_STEPS - Math.floor(key / TOPIC_SLOTS);
      if (keySteps !== lastSteps) {
        lastSteps = keySteps;
        lastCeiling = Math.pow(keySteps / CEILING_STEPS, alpha) + 1e-9;
      }
      const ceiling = lastCeiling;
      const best = top[0]?.score ?? -1;
      if (ceiling < floor || (ceiling < best && (best >= settledAt || (top.length === limit && ceiling < top[limit - 1]!.score)))) break;
      const topic = this.topics[topicIndex]!;
      if (depth.service !== undefined && topic.service !== depth.service) continue;
      // What depends on the topic alone is worked out once for all its phrasings.
      // The question's words among the topic's, as the phrasings' bits; the slots are not words
      // (a question filling one shares nothing with a phrasing by it).
      let sharedLow = 0;
      let sharedHigh = 0;
      const { inTopic } = context;
      inTopic.fill(0, 0, classified.length);
      const termsFrom = this.topicTermStart[topicIndex]!;
      const termsTo = this.topicTermStart[topicIndex + 1]!;
      for (let j = termsFrom; j < termsTo; j++) {
        const id = this.topicTermIds[j]!;
        if (this.querySlotStamp[id] !== stamp) continue;
        inTopic[this.querySlot[id]!] = 1;
        if (id === ANY_SERVICE_ID || id === ANY_REGION_ID) continue;
        const bit = j - termsFrom;
        if (bit < 32) sharedLow |= 1 << bit;
        else sharedHigh |= 1 << (bit - 32);
      }
      if (termsTo - termsFrom > 64) sharedLow = sharedHigh = -1;
      // A topic that does not beat the last of a full top does not enter it. (Scores are bounded
      // by the question's coverage only while both powers are in 0..1.)
      const bounded = alpha >= 0 && alpha <= 1;
      if (bounded && top.length === limit && this.topicHasSlot[topicIndex] === 0) {
        // The ceiling bounds the question's coverage; a phrasing's coverage is bounded too: the
        // weight of the question's words the topic uses (as phrasings weigh them), plus what its
        // service named adds, over its lightest phrasing's weight plus the same. A topic whose
        // ceiling times that bound's power stays below the top's last score (by a margin far
        // above rounding) is not scored: at 10,000 entries most topics a common word reaches.
        let usable = 0;
        let added = 0;
        for (let k = 0; k < classified.length; k++) {
          const { termWeight, weight, serviceId } = classified[k]!;
          if (context.inTopic[k] === 1) usable += termWeight;
          if (serviceId !== null && serviceId === topic.service && serviceId !== COMPANY_SERVICE_ID) added += weight;
        }
        const lightest = this.lightestPhrasing[topicIndex]!;
        if (usable < lightest && ceiling * Math.pow((usable + added) / (lightest + added), 1 - alpha) * (1 + 1e-9) < top[limit - 1]!.score) continue;
      }
      const penalty = penalised?.[this.topicServiceIndex[topicIndex]!] ? this.options.weights.otherServicePenalty : 1;
      let bestScore = -1;
      let bestPhrasing = -1;
      let bestCoverage = 0;
      context.penalty = penalty;
      // Only below the point where the visit of the topic stops (ceiling - 2e-9): a phrasing left
      // unscored for not entering the top must not be one that would have stopped the visit.
      context.entryBar = bounded && top.length === limit && top[limit - 1]!.score <= ceiling - 2e-9 ? top[limit - 1]!.score : -1;
      const phrasingsTo = this.topicPhrasingStart[topicIndex + 1]!;
      // Phrasings that share the same words with the question and have the same slots differ only
      // in their own weight: the lighter covers more of itself and scores higher (while the
      // phrasing's power is in 0..1), and the earlier wins a tie. One no lighter than an earlier of
      // its kind cannot change the topic's best ("does xiaomi pay charge fees": hundreds of
      // phrasings share only the name).
      const { kindLow, kindHigh, kindSlots, kindWeight } = scratch;
      const kindsKept = bounded && termsTo - termsFrom <= 64 ? KINDS_KEPT : 0;
      let kinds = 0;
      for (let phrasingIndex = this.topicPhrasingStart[topicIndex]!; phrasingIndex < phrasingsTo; phrasingIndex++) {
        const low = this.phrasingBitsLow[phrasingIndex]! & sharedLow;
        const high = this.phrasingBitsHigh[phrasingIndex]! & sharedHigh;
        const slots = this.phrasingSlots[phrasingIndex]!;
        // Sharing no word and having no slot, it would score -1: nothing to compute.
        if (low === 0 && high === 0 && slots === 0) continue;
        if (kindsKept > 0) {
          const weight = this.phrasingTotalWeight[phrasingIndex]!;
          let kind = 0;
          while (kind < kinds && (kindLow[kind] !== low || kindHigh[kind] !== high || kindSlots[kind] !== slots)) kind++;
          if (kind < kinds) {
            if (weight >= kindWeight[kind]!) continue;
            kindWeight[kind] = weight;
          } else if (kinds < kindsKept) {
            kindLow[kinds] = low;
            kindHigh[kinds] = high;
            kindSlots[kinds] = slots;
            kindWeight[kinds++] = weight;
          }
        }
        context.topicBest = bounded ? bestScore : -1;
        const unpenalised = this.score(context, phrasingIndex, topic);
        const score = unpenalised < 0 ? unpenalised : unpenalised * penalty;
        if (score > bestScore) {
          bestScore = score;
          bestPhrasing = phrasingIndex;
          bestCoverage = context.phrasingCoverage;
          // No phrasing of the topic can score above its ceiling: once one reaches it, the rest
          // cannot change the topic's score (entries have dozens of phrasings).
          if (bestScore >= ceiling - 2e-9) break;
        }
      }
      if (bestScore < 0) continue;
      // On a tie the more specific phrasing wins: "il mio Xiaomi ha Gemini?" said as it is
      // written beats a longer phrasing that happens to cover the same words.
      const specificity = this.phrasingTermStart[bestPhrasing + 1]! - this.phrasingTermStart[bestPhrasing]!;
      let at = top.length;
      while (at > 0 && (top[at - 1]!.score < bestScore || (top[at - 1]!.score === bestScore && top[at - 1]!.specificity > specificity))) at--;
      if (at >= limit) continue;
      top.splice(at, 0, { topicIndex, score: bestScore, phrasingIndex: bestPhrasing, specificity, coverage: bestCoverage });
      if (top.length > limit) top.pop();
    }
    return top.map(({ topicIndex, score, phrasingIndex, coverage }) => {
      const phrasing = this.phrasings[phrasingIndex]!;
      return { topic: this.topics[topicIndex]!, score, phrasing: phrasing.text, phrasingLanguage: phrasing.language, phrasingCoverage: coverage };
    });
  }

  /**
   * The question's words (by position) that cannot lift a topic to `floorShare` of the question,
   * lightest first, even together with every name (which may add to any topic) and the company.
   */
  private lightWords(classified: QueryContext["classified"], queryTotal: number, floorShare: number): ReadonlySet<number> {
    if (floorShare <= 0) return NO_WORDS;
    let named = 0;
    let lightest = Number.POSITIVE_INFINITY;
    for (const { weight, serviceId, isRegion, postings } of classified) {
      if (serviceId !== null || isRegion) named += weight;
      // A word no phrasing uses adds to no topic.
      else if (postings.length > 0) lightest = Math.min(lightest, weight);
    }
    // Ceilings are rounded up to a step (1e-6) and compared a step below the floor: 4e-6 covers both.
    // Most questions have no such word: known without sorting.
    if (lightest === Number.POSITIVE_INFINITY || reachesShare(named + lightest, queryTotal, floorShare)) return NO_WORDS;
    const words: number[] = [];
    classified.forEach(({ serviceId, isRegion, postings }, k) => {
      if (serviceId === null && !isRegion && postings.length > 0) words.push(k);
    });
    words.sort((a, b) => classified[a]!.weight - classified[b]!.weight);
    const light = new Set<number>();
    let reach = named;
    for (const k of words) {
      reach += classified[k]!.weight;
      if (reachesShare(reach, queryTotal, floorShare)) break;
      light.add(k);
    }
    return light;
  }

  /**
   * Which service indexes a question naming `namedServices` penalises (index 0: no service): a
   * question that names Youpin is not answered by a Mi Pay entry, however well the rest fits.
   */
  private servicesOtherThan(namedServices: ReadonlySet<string>): Uint8Array {
    // One table for every question: it is read only while the question is ranked.
    const penalised = (this.penalised ??= new Uint8Array(this.serviceIds.length));
    for (let index = 0; index < this.serviceIds.length; index++) {
      const id = this.serviceIds[index]!;
      penalised[index] = id !== null && id !== COMPANY_SERVICE_ID && !namedServices.has(id) ? 1 : 0;
    }
    return penalised;
  }

  private penalised: Uint8Array | undefined;

  /** A phrasing's confidence for the question, or -1 when it shares nothing with it. */
  private score(context: QueryContext, phrasingIndex: number, topic: Topic): number {
    const { classified, queryTotal, stamp, fillsServiceSlot, fillsRegionSlot, coveredMark, inTopic } = context;
    const slots = this.phrasingSlots[phrasingIndex]!;
    const needsService = (slots & NEEDS_SERVICE) !== 0;
    const needsRegion = (slots & NEEDS_REGION) !== 0;
    if ((needsService && !context.namedService) || (needsRegion && !context.namedRegion)) return -1;
    // Which question terms this phrasing uses, marked per call instead of searched per term.
    const mark = ++context.scored;
    let sharesTerm = needsService || needsRegion;
    let phrasingTotal = this.phrasingTotalWeight[phrasingIndex]!;
    let phrasingCovered = 0;
    let queryCovered = 0;
    const termIds = this.phrasingTermIds;
    const weights = this.phrasingWeights;
    const termsTo = this.phrasingTermStart[phrasingIndex + 1]!;
    for (let i = this.phrasingTermStart[phrasingIndex]!; i < termsTo; i++) {
      const id = termIds[i]!;
      if (id === ANY_SERVICE_ID) {
        if (fillsServiceSlot) phrasingCovered += weights[i]!;
      } else if (id === ANY_REGION_ID) {
        if (fillsRegionSlot) phrasingCovered += weights[i]!;
      } else if (this.querySlotStamp[id] === stamp) {
        const k = this.querySlot[id]!;
        phrasingCovered += weights[i]!;
        queryCovered += classified[k]!.weight;
        coveredMark[k] = mark;
        sharesTerm = true;
      }
    }
    if (!sharesTerm) return -1;

    let coveredByTopic = 0;
    for (let k = 0; k < classified.length; k++) {
      if (coveredMark[k] === mark) continue;
      const { weight, serviceId, isRegion } = classified[k]!;
      if (serviceId !== null) {
        if (serviceId === COMPANY_SERVICE_ID) queryCovered += weight;
        else if (needsService || topic.service === serviceId) {
          queryCovered += weight;
          // The entry is about this service even where a phrasing leaves its name out.
          if (!needsService) {
            phrasingTotal += weight;
            phrasingCovered += weight;
          }
        }
      } else if (isRegion && needsRegion) queryCovered += weight;
      else if (inTopic[k] === 1) coveredByTopic += weight;
    }
    if (queryTotal === 0 || phrasingTotal === 0) return 0;
    // A word the entry uses in another phrasing counts half: the entry is about it, this phrasing is not.
    const questionCoverage = (queryCovered + coveredByTopic * this.options.weights.entryCoverageFactor) / queryTotal;
    const alpha = this.options.weights.queryCoverage;
    const phrasingCoverage = (context.phrasingCoverage = phrasingCovered / phrasingTotal);
    // The same values raised to the same powers give the same results: each is computed once.
    // A question's phrasings cover it in a handful of ways, met in turn topic after topic: the
    // last few shares are kept with their powers.
    if (questionCoverage !== context.lastQuestionCoverage) {
      context.lastQuestionCoverage = questionCoverage;
      const { coverages, coveragePowers } = context;
      let slot = 0;
      while (slot < COVERAGE_MEMO && coverages[slot] !== questionCoverage) slot++;
      if (slot < COVERAGE_MEMO) context.lastQuestionCoveragePower = coveragePowers[slot]!;
      else {
        slot = context.coverageNext;
        context.coverageNext = (slot + 1) % COVERAGE_MEMO;
        coverages[slot] = questionCoverage;
        coveragePowers[slot] = context.lastQuestionCoveragePower = Math.pow(questionCoverage, alpha);
      }
    }
    // The phrasing's coverage is at most 1, and so is its power: the question's coverage alone
    // bounds the score. A phrasing it cannot lift above the topic's best or into a full top is
    // left unscored (-1), sparing the second power (most of the cost of scoring).
    const bound = context.lastQuestionCoveragePower * context.penalty;
    if (bound <= context.topicBest || bound < context.entryBar) return -1;
    if (phrasingCoverage !== this.phrasingLastCoverage[phrasingIndex]) {
      this.phrasingLastCoverage[phrasingIndex] = phrasingCoverage;
      this.phrasingLastCoveragePower[phrasingIndex] = Math.pow(phrasingCoverage, 1 - alpha);
    }
    return context.lastQuestionCoveragePower * this.phrasingLastCoveragePower[phrasingIndex]!;
  }
}

/**
 * Adds a term to a question's terms, or keeps the heavier reading of a term already there.
 * (Helpers on the hot path are module functions, not closures made per question: besides the
 * allocation, tsx, which runs the benchmark, names every such closure with a defineProperty
 * call, ~0.4 us each.)
 */
function addTerm(terms: QueryTerm[], candidate: QueryTerm): void {
  const existing = terms.find((t) => t.term === candidate.term);
  if (!existing) terms.push(candidate);
  else if (candidate.weight > existing.weight) Object.assign(existing, candidate);
}

/** Ceilings are rounded up to a step (1e-6) and compared a step below the floor: 4e-6 covers both. */
function reachesShare(weight: number, queryTotal: number, floorShare: number): boolean {
  return (weight / queryTotal) * (1 + 1e-9) + 4e-6 >= floorShare;
}

function setBit(low: Int32Array, high: Int32Array, index: number, bit: number): void {
  if (bit < 32) low[index]! |= 1 << bit;
  else high[index]! |= 1 << (bit - 32);
}

/** Per-question tables of `rank`, allocated once per matcher. */
class RankScratch {
  readonly ceilings: Float64Array;
  /** The stamp of the question that last reached each topic; stale values mean "not reached". */
  readonly touchedBy: Float64Array;
  /** Which term last added its weight to each topic's ceiling, so a term adds once per topic. */
  readonly addedBy: Float64Array;
  readonly visit: Int32Array;
  readonly steps: Int32Array;
  readonly keys: Float64Array;
  readonly bucketSizes = new Int32Array(CEILING_BUCKETS + 1);
  readonly bucketStarts = new Int32Array(CEILING_BUCKETS + 1);
  readonly filled = new Int32Array(CEILING_BUCKETS + 1);
  coveredMark = new Int32Array(16);
  inTopic = new Uint8Array(16);
  readonly coverages = new Float64Array(COVERAGE_MEMO);
  readonly coveragePowers = new Float64Array(COVERAGE_MEMO);
  /** The topic's kinds of phrasing met so far: shared words (as bits), slots, and the lightest phrasing's weight. */
  readonly kindLow = new Int32Array(KINDS_KEPT);
  readonly kindHigh = new Int32Array(KINDS_KEPT);
  readonly kindSlots = new Uint8Array(KINDS_KEPT);
  readonly kindWeight = new Float64Array(KINDS_KEPT);
  /** How many topics of `visit` the question being ranked has reached so far. */
  visited = 0;

  constructor(topicCount: number) {
    this.ceilings = new Float64Array(topicCount);
    this.touchedBy = new Float64Array(topicCount);
    this.addedBy = new Float64Array(topicCount);
    this.visit = new Int32Array(topicCount);
    this.steps = new Int32Array(topicCount);
    this.keys = new Float64Array(topicCount);
  }

  /**
   * Adds `weight` to the ceilings of `topicIndexes`, once per term (`termStamp`); with `touches`,
   * a topic not yet reached by the question (`stamp`) is reached and queued in `visit`.
   */
  addToCeilings(topicIndexes: ArrayLike<number>, touches: boolean, weight: number, termStamp: number, stamp: number): void {
    const { ceilings, touchedBy, addedBy, visit } = this;
    for (let i = 0; i < topicIndexes.length; i++) {
      const topicIndex = topicIndexes[i]!;
      if (touchedBy[topicIndex] !== stamp) {
        if (!touches) continue;
        touchedBy[topicIndex] = stamp;
        ceilings[topicIndex] = 0;
        visit[this.visited++] = topicIndex;
      }
      if (addedBy[topicIndex] !== termStamp) {
        addedBy[topicIndex] = termStamp;
        ceilings[topicIndex]! += weight;
      }
    }
  }

  forQuestion(termCount: number): this {
    if (this.coveredMark.length < termCount) {
      this.coveredMark = new Int32Array(termCount * 2);
      this.inTopic = new Uint8Array(termCount * 2);
    }
    // Marks from an earlier question must not pass for this one's.
    this.coveredMark.fill(0);
    return this;
  }
}

interface QueryContext {
  /** The question's terms: their weight in the question and (termWeight) in the phrasings, 0 for words no phrasing uses. */
  classified: Array<{ term: string; weight: number; termWeight: number; serviceId: string | null; isRegion: boolean; postings: Int32Array }>;
  queryTotal: number;
  /** The question's stamp in the matcher's term-slot table. */
  stamp: number;
  coveredMark: Int32Array;
  /** For the topic being scored: whether it uses each question term in any phrasing. */
  inTopic: Uint8Array;
  /** Phrasings scored so far for this question: the mark of the current one. */
  scored: number;
  /** The last scored phrasing's coverage by the question, kept with the topic's best phrasing. */
  phrasingCoverage: number;
  /** The factor on the topic's scores, its best score so far, and the score a topic must beat to enter the top (-1: any). */
  penalty: number;
  topicBest: number;
  entryBar: number;
  /** The last share of the question a phrasing covered, and that share raised to the score's power. */
  lastQuestionCoverage: number;
  lastQuestionCoveragePower: number;
  /** Earlier shares of the question (NaN: none yet) and their powers, replaced in turn from `coverageNext`. */
  coverages: Float64Array;
  coveragePowers: Float64Array;
  coverageNext: number;
  fillsServiceSlot: boolean;
  fillsRegionSlot: boolean;
  namedService: boolean;
  namedRegion: boolean;
}

/**
 * Sorts `keys[from..to)` ascending in place. Most buckets hold a few topics: sorted by insertion,
 * without the view and the copy a typed array's own sort makes (a kilobyte per question).
 */
function sortRange(keys: Float64Array, from: number, to: number): void {
  if (to - from > INSERTION_SORT_MAX) {
    keys.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= from && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
}
