/**
 * The first steps of the pipeline: a message's words (chat shorthand expanded), its language, the
 * names it gives (services, places, other companies' products) and what it describes (a service
 * in other words, the kind of question). What is asked is chosen from this reading afterwards.
 */
import type { ConceptLexicon, ConceptReading } from "./concepts.js";
import { mergeReadings } from "./concepts.js";
import type { CoreOptions } from "./defaults.js";
import { COMPANY_SERVICE_ID, homeDeviceBrandAt, pointsToPlace, REGION_MARK, serviceTerm, type EntityRecognizer, type Recognition } from "./entities.js";
import { phraseFinder, wordsOfAllPacks } from "./languages/index.js";
import { localeToLanguage, type LanguageDetector, type LanguageGuess } from "./language.js";
import { saysHere, type AskedRegion } from "./asked-region.js";
import { followUpOpening } from "./lexicon.js";
import type { Matcher, QueryTerm } from "./matcher.js";
import type { Language } from "./schema.js";
import { questionsIn, sentences } from "./clauses.js";
import { modelLetters, tokenize, words, type Word } from "./normalize.js";
import { namedService, withDescriptions } from "./slots.js";

export interface Reading {
  /** The message as read: cut to the longest question read. */
  text: string;
  guess: LanguageGuess;
  described: ConceptReading;
  /** Each content word's reading (typo corrections included), kept for the matcher's own pass. */
  readings: Map<string, QueryTerm>;
  /** The names, with the services and places the message describes. */
  recognition: Recognition;
  /** The words of `text` as typed (as `tokenize` gives them), before shorthand is spelt out. */
  tokens: readonly string[];
  /** The place a conversation gave the message's "here" or "there" (see `ConversationPlaces`). */
  placeFromConversation?: string;
}

/**
 * What "here" and "there" point at in a conversation where the asker said where they are or are
 * going ("ciao, sono Marco da Bari", "I'm in Minsk visiting family"), instead of the community's
 * country: `there` only when no earlier question asked about a place.
 */
export interface ConversationPlaces {
  here?: string;
  there?: string;
}

// "In Shenzhen for work rn, …": a place at the very start is where the asker is.
const AT_THE_START = /^\s*in\s/i;
const NO_PLACE_WORDS: readonly number[] = [];

// Stands in for a word of a rival product's name, so that no phrase of ours spans it.
const RIVAL_PRODUCT_WORD = "qqrivalproductqq";
const HOME_DEVICE_BRAND = "qqhomedevicebrandqq";
const EQUIVALENCE_WORDS = wordsOfAllPacks((pack) => pack.equivalenceWords);
const COUNTERPART = phraseFinder((pack) => pack.counterpartPhrases);

