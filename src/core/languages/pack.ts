/**
 * Everything the core knows about one language, in one place: the words it reads messages with
 * and the words it answers in. Knowledge texts come from data/ ({"it": …, "en": …}); a new
 * language is one pack like ./it.ts, its code in LANGUAGES (schema.ts) and its texts in data/.
 */
import type { AvailabilityStatus } from "../schema.js";

export type DateMeaning = "since" | "as-of";

export interface LanguagePack {
  /** ISO 639-1, as the knowledge's texts are keyed. */
  code: string;
  /** The language's name in English, for messages about the data ("needs an Italian phrasing"). */
  name: string;
  /** Words that carry no topic: dropped before matching ("il", "the"). Question words are not here. */
  functionWords: readonly string[];
  /** Frequent in this language and (almost) absent from the others: they decide short messages. */
  markers: readonly string[];
  /** Letters only this language writes among those read ("è", "perché"): evidence for it. */
  accents?: RegExp;
  /** Pronouns that point back to the last thing asked about ("lo", "it"). */
  referringWords: readonly string[];
  /** Openings that only make sense after something else ("e", "and", "what about"). */
  continuations: readonly string[];
  /** Words after which a short word is a place ("in us", "negli usa"). */
  placeWords: readonly string[];
  /**
   * Words before a thing used as the means to another ("sull'account Xiaomi", "with my Xiaomi
   * account"), and the articles and possessives that may stand between: a service described
   * after them is context, not the subject.
   */
  meansWords: { before: readonly string[]; between: readonly string[] };
  /** Asking where an answer comes from ("fonte?", "source?"): the same answer again, with its sources. */
  sourceWords: readonly string[];
  /** "sicuro?", "r u sure??": doubting the answer just given, with a question mark, asks for it again with its sources. */
  doubtWords: readonly string[];
  /**
   * Words that thank outright ("grazie", "thx"), unlike acknowledgements ("ok", "perfetto") or
   * courtesy ("gentile"): a message opening with one and asking nothing is thanks, whatever it
   * says it is for.
   */
  thankingWords: readonly string[];
  /** Words that may open a clause before what it asks ("btw", "comunque"): "thanks! btw when…" asks. */
  asides: readonly string[];
  /** Words saying where something was bought or got ("comprato", "bought"): "here" right after them ("comprato qui") is no place asked. */
  boughtWords: readonly string[];
  /** Two words before a place that say where someone comes from or something was bought ("i m from", "vengo dalla", "comprato in"): like a nationality, not the place asked. */
  personOriginPhrases: readonly string[];
  /** Devices for the home that carry the company's name ("lampadine xiaomi", "xiaomi bulbs"): one word each. */
  homeDeviceWords: readonly string[];
  /** Words for a phone, before or after the company's name ("telefoni xiaomi", "xiaomi phones"): the name is the phone's. */
  phoneWords: readonly string[];
  /** Words for a device worn, right after the company's name ("xiaomi watch", "xiaomi band"): the name is that device's, as a phone's. */
  wearableWords: readonly string[];
  /** Words before the company's name that make it a device someone has ("il mio xiaomi", "uno xiaomi", "my xiaomi"). */
  phoneOwnerWords: readonly string[];
  /**
   * Phrases that say the question changes subject ("un'altra cosa:", "off topic, but"): what
   * follows is asked on its own, whatever the message said before.
   */
  topicChangePhrases: readonly string[];
  /**
   * Phrases that open a question inside a longer sentence ("il prof vuole sapere se …", "I was
   * wondering whether …"): what follows them is read as a clause of its own.
   */
  questionOpeners: readonly string[];
  /** Words and phrases, as read, that correct what was just asked ("intendevo", "volevo dire", "i meant"): a place beside them is the place meant. */
  correctionPhrases: readonly string[];
  /** Words that open a question ("come", "what"): beside words small talk does not know, the message asks something. */
  questionWords: readonly string[];
  /**
   * Words around a language's name that make it the language, not a country: before it ("in
   * English", "parla italiano") or after it ("english pls"); `joining` words after it end what is
   * said about it as the end of the message does ("in inglese o in cinese").
   */
  languageUseWords: { before: readonly string[]; after: readonly string[]; joining: readonly string[] };
  /** Words that liken one thing to another ("tipo", "like"): "is it like Kickstarter?" asks about ours, not the other company's. */
  likenessWords: readonly string[];
  /** Words that ask for one thing's counterpart ("equivalente", "alternative"): "what's the Xiaomi equivalent?" of another company's product. */
  equivalenceWords: readonly string[];
  /**
   * Phrases pointing to the company's own counterpart of another company's product ("their own",
   * "xiaomi's own"): "why do xiaomi phones come with google assistant and not their own helper?".
   * Phrases, not words: "my own" is the asker's.
   */
  counterpartPhrases: readonly string[];
  /** Words that weigh one thing against another ("meglio", "better", "vs"): beside another company's product, a comparison the sources do not make. */
  preferenceWords: readonly string[];
  /** "servizi", "services": with several of ours named as examples, the company's services as a whole are asked. */
  servicesWords: readonly string[];
  /** "There" pointing back at the place asked before ("va anche lì?"), a word or two ("da loro": at their place). */
  thereWords: readonly string[];
  /**
   * Words that say "there" only where a clause ends or turns ("funzionerà anche la o devo…", "là"
   * typed without its accent), being an article or a pronoun everywhere else.
   */
  thereAtClauseEnd: readonly string[];
  /** The words after which a clause turns ("o", "oppure"), for `thereAtClauseEnd`. */
  clauseTurningWords: readonly string[];
  /** Words before "there" that make it say something exists, not where ("is there an app?"). */
  existentialWords: readonly string[];
  /** Phrases comparing a place with the asker's ("come qui", "same as here"): the other place is asked. */
  likeHerePhrases: readonly string[];
  /** Phrases before an example ("tipo", "such as"): one country given as Europe's example is the place asked. */
  examplePhrases: readonly string[];
  /** Phrases before the place where the asker is ("i m in", "vivo a"): what "here" means when nothing follows it. */
  askerPlacePhrases: readonly string[];
  /** Everyday two-word phrases holding another company's name ("dal vivo": in person, not a Vivo phone). */
  phrasesNamingNoProduct: readonly string[];
  /** Phrases before the country the asker comes from ("i m from", "vengo da"): their own country, for `homeCountryPhrases`. */
  askerOriginPhrases: readonly string[];
  /** Phrases for the asker's own country ("my country", "nel mio paese"): where they come from, not where they are or bought. */
  homeCountryPhrases: readonly string[];
  /** "Here": a place named right after it is where the asker is ("qui in Italia"). */
  hereWords: readonly string[];
  /** Words before a city that say someone is from it ("è di Praga", "a customer from Prague"): where "there" may point. */
  cityOriginWords: readonly string[];
  /** Words before a city that put the question there ("sono a Praga", "living in Kyiv"); "from Dublin" does not. */
  cityPlaceWords: readonly string[];
  /** Cards and accounts ("carta", "card", "conto"): a country's code before one says whose card it is ("my uk card"). */
  cardWords: readonly string[];
  /** The asker themselves ("io"): before an origin word and a city, where they ask from ("io da Milano ci posso ordinare?"), not where they come from. */
  askerPronouns: readonly string[];
  /** Words that look beyond a region: "fuori dall'Italia" is not a question about Italy. */
  excludingWords: readonly string[];
  /** A negation said alone, closing a contrast with no verb ("…mentre alexa no", "…whereas alexa not"). */
  bareNegations: readonly string[];
  /**
   * Words that, opening a clause right before "in" and a place, set it aside: "la prima volta in
   * assoluto, non in Italia" does not ask about Italy; "why is it not in Europe?" does.
   */
  negatingWords: readonly string[];
  /** Words that set a region against another: "or is it China only?". */
  onlyWords: readonly string[];
  /** Words before "only" that make it what the asker wants: "mi interessa solo la Grecia" asks about Greece. */
  wantingWords: readonly string[];
  /** Words saying what someone is: after them, a country's name that is also its adjective is a nationality ("sono ucraina"). */
  beingWords: readonly string[];
  /** Words that, before "in" and a place, liken the case asked to that place's: "did it die there like in India" asks about the other place. */
  likeningPlaceWords: readonly string[];
  /** Words that turn from one case to another: "works in Poland but not in Holland?" asks about Holland. */
  turningWords: readonly string[];
  /**
   * The turning words after which a clause asks a question of its own about the place it names:
   * "in india l'hanno chiuso, ma in cina c'è ancora?" asks about China. Not "whereas" ("non è mai
   * arrivato in Italia, mentre in Cina è così diffuso?" asks about Italy), nor an alternative.
   */
  askingTurnWords: readonly string[];
  /** Words that open a question when a sentence starts with them, question mark or not: "is there any way for me to use it". */
  questionLeads: readonly string[];
  /** Phrases opening a sentence that reports what someone heard or read ("ho sentito che", "I read that"): it tells, it does not ask. */
  reportingPhrases: readonly string[];
  /** Phrases before where the asker travels to: "there" in their question points at it ("travelling around Italy… can I use it there?"). */
  destinationPhrases: readonly string[];
  /** The word asking when ("quando", "when"): a place told beside it may be where something began, not what is asked. */
  whenWords: readonly string[];
  /** Words saying the asker came back from somewhere ("tornata da un viaggio a Pechino", "just got back from Shanghai"): a place past, not asked. */
  returnedWords: readonly string[];
  /**
   * Phrases before what the asker wants to reach or keep ("so i can", "per poter", "without
   * losing"): the question is what comes before them ("how do i root my redmi so i can get
   * xiaoai", "…without losing xiaomi pay" ask about rooting).
   */
  purposePhrases: readonly string[];
  /**
   * Question words asking where something can be had or done ("where", "dove"): the last clause
   * of a one-sentence message they open is what it asks ("i use my band for xiaomi pay, where can
   * i get it repaired?").
   */
  placeQuestionWords: readonly string[];
  /** Words that offer another choice: "esiste in italiano o devo usare google assistant?" asks about the first. */
  alternativeWords: readonly string[];
  /** Region codes that are also words of the language ("us", "usa" = uses): codes only in capitals. */
  codesNeedingCapitals: readonly string[];
  /** A Snowball stemmer for the language. */
  stemmer: () => { stemWord(word: string): string };
  /**
   * Words the stemmer merges with another word of a different meaning, with a stem of their own
   * (as Lucene's StemmerOverrideFilter does): "assistenza" (support, repairs) is not "assistente".
   */
  stemOverrides: Readonly<Record<string, string>>;
  /** Country names by ISO code, from i18n-iso-countries' table for the language. */
  countryNames: Readonly<Record<string, string | readonly string[]>>;
  months: readonly string[];
  statusWords: Readonly<Record<AvailabilityStatus, string>>;
  /** "since October 2021", "dal 2021", "a ottobre 2021": `formatted` is the date in words. */
  dateWithMeaning(formatted: string, precision: number, meaning: DateMeaning): string;
  /** The words of composed answers. */
  texts: ComposerTexts;
  /** The answer to a message about nothing the bot knows; `services` lists what it does know. */
  fallback: {
    noMatch(services: string): string;
    otherProduct(names: string, services: string): string;
  };
}

export interface ComposerTexts {
  europe: string;
  source: string;
  sources: string;
  asOf: string;
  history: string;
  unknownIn(service: string, region: string): string;
  knownPlaces: string;
  knownInEurope: string;
  yearsAgo(years: number): string;
  knownElsewhere: string;
  where(service: string): string;
  inRegion(region: string): string;
  noSource: string;
  everywhere: string;
  everywhereExcept(regions: string): string;
  servicesIntro: string;
  noFacts(service: string): string;
  overview(service: string): string;
}

/** Words written as one string, as people would list them. */
export function wordList(words: string): string[] {
  return words.split(/\s+/).filter(Boolean);
}
