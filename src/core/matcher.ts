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
  phrasings: { it: readonly string[]; en: readonly string[] };
}

interface IndexedPhrasing {
  topic: number;
  language: Language;
  text: string;
  terms: readonly string[];
  /** `terms` as ids into the matcher's term table: compared as numbers on the hot path. */
  termIds: Int32Array;
  /** IDF of each term, in the order of `terms`, and their sum: fixed once the index is built. */
  weights: Float64Array;
  totalWeight: number;
  needsService: boolean;
  needsRegion: boolean;
}

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
// Term stamps are question stamp × this + term position; a question has fewer terms than this.
const MAX_QUERY_TERMS = 4096;
const bucketOf = (steps: number) => Math.floor((steps * CEILING_BUCKETS) / CEILING_STEPS);

const isNameTerm = (term: string) => term.startsWith("§") || term.startsWith("@");

export class Matcher {
  private readonly phrasings: IndexedPhrasing[] = [];
  /** Topics using each term: a question's best possible score per topic comes from these. */
  private readonly topicPostings = new Map<string, Int32Array>();
  /** Each topic's phrasings, so a topic that cannot make the top is skipped whole. */
  private readonly phrasingsOfTopic: number[][];
  private readonly serviceSlotTopics: number[];
  /** Each topic's service as an index into `serviceIds` (0 for none), for per-question tables. */
  private readonly serviceIds: Array<string | null> = [null];
  private readonly topicServiceIndex: Int32Array;
  /** Topics of each service: a question naming the service may be asking any of them. */
  private readonly topicsAbout = new Map<string, number[]>();
  private readonly regionSlotTopics: number[];
  private readonly idf = new Map<string, number>();
  private readonly termIds = new Map<string, number>();
  /**
   * Where each term sits in the question being ranked, valid where its stamp is the question's:
   * reused across questions (ranking is synchronous), so no table is built per question.
   */
  private readonly querySlotStamp: Int32Array;
  private readonly querySlot: Int32Array;
  private questionStamp = 0;
  private readonly scratch: RankScratch;
  /** Every term of each topic's phrasings: a long question may be covered by two phrasings of one entry. */
  private readonly topicTerms: Array<Set<string>>;
  /** Terms only small talk uses ("ciao", "grazie"): courtesy around a question, not its subject. */
  private readonly courtesyTerms = new Set<string>();
  /** Surface words of the knowledge → their term, for typo correction. */
  private readonly vocabulary = new FuzzyLexicon<string>(4);

