/**
 * Recognises what a question names: Xiaomi services (despite typos and spacing: "mipay",
 * "Mi Pya", "xaioai", "mi clud"), regions (names and adjectives in both languages, every
 * country's Italian and English name, capitalised ISO codes, flag emoji) and products that are
 * not Xiaomi's. The same recogniser reads the knowledge's phrasings, so "Xiaomi Pay" in the data
 * and "mi pay" in a question become the same term.
 */
import { FuzzyLexicon } from "./fuzzy-lexicon.js";
import { LANGUAGE_PACKS, perLanguage, wordsOfAllPacks } from "./languages/index.js";
import { FUNCTION_WORDS } from "./lexicon.js";
import { countryNames, ISO_3166_ALPHA2 } from "./countries.js";
import { flagRegionCodes, isShouted, normalize, tokenize, words, type Word } from "./normalize.js";
import { LANGUAGES } from "./languages/codes.js";
import type { Knowledge, Language } from "./schema.js";
import type { WordSet } from "./word-list.js";
import type { CoreOptions } from "./defaults.js";

/** Term standing for a service in the matcher: "§mi-pay". */
export const serviceTerm = (serviceId: string): string => `§${serviceId}`;
/** Term standing for a region in the matcher: "@IT". */
export const REGION_MARK = "@";
export const regionTerm = (code: string): string => `${REGION_MARK}${code}`;

/** Term standing for a topic the knowledge does not cover: "!prezzo". */
export const OFF_TOPIC_MARK = "!";
export const offTopicTerm = (topic: string): string => `${OFF_TOPIC_MARK}${topic.replaceAll(" ", "")}`;

/** The service id that stands for the company as a whole, not for one service. */
export const COMPANY_SERVICE_ID = "xiaomi";
const COMPANY_TERM = serviceTerm(COMPANY_SERVICE_ID);

const COMPANY_WORD = "xiaomi";
// "lampadine xiaomi", "xiaomi mi home lamps": a device for the home.
const HOME_DEVICE_WORDS = wordsOfAllPacks((pack) => pack.homeDeviceWords);
// "xiaomi 14", "telefoni xiaomi", "xiaomi phones", "il mio xiaomi", "uno xiaomi": a phone.
const PHONE_WORDS = wordsOfAllPacks((pack) => pack.phoneWords);
const PHONE_OWNER_WORDS = wordsOfAllPacks((pack) => pack.phoneOwnerWords);
const WEARABLE_WORDS = wordsOfAllPacks((pack) => pack.wearableWords);

/**
 * Whether a region is named as a place, a country or a city standing for it ("in Grecia", "a
 * Praga"), not only implied by an adjective ("con la mia carta italiana", "does it speak English?").
 */
export function namesAsPlace(recognition: Recognition, code: string): boolean {
  return !recognition.impliedRegions.includes(code) || recognition.cityRegions.includes(code);
}

/** "capisce anche l'italiano?", "does it understand also the english": a verb of language use before function words only. */
function languageVerbAcross(input: readonly Word[], i: number): boolean {
  let k = i - 1;
  while (k >= i - 3 && k >= 0 && FUNCTION_WORDS.has(input[k]!.text) && input[k]!.text !== "in") k--;
  return k < i - 2 && k >= 0 && input[k]!.text !== "in" && LANGUAGE_USE_BEFORE.has(input[k]!.text);
}

/** Whether the word at `i` of a message's words is the company's name as a phone's or a device worn ("xiaomi 14", "telefoni xiaomi", "il mio xiaomi", "xiaomi watch"). */
function phoneBrandAt(words: readonly string[], i: number): boolean {
  if (words[i] !== COMPANY_WORD) return false;
  const next = words[i + 1] ?? "";
  const before = words[i - 1] ?? "";
  // "apple pay on a xiaomi watch": a device worn is as much a device as a phone.
  return startsWithDigit(next) || PHONE_WORDS.has(next) || WEARABLE_WORDS.has(next) || PHONE_WORDS.has(before) || PHONE_OWNER_WORDS.has(before);
}

/** "Xiaomi 15", "xiomi 16": the company's name as recognised, however typed, before a number names a phone model. */
export function namesAModel(recognition: Recognition): boolean {
  const { words } = recognition;
  for (let k = 0; k + 1 < words.length; k++) if (words[k] === COMPANY_TERM && startsWithDigit(words[k + 1]!)) return true;
  return false;
}

function startsWithDigit(word: string): boolean {
  const code = word.charCodeAt(0);
  return code >= 48 && code <= 57;
}

/** "lo posso usare sul mio xiaomi 14?", "funziona su tutti i telefoni xiaomi?": the company's name only as a phone's. */
export function namesOnlyAPhone(words: readonly string[]): boolean {
  let phones = 0;
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== COMPANY_WORD) continue;
    if (!phoneBrandAt(words, i)) return false;
    phones++;
  }
  return phones > 0;
}

/** Whether the word at `i` of a message's words is the company's name as a home device's ("xiaomi lamps", "lampadine xiaomi"). */
export function homeDeviceBrandAt(words: readonly string[], i: number): boolean {
  if (words[i] !== COMPANY_WORD) return false;
  const at = words[i + 1] === "mi" && words[i + 2] === "home" ? i + 3 : i + 1;
  // One word may say which device: "xiaomi desk lamp", "xiaomi robot vacuum", "xiaomi air purifier".
  const device = (k: number) => HOME_DEVICE_WORDS.has(words[k] ?? "");
  return device(at) || (device(at + 1) && !FUNCTION_WORDS.has(words[at] ?? "")) || device(i - 1);
}