export class MessageReader {
  constructor(
    private readonly options: CoreOptions,
    private readonly detector: LanguageDetector,
    private readonly recognizer: EntityRecognizer,
    private readonly matcher: Matcher,
    private readonly concepts: ConceptLexicon,
    private readonly regionAsked: AskedRegion,
    /** Chat shorthand per word ("nn" → "non", "xke" → "perché"), both languages. */
    private readonly abbreviations: ReadonlyMap<string, readonly string[]>,
    /** Words the knowledge uses: two words typed apart that make one of them are that word ("hyper os"). */
    private readonly knownWords: ReadonlySet<string> = new Set(),
    /** Another company's product by name, with the service of ours of its kind ("Samsung Cloud" → the cloud). */
    private readonly likeOurs: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** Language and names: what every answer, ours or a baseline's, is built from. */
  read(question: string, locale: string | undefined, places?: ConversationPlaces): Reading {
    const { reading: readingOptions } = this.options;
    const text = question.slice(0, readingOptions.maxQuestionChars);
    // "nn va", "xke", "u": chat shorthand is read as the words it stands for, but not a model's
    // letter ("Poco X6" is not "Poco per 6").
    const models = modelLetters(text);
    const input: Word[] = [];
    const typedWords = words(text);
    for (const word of typedWords) {
      const full = models?.has(word.text) ? undefined : this.abbreviations.get(word.text);
      if (full === undefined) input.push(word);
      else for (const expanded of full) input.push({ text: expanded, capitalised: false });
    }
    this.joinSplitWords(input);
    const typed = input.map((w) => w.text);
    const hint = localeToLanguage(locale);
    let guess = this.guessLanguage(typed, text, hint);
    const named = this.recognizer.recogniseWords(input, text, guess.language);
    // "xiaoai in frnace?": a place's name, read through its typo, may say the language ("France", not "Francia").
    if (guess.decidedBy !== "text" && named.misspeltPlaces.length > 0) {
      const meant = new Map(named.misspeltPlaces);
      const second = this.guessLanguage(typed.map((word) => meant.get(word) ?? word), text, hint);
      if (second.decidedBy === "text") guess = second;
    }
    // Descriptions are read on the words as corrected ("lost my phnoe", "paga con la bnad"): the
    // typo correction against the knowledge's vocabulary is the one the matcher does anyway,
    // and its readings are kept for the matcher's own pass.
    const readings = new Map<string, QueryTerm>();
    this.matcher.readWords(named, guess.language, readings);
    // "samsung pay on my xiaomi watch": a rival's name describes none of ours ("pay … watch"); a
    // brand may ("quella cosa tipo Alexa"). Beside another company's product, nor does the
    // company's name as a lamp's: "can alexa control my xiaomi lamps?" is no "Xiaomi's Alexa".
    const besideDevice = named.otherProducts.length > 0 && typed.some((_, i) => homeDeviceBrandAt(typed, i));
    const asTyped =
      named.rivalProductWords.length === 0 && !besideDevice
        ? typed
        : typed.map((word, i) => (named.rivalProductWords.includes(i) ? RIVAL_PRODUCT_WORD : besideDevice && homeDeviceBrandAt(typed, i) ? HOME_DEVICE_BRAND : word));
    // "lo stesso vale per xiaoai?": a follow-up's opening phrase describes nothing ("lo stesso" is
    // no "is it the same as").
    const opening = followUpOpening(text).length;
    const skipped = opening > 1 ? opening : 0;
    const ours = skipped > 0 ? asTyped.slice(skipped) : asTyped;
    const corrected = ours.map((word) => readings.get(word)?.correctedTo ?? word);
    // A correction can also be wrong for a description ("credito" read as "credit"): both readings count.
    const nameWords = skipped > 0 ? named.serviceNameWords.map((i) => i - skipped).filter((i) => i >= 0) : named.serviceNameWords;
    // Where places stand, when any does (most messages: nowhere, and no array is built).
    const placeWords = !named.words.some((word) => word.startsWith(REGION_MARK)) ? NO_PLACE_WORDS : named.words.flatMap((word, k) => (word.startsWith(REGION_MARK) && named.origins[k]! >= skipped ? [named.origins[k]! - skipped] : []));
    let described = corrected.some((word, i) => word !== ours[i])
      ? mergeReadings(this.concepts.read(ours, nameWords, placeWords), this.concepts.read(corrected, nameWords, placeWords))
      : this.concepts.read(ours, nameWords, placeWords);
    // "Da quando esiste questa cosa in Cina? Qui da noi non l'ho mai vista": the question names its
    // place; "da noi" outside it is where the asker is, not what is asked.
    if (described.homeRegion !== undefined && (this.homeOnlyBesideTheQuestion(text, guess.language) || hereOnlyWhereBought(typed))) described = { ...described, homeRegion: undefined };
    const placeFromConversation = places === undefined ? undefined : this.placePointedAt(text, named, described, places);
    if (placeFromConversation !== undefined) described = { ...described, homeRegion: placeFromConversation };
    // "in Shenzhen for work rn, is Mi Pay something ppl use here?", "mio cugino vive a shanghai, il
    // cloud lì funziona come qui?": a city of the services' origin is the asker's or the one asked.
    const { origin } = this.concepts;
    // "i'm in Shenzhen right now, is Mi Pay usable here?": so is one where the asker says they are.
    const originCityAsked =
      named.cityRegions.includes(origin) &&
      (AT_THE_START.test(text) ||
        questionsIn(sentences(text)).some((sentence) => pointsToPlace(this.recognizer.recognise(sentence.text, guess.language))) ||
        this.regionAsked.askerIsIn(text, origin, guess.language));
    const recognition = withDescriptions(named, described, origin, this.options.answering.companyLead, originCityAsked);
    const tokens = typedWords.map((word) => word.text);
    const read: Reading = { text, guess, described, readings, recognition: this.counterpartAsked(recognition, typed) ?? recognition, tokens };
    if (placeFromConversation !== undefined) read.placeFromConversation = placeFromConversation;
    return read;
  }

  /**
   * "volevo sapere se qui da noi si puo pagare col mi pay", "is mi pay still a thing here?",
   * "will i be able to use youpin there": a message naming no place of its own, after the asker
   * said where they are, asks about that place.
   */
  private placePointedAt(text: string, named: Recognition, described: ConceptReading, places: ConversationPlaces): string | undefined {
    if (named.regions.length > 0 || named.originCities.length > 0) return undefined;
    if (places.here !== undefined && (described.homeRegion !== undefined || saysHere(text))) return places.here;
    if (places.there !== undefined && pointsToPlace(named)) return places.there;
    return undefined;
  }

  /**
   * "on my old samsung I had samsung cloud for contacts. whats the xiaomi equivalent?", "il vecchio
   * garmin pagava con garmin pay, il nuovo orologio xiaomi ha qualcosa di simile?": Xiaomi named,
   * none of our services, and another company's product of a kind we have, its counterpart asked
   * for ("…google assistant and not their own helper?" too): the message describes ours, and the
   * other product is what it is likened to.
   */
  private counterpartAsked(recognition: Recognition, typed: readonly string[]): Recognition | undefined {
    if (this.likeOurs.size === 0 || recognition.otherProducts.length === 0 || !recognition.services.includes(COMPANY_SERVICE_ID) || namedService(recognition) !== undefined) return undefined;
    const service = recognition.otherProducts.map((product) => this.likeOurs.get(product)).find((kind) => kind !== undefined);
    if (service === undefined || !(typed.some((word) => EQUIVALENCE_WORDS.has(word)) || typed.join(" ").search(COUNTERPART) !== -1)) return undefined;
    return {
      ...recognition,
      otherProducts: recognition.otherProducts.filter((product) => this.likeOurs.get(product) !== service),
      guessedServices: [service],
      describedServices: [service],
      words: [...recognition.words, serviceTerm(service)],
      origins: [...recognition.origins, -1],
    };
  }

  /**
   * "what is hyper os": two words typed apart, when together they are a word the knowledge uses
   * and apart one of them is not, are read as that word. Only a word the knowledge lacks can be
   * half of one, so most messages build no joined string.
   */
  private joinSplitWords(input: Word[]): void {
    const minLength = this.options.reading.splitWordMinLength;
    let knownBefore = input.length > 0 && this.knownWords.has(input[0]!.text);
    for (let i = 1; i < input.length; i++) {
      const first = input[i - 1]!.text;
      const second = input[i]!.text;
      const known = this.knownWords.has(second);
      if ((!known || !knownBefore) && first.length + second.length >= minLength && this.knownWords.has(first + second)) {
        input.splice(i - 1, 2, { text: first + second, capitalised: false });
        i--;
        knownBefore = true;
        continue;
      }
      knownBefore = known;
    }
  }

  /** Whether the sentences that ask name a place and none of them says "da noi" / "here". */
  private homeOnlyBesideTheQuestion(text: string, language: Language): boolean {
    const said = sentences(text);
    if (said.length < 2) return false;
    const asking = questionsIn(said);
    return (
      asking.some((sentence) => this.recognizer.recognise(sentence.text, language).regions.length > 0) &&
      asking.every((sentence) => this.concepts.read(tokenize(sentence.text)).homeRegion === undefined)
    );
  }

  /** When the words as typed do not decide ("availabel in india?"), the words they were corrected to may. */
  reconsiderLanguage(guess: LanguageGuess, text: string, terms: readonly QueryTerm[], locale: string | undefined): LanguageGuess {
    if (guess.decidedBy === "text" || !terms.some((t) => t.correctedTo)) return guess;
    const corrected = words(text).map((w) => terms.find((t) => t.from === w.text)?.correctedTo ?? w.text);
    const second = this.guessLanguage(corrected, text, localeToLanguage(locale));
    return second.decidedBy === "text" ? second : guess;
  }

  /** The language of `words`, with the margins and the default the options set. */
  private guessLanguage(words: readonly string[], text: string, hint: Language | undefined): LanguageGuess {
    const { languageTieMargin, defaultLanguage, languageTieMarginByDefault } = this.options.reading;
    return this.detector.detect(words, text, hint, languageTieMargin, defaultLanguage, languageTieMarginByDefault);
  }
}

/**
 * "mi pay in cina funziona col mio xiaomi comprato qui?": every "here" of the message says where
 * something was bought ("comprato qui", "bought here"), not where it is asked about.
 */
function hereOnlyWhereBought(words: readonly string[]): boolean {
  let heres = 0;
  for (let i = 0; i < words.length; i++) {
    if (!HERE_WORDS.has(words[i]!)) continue;
    heres++;
    if (!BOUGHT_WORDS.has(words[i - 1] ?? "")) return false;
  }
  return heres > 0;
}

const HERE_WORDS = wordsOfAllPacks((pack) => pack.hereWords);
const BOUGHT_WORDS = wordsOfAllPacks((pack) => pack.boughtWords);

/** A word the knowledge never uses that says something: not a number, not chatter ("lol", "wtf"). */
export function saysWhatKnowledgeLacks(term: QueryTerm, chatter: ReadonlySet<string>): boolean {
  return term.reading === "unknown" && !/^\d+$/.test(term.from) && !chatter.has(term.from);
}
