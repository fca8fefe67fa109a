/**
 * Every tuning number of the core in one frozen object, merged as `{ ...DEFAULTS, ...options }`.
 * Tests and benchmarks import the same object, so nobody tunes against a private copy.
 */
export interface CoreOptions {
  maxQuestionChars: number;
  answerThreshold: number;
  suggestionThreshold: number;
  maxSuggestions: number;
  languageTieMargin: number;
  defaultLanguage: "it" | "en";
  unknownTokenWeight: number;
  offTopicTokenWeight: number;
  correctedTokenFactor: number;
  queryCoverageWeight: number;
}

export const DEFAULTS: Readonly<CoreOptions> = Object.freeze({
  /** Only the start of a very long message is read: no FAQ question is longer, and it bounds latency. */
  maxQuestionChars: 600,
  /** Confidence from which the best candidate is answered. */
  answerThreshold: 0.5,
  /** Candidates from this confidence are offered as "did you mean" when nothing is answered. */
  suggestionThreshold: 0.22,
  maxSuggestions: 3,
  /** Language score within which the platform's locale (or the default) decides. */
  languageTieMargin: 0.75,
  defaultLanguage: "it",
  /** Weight of a content word we have never seen: it counts against a match, but less than a known one. */
  unknownTokenWeight: 1.6,
  /** Weight of a word naming a topic we do not cover (prices, updates, other brands...). */
  offTopicTokenWeight: 4,
  /** A typo-corrected word counts a little less than a word spelt right. */
  correctedTokenFactor: 0.85,
  /** How much the query's own coverage matters against the phrasing's (0..1). */
  queryCoverageWeight: 0.65,
});