  constructor(
    readonly topics: readonly Topic[],
    private readonly recognizer: EntityRecognizer,
    private readonly options: CoreOptions,
    private readonly realWords: WordSet = new Set<string>(),
    cache: DerivedCache = NO_CACHE,
  ) {
    if (topics.length >= TOPIC_SLOTS) throw new Error(`Too many topics to index: ${topics.length} (at most ${TOPIC_SLOTS - 1})`);
    const topicsWithTerm = new Map<string, Set<number>>();
    this.topicTerms = topics.map(() => new Set<string>());
    this.phrasingsOfTopic = topics.map(() => []);
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
            this.topicTerms[topicIndex]!.add(term);
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
            termIds: new Int32Array(0),
            weights: new Float64Array(0),
            totalWeight: 0,
            needsService: terms.includes(ANY_SERVICE),
            needsRegion: terms.includes(ANY_REGION),
          });
          this.phrasingsOfTopic[topicIndex]!.push(index);
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
    this.scratch = new RankScratch(topics.length);
    this.querySlotStamp = new Int32Array(this.termIds.size);
    this.querySlot = new Int32Array(this.termIds.size);
    // Plain loops: TypedArray.from with a mapping function takes the generic iterator path, which
    // cost ~20 ms over the ~3,300 phrasings at every start (code that runs once is never optimised).
    for (const phrasing of this.phrasings) {
      const { terms } = phrasing;
      phrasing.termIds = new Int32Array(terms.length);
      phrasing.weights = new Float64Array(terms.length);
      for (let i = 0; i < terms.length; i++) {
        phrasing.termIds[i] = this.termIds.get(terms[i]!)!;
        phrasing.weights[i] = this.idf.get(terms[i]!)!;
        phrasing.totalWeight += phrasing.weights[i]!;
      }
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
    return this.phrasingsOfTopic[topicIndex]!.map((index) => this.phrasings[index]!);
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

  /** Reads the question's words into weighted terms, correcting typos against the vocabulary. */
  /**
   * @param readings words already read for this question (a clause of a message read whole
   *   before): typo correction is the costly part, and a word reads the same in every clause.
   */
  queryTerms(recognition: Recognition, language: Language, readings?: Map<string, QueryTerm>): QueryTerm[] {
    // The question's language decides the stemmer, but a word may be the other language's
    // ("cloud", "backup" in Italian): its other stem is tried before calling it unknown.
    const stems: StemsInOrder = [STEMMERS[language], ...LANGUAGES.filter((other) => other !== language).map((other) => STEMMERS[other])];
    const terms: QueryTerm[] = [];
    const add = (candidate: QueryTerm) => {
      const existing = terms.find((t) => t.term === candidate.term);
      if (!existing) terms.push(candidate);
      else if (candidate.weight > existing.weight) Object.assign(existing, candidate);
    };
    for (const word of recognition.words) {
      if (word.startsWith("§")) {
        const serviceId = word.slice(1);
        const weight =
          serviceId === COMPANY_SERVICE_ID
            ? this.options.weights.companyTerm
            : this.options.weights.nameTerm * (recognition.services.includes(serviceId) ? 1 : this.options.weights.guessedServiceFactor);
        add({ term: word, weight, reading: "name", from: word });
        continue;
      }
      if (word.startsWith("@")) {
        add({ term: word, weight: this.options.weights.nameTerm, reading: "name", from: word });
        continue;
      }
      if (FUNCTION_WORDS.has(word)) continue;
      if (word.startsWith("!")) {
        add({ term: word, weight: this.options.weights.offTopicToken, reading: "off-topic", from: word.slice(1) });
        continue;
      }
      let reading = readings?.get(word);
      if (reading === undefined) {
        reading = this.readWord(word, stems);
        readings?.set(word, reading);
      }
      add({ ...reading });
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
    query.forEach((q, k) => {
      const id = this.termIds.get(q.term);
      if (id === undefined) return;
      this.querySlotStamp[id] = stamp;
      this.querySlot[id] = k;
    });
    // Classified once per question, not once per candidate phrasing.
    const classified = query.map(({ term, weight }) => ({
      term,
      weight,
      serviceId: term.startsWith("§") ? term.slice(1) : null,
      isRegion: term.startsWith("@"),
    }));
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
      fillsServiceSlot,
      fillsRegionSlot,
      namedServices,
      namedService,
      namedRegion,
    };

    // Ceiling per topic: the weight of the question's terms the topic could cover. A word counts
    // where the topic uses it; a service where the topic names it, is about it or has a slot for
    // one; a region where the topic names it or has a slot; the company everywhere. Tables are
    // reused between questions and told apart by stamps, so nothing is cleared or allocated.
    const { ceilings, touchedBy, addedBy, visit } = scratch;
    let visited = 0;
    let everywhere = 0;
    const add = (topicIndexes: ArrayLike<number>, touches: boolean, weight: number, termStamp: number) => {
      for (let i = 0; i < topicIndexes.length; i++) {
        const topicIndex = topicIndexes[i]!;
        if (touchedBy[topicIndex] !== stamp) {
          if (!touches) continue;
          touchedBy[topicIndex] = stamp;
          ceilings[topicIndex] = 0;
          visit[visited++] = topicIndex;
        }
        if (addedBy[topicIndex] !== termStamp) {
          addedBy[topicIndex] = termStamp;
          ceilings[topicIndex]! += weight;
        }
      }
    };
    // Touching first, so that slots and "about" lists only add to topics a term reached.
    classified.forEach(({ term }, k) => add(this.topicPostings.get(term) ?? NO_TOPICS, true, 0, stamp * MAX_QUERY_TERMS + k));
    if (namedService) add(this.serviceSlotTopics, true, 0, -1);
    if (namedRegion) add(this.regionSlotTopics, true, 0, -1);
    classified.forEach(({ term, weight, serviceId, isRegion }, k) => {
      if (serviceId === COMPANY_SERVICE_ID) {
        everywhere += weight;
        return;
      }
      const termStamp = -(stamp * MAX_QUERY_TERMS + k) - 2;
      add(this.topicPostings.get(term) ?? NO_TOPICS, false, weight, termStamp);
      if (serviceId !== null) {
        add(this.topicsAbout.get(serviceId) ?? NO_TOPICS, false, weight, termStamp);
        add(this.serviceSlotTopics, false, weight, termStamp);
      }
      if (isRegion) add(this.regionSlotTopics, false, weight, termStamp);
    });

    // Bucketed by ceiling, highest first; a bucket is sorted only if the visit reaches it. Keys
    // hold the complement of the ceiling share (rounded up, so it stays a ceiling) in the high
    // digits and the topic index in the low ones: a native numeric sort orders by ceiling, then
    // by knowledge order. A topic of another named service has its score cut by the penalty, so
    // its share is cut by penalty^(1/alpha) and the ceiling stays share^alpha.
    const alpha = this.options.weights.queryCoverage;
    const penalisedShare = Math.pow(this.options.weights.otherServicePenalty, 1 / alpha);
    const penalised = namedServices.size > 0 ? this.servicesOtherThan(namedServices) : undefined;
    const { steps, keys, bucketSizes, bucketStarts, filled } = scratch;
    bucketSizes.fill(0);
    for (let i = 0; i < visited; i++) {
      const topicIndex = visit[i]!;
      let share = Math.min(1, (ceilings[topicIndex]! + everywhere) / queryTotal);
      if (penalised?.[this.topicServiceIndex[topicIndex]!]) share *= penalisedShare;
      steps[i] = Math.min(CEILING_STEPS, Math.ceil(share * CEILING_STEPS));
      bucketSizes[bucketOf(steps[i]!)]!++;
    }
    bucketStarts[CEILING_BUCKETS] = 0;
    for (let bucket = CEILING_BUCKETS - 1; bucket >= 0; bucket--) bucketStarts[bucket] = bucketStarts[bucket + 1]! + bucketSizes[bucket + 1]!;
    filled.set(bucketStarts);
    for (let i = 0; i < visited; i++) keys[filled[bucketOf(steps[i]!)]!++] = (CEILING_STEPS - steps[i]!) * TOPIC_SLOTS + visit[i]!;

    const top: Array<{ topicIndex: number; score: number; phrasingIndex: number; specificity: number; coverage: number }> = [];
    let sortedUpTo = 0;
    for (let next = 0, bucket = CEILING_BUCKETS; next < visited; next++) {
      if (next === sortedUpTo) {
        while (bucketSizes[bucket] === 0) bucket--;
        sortedUpTo = bucketStarts[bucket]! + bucketSizes[bucket]!;
        if (bucketSizes[bucket]! > 1) keys.subarray(bucketStarts[bucket]!, sortedUpTo).sort();
        bucket--;
      }
      const key = keys[next]!;
      const topicIndex = key % TOPIC_SLOTS;
      const ceiling = Math.pow((CEILING_STEPS - Math.floor(key / TOPIC_SLOTS)) / CEILING_STEPS, alpha) + 1e-9;
      const best = top[0]?.score ?? -1;
      if (ceiling < floor || (ceiling < best && (best >= settledAt || (top.length === limit && ceiling < top[limit - 1]!.score)))) break;
      const topic = this.topics[topicIndex]!;
      if (depth.service !== undefined && topic.service !== depth.service) continue;
      // What depends on the topic alone is worked out once for all its phrasings.
      const topicTerms = this.topicTerms[topicIndex]!;
      for (let k = 0; k < classified.length; k++) context.inTopic[k] = topicTerms.has(classified[k]!.term) ? 1 : 0;
      const penalty = penalised?.[this.topicServiceIndex[topicIndex]!] ? this.options.weights.otherServicePenalty : 1;
      let bestScore = -1;
      let bestPhrasing = -1;
      let bestCoverage = 0;
      for (const phrasingIndex of this.phrasingsOfTopic[topicIndex]!) {
        const unpenalised = this.score(context, this.phrasings[phrasingIndex]!, topic);
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
      const specificity = this.phrasings[bestPhrasing]!.terms.length;
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
   * Which service indexes a question naming `namedServices` penalises (index 0: no service): a
   * question that names Youpin is not answered by a Mi Pay entry, however well the rest fits.
   */
  private servicesOtherThan(namedServices: ReadonlySet<string>): Uint8Array {
    const penalised = new Uint8Array(this.serviceIds.length);
    this.serviceIds.forEach((id, index) => {
      penalised[index] = id !== null && id !== COMPANY_SERVICE_ID && !namedServices.has(id) ? 1 : 0;
    });
    return penalised;
  }

  /** A phrasing's confidence for the question, or -1 when it shares nothing with it. */
  private score(context: QueryContext, phrasing: IndexedPhrasing, topic: Topic): number {
    const { classified, queryTotal, stamp, fillsServiceSlot, fillsRegionSlot, coveredMark, inTopic } = context;
    if ((phrasing.needsService && !context.namedService) || (phrasing.needsRegion && !context.namedRegion)) return -1;
    // Which question terms this phrasing uses, marked per call instead of searched per term.
    const mark = ++context.scored;
    let sharesTerm = phrasing.needsService || phrasing.needsRegion;
    let phrasingTotal = phrasing.totalWeight;
    let phrasingCovered = 0;
    let queryCovered = 0;
    const { termIds, weights } = phrasing;
    for (let i = 0; i < termIds.length; i++) {
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
        else if (phrasing.needsService || topic.service === serviceId) {
          queryCovered += weight;
          // The entry is about this service even where a phrasing leaves its name out.
          if (!phrasing.needsService) {
            phrasingTotal += weight;
            phrasingCovered += weight;
          }
        }
      } else if (isRegion && phrasing.needsRegion) queryCovered += weight;
      else if (inTopic[k] === 1) coveredByTopic += weight;
    }
    if (queryTotal === 0 || phrasingTotal === 0) return 0;
    // A word the entry uses in another phrasing counts half: the entry is about it, this phrasing is not.
    const questionCoverage = (queryCovered + coveredByTopic * this.options.weights.entryCoverageFactor) / queryTotal;
    const alpha = this.options.weights.queryCoverage;
    context.phrasingCoverage = phrasingCovered / phrasingTotal;
    return Math.pow(questionCoverage, alpha) * Math.pow(context.phrasingCoverage, 1 - alpha);
  }
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

  constructor(topicCount: number) {
    this.ceilings = new Float64Array(topicCount);
    this.touchedBy = new Float64Array(topicCount);
    this.addedBy = new Float64Array(topicCount);
    this.visit = new Int32Array(topicCount);
    this.steps = new Int32Array(topicCount);
    this.keys = new Float64Array(topicCount);
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
  classified: Array<{ term: string; weight: number; serviceId: string | null; isRegion: boolean }>;
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
  fillsServiceSlot: boolean;
  fillsRegionSlot: boolean;
  namedServices: ReadonlySet<string>;
  namedService: boolean;
  namedRegion: boolean;
}
