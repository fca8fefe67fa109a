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
import { COMPANY_SERVICE_ID, serviceTerm, type EntityRecognizer, type Recognition } from "./entities.js";
import { FuzzyLexicon } from "./fuzzy-lexicon.js";
import { FUNCTION_WORDS } from "./lexicon.js";
import { stem } from "./normalize.js";
import type { Language } from "./schema.js";

export const ANY_SERVICE = "§*";
export const ANY_REGION = "@*";

export type TopicKind = "faq" | "smalltalk" | "composed";

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
  /** IDF of each term, in the order of `terms`, and their sum: fixed once the index is built. */
  weights: number[];
  totalWeight: number;
  needsService: boolean;
  needsRegion: boolean;
}

export interface Candidate {
  topic: Topic;
  score: number;
  phrasing: string;
  phrasingLanguage: Language;
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

// The company name is in almost every question and covered by every topic: it barely counts.
const COMPANY_TERM_WEIGHT = 0.3;
// A named service or region decides most questions: weigh it like a rare word.
const NAME_TERM_WEIGHT = 2.6;
// A service guessed from a generic word ("cloud", "pay") is less certain than a named one.
const GUESSED_SERVICE_FACTOR = 0.75;

const COURTESY_CHATTER_FACTOR = 0.3;

const isNameTerm = (term: string) => term.startsWith("§") || term.startsWith("@");

export class Matcher {
  private readonly phrasings: IndexedPhrasing[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
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
    private readonly realWords: ReadonlySet<string> = new Set(),
  ) {
    const topicsWithTerm = new Map<string, Set<number>>();
    this.topicTerms = topics.map(() => new Set<string>());
    topics.forEach((topic, topicIndex) => {
      for (const language of ["it", "en"] as const) {
        for (const text of topic.phrasings[language]) {
          const recognition = recognizer.recognise(text, language);
          const terms: string[] = [];
          for (const word of recognition.words) {
            const term = this.termOf(word);
            if (term === null || terms.includes(term)) continue;
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
            weights: [],
            totalWeight: 0,
            needsService: terms.includes(ANY_SERVICE),
            needsRegion: terms.includes(ANY_REGION),
          });
          for (const term of terms) {
            const list = this.postings.get(term);
            if (list) list.push(index);
            else this.postings.set(term, [index]);
          }
        }
      }
    });
    for (const [term, seenIn] of topicsWithTerm) {
      this.idf.set(term, isNameTerm(term) ? NAME_TERM_WEIGHT : Math.log(1 + topics.length / seenIn.size));
      if ([...seenIn].every((topicIndex) => topics[topicIndex]!.kind === "smalltalk")) this.courtesyTerms.add(term);
    }
    for (const phrasing of this.phrasings) {
      phrasing.weights = phrasing.terms.map((term) => this.idf.get(term)!);
      phrasing.totalWeight = phrasing.weights.reduce((sum, weight) => sum + weight, 0);
    }
  }

  get phrasingCount(): number {
    return this.phrasings.length;
  }

  /** A word's matching term, or null for words that carry no topic. */
  private termOf(word: string): string | null {
    if (isNameTerm(word)) return word;
    if (FUNCTION_WORDS.has(word)) return null;
    return stem(word);
  }