/** "can alexa control my xiaomi lamps?": the company's name only as a home device's, or a phone's beside one. */
export function namesOnlyAHomeDevice(words: readonly string[]): boolean {
  let devices = 0;
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== COMPANY_WORD) continue;
    if (homeDeviceBrandAt(words, i)) devices++;
    else if (!phoneBrandAt(words, i)) return false;
  }
  return devices > 0;
}

// Longest names we try to recognise, in words ("xiao ai tong xue", "stati uniti d america").
const MAX_NAME_WORDS = 4;
// Region names that are also everyday words count only in capitals: "us" (we) always, "usa"
// (Italian for "uses") unless the question is English.
const NEEDS_CAPITALS: Record<Language, ReadonlySet<string>> = perLanguage((language) => new Set(LANGUAGE_PACKS[language].codesNeedingCapitals));
// "in the us", "negli usa": after these words "us" and "usa" are the country whatever the case.
const PLACE_WORDS = wordsOfAllPacks((pack) => pack.placeWords);
const CITY_PLACE_WORDS = wordsOfAllPacks((pack) => pack.cityPlaceWords);
const CARD_WORDS = wordsOfAllPacks((pack) => pack.cardWords);
/** "paris - mi pay ok or not", "Belarus: …": a place as the message's label, before a dash or a colon. */
export const LEADING_LABEL = /^\s*([\p{L}\p{M} .'’]{2,30}?)\s*(?:\s[-–—]+|:)\s/u;
const LABEL_MARK = /[-–—:]/;
const CITY_ORIGIN_WORDS = wordsOfAllPacks((pack) => pack.cityOriginWords);
const ASKER_PRONOUNS = wordsOfAllPacks((pack) => pack.askerPronouns);
// "I'm from Italy", "vengo dalla Polonia": the two words before a place saying where someone comes from.
const ORIGIN_PHRASES = wordsOfAllPacks((pack) => pack.personOriginPhrases);
const ASKER_PLACE_PHRASES = wordsOfAllPacks((pack) => pack.askerPlacePhrases);
const PHRASES_NAMING_NO_PRODUCT = wordsOfAllPacks((pack) => pack.phrasesNamingNoProduct);
// "fuori dall'Italia", "outside China", "tranne la Cina": the region is the one not asked about.
const EXCLUDING_WORDS = wordsOfAllPacks((pack) => pack.excludingWords);
// "…la prima volta in assoluto, non in Italia": a negation opening a clause, with no verb of its
// own, sets the place aside; "why is it not in Europe?" and "but not in Holland?" ask about it.
const SET_ASIDE = new RegExp(`[,;:(]\\s*(?:${[...wordsOfAllPacks((pack) => pack.negatingWords)].join("|")})\\s+in\\s+([\\p{L}]+)`, "giu");
const ONLY_WORDS = wordsOfAllPacks((pack) => pack.onlyWords);
const NON_PREFIXED = /(?<![\p{L}])non[-‐‑]\p{L}/iu;
const LIKENING_PLACE_WORDS = wordsOfAllPacks((pack) => pack.likeningPlaceWords);
const WANTING_WORDS = wordsOfAllPacks((pack) => pack.wantingWords);
const BEING_WORDS = wordsOfAllPacks((pack) => pack.beingWords);
const THERE_WORDS: ReadonlySet<string> = wordsOfAllPacks((pack) => pack.thereWords);
const THERE_AT_CLAUSE_END: ReadonlySet<string> = wordsOfAllPacks((pack) => pack.thereAtClauseEnd);
const CLAUSE_TURNING_WORDS: ReadonlySet<string> = wordsOfAllPacks((pack) => pack.clauseTurningWords);
// "is there a Xiaomi Pay app?" asks whether something exists, not about a place.
const EXISTENTIAL_BEFORE: ReadonlySet<string> = wordsOfAllPacks((pack) => pack.existentialWords);
const LANGUAGE_USE_BEFORE = wordsOfAllPacks((pack) => pack.languageUseWords.before);
const LANGUAGE_USE_AFTER = wordsOfAllPacks((pack) => pack.languageUseWords.after);
const LANGUAGE_USE_JOINING = wordsOfAllPacks((pack) => pack.languageUseWords.joining);
// English capitalises its adjectives and demonyms ("Chinese", "Polish", "Greeks"): they are told
// from place names by their endings.
const DEMONYM_ENDING = /(ese|ian|ians|ean|ish|ans|ek|eks|ch)$/;
// "South America", "America Latina": a part of the continent, not the United States.
const AMERICA_QUALIFIERS = new Set(["south", "sud", "latin", "central", "centro", "north", "nord", "latina", "centrale", "meridionale"]);

function continentAt(input: readonly Word[], i: number): boolean {
  return input[i]!.text === "america" && (AMERICA_QUALIFIERS.has(input[i - 1]?.text ?? "") || AMERICA_QUALIFIERS.has(input[i + 1]?.text ?? ""));
}

// Capitals that are rarely a country even after "in": "in TV", "in AI".
const ACRONYMS = new Set(["AI", "TV", "PM", "ID", "ME", "MY", "DO", "TO", "SO"]);
// Two-letter codes that in these chats are far more often an abbreviation than a country:
// AI (Anguilla) in "Xiao AI", GB in "5 GB", SE (Sweden) for the Secure Element, IT in "IT support", TV, IN, ID, ...
const AMBIGUOUS_CODES = new Set(["AI", "AM", "AT", "BE", "BY", "DO", "GB", "ID", "IN", "IS", "IT", "ME", "MY", "NO", "PM", "SE", "SO", "TO", "TV"]);

export interface Recognition {
  /** Words left after names were taken out, in order. */
  words: string[];
  /** For each of `words`, the index of the input word it was read from (-1: from a flag emoji), so a clause can be cut out. */
  origins: number[];
  /** Services named, in order of first mention, each once. */
  services: string[];
  /** Services only guessed from a generic word of their name ("cloud", "pay"), not named. */
  guessedServices: string[];
  /** Services only described ("pagare con la band"): set from the concept lexicon, not by the recogniser. */
  describedServices: string[];
  /** Regions the message looks beyond ("fuori dall'Italia", "outside China"): named, but not asked about. */
  excludedRegions: string[];
  /** Regions set against another ("or is it China only?", "solo per i cinesi"): asked about only when alone. */
  contrastRegions: string[];
  /** Where someone comes from or something was bought ("I'm from Italy", "preso in Polonia"): background, not what is asked. */
  backgroundRegions: string[];
  /** Cities someone is from ("mio genero è di Praga", "customer from Prague"): not named as places asked, but what "there" may point at. */
  originCities: string[];
  /** Regions named, in order of first mention, each once; those only implied by an adjective come last. */
  regions: string[];
  /** Regions only implied by an adjective or demonym ("carta italiana", "Polish banks"), or by a city. */
  impliedRegions: string[];
  /** Regions implied only by a bank of theirs ("la carta Nexi"): a card, not a place, is what is said. */
  bankRegions: string[];
  /** Regions of the cities named ("sono a Varsavia"): where the asker is. */
  cityRegions: string[];
  /** Display names of non-Xiaomi products named. */
  otherProducts: string[];
  /**
   * The input words, by index, of those of `otherProducts` a word of whose name is a service's
   * ("Apple Pay", "Samsung Cloud"): rivals, not brands. Empty: no rival named.
   */
  rivalProductWords: number[];
  /**
   * The input words, by index, of the names of our services named ("mi cloud", not the company's
   * "xiaomi" alone): read as a name, they are no word of a description too.
   */
  serviceNameWords: number[];
  /** Topics the knowledge does not cover, as named in the question ("prezzo", "battery", "su 7"). */
  offTopic: string[];
  /** Whether any recognised service name was written with a typo. */
  correctedNames: number;
  /** One-word place names read through a typo, as typed and as meant ("portgual" → "portugal"). */
  misspeltPlaces: Array<[typed: string, meant: string]>;
}

const BRAND_WORDS = new Set(["mi", "xiaomi"]);
// Words whose facts are kept: a day of chat, like the other per-word caches.
const WORDS_KEPT = 20_000;

export class EntityRecognizer {
  private readonly serviceNames = new FuzzyLexicon<string>();
  /** A word that belongs to the names of exactly one service ("cloud", "pay", "tongxue"). */
  private readonly serviceWords = new Map<string, string>();
  // "itlay", "spian": a five-letter country is read through a swap only.
  private readonly curatedRegions = new FuzzyLexicon<string>(6, 5);
  /**
   * Names written in lower case in data/regions.json are adjectives ("italiano", "cinese"): they
   * name a region but also a language, so the word itself is kept beside the region term and
   * "XiaoAI parla italiano?" stays a question about languages.
   */
  private readonly adjectives = new Set<string>();
  /** Adjectives that are also their country's name ("ucraina", "svizzera"): the place, but after "sono" someone's nationality. */
  private readonly placeOrAdjective = new Set<string>();
  /** Adjectives and demonyms in either language ("cinese", "Chinese", "Greeks"): a region implied, not named. */
  private readonly demonyms = new Set<string>();
  private readonly countryNames = new FuzzyLexicon<string>(Infinity);
  /** Cities by their region: read only where a word places the question there ("a Praga", "in Kyiv"). */
  private readonly cityNames = new FuzzyLexicon<string>(7);
  /** Banks by the one country they are in: a card from one implies the country, as an adjective does. */
  private readonly bankNames = new FuzzyLexicon<string>(Infinity);
  private readonly otherProducts = new FuzzyLexicon<string>();
  private readonly offTopicNames = new FuzzyLexicon<string>(Infinity);
  /** The lexicons above: a name's bit in `nameKeys` is 1 << its lexicon's place here. */
  private readonly lexicons: ReadonlyArray<FuzzyLexicon<string>>;
  /**
   * Every beginning of every name above ("i", "it", "ita", …), with a bit for each lexicon that has
   * it as a whole name: most words begin none, and then no lexicon needs to be asked for them or
   * for the longer runs of words they start; a run that is a whole name is asked only of the
   * lexicons that hold it.
   */
  private readonly nameKeys = new Map<string, number>();
  private readonly placeholders: ReadonlyMap<string, string>;

  /**
   * @param knownWords correctly spelt words (of the knowledge and function words): a name typo is
   *   only looked for where a word is not one of them, so "funziona" is never read as a misspelt name.
   */
  constructor(
    knowledge: Pick<Knowledge, "services" | "regions" | "otherProducts">,
    private readonly limits: Pick<CoreOptions["reading"], "typoAliasMinLength" | "dictionaryWordMinLength" | "dictionaryVetoDistance" | "labelReach">,
    placeholders: ReadonlyMap<string, string> = new Map(),
    private readonly knownWords: ReadonlySet<string> = new Set(),
    /** Words spelt right in some language we read: such a word in a name's place is not its typo ("xiaomi clock"). */
    private readonly dictionary: WordSet = new Set(),
  ) {
    this.placeholders = placeholders;
    // Longer aliases first: "xiaomi pay" must win over the company alias "xiaomi".
    const aliases = knowledge.services.flatMap((service) =>
      [service.name, ...service.aliases].map((alias) => ({ serviceId: service.id, words: tokenize(alias) })),
    );
    aliases.sort((a, b) => b.words.join("").length - a.words.join("").length);
    for (const alias of aliases) {
      if (alias.words.join("").length < limits.typoAliasMinLength) continue;
      this.serviceNames.add(alias.words.join(""), alias.serviceId);
    }
    const servicesOfWord = new Map<string, Set<string>>();
    for (const alias of aliases) {
      for (const word of alias.words) {
        if (word.length < 3 || BRAND_WORDS.has(word) || FUNCTION_WORDS.has(word)) continue;
        const ids = servicesOfWord.get(word) ?? new Set<string>();
        servicesOfWord.set(word, ids.add(alias.serviceId));
      }
    }
    for (const [word, ids] of servicesOfWord) {
      const [only] = ids;
      if (ids.size === 1 && only !== COMPANY_SERVICE_ID) this.serviceWords.set(word, only!);
    }
    // "svizzera" is Swiss and Switzerland: a word that is also a place's name is read as the place.
    const placeNames = new Set(knowledge.regions.flatMap((region) => LANGUAGES.flatMap((language) => region.names[language]).filter((name) => name !== name.toLowerCase()).map((name) => tokenize(name).join(""))));
    for (const region of knowledge.regions) {
      for (const name of LANGUAGES.flatMap((language) => region.names[language])) {
        const key = tokenize(name).join("");
        this.curatedRegions.add(key, region.code);
        const adjective = name === name.toLowerCase() && !placeNames.has(key);
        if (adjective) this.adjectives.add(key);
        else if (name === name.toLowerCase()) this.placeOrAdjective.add(key);
        if (adjective || DEMONYM_ENDING.test(key)) this.demonyms.add(key);
      }
    }
    for (const region of knowledge.regions) for (const city of region.cities ?? []) this.cityNames.add(tokenize(city).join(""), region.code);
    for (const region of knowledge.regions) for (const bank of region.banks ?? []) this.bankNames.add(tokenize(bank).join(""), region.code);
    for (const region of knowledge.regions) {
      for (const name of region.namesAsTyped ?? []) {
        const key = tokenize(name).join("");
        this.countryNames.add(key, region.code);
        // As among the names, one in lower case is an adjective ("romena": someone Romanian).
        if (name === name.toLowerCase()) {
          this.adjectives.add(key);
          this.demonyms.add(key);
        }
      }
    }
    for (const language of LANGUAGES) {
      for (const code of ISO_3166_ALPHA2) {
        for (const name of countryNames(code, language)) this.countryNames.add(tokenize(name).join(""), code);
      }
    }
    for (const brand of [...knowledge.otherProducts.brands, ...knowledge.otherProducts.shops]) this.otherProducts.add(tokenize(brand).join(""), brand);
    for (const topic of LANGUAGES.flatMap((language) => knowledge.otherProducts.topics[language])) {
      this.offTopicNames.add(tokenize(topic).join(""), tokenize(topic).join(" "));
    }
    this.lexicons = [this.serviceNames, this.curatedRegions, this.countryNames, this.cityNames, this.bankNames, this.otherProducts, this.offTopicNames];
    this.lexicons.forEach((lexicon, place) => {
      for (const key of lexicon.keys()) {
        for (let end = 1; end < key.length; end++) {
          const prefix = key.slice(0, end);
          if (!this.nameKeys.has(prefix)) this.nameKeys.set(prefix, 0);
        }
        this.nameKeys.set(key, (this.nameKeys.get(key) ?? 0) | (1 << place));
      }
    });
  }

  /** Whether a word names a region by itself: "ceca" in "e la carta ceca?" is a place, not a word the knowledge lacks. */
  namesRegion(word: string): boolean {
    return this.curatedRegions.get(word) !== undefined || this.countryNames.get(word) !== undefined;
  }

  /** Whether a word names a region or a city ("Bari", "Lyon"). */
  namesPlace(word: string): boolean {
    return this.namesRegion(word) || this.cityNames.get(word) !== undefined;
  }

  recognise(text: string, language: Language = "it"): Recognition {
    return this.recogniseWords(words(text), text, language);
  }

  recogniseWords(input: Word[], rawText: string, language: Language): Recognition {
    const shouted = isShouted(rawText);
    let setAside: string[] | undefined;
    // Most messages have no dash or colon near their start: the pattern is not run for them.
    const label = LABEL_MARK.test(rawText.slice(0, this.limits.labelReach)) ? LEADING_LABEL.exec(rawText)?.[1] : undefined;
    const labelWords = label === undefined ? 0 : words(label).length;
    const namedOtherwise = new Set<string>();
    const result: Recognition = { words: [], services: [], guessedServices: [], describedServices: [], excludedRegions: [], contrastRegions: [], backgroundRegions: [], originCities: [], regions: [], impliedRegions: [], bankRegions: [], cityRegions: [], origins: [], otherProducts: [], rivalProductWords: [], serviceNameWords: [], offTopic: [], correctedNames: 0, misspeltPlaces: [] };
    const adjectiveRegions: string[] = [];
    // A name typo is only looked for in a run of words holding one the knowledge does not use:
    // where the next such word is, from each word on, is worked out once for the whole message.
    const nextUnknown = new Int32Array(input.length + 1);
    nextUnknown[input.length] = input.length;
    const facts: WordFacts[] = new Array(input.length);
    for (let k = input.length - 1; k >= 0; k--) {
      facts[k] = this.factsOf(input[k]!.text);
      nextUnknown[k] = facts[k]!.known ? nextUnknown[k + 1]! : k;
    }

    for (let i = 0; i < input.length; ) {
      const word = input[i]!;
      const placeholder = facts[i]!.placeholder;
      if (placeholder !== undefined) {
        pushTerm(result, placeholder, i);
        i++;
        continue;
      }

      // A word that begins no name, with no word the knowledge lacks within a name's reach (where
      // a typo could hide one), and not two capitals (a country code), is what every lexicon below
      // would find it to be: itself, or a word of one service's name. Most words are, and need
      // no window built nor five lexicons asked.
      if (nextUnknown[i]! >= Math.min(input.length, i + MAX_NAME_WORDS) && facts[i]!.names === undefined && !(word.capitalised && word.text.length === 2)) {
        this.pushPlainWord(result, facts[i]!, i);
        i++;
        continue;
      }

      const window = this.windowAt(input, facts, i, nextUnknown);
      const { keys } = window;
      // "my icloud is full" ("myicloud" is one letter from "micloud"): another company's product
      // spelt right is not ours misspelt.
      // Nor is a word spelt right two letters away: "the xiaomi clock for pay in shops" is a watch,
      // not the cloud; but one letter away it is still the usual typo ("mi clod").
      // A run too far from a name may hold a shorter one that is not: "xiaomi clod da noi" is two
      // letters from "xiaomi cloud" over three words, one over two.
      let service = this.longestName(window, input, this.serviceNames, true);
      while (
        service !== undefined &&
        service.distance > 0 &&
        (this.rivalWithin(input, i, service.length) || (service.distance >= this.limits.dictionaryVetoDistance && this.spelledRightWithin(facts, i, service.length)))
      ) {
        service = service.length > 1 ? this.longestName(window, input, this.serviceNames, true, service.length - 1) : undefined;
      }
      if (service) {
        // The name becomes one term, so "mi pya", "Xiaomi Pay" and "mipay" read alike.
        pushOnce(result.services, service.value);
        if (service.distance > 0) result.correctedNames++;
        pushTerm(result, serviceTerm(service.value), i);
        if (service.value !== COMPANY_SERVICE_ID) for (let k = 0; k < service.length; k++) result.serviceNameWords.push(i + k);
        i += service.length;
        continue;
      }

      const previous = result.words.at(-1);
      const afterService = previous !== undefined && previous.startsWith("§") && previous !== COMPANY_TERM;
      const region = continentAt(input, i) ? undefined : this.regionAt(window, input, shouted, language, afterService, labelWords);
      if (!region && CITY_ORIGIN_WORDS.has(input[i - 1]?.text ?? "")) {
        const city = this.longestName(window, input, this.cityNames, true);
        if (city) pushOnce(result.originCities, city.value);
      }
      if (region) {
        // "sono ucraina e vivo a Napoli": who someone is, not the place.
        const adjective = region.length === 1 && (this.adjectives.has(keys[0]!) || (this.placeOrAdjective.has(keys[0]!) && BEING_WORDS.has(input[i - 1]?.text ?? "")));
        const next = input[i + 1]?.text ?? "";
        // "my uk revolut", "a us card": a country's code before a card or an account says whose it is, as an adjective does.
        const codeOfACard = region.length === 1 && keys[0]!.length <= 3 && (CARD_WORDS.has(next) || this.bankNames.get(next) !== undefined);
        const nationality = adjective || (region.length === 1 && this.demonyms.has(keys[0]!)) || codeOfACard;
        // "can I use XiaoAI in English?", "sorry, english pls": the language, not a country.
        // A verb may stand a word away ("parlo solo italiano", "speaks only English"); "in" may not,
        // and "in" makes a language only at the end of what is said ("in English?", "in inglese o in
        // cinese"), not before a noun ("in Indian shops").
        const endsThere = next === "" || LANGUAGE_USE_JOINING.has(next) || LANGUAGE_USE_AFTER.has(next);
        const before = input[i - 1]?.text ?? "";
        const usedBefore =
          (LANGUAGE_USE_BEFORE.has(before) && (before !== "in" || endsThere)) ||
          (input[i - 2]?.text !== "in" && LANGUAGE_USE_BEFORE.has(input[i - 2]?.text ?? "")) ||
          languageVerbAcross(input, i);
        if (nationality && (usedBefore || LANGUAGE_USE_AFTER.has(next) || (next === "per" && input[i + 2]?.text === "favore"))) {
          this.pushPlainWord(result, facts[i]!, i);
          i++;
          continue;
        }
        if (EXCLUDING_WORDS.has(input[i - 1]?.text ?? "") || EXCLUDING_WORDS.has(input[i - 2]?.text ?? "")) pushOnce(result.excludedRegions, region.code);
        else if (input[i - 1]?.text === "in" && (setAside ??= [...rawText.matchAll(SET_ASIDE)].map((match) => normalize(match[1]!))).includes(word.text)) pushOnce(result.excludedRegions, region.code);
        // "China only", "solo in Cina", "solo x la cina" (function words between), "china-locked".
        const between = isSlightWord(input[i - 1]?.text) && isSlightWord(input[i - 2]?.text);
        const around = [i - 1, i - 2, between ? i - 3 : -1, i + region.length];
        // "mi interessa solo la Grecia", "mi interessa sapere soltanto se in Repubblica Ceca…": only
        // what the asker wants, the place asked.
        if (around.some((k) => ONLY_WORDS.has(input[k]?.text ?? "") && !WANTING_WORDS.has(input[k - 1]?.text ?? "") && !WANTING_WORDS.has(input[k - 2]?.text ?? ""))) {
          pushOnce(result.contrastRegions, region.code);
        }
        // "is it still a thing in China or did it die there like in India?", "in Spagna va come in
        // Italia?": the place likened to is set against the one asked; not "come" opening a
        // question ("come in Italia si attiva?").
        if (i >= 3 && input[i - 1]?.text === "in" && LIKENING_PLACE_WORDS.has(input[i - 2]?.text ?? "")) pushOnce(result.contrastRegions, region.code);
        // "I'm from Italy" says who someone is, as "I'm Italian" does.
        // ("I'm from the US", "flying from the UK": an article may stand between.)
        const placeAt = input[i - 1]?.text === "the" ? i - 1 : i;
        const personsOrigin = ORIGIN_PHRASES.has(`${input[placeAt - 2]?.text ?? ""} ${input[placeAt - 1]?.text ?? ""}`);
        // A city, like an adjective, implies its country: a country named beside it is the one asked.
        pushOnce(nationality || personsOrigin || region.city ? adjectiveRegions : result.regions, region.code);
        if (personsOrigin) pushOnce(result.backgroundRegions, region.code);
        else namedOtherwise.add(region.code);
        if (region.city) pushOnce(result.cityRegions, region.code);
        pushTerm(result, regionTerm(region.code), i);
        if (region.misspeltAs !== undefined) result.misspeltPlaces.push([word.text, region.misspeltAs]);
        if (adjective) pushTerm(result, word.text, i);
        i += region.length;
        continue;
      }

      // "ho un conto alpha bank, xiaomi pay ci va?": the bank's country, implied as by an adjective;
      // its words stay words of the question ("le carte Nexi").
      const bank = this.longestName(window, input, this.bankNames, false);
      if (bank) {
        pushOnce(adjectiveRegions, bank.value);
        pushOnce(result.bankRegions, bank.value);
        for (let k = 0; k < bank.length; k++) this.pushPlainWord(result, facts[i + k]!, i + k);
        i += bank.length;
        continue;
      }
      // "Vivo a Milano" is where someone lives, and "vederla dal vivo" is seeing it in person, not a Vivo phone.
      // "the non-google one" is not Google One: a name after "non-" is what something is not.
      const product =
        ASKER_PLACE_PHRASES.has(`${word.text} ${input[i + 1]?.text ?? ""}`) ||
        PHRASES_NAMING_NO_PRODUCT.has(`${input[i - 1]?.text ?? ""} ${word.text}`) ||
        (input[i - 1]?.text === "non" && NON_PREFIXED.test(rawText))
          ? undefined
          : this.longestName(window, input, this.otherProducts, true);
      if (product) {
        pushOnce(result.otherProducts, product.value);
        // "apple pay va sul mio xiaomi?": the "pay" of another company's product guesses no service of ours.
        const named = input.slice(i, i + product.length).map((w) => w.text);
        const rival = named.some((w) => this.serviceWords.has(w));
        for (const [k, w] of named.entries()) {
          pushTerm(result, w, i + k);
          if (rival) result.rivalProductWords.push(i + k);
        }
        i += product.length;
        continue;
      }
      // Matched like a name, so "SU7" (read as "su 7") is still recognised; but a single word the
      // knowledge itself uses ("costa" for cloud plans) is a topic we do cover.
      const offTopic = this.longestName(window, input, this.offTopicNames, false);
      if (offTopic && !(offTopic.length === 1 && this.knownWords.has(word.text))) {
        pushOnce(result.offTopic, offTopic.value);
        pushTerm(result, offTopicTerm(offTopic.value), i);
        i += offTopic.length;
        continue;
      }
      this.pushPlainWord(result, facts[i]!, i);
      i++;
    }
    result.guessedServices = result.guessedServices.filter((id) => !result.services.includes(id));
    // "comprata in Russia… In Russia funziona ancora?": named again, it is asked after all.
    if (result.backgroundRegions.length > 0) result.backgroundRegions = result.backgroundRegions.filter((code) => !namedOtherwise.has(code));
    for (const code of flagRegionCodes(rawText)) {
      if (code !== "EU" && !ISO_3166_ALPHA2.has(code)) continue;
      pushOnce(result.regions, code);
      pushTerm(result, regionTerm(code), -1);
    }
    // "Can I use the Chinese assistant in the US?" asks about the US: a place named or flagged
    // comes before one only implied by an adjective; a city, where someone is, before a
    // nationality ("sono italiano e vivo a Londra").
    const cityFirst = [...adjectiveRegions.filter((code) => result.cityRegions.includes(code)), ...adjectiveRegions.filter((code) => !result.cityRegions.includes(code))];
    for (const code of cityFirst) {
      if (!result.regions.includes(code)) pushOnce(result.impliedRegions, code);
      pushOnce(result.regions, code);
    }
    return result;
  }

  /** Whether a word of the run is spelt right though the knowledge never uses it ("clock" in "xiaomi clock"). */
  private spelledRightWithin(facts: readonly WordFacts[], start: number, length: number): boolean {
    for (let k = start; k < start + length && k < facts.length; k++) {
      const word = facts[k]!;
      // Asked of the dictionaries once per word (they are loaded on the first such question).
      word.spelt ??= word.text.length >= this.limits.dictionaryWordMinLength && !word.known && this.dictionary.has(word.text);
      if (word.spelt) return true;
    }
    return false;
  }

  /** Whether one of the `length` words from `start` is another company's product by itself. */
  private rivalWithin(input: readonly Word[], start: number, length: number): boolean {
    for (let k = start; k < start + length && k < input.length; k++) if (this.otherProducts.get(input[k]!.text) !== undefined) return true;
    return false;
  }

  /** A word that is no name: itself, or the service one of whose names it is a word of ("cloud"). */
  private pushPlainWord(result: Recognition, word: WordFacts, origin: number): void {
    const guessed = word.service;
    if (guessed !== undefined) {
      pushOnce(result.guessedServices, guessed);
      pushTerm(result, serviceTerm(guessed), origin);
    } else {
      pushTerm(result, word.text, origin);
    }
  }

  /**
   * What reading a message needs to know of a word by itself, looked up once per word instead of
   * in a table each; kept across messages (bounded, cleared whole when full like the other
   * per-word caches).
   */
  private factsOf(word: string): WordFacts {
    let facts = this.wordFacts.get(word);
    if (facts === undefined) {
      facts = {
        text: word,
        known: this.knownWords.has(word),
        placeholder: this.placeholders.get(word),
        names: this.nameKeys.get(word),
        service: this.serviceWords.get(word),
        functionWord: FUNCTION_WORDS.has(word),
        spelt: undefined,
      };
      if (this.wordFacts.size >= WORDS_KEPT) this.wordFacts.clear();
      this.wordFacts.set(word, facts);
    }
    return facts;
  }

  private readonly wordFacts = new Map<string, WordFacts>();

  /** The runs of words from `start` that could be a name, read once for every lexicon. */
  private windowAt(input: Word[], facts: readonly WordFacts[], start: number, nextUnknown: Int32Array): NameWindow {
    const names: number[] = [];
    // Runs a typo may hide in are all tried; otherwise only runs that begin a name are built.
    if (nextUnknown[start]! < Math.min(input.length, start + MAX_NAME_WORDS)) {
      const keys = ngramKeys(input, start);
      for (let bits = facts[start]!.names; bits !== undefined; bits = this.nameKeys.get(keys[names.length]!)) {
        names.push(bits);
        if (names.length === keys.length) break;
      }
      return { keys, names, facts, start, prefixes: names.length, nextUnknown, functionWords: functionWordsFrom(facts, start, names.length) };
    }
    const keys = [input[start]!.text];
    for (let bits = facts[start]!.names; bits !== undefined; bits = this.nameKeys.get(keys.at(-1)!)) {
      names.push(bits);
      if (keys.length === MAX_NAME_WORDS || start + keys.length === input.length) break;
      keys.push(keys.at(-1)! + input[start + keys.length]!.text);
    }
    return { keys, names, facts, start, prefixes: names.length, nextUnknown, functionWords: functionWordsFrom(facts, start, names.length) };
  }

  /** @param longest the most words the name may span (all the window's by default) */
  private longestName(window: NameWindow, input: Word[], lexicon: FuzzyLexicon<string>, allowTypos: boolean, longest = window.keys.length) {
    const { keys, start, nextUnknown } = window;
    // Exact names of any length beat a typo: "xiaomi pay" must not become a fuzzy "xiaomi pay in".
    // But a misspelt longer name beats an exact shorter one when the words it adds are not
    // words we know: "xiaomi pya" is Xiaomi Pay, not the company and a stray "pya".
    let exact: { value: string; length: number; distance: number; key: string } | undefined;
    const bit = 1 << this.lexicons.indexOf(lexicon);
    for (let n = Math.min(window.prefixes, longest); n >= 1 && !exact; n--) {
      // Words glued into a name need one that is not a function word: "is it a thing" is not "ITA".
      if (n > 1 && window.functionWords >= n) continue;
      if ((window.names[n - 1]! & bit) === 0) continue;
      const value = lexicon.get(keys[n - 1]!);
      if (value !== undefined) exact = { value, length: n, distance: 0, key: keys[n - 1]! };
    }
    // A lone letter ("x" for "per", "e", "a") glued to a name by a typo's slack is not part of it.
    if (!allowTypos || input[start]!.text.length === 1) return exact;
    const shortest = exact ? exact.length + 1 : 1;
    // The words a typo may be in: those after the exact name, if any.
    const unknown = nextUnknown[exact ? start + exact.length : start]!;
    for (let n = Math.min(keys.length, longest); n >= shortest; n--) {
      if (unknown >= start + n) continue;
      const hit = lexicon.find(keys[n - 1]!, n <= window.prefixes && (window.names[n - 1]! & bit) !== 0);
      if (hit) return { value: hit.value, length: n, distance: hit.distance, key: hit.key };
    }
    return exact;
  }

  private regionAt(
    window: NameWindow,
    input: Word[],
    shouted: boolean,
    language: Language,
    afterService: boolean,
    labelWords: number,
  ): { code: string; length: number; city?: boolean; misspeltAs?: string } | undefined {
    const { keys, start } = window;
    const first = input[start]!;
    // A word spelt right is no place's typo where no place is expected: "hellos everyone" is not
    // Hellas, "geeks" not the Greeks; "in grece" still is Greece.
    const curated = this.longestName(window, input, this.curatedRegions, true);
    const before = input[start - 1]?.text ?? "";
    const afterPlaceWord = PLACE_WORDS.has(before);
    const afterCityPlaceWord = CITY_PLACE_WORDS.has(before) || (CITY_ORIGIN_WORDS.has(before) && ASKER_PRONOUNS.has(input[start - 2]?.text ?? ""));
    const placeExpected = afterPlaceWord || afterCityPlaceWord;
    const spelledRight = curated !== undefined && curated.distance > 0 && !placeExpected && this.spelledRightWithin(window.facts, start, curated.length);
    const named = (spelledRight ? this.longestName(window, input, this.curatedRegions, false) : curated) ?? this.longestName(window, input, this.countryNames, false);
    const labelled = start === 0 && labelWords > 0;
    if (named !== undefined || afterCityPlaceWord || labelled) {
      // "(una banca di) Monaco di Baviera" is Munich, though "Monaco" alone names a country: the longer
      // name wins. In Italian, a city as long wins too: "Monaco" alone is Munich there (the principality
      // is "il Principato di Monaco", "Montecarlo"); every other city named like a country is in it.
      const city = this.longestName(window, input, this.cityNames, true);
      const placed = named !== undefined || start > 0 || city?.length === labelWords;
      if (city && placed && (named === undefined || city.length > named.length || (city.length === named.length && language === "it"))) return { code: city.value, length: city.length, city: true };
    }
    // "Bavaria here - xiaoai on my speaker?": a label longer than the city is read as any other words are.
    if ((named === undefined && !afterCityPlaceWord) && !CITY_ORIGIN_WORDS.has(before)) {
      // "kyiv friends say they pay with their mi band": a city's name as typed that neither
      // dictionary has is the city wherever it stands ("Milano", an Italian word too, needs "a" or "in").
      const city = this.longestName(window, input, this.cityNames, false);
      if (city && !this.spelledRightWithin(window.facts, start, city.length)) return { code: city.value, length: city.length, city: true };
    }
    // Right after a service's name, at the end of the message, a short word is where it is asked
    // about: "mi cloud us?"; but "XiaoAI usa un modello linguistico?" is a verb.
    const placeContext = named !== undefined && ((afterService && start === input.length - 1) || afterPlaceWord);
    if (named && (first.capitalised || !NEEDS_CAPITALS[language].has(keys[named.length - 1]!) || placeContext)) {
      return { code: named.value, length: named.length, ...(named.distance > 0 && named.length === 1 ? { misspeltAs: named.key } : {}) };
    }
    if (first.text.length !== 2) return undefined;
    const code = first.text.toUpperCase();
    // "xiaoai jp?", "mi cloud in br", "ships to au": a code typed in lower case, where a place is
    // expected, when it is no word of ours ("in it", "ma", "se").
    if (!first.capitalised) {
      const whereAPlaceGoes =
        (afterService && start === input.length - 1) || placeExpected || (start === 0 && labelWords === 1);
      const aWord = FUNCTION_WORDS.has(first.text) || this.knownWords.has(first.text) || AMBIGUOUS_CODES.has(code);
      return whereAPlaceGoes && !aWord && ISO_3166_ALPHA2.has(code) ? { code, length: 1 } : undefined;
    }
    if (shouted) return undefined;
    // "mi cloud AT?" and "spedisce in AT?" ask about Austria; "un assistente AI in Europa" and
    // "in TV" name no place.
    const codeAfterPlaceWord = afterPlaceWord && !ACRONYMS.has(code);
    if (ISO_3166_ALPHA2.has(code) && (!AMBIGUOUS_CODES.has(code) || (afterService && start === input.length - 1) || codeAfterPlaceWord)) return { code, length: 1 };
    return undefined;
  }
}

/** A word as the recogniser sees it by itself (see EntityRecognizer.factsOf). */
interface WordFacts {
  text: string;
  /** A word the knowledge uses or a function word: no name's typo. */
  known: boolean;
  placeholder: string | undefined;
  /** It begins a name: the bits of the lexicons that have it as a whole name (undefined: it begins none). */
  names: number | undefined;
  /** The one service whose names it belongs to ("cloud", "pay"). */
  service: string | undefined;
  functionWord: boolean;
  /** A word some dictionary has, the knowledge does not use, and long enough to say so (undefined: not asked yet). */
  spelt: boolean | undefined;
}

interface NameWindow {
  /** `keys[n - 1]` is the words from `start` joined without spaces, n words long. */
  keys: string[];
  start: number;
  /** How many of `keys` begin some name: a longer run cannot be a name when a shorter one begins none. */
  prefixes: number;
  /** For each of those, the bits of the lexicons that have it as a whole name (see EntityRecognizer.nameKeys). */
  names: number[];
  /** The message's words as the recogniser sees them. */
  facts: readonly WordFacts[];
  /** For each word, the first word from it on that the knowledge does not use (the message's length: none). */
  nextUnknown: Int32Array;
  /** How many words from `start` are function words (counted only as far as `prefixes` reaches). */
  functionWords: number;
}

/** A function word, or a lone letter standing for one ("x" for "per"). */
function isSlightWord(word: string | undefined): boolean {
  return word !== undefined && (FUNCTION_WORDS.has(word) || word.length === 1);
}

/** How many of the `limit` words from `start` are function words before the first that is not. */
function functionWordsFrom(facts: readonly WordFacts[], start: number, limit: number): number {
  let count = 0;
  while (count < limit && facts[start + count]!.functionWord) count++;
  return count;
}

/** The words from `start` joined without spaces, one to MAX_NAME_WORDS words long. */
function ngramKeys(input: Word[], start: number): string[] {
  const keys: string[] = [];
  let key = "";
  for (let k = start; k < Math.min(input.length, start + MAX_NAME_WORDS); k++) {
    key += input[k]!.text;
    keys.push(key);
  }
  return keys;
}

// Module functions, not closures made per message: tsx, which runs the benchmark, names every
// such closure with a defineProperty call (~0.4 us each).
function pushTerm(result: Recognition, term: string, origin: number): void {
  result.words.push(term);
  result.origins.push(origin);
}

function pushOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/** "e xiaomi pay? va anche lì?", "does it work there too?": the message points at a place said before. */
export function pointsToPlace(recognition: Recognition): boolean {
  const { words } = recognition;
  return words.some(
    (word, i) =>
      (THERE_WORDS.has(word) && !EXISTENTIAL_BEFORE.has(words[i - 1] ?? "")) ||
      THERE_WORDS.has(`${words[i - 1]} ${word}`) ||
      (THERE_AT_CLAUSE_END.has(word) && (i === words.length - 1 || CLAUSE_TURNING_WORDS.has(words[i + 1]!))),
  );
}