  /** Reads the question's words into weighted terms, correcting typos against the vocabulary. */
  queryTerms(recognition: Recognition): QueryTerm[] {
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
            ? COMPANY_TERM_WEIGHT
            : NAME_TERM_WEIGHT * (recognition.services.includes(serviceId) ? 1 : GUESSED_SERVICE_FACTOR);
        add({ term: word, weight, reading: "name", from: word });
        continue;
      }
      if (word.startsWith("@")) {
        add({ term: word, weight: NAME_TERM_WEIGHT, reading: "name", from: word });
        continue;
      }
      if (FUNCTION_WORDS.has(word)) continue;
      if (word.startsWith("!")) {
        add({ term: word, weight: this.options.offTopicTokenWeight, reading: "off-topic", from: word.slice(1) });
        continue;
      }
      const known = this.vocabulary.get(word) ?? (this.idf.has(stem(word)) ? stem(word) : undefined);
      if (known !== undefined) {
        add({ term: known, weight: this.idf.get(known)!, reading: "known", from: word });
        continue;
      }
      // A real English word the knowledge does not use ("charge", "fees") is not a typo of one it
      // does ("change"): correcting it would answer a question nobody asked.
      const corrected = /^\d+$/.test(word) || this.realWords.has(word) ? undefined : this.vocabulary.find(word);
      if (corrected) {
        const weight = this.idf.get(corrected.value)! * this.options.correctedTokenFactor;
        add({ term: corrected.value, weight, reading: "corrected", from: word, correctedTo: corrected.key });
        continue;
      }
      add({ term: stem(word), weight: this.options.unknownTokenWeight, reading: "unknown", from: word });
    }
    // "Ciao a tutti, Mi Pay c'è in Italia? Grazie": the greeting and thanks frame the question.
    const hasSubject = terms.some((t) => (t.reading === "known" || t.reading === "name") && !this.courtesyTerms.has(t.term));
    if (hasSubject) return terms.filter((t) => !this.courtesyTerms.has(t.term));
    // "Ciao bello!", "thanks a lot mate": around courtesy, a word we do not know is a name or slang.
    const courteous = terms.some((t) => this.courtesyTerms.has(t.term));
    return courteous ? terms.map((t) => (t.reading === "unknown" ? { ...t, weight: t.weight * COURTESY_CHATTER_FACTOR } : t)) : terms;
  }

  /** Topics ranked by confidence, best first, each with its best-matching phrasing. */
  rank(recognition: Recognition, query: QueryTerm[] = this.queryTerms(recognition)): Candidate[] {
    const namedService = recognition.services.some((id) => id !== COMPANY_SERVICE_ID) || recognition.guessedServices.length > 0;
    const namedRegion = recognition.regions.length > 0;

    const candidates = new Set<number>();
    for (const { term, reading } of query) {
      if (reading === "unknown" || reading === "off-topic") continue;
      for (const index of this.postings.get(term) ?? []) candidates.add(index);
    }
    if (namedService) for (const index of this.postings.get(ANY_SERVICE) ?? []) candidates.add(index);
    if (namedRegion) for (const index of this.postings.get(ANY_REGION) ?? []) candidates.add(index);

    let queryTotal = 0;
    for (const { weight } of query) queryTotal += weight;
    const queryWeights = new Map(query.map((q) => [q.term, q.weight]));
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
    const context: QueryContext = { classified, queryTotal, queryWeights, fillsServiceSlot, fillsRegionSlot, namedServices };

    // Best score and phrasing per topic in flat arrays: no object per candidate on the hot path.
    const bestScores = new Float64Array(this.topics.length).fill(-1);
    const bestPhrasings = new Int32Array(this.topics.length);
    for (const index of candidates) {
      const phrasing = this.phrasings[index]!;
      if ((phrasing.needsService && !namedService) || (phrasing.needsRegion && !namedRegion)) continue;
      const score = this.score(context, phrasing, this.topics[phrasing.topic]!);
      if (score > bestScores[phrasing.topic]!) {
        bestScores[phrasing.topic] = score;
        bestPhrasings[phrasing.topic] = index;
      }
    }
    const ranked: Candidate[] = [];
    bestScores.forEach((score, topicIndex) => {
      if (score < 0) return;
      const phrasing = this.phrasings[bestPhrasings[topicIndex]!]!;
      ranked.push({ topic: this.topics[topicIndex]!, score, phrasing: phrasing.text, phrasingLanguage: phrasing.language });
    });
    return ranked.sort((a, b) => b.score - a.score);
  }

  private score(context: QueryContext, phrasing: IndexedPhrasing, topic: Topic): number {
    const { classified, queryTotal, queryWeights, fillsServiceSlot, fillsRegionSlot, namedServices } = context;
    let phrasingTotal = phrasing.totalWeight;
    let phrasingCovered = 0;
    const { terms, weights } = phrasing;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      const covered = term === ANY_SERVICE ? fillsServiceSlot : term === ANY_REGION ? fillsRegionSlot : queryWeights.has(term);
      if (covered) phrasingCovered += weights[i]!;
    }

    let queryCovered = 0;
    let coveredByTopic = 0;
    const topicTerms = this.topicTerms[phrasing.topic]!;
    for (const { term, weight, serviceId, isRegion } of classified) {
      if (terms.includes(term)) queryCovered += weight;
      else if (serviceId !== null) {
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
      else if (topicTerms.has(term)) coveredByTopic += weight;
    }
    if (queryTotal === 0 || phrasingTotal === 0) return 0;
    // A word the entry uses in another phrasing counts half: the entry is about it, this phrasing is not.
    const questionCoverage = (queryCovered + coveredByTopic * this.options.entryCoverageFactor) / queryTotal;
    const alpha = this.options.queryCoverageWeight;
    const score = Math.pow(questionCoverage, alpha) * Math.pow(phrasingCovered / phrasingTotal, 1 - alpha);
    // A question that names Youpin is not answered by a Mi Pay entry, however well the rest fits.
    const contradicts =
      namedServices.size > 0 && topic.service !== null && topic.service !== COMPANY_SERVICE_ID && !namedServices.has(topic.service);
    return contradicts ? score * this.options.otherServicePenalty : score;
  }
}

interface QueryContext {
  classified: Array<{ term: string; weight: number; serviceId: string | null; isRegion: boolean }>;
  queryTotal: number;
  queryWeights: ReadonlyMap<string, number>;
  fillsServiceSlot: boolean;
  fillsRegionSlot: boolean;
  namedServices: ReadonlySet<string>;
}
