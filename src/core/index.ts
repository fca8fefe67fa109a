/**
 * The core's public surface and its wiring: `createAssistant(knowledge)` → `{ ask, converse,
 * explain, searchQuestions, … }`.
 *
 *   question → normalise → language → slots: service (named, misspelt or described), region,
 *            kind of question (reading: entities, concepts, slots; asked-region) → rank topics
 *            (matcher) → choose (here): a confident topic that fits the slots, the service's
 *            availability, closest topic or overview, or "I don't know" → Answer (answers, compose)
 *
 * A conversation's follow-ups ("e in Grecia?") take the slots they leave out from the previous
 * turn (conversation). Pure: no I/O, no platform, no environment. Expected outcomes, "I don't
 * know" included, are values; it throws only when handed knowledge that was never validated.
 */
import { AnswerBuilder } from "./answers.js";
import { AvailabilityBook } from "./availability.js";
import { AskedRegion } from "./asked-region.js";
import { afterQuestionOpeners, clauses, questionsIn, sentences, turns, type Clause } from "./clauses.js";
import { Composer, type Reply } from "./compose.js";
import { canFill, COMPOSED_INTENTS, COMPOSED_KEYS, composedIntentOf } from "./composed-intents.js";
import { ConceptLexicon } from "./concepts.js";
import { STEMMERS } from "./stemmer.js";
import { asksAnything, FollowUps, isBareQuestionWord, refersBack, thingsNamed, type ContextSlot, type ConversationContext } from "./conversation.js";
import { NO_CACHE, restoreTraits, scoped, storeTraits, type DerivedCache } from "./derived-cache.js";
import { withOverrides, type CoreOptions, type CoreOverrides } from "./defaults.js";
import { COMPANY_SERVICE_ID, EntityRecognizer, namesAModel, OFF_TOPIC_MARK, namesOnlyAHomeDevice, namesOnlyAPhone, pointsToPlace, type Recognition } from "./entities.js";
import { LANGUAGE_PACKS, perLanguage, wordsOfAllPacks } from "./languages/index.js";
import { continuesConversation, FUNCTION_WORDS, MARKER_WORDS, QUESTION_OPENERS } from "./lexicon.js";
import { LanguageDetector, type LanguageGuess } from "./language.js";
import { ANY_REGION, ANY_SERVICE, EXACT_TOP, Matcher, type Candidate, type QueryTerm, type RankDepth, type Topic } from "./matcher.js";
import { tokenize, wordCount } from "./normalize.js";
import { MessageReader, saysWhatKnowledgeLacks, type Reading } from "./reading.js";
import { aside, asksBesideTheService, changeOfSubject, othersOnlyAsContext, PREFERENCE_WORDS } from "./question-part.js";
import { QuestionSearch } from "./question-search.js";
import { namedService, SERVICE_OVERVIEW, sharesType, subjectOf, topicAgrees, topicTraits } from "./slots.js";
import { asks, chatterWords, fillerLanguagesOf, SmalltalkReader, type SmalltalkReading } from "./smalltalk.js";
import { ENGLISH_WORDS, ITALIAN_WORDS, type WordSet } from "./word-list.js";
import { LANGUAGES } from "./languages/codes.js";
import type { Answer, Knowledge, Language, QuestionType, SmalltalkEntry, Suggestion } from "./schema.js";

export { DEFAULTS, type CoreOptions, type CoreOverrides } from "./defaults.js";
export { localeToLanguage } from "./language.js";
export { normalize } from "./normalize.js";
export { formatDateWithMeaning, STATUS_WORDS } from "./compose.js";
// Types only: the zod schemas themselves are imported from ./schema.js by the code that validates
// with them, so answering never loads zod (~90 ms of modules at every start).
export type * from "./schema.js";
export { LANGUAGES } from "./languages/codes.js";
export { COMPOSED_SLOTS, COMPOSED_TOPICS } from "./composed-intents.js";
export type { ContextSlot, ConversationContext } from "./conversation.js";
export { SERVICE_OVERVIEW } from "./slots.js";
export { NO_CACHE, remember, rememberedSoFar, type DerivedCache, type Remembered } from "./derived-cache.js";
export type { WordSet } from "./word-list.js";

export interface AskOptions {
  /** The platform's user language ("it", "en-GB", ...): decides when the question itself does not. */
  locale?: string;
}

export interface Explanation {
  answer: Answer;
  language: LanguageGuess;
  services: string[];
  guessedServices: string[];
  regions: string[];
  otherProducts: string[];
  terms: QueryTerm[];
  candidates: Array<{ topic: string; kind: string; score: number; phrasing: string }>;
}

export interface Assistant {
  ask(question: string, options?: AskOptions): Answer;
  /**
   * A message in a conversation: `context` is what the previous turn returned (null: none). The
   * answer comes with the slots it took from the context and the context for the next turn
   * (null after a declined turn, so nothing carries over it).
   */
  converse(
    question: string,
    context: ConversationContext | null,
    options?: AskOptions,
  ): { answer: Answer; inherited: ContextSlot[]; context: ConversationContext | null };
  explain(question: string, options?: AskOptions): Explanation;
  /**
   * Answers a question as the given topic (null: as a fallback), filling services and regions
   * from the question. Lets a benchmark grade another matcher's choice exactly like ours.
   */
  answerAs(question: string, topicId: string | null, confidence: number, options?: AskOptions): Answer;
  /** Ids of every topic the matcher can choose: FAQ entries, small-talk intents, composed intents. */
  readonly topicIds: readonly string[];
  /** The small-talk reply for an intent, for commands such as /start and /help. */
  smalltalk(intent: SmalltalkEntry["id"], language: Language): Answer;
  /** A region code as answers name it ("IT" → "Italia" / "Italy", "EU" → "Europa"). */
  regionName(code: string, language: Language): string;
  /** The services the bot knows (not the company itself), with a one-line summary each. */
  services(language: Language): Array<{ id: string; name: string; summary: string }>;
  /**
   * Questions from the knowledge that fuzzily match what a user is typing (autocomplete, inline
   * mode); for empty input, popular questions, one per service in turn.
   */
  searchQuestions(partial: string, language: Language, limit?: number): Suggestion[];
  readonly stats: { topics: number; phrasings: number; services: number; facts: number };
}

const SOURCE_WORDS = wordsOfAllPacks((pack) => pack.sourceWords);
const DOUBT_WORDS = wordsOfAllPacks((pack) => pack.doubtWords);
const TURNING_WORDS = wordsOfAllPacks((pack) => pack.turningWords);
const WHEN_WORDS = wordsOfAllPacks((pack) => pack.whenWords);
// A word either dictionary has is spelt right: no name's typo where no name is expected ("cerchia" is not "Cechia").
const SPELT_RIGHT: WordSet = { has: (word) => ENGLISH_WORDS.has(word) || ITALIAN_WORDS.has(word) };

/**
 * A message asking only where the last answer comes from ("fonte?", "source pls?"), or doubting it
 * ("sicuro? fonte?", "r u sure??", "sure? i thought the s1 came out later": a doubt, then what the
 * asker believed instead, asking nothing new).
 */
function asksForSource(text: string): boolean {
  const onlySourceOrDoubt = (part: string, doubts: boolean) => {
    const asked = tokenize(part).filter((word) => !FUNCTION_WORDS.has(word));
    return asked.length > 0 && asked.length <= 2 && asked.every((word) => SOURCE_WORDS.has(word) || (doubts && DOUBT_WORDS.has(word)));
  };
  if (onlySourceOrDoubt(text, text.includes("?"))) return true;
  const [first, ...rest] = sentences(text);
  return first !== undefined && first.asks && rest.length > 0 && onlySourceOrDoubt(first.text, true) && !rest.some((sentence) => asks(sentence.text));
}
const SERVICE_SLOT = "qqserviceslotqq";
const REGION_SLOT = "qqregionslotqq";
/**
 * @param cache keeps what is derived from the knowledge alone between starts (see DerivedCache);
 *   the answers are the same with or without one.
 */
export function createAssistant(knowledge: Knowledge, overrides: CoreOverrides = {}, cache: DerivedCache = NO_CACHE): Assistant {
  const options: CoreOptions = withOverrides(overrides);
  // Derived values may depend on any tuning number, never on the date.
  const derived = scoped(cache, JSON.stringify({ ...options, today: undefined }));
  const serviceNames = knowledge.services
    .filter((service) => service.id !== COMPANY_SERVICE_ID)
    .map((service) => service.name)
    .join(", ");
  // What the bot says it knows when it declines: the services' names come from the knowledge.
  const fallbackReply = (language: Language): Reply => ({ body: LANGUAGE_PACKS[language].fallback.noMatch(serviceNames), sources: [], asOf: null });
  const placeholders = new Map([
    [SERVICE_SLOT, ANY_SERVICE],
    [REGION_SLOT, ANY_REGION],
  ]);
  const corpus = languageCorpus(knowledge);
  // Chatter is spelt right too: "xiaomi pad" is a tablet, not a misspelt "Xiaomi Pay".
  const knownWords = new Set(
    derived.get("known-words", () => [...new Set([...FUNCTION_WORDS, ...LANGUAGES.flatMap((language) => [...corpus[language], ...knowledge.concepts.chatter[language]]).flatMap(tokenize)])]),
  );
  const recognizer = new EntityRecognizer(knowledge, options.reading, placeholders, knownWords, SPELT_RIGHT);
  const book = new AvailabilityBook(knowledge.availability);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const thisYear = Number(today.slice(0, 4));
  const composer = new Composer(knowledge, book, today, options.answering.oldSourceYears);
  const answers = new AnswerBuilder(knowledge, composer);

  const withSlots = (list: readonly string[]) =>
    list.map((text) => text.replaceAll("{service}", ` ${SERVICE_SLOT} `).replaceAll("{region}", ` ${REGION_SLOT} `));
  const topics: Topic[] = [
    ...knowledge.faq.map((entry): Topic => ({ id: entry.id, kind: "faq", service: entry.service, alsoAbout: entry.alsoAbout, phrasings: entry.questions })),
    ...knowledge.smalltalk.map((entry): Topic => ({ id: entry.id, kind: "smalltalk", service: null, phrasings: entry.questions })),
    ...COMPOSED_KEYS.map(
      (key): Topic => ({
        id: COMPOSED_INTENTS[key].id,
        kind: "composed",
        service: COMPOSED_INTENTS[key].companyTopic ? COMPANY_SERVICE_ID : null,
        phrasings: perLanguage((language) => withSlots(knowledge.composed[key][language])),
      }),
    ),
  ];
  const matcher = new Matcher(topics, recognizer, options, ENGLISH_WORDS, derived);
  const topicById = new Map(topics.map((topic) => [topic.id, topic]));
  const citedSources = new Map(knowledge.faq.map((entry) => [entry.id, new Set([entry.source].flat())]));
  const concepts = new ConceptLexicon(knowledge.concepts, options.reading.descriptionMaxGap, new Set(knowledge.services.filter((service) => service.id === COMPANY_SERVICE_ID).flatMap((service) => tokenize(service.name))));
  const chatter = chatterWords(knowledge.concepts.chatter);
  const abbreviations = new Map(
    LANGUAGES.flatMap((language) => Object.entries(knowledge.concepts.abbreviations[language]).map(([short, full]) => [short, tokenize(full)] as const)),
  );
  // "cloud di Xiaomi" and "assistente XiaoAI" are aliases, but "di" still says Italian.
  const serviceNameWords = new Set(
    knowledge.services
      .flatMap((s) => [s.name, ...s.aliases])
      .flatMap(tokenize)
      .filter((word) => !MARKER_WORDS.has(word) && !FUNCTION_WORDS.has(word)),
  );
  const smalltalkReader = new SmalltalkReader(knowledge.smalltalk, { typoMinLength: options.reading.smalltalkTypoMinLength, maxOtherWords: options.answering.smalltalkMaxOtherWords }, chatter, knownWords, abbreviations, fillerLanguagesOf(knowledge.concepts.chatter), (word) => recognizer.namesPlace(word), serviceNameWords);
  const shops: ReadonlySet<string> = new Set(knowledge.otherProducts.shops);
  const traits = restoreTraits(
    derived.get("topic-traits", () =>
      storeTraits(
        topicTraits(topics, matcher, concepts, options.answering.topicTraitShare, options.answering.keywordMaxTopics, (topicId) => {
          const entry = answers.faqById.get(topicId);
          if (entry === undefined) return [];
          // "Outside mainland China paid plans ended…": a place an answer looks beyond is not one it
          // is about; nor is one only a bank it cites implies ("according to Alpha Bank").
          const named = recognizer.recognise(entry.answer.en, "en");
          return named.regions.filter((code) => !named.excludedRegions.includes(code) && !(named.bankRegions.includes(code) && named.impliedRegions.includes(code)));
        }),
      ),
    ),
  );
  const topicsOfService = (service: string) => topics.filter((topic) => topic.kind === "faq" && topic.service === service);
  // Other companies an entry's own phrasings name ("Xiaomi è come Amazon?"), read once per entry.
  const productsNamed = new Map<string, ReadonlySet<string>>();
  const productsNamedBy = (topic: Topic): ReadonlySet<string> => {
    let named = productsNamed.get(topic.id);
    if (named === undefined) {
      named = new Set(LANGUAGES.flatMap((language) => topic.phrasings[language].flatMap((phrasing) => recognizer.recognise(phrasing, language).otherProducts)));
      productsNamed.set(topic.id, named);
    }
    return named;
  };

  // The words each place's facts use for a service, stemmed as questions are, without the
  // services' own names ("Pay"): what a question about that place may ask of them.
  const placeWordCache = new Map<string, ReadonlySet<string>>();
  const placeWords = (service: string, region: string, language: Language): ReadonlySet<string> => {
    const key = `${service} ${region} ${language}`;
    let found = placeWordCache.get(key);
    if (found === undefined) {
      const notes = book.factsOf(service).filter((fact) => fact.region === region).flatMap((fact) => tokenize(fact.note[language]));
      found = new Set(notes.filter((word) => !serviceNameWords.has(word) && !FUNCTION_WORDS.has(word)).map((word) => STEMMERS[language](word)));
      placeWordCache.set(key, found);
    }
    return found;
  };
  const regionWords = (language: Language) => new Set(knowledge.regions.flatMap((r) => r.names[language]).flatMap(tokenize));
  const italianRegionWords = regionWords("it");
  const regionNamesInBoth = new Set([...regionWords("en")].filter((word) => italianRegionWords.has(word)));
  // Every word list the data keeps per language says the language too: "price", "stuck in a
  // loop" and "lol" are as English as the knowledge's own texts.
  const languageTexts = perLanguage((language) => [
    ...corpus[language],
    ...knowledge.otherProducts.topics[language],
    ...knowledge.concepts.offTopic[language],
    ...knowledge.concepts.chatter[language],
  ]);
  const detector = new LanguageDetector(languageTexts, serviceNameWords, options.reading.languageEvidence, { en: ENGLISH_WORDS }, regionNamesInBoth, derived);
  const likeOurs = new Map((knowledge.otherProducts.likeOurs ?? []).flatMap(({ service, products }) => products.map((product) => [product, service] as const)));
  const regionAsked = new AskedRegion(recognizer, concepts.origin, options.reading);
  const reader = new MessageReader(options, detector, recognizer, matcher, concepts, regionAsked, abbreviations, knownWords, likeOurs);
  const followUps = new FollowUps(options, reader, matcher, recognizer, regionAsked, chatter, thisYear);

  interface Analysis {
    answer: Answer;
    guess: LanguageGuess;
    recognition: Recognition;
    terms: QueryTerm[];
    /** What the answer was about, for the next turn of a conversation. */
    slots?: { subject: string | undefined; region: string | undefined; types: readonly QuestionType[] };
    inherited?: ContextSlot[];
  }

  // An answer needs the best topic; a fallback also needs the suggestions above their threshold.
  const answerDepth: RankDepth = { limit: Math.max(1, options.answering.maxSuggestions), floor: options.answering.suggestionThreshold, settledAt: options.answering.answerThreshold };

  /**
   * @param turn for a message in a conversation: what the previous turn left. A fragment ("e in
   *   Grecia?", "and Youpin?", "perché?") takes the missing slots from it; a complete question
   *   takes nothing; a fragment with nothing to take from is declined.
   */
  function analyse(question: string, askOptions: AskOptions = {}, turn?: { context: ConversationContext | null }): Analysis {
    // A message with no language of its own ("Poland?") goes on in the conversation's language.
    const hinted = turn?.context && !askOptions.locale ? { ...askOptions, locale: turn.context.language } : askOptions;
    // Where the asker said they are is where a later "here" points ("sono Marco da Bari" … "qui da
    // noi si può pagare col mi pay?"), and "there" when no question asked about a place.
    const askerPlace = turn?.context?.askerPlace;
    const places = askerPlace === undefined ? undefined : { here: askerPlace, there: turn!.context!.region === undefined ? askerPlace : undefined };
    // A conversation that has only said where the asker is asked nothing a fragment could go on from.
    if (turn?.context && !asksAnything(turn.context)) turn = { context: null };
    let reading = reader.read(question, hinted.locale, places);
    // Sentences read as whole messages to tell what asks from the story ("ma… esiste da noi?"):
    // each once, and a sentence that is the whole message is the reading already made.
    const whole = reading;
    let sentenceReadings: Map<string, Reading> | undefined;
    const readSentence = (text: string) => {
      if (text === whole.text) return whole;
      let read = sentenceReadings?.get(text);
      if (read === undefined) (sentenceReadings ??= new Map()).set(text, (read = reader.read(text, hinted.locale)));
      return read;
    };
    const { recognition: named } = reading;
    // The company's name alone names nothing we answer about: "what can you answer? only xiaomi things?".
    const namesNoSubject = namesNoSubjectOf(reading);
    const namesNothing = namesNoSubject && named.regions.length === 0;
    // "I'm in Warsaw this week", "sono di Lugano": a first message that only says where the asker
    // is, in one clause asking nothing, introduces them (a conversation remembers the place);
    // "sono a Roma, che tempo fa" goes on to something else.
    const introducesAsker = () =>
      namesNoSubject &&
      turn?.context == null &&
      !asks(reading.text) &&
      clauses(reading.text).length === 1 &&
      thingsNamed(named.words).length <= options.answering.smalltalkMaxOtherWords &&
      regionAsked.askerPlaceOf(reading.text, named, reading.guess.language) !== undefined;
    const chat =
      smalltalkReader.read(reading.text, { namesNothing, namesNoSubject, tokens: reading.tokens, followsUp: turn?.context != null }) ??
      (namesNothing ? smalltalkAsked(reading.text) : undefined) ??
      (introducesAsker() ? { intent: "greeting" as const, language: undefined } : undefined) ??
      helpBesideChat(reading.text, readSentence);
    // "how?", "perché?" after an answer ask about it; alone, they ask what the bot does.
    const asksAboutLastAnswer = turn?.context != null && isBareQuestionWord(reading.text);
    if (chat && !asksAboutLastAnswer) {
      const guess = chat.language ? { ...reading.guess, language: chat.language } : reading.guess;
      return { answer: smalltalkAnswer(question, chat.intent, guess.language), guess, recognition: reading.recognition, terms: [] };
    }
    // "uso Mi Cloud per i contatti. Volevo però chiedervi un'altra cosa: come cambio la suoneria?":
    // what comes after the change of subject is the question, asked on its own.
    const change = changeOfSubject(reading.text, options.reading.topicChangeMinWords);
    // "…any way to get them back? also unrelated but the new redmi watch looks sick", "…accanto al
    // play store? … btw il tema scuro nuovo è bellissimo": a remark that asks nothing, after a
    // question, leaves that question to answer.
    const remark = change ?? aside(reading.text);
    if (remark !== undefined && !asks(remark.after) && remark.before.includes("?")) {
      const asked = analyse(remark.before, askOptions, turn);
      return { ...asked, answer: { ...asked.answer, question } };
    }
    if (change !== undefined) {
      const { after } = change;
      // A new subject takes nothing from the conversation before it.
      const part = analyse(after, askOptions, turn && { context: null });
      // Unless all that follows is small talk ("…I say it's something else, and our dad doesn't care
      // lol. thanks!!"): the question came before it.
      if (part.answer.kind !== "smalltalk") return { ...part, answer: { ...part.answer, question } };
    }
    // "dopo l'aggiornamento mi è comparsa sta app 'getapps'… a cosa serve?", "ho qualche azione
    // xiaomi… che percentuale dei ricavi arriva dai servizi?": what we do not cover, only in the
    // story told around questions that ask about something else, is not what is asked.
    if (offTopicOnlyTold(reading, readSentence)) reading = withoutOffTopic(reading);
    let terms = matcher.queryTerms(reading.recognition, reading.guess.language, reading.readings);
    let inherited: ContextSlot[] = [];
    // The message ranked as it stands: computed at most once, for the fragment checks and,
    // when nothing is inherited, for the answer itself.
    let standing: Candidate[] | undefined;
    // A follow-up that may go on from the topic before ranks past the first good match, so that topic is among the candidates.
    let depth = answerDepth;
    const rankStanding = () => (standing ??= matcher.rank(reading.recognition, terms, depth));
    // "fonte?", "source?": the answer just given, again, with its sources and dates.
    let askedAgain: Topic | undefined;
    // The topic a fragment asking only what ("since when?") may go on from.
    let continued: string | undefined;
    if (turn?.context?.topic !== undefined && asksForSource(reading.text)) {
      askedAgain = topicById.get(turn.context.topic);
      if (askedAgain !== undefined) {
        ({ reading, inherited } = followUps.inherit(reading, "question", turn.context));
        // The same answer again: what it was about, not a question asked again.
        inherited = inherited.filter((slot) => slot !== "questionType");
        terms = matcher.queryTerms(reading.recognition, reading.guess.language, reading.readings);
      }
    } else if (turn) {
      let shape = followUps.shape(reading, terms, turn.context);
      // The message read with the conversation's subject, when that is how it is answered (read once).
      let carried: { reading: Reading; inherited: ContextSlot[]; terms: QueryTerm[] } | undefined;
      // "and in the UK? my flatmate in London wants one too", "back. and Canada?": the part that
      // follows up, read alone; the rest is about the asker.
      if (shape === "complete" && turn.context !== null && subjectOf(reading.recognition, reading.described) === undefined) {
        const part = followUps.followingUpPart(reading.text, hinted.locale, turn.context);
        if (part !== undefined) ({ reading, terms, shape } = part);
      }
      // "how much do services bring in overall", "entro quando andava fatto": a message that names
      // nothing and that nothing answers well alone asks about what the conversation is about, when
      // read with it a topic answers it well.
      if (shape === "complete" && turn.context?.service !== undefined && namesNothingOfItsOwn(reading) && (rankStanding()[0]?.score ?? 0) < options.answering.answerThreshold) {
        const withSubject = followUps.inherit(reading, "question", turn.context);
        const withSubjectTerms = matcher.queryTerms(withSubject.reading.recognition, withSubject.reading.guess.language, withSubject.reading.readings);
        const carriedTop = matcher.rank(withSubject.reading.recognition, withSubjectTerms, answerDepth)[0];
        if (carriedTop !== undefined && carriedTop.topic.kind !== "smalltalk" && carriedTop.score >= options.conversation.subjectCarriesMinScore) {
          shape = "question";
          carried = { ...withSubject, terms: withSubjectTerms };
        }
      }
      const top = () => rankStanding()[0];
      // "Youpin?" alone is a question about Youpin; "e Youpin?" or "e in Grecia?" alone say nothing.
      // A short question that the knowledge answers confidently on its own ("posso fare il backup
      // del mio Poco?") stands alone too, unless it opens as a follow-up.
      const standsAlone =
        !continuesConversation(reading.text) &&
        (shape === "service" ||
          (shape === "question" &&
            terms.filter((t) => t.reading === "known").length >= options.conversation.standaloneMinKnownWords &&
            (top()?.score ?? 0) >= options.answering.answerThreshold));
      // As the answer will be: only a close resemblance to a small-talk phrasing is small talk ("e adesso cosa uso?" is not "cosa fai?").
      // "funziona lì?" asks about a place said before, however like "come funziona?" it reads.
      // "will it ever come?" is not "come funzioni?": a resemblance only through the other language's word is none.
      const isSmalltalk = () =>
        !asksAboutLastAnswer &&
        !pointsToPlace(reading.recognition) &&
        top()?.topic.kind === "smalltalk" &&
        top()!.score >= options.answering.smalltalkMatchThreshold &&
        (top()!.phrasingLanguage === reading.guess.language || reading.guess.decidedBy !== "text") &&
        // "e se me ne serve di più?" after the cloud's free space asks for more of it, however like "mi serve aiuto".
        !continuesConversation(reading.text);
      if (shape !== "complete" && !isSmalltalk() && !(standsAlone && turn.context === null)) {
        if (turn.context === null) return declinedFragment(question, reading, terms, hinted);
        ({ reading, inherited } = carried ?? followUps.inherit(reading, shape, turn.context));
        terms = carried?.terms ?? matcher.queryTerms(reading.recognition, reading.guess.language, reading.readings);
        standing = undefined;
        const previous = turn.context.topic;
        if (shape === "question" && inherited.includes("service") && previous !== undefined && sharesType(traits.get(previous)?.anyTypes, reading.described.types)) {
          continued = previous;
          depth = { ...answerDepth, limit: options.conversation.continuedTopicReach, settledAt: Number.POSITIVE_INFINITY };
        }
      }
    }
    if (reading.placeFromConversation !== undefined && !inherited.includes("region")) inherited = [...inherited, "region"];
    const { recognition } = reading;
    const guess = reader.reconsiderLanguage(reading.guess, reading.text, terms, hinted.locale);
    const language = guess.language;
    const base = { question, language };

    const namesXiaomi = recognition.services.length > 0;
    // "a band 6 nfc I bought on Amazon, can I pay with it?": a shop is where it was bought, beside a Xiaomi service.
    const otherBusiness = recognition.describedServices.length > 0 || recognition.guessedServices.length > 0 ? recognition.otherProducts.filter((product) => !shops.has(product)) : recognition.otherProducts;
    // "meglio apple pay o xiaomi pay?", "google assistant vs xiaoai, which one is better?": a
    // comparison with another company's product that the sources do not make.
    const weighsAgainstOther = otherBusiness.length > 0 && tokenize(reading.text).some((word) => PREFERENCE_WORDS.has(word));
    // "apple pay va sul mio xiaomi 13?": another company's service asked about on a Xiaomi device,
    // with no service of ours in the message.
    // "can I use google one on my xiaomi?": so is a product of a kind we have, though its name holds
    // no word of ours ("cloud", "pay").
    // A home device holds no service of ours: "can alexa control my xiaomi lamps?" asks about Alexa,
    // though "alexa… xiaomi" would describe XiaoAI.
    const rivalOnADevice =
      (recognition.rivalProductWords.length > 0 || recognition.otherProducts.some((product) => likeOurs.has(product))) &&
      recognition.services.every((service) => service === COMPANY_SERVICE_ID) &&
      ((namesOnlyAPhone(reading.tokens) && recognition.guessedServices.length === 0 && reading.described.services.length === 0) || namesOnlyAHomeDevice(reading.tokens));
    // "as an ex-Huawei user I'm used to AppGallery. what's this GetApps thing on my Poco?": ours
    // described (the company's too), another company's product only in the story around the question.
    const othersAsked = () =>
      !((namesXiaomi || namedService(recognition) !== undefined || reading.described.services.length > 0) && othersOnlyAsContext(reading, readSentence, shops));
    // "my boss calls xiaomi 'the apple of china'… lei jun said they were more like amazon": asked
    // about the company alone, the company's entry that names those companies itself answers it.
    const theCompanysEntrySpeaksOfThem = () => {
      if (recognition.services.some((service) => service !== COMPANY_SERVICE_ID) || recognition.guessedServices.length > 0) return false;
      if (reading.described.services.some((service) => service !== COMPANY_SERVICE_ID)) return false;
      const top = rankStanding()[0];
      return top !== undefined && top.topic.kind === "faq" && top.topic.service === COMPANY_SERVICE_ID && otherBusiness.every((product) => productsNamedBy(top.topic).has(product));
    };
    if (otherBusiness.length > 0 && (!namesXiaomi || weighsAgainstOther || rivalOnADevice) && othersAsked() && !theCompanysEntrySpeaksOfThem()) {
      const body = LANGUAGE_PACKS[language].fallback.otherProduct(otherBusiness.join(", "), serviceNames);
      const answer = answers.finish(base, { kind: "fallback", topic: null, service: null, confidence: 0 }, { body, sources: [], asOf: null }, []);
      return { answer, guess, recognition, terms: [] };
    }
    if (asksBesideTheService(reading, readSentence, shops, options.answering.offTopicDeclinesAt)) {
      const answer = answers.finish(base, { kind: "fallback", topic: null, service: null, confidence: 0 }, fallbackReply(language), []);
      return { answer, guess, recognition, terms: [] };
    }

    const focus = focusOf(reading.text, recognition, terms, language, rankStanding());
    // The entry just given goes first when the follow-up asks a kind of question it answers too
    // ("since when?" after HyperOS); not when another entry matches the question all but word for
    // word and the question does not point back ("how many cards can I add?" after how to add one;
    // but "how do I set it up?").
    const first = focus.ranked[0];
    const goesOnFrom =
      continued !== undefined && (refersBack(recognition) || (first?.score ?? 0) < options.conversation.continuedTopicYieldsTo || first?.topic.id === continued) ? continued : undefined;
    const goesOn = (candidate: Candidate) => (candidate.topic.id === goesOnFrom ? options.conversation.continuedTopicBonus : 0);
    let ranked = goesOnFrom === undefined ? focus.ranked : focus.ranked.map((candidate) => ({ ...candidate, score: candidate.score + goesOn(candidate) })).sort((a, b) => b.score - a.score);
    // The message's sentences and those that ask, cut once for the rules below that look at them.
    let spokenOnce: Spoken | undefined;
    const spoken = (): Spoken => {
      if (spokenOnce === undefined) {
        const said = sentences(reading.text);
        const asking = questionsIn(said);
        spokenOnce = { said, asking, toldBeside: asking.length > 0 && asking.length < said.length };
      }
      return spokenOnce;
    };
    const region = placeOnlyInTheStory(reading, readSentence, spoken) ? undefined : regionAsked.of(reading.text, recognition, language, reading.described.types.includes("availability"));
    // "Xiaomi Pay con quali banche va?": asked nowhere in particular, the community's own country is
    // meant; its entry beats one about another country that matches nearly as well ("in Polonia
    // con quali banche?").
    if (region === undefined && ranked.length > 1) ranked = homeFirst(ranked);
    const best = ranked[0];
    const subject = subjectOf(recognition, reading.described);
    const types = reading.described.types;
    // "e nel 2020 com'era?", "and back in 2019?": a follow-up asking about a past year gets the status then.
    const untilYear = inherited.length > 0 ? followUps.pastYearAsked(recognition.words) : undefined;
    // The company's own facts (where it sells phones) answer only the topics about that place:
    // "Mi Credit c'è in Italia?" is not answered by "Xiaomi is in Italy".
    const hasFacts = subject !== undefined && subject !== COMPANY_SERVICE_ID && book.factsOf(subject).length > 0;
    // "Perché Mi Pay non arriva in Italia?" asks why, not whether: any other kind of question wins.
    const asksAvailability = types.every((type) => type === "availability" || type === "comparison");
    const inRegion = topicById.get(COMPOSED_INTENTS.serviceInRegion.id)!;
    // "in moldavia si puo pagare con la mi band 6?": whether it works there, with a device or a
    // bank, is what the place's own facts say (they name its banks and devices).
    const asksOnlyWhereAndWithWhat = types.every((type) => type === "availability" || type === "devices" || type === "banks-cards");
    const asksWhetherWithWhat = types.includes("availability") && asksOnlyWhereAndWithWhat;
    // "Which cards work in Greece?": an entry about cards in general that never speaks of Greece
    // knows less about it than Greece's own facts, which name its banks and devices; but a
    // message naming what an entry is about ("a Curve card in Germany?") asks that entry.
    let asked: ReadonlySet<string> | undefined;
    const itsWordAsked = (topic: Topic) => {
      asked ??= new Set(focus.terms.map((term) => term.term));
      for (const keyword of traits.get(topic.id)?.keywords ?? []) if (asked.has(keyword)) return true;
      return false;
    };
    const namesThePlace = (topic: Topic) => region !== undefined && (traits.get(topic.id)?.mentions.has(region) ?? false);
    // So does an entry that names Czechia but is about the devices, asked which cards (and the other way round).
    const aboutTheOther = (topic: Topic) => {
      const its = traits.get(topic.id)?.anyTypes;
      if (its === undefined) return false;
      const asksOnly = (asked: QuestionType, other: QuestionType) =>
        types.includes(asked) && types.every((type) => type === asked || type === "availability") && !its.has(asked) && its.has(other);
      return asksOnly("banks-cards", "devices") || asksOnly("devices", "banks-cards");
    };
    const silentOnRegion = (topic: Topic) =>
      region !== undefined &&
      hasFacts &&
      topic.kind === "faq" &&
      types.some((type) => type === "banks-cards" || type === "devices") &&
      (!namesThePlace(topic) || aboutTheOther(topic)) &&
      !itsWordAsked(topic);
    // One service's status in a place does not answer a question about the company ("why did
    // Europe get so few of Xiaomi's services, like Mi Pay or Youpin?").
    const companyDescribed = reading.described.services.includes(COMPANY_SERVICE_ID);
    // "tornata da un viaggio a pechino… sul mio xiaomi comprato qui lo posso attivare?": a place the
    // message names but does not ask about fills no composed answer's place.
    const placeNotAsked = (topic: Topic) => topic.kind === "composed" && region === undefined && COMPOSED_INTENTS[composedIntentOf(topic.id)!].needs.region;
    const agrees = (topic: Topic) =>
      topicAgrees(topic, subject, region, traits, companyDescribed) && !silentOnRegion(topic) && !(subject === COMPANY_SERVICE_ID && topic === inRegion) && !placeNotAsked(topic);
    const threshold = best?.topic.kind === "smalltalk" ? options.answering.smalltalkMatchThreshold : options.answering.answerThreshold;
    // "I need help" is close to "does Mi Pay need NFC?" by one word: a message that neither names
    // nor describes a service is answered only by a phrasing it covers well, else suggested.
    const standsWithoutService = subject !== undefined || (best?.phrasingCoverage ?? 0) >= options.answering.coverageWithoutService;
    if (askedAgain !== undefined) return answered(askedAgain, 1, turn?.context?.service);
    // "In Moldova she can pay with her Mi Band 6 NFC?": asked whether it works in a place whose own
    // facts speak of what the question names (the band), an entry that never names the place
    // answers less than they do; "can I pay with my xiaomi phone in italy?" (Italy's facts speak of
    // bands) and "a Curve card in Germany?" (the Curve entry's own word) keep their entries.
    const placeSpeaksOfIt = () =>
      focus.terms.some((term) => (term.reading === "known" || term.reading === "corrected") && !FUNCTION_WORDS.has(term.from) && placeWords(subject!, region!, language).has(term.term));
    if (
      region !== undefined &&
      hasFacts &&
      asksOnlyWhereAndWithWhat &&
      best?.topic.kind === "faq" &&
      // "…posso usarla per pagare con la mia carta BancoPosta?": a bank of the place, named, is
      // what its facts speak of, even when the best entry mentions the place in passing.
      (!namesThePlace(best.topic) || recognition.bankRegions.includes(region)) &&
      !itsWordAsked(best.topic) &&
      placeSpeaksOfIt()
    )
      return answered(inRegion, Math.max(best.score, options.answering.serviceAnswerThreshold), subject);
    // A question naming a phone model ("Xiaomi 15", "xiomi 16") asks about it; one naming it in the
    // story around the question does not ("can you buy xiaomi phones in the US? friend in Texas wants a Xiaomi 14").
    const asksAboutAModel = () => namesAModel(recognition) && spoken().asking.some((sentence) => namesAModel(readSentence(sentence.text).recognition));
    // With no service of ours named or described, what it asks is what we do not cover, whatever
    // topic its other words resemble: as many such subjects as decline a message ("mi è caduto lo
    // xiaomi… quanto costa la riparazione all'assistenza?"), or a phone model beside the company's
    // own entries ("when xiomi 16 arrive in europe?" is not about its cars abroad).
    const asksOnlyWhatWeDoNotCover =
      subject === undefined &&
      (new Set(recognition.offTopic).size >= options.answering.offTopicDeclinesAt ||
        (best?.topic.service === COMPANY_SERVICE_ID && asksAboutAModel()));
    if (best && best.score >= threshold && agrees(best.topic) && standsWithoutService && !asksOnlyWhatWeDoNotCover) return answered(best.topic, best.score);
    // "ho letto che xiaomi vuole portare le auto fuori dalla cina con un nuovo assistente ai. quando
    // inizieranno a esportarle?": a service guessed from a word of its name only in the story does
    // not outweigh the company's entry that the sentence asking, read alone, asks well enough to answer.
    const asksTheCompanyAlone = (topic: Topic) => {
      if (subject === undefined || !recognition.guessedServices.includes(subject)) return false;
      const { asking, toldBeside } = spoken();
      if (!toldBeside) return false;
      return asking.some((sentence) => {
        const read = readSentence(sentence.text);
        if (read.recognition.guessedServices.includes(subject) || read.recognition.services.includes(subject) || read.described.services.includes(subject)) return false;
        const top = matcher.rank(read.recognition, matcher.queryTerms(read.recognition, language, read.readings), answerDepth)[0];
        return top?.topic === topic && top.score >= threshold;
      });
    };
    if (
      namesXiaomi &&
      best?.topic.kind === "faq" &&
      best.topic.service === COMPANY_SERVICE_ID &&
      best.score >= threshold &&
      topicAgrees(best.topic, COMPANY_SERVICE_ID, region, traits, companyDescribed) &&
      asksTheCompanyAlone(best.topic)
    )
      return answered(best.topic, best.score);
    // Not a phone model's question ("when is the xiaomi 15t coming out in europe").
    // "in cina e in india xiaomi ha un sacco di servizi, qui da noi in europa quasi niente: come
    // mai?": past a composed answer (the services in a region), the company's own best entry.
    const companyEntry = best?.topic.kind === "composed" ? ranked.find((candidate) => candidate.topic.kind === "faq" && candidate.topic.service === COMPANY_SERVICE_ID) : best;
    const aboutTheCompany =
      subject === undefined && namesXiaomi && !namesAModel(recognition) && recognition.offTopic.length === 0 && companyEntry?.topic.service === COMPANY_SERVICE_ID && companyEntry.topic.kind === "faq";
    // "…vuole un telefono xiaomi… ma negli stati uniti li vendono?": an entry about the very place
    // asked needs less of the message's other words.
    const companyThreshold = aboutTheCompany && namesThePlace(companyEntry.topic) ? options.answering.serviceAnswerThreshold : options.answering.companyAnswerThreshold;
    if (aboutTheCompany && companyEntry.score >= companyThreshold && agrees(companyEntry.topic)) return answered(companyEntry.topic, companyEntry.score);
    if (subject === undefined) {
      const suggestions = ranked
        .filter((candidate) => candidate.score >= options.answering.suggestionThreshold)
        .slice(0, options.answering.maxSuggestions)
        .map((candidate) => answers.suggestionFor(candidate.topic, recognition, language));
      const answer = answers.finish(
        base,
        { kind: "fallback", topic: null, service: null, confidence: best?.score ?? 0 },
        fallbackReply(language),
        suggestions,
      );
      return { answer, guess, recognition, terms };
    }

    // The message is about a service, named or described: it gets the service's best answer,
    // never "I only know about Xiaomi services".
    const confidenceFloor = options.answering.serviceAnswerThreshold;
    // "my youpin order still hasnt shipped, what do i do": the service named, what is asked about it
    // (an order, a repair, a bootloader) is what the sources do not cover.
    // Counted in the sentences that ask when they name the service and others only tell: "ho
    // aggiornato a hyperos 2 e vedo hyperai dappertutto. ma hyperai è il nuovo nome di xiaoai?"
    // asks nothing about updates; "…I want to unlock the bootloader. Is the 168 hour wait still a
    // thing?" asks about what the sentence before says.
    let offTopicOutweighs: boolean | undefined;
    const asksWhatWeDoNotCover = () => (offTopicOutweighs ??= countsWhatWeDoNotCover());
    const countsWhatWeDoNotCover = () => {
      const { asking, toldBeside } = spoken();
      const askingReadings = toldBeside ? asking.map((sentence) => readSentence(sentence.text)) : [];
      const offTopicAsked =
        askingReadings.length > 0 && askingReadings.every((read) => read.recognition.services.includes(subject))
          ? askingReadings.flatMap((read) => read.recognition.offTopic)
          : recognition.offTopic;
      return new Set(offTopicAsked).size >= options.answering.offTopicDeclinesAt;
    };
    // A place only told beside two subjects we do not cover, with no word asking whether the
    // service works there ("youpin kettle coming from china, where is my package? the seller
    // doesnt reply"), asks about them, not the service's status there.
    const placeOnlyTold = () => !types.includes("availability") && asksWhatWeDoNotCover();
    if (region !== undefined && hasFacts && (asksAvailability || asksWhetherWithWhat) && !placeOnlyTold()) return answered(inRegion, Math.max(best?.score ?? 0, confidenceFloor), subject);
    // The subject's topics are usually among the best overall already (its name weighs on them);
    // only when none is does the search run again over the subject's topics alone.
    // "the one login you use for the xiaomi cloud, find device and the shop": the company's entry
    // the message describes, about the service named too (the account), is one of its topics when
    // it matches best of all.
    const describedCompanyEntry = (candidate: Candidate) =>
      companyDescribed &&
      candidate === best &&
      candidate.score >= options.answering.companyAnswerThreshold &&
      candidate.topic.kind === "faq" &&
      (candidate.topic.alsoAbout?.includes(subject) ?? false);
    const ofSubject = (candidate: Candidate) => (candidate.topic.service === subject || describedCompanyEntry(candidate)) && agrees(candidate.topic);
    const overall = ranked.filter(ofSubject);
    const own = (
      overall.length > 0
        ? overall
        : matcher
            .rank(focus.recognition, focus.terms, { limit: options.answering.maxSuggestions, floor: options.answering.suggestionThreshold, settledAt: Number.POSITIVE_INFINITY, service: subject })
            .filter(ofSubject)
    )
      .map((candidate) => ({ ...candidate, score: candidate.score + (sharesType(traits.get(candidate.topic.id)?.types, types) ? options.answering.questionTypeBonus : 0) + goesOn(candidate) }))
      .sort((a, b) => b.score - a.score);
    const close = (region === undefined && own.length > 1 ? homeFirst(own) : own)[0];
    // A word the knowledge never uses ("commissioni", "encrypted") is usually what is asked: a
    // topic that only shares the service's name would answer another question.
    // In a long message, unknown words are mostly its chatter ("wtf", "my mum"), not what it asks;
    // and a close topic that shares a word with it beyond the service's name ("heard the gallery
    // is getting OneDrive backup") answers it whatever its other words.
    const contentWords = focus.terms.filter((term) => term.reading !== "name" && term.reading !== "off-topic").length;
    const asksUnknown =
      contentWords <= options.answering.unknownAsksMaxWords &&
      focus.terms.some((term) => saysWhatKnowledgeLacks(term, chatter));
    const sharedWords = (candidate: Candidate) => focus.terms.filter((term) => (term.reading === "known" || term.reading === "corrected") && matcher.topicUses(candidate.topic, term.term));
    // …or a word no other topic uses ("was mi pay ever tied to UnionPay or am i mixing it up?").
    const coversMoreThanName = (candidate: Candidate) =>
      (candidate.score >= options.answering.unknownAsksBelow && sharedWords(candidate).length > 0) ||
      sharedWords(candidate).some((term) => matcher.topicCount(term.term) === 1);
    if (close && close.score >= options.answering.serviceAnswerThreshold && (!asksUnknown || coversMoreThanName(close))) return answered(close.topic, Math.min(1, close.score), subject);
    // Made only for the two replies that show them, not when the place's status or a company entry answers.
    const overviewSuggestions = () =>
      (own.length > 0 ? own.map((c) => c.topic) : topicsOfService(subject))
        .slice(0, options.answering.maxSuggestions)
        .map((topic) => answers.suggestionFor(topic, recognition, language));
    // Declined for what it asks when no topic of the service comes close; so is a question about a
    // phone model told beside the service ("uso il cloud per tutto… lo xiaomi 14 ultra quanto costa?"),
    // or beside the company's services named as examples ("uso mi home e il cloud…"), unless one of
    // the company's entries matches well enough to answer.
    const modelAskedOver = subject === COMPANY_SERVICE_ID ? options.answering.answerThreshold : options.answering.suggestionThreshold;
    if (asksWhatWeDoNotCover() || ((close?.score ?? 0) < modelAskedOver && asksAboutAModel())) {
      const answer = answers.finish(base, { kind: "fallback", topic: null, service: null, confidence: close?.score ?? 0 }, fallbackReply(language), overviewSuggestions());
      return { answer, guess, recognition, terms };
    }
    // Two subjects we do not cover outweigh the place named ("quanto pago di dogana e iva quando
    // arriva in italia?"): the service's status there would not answer them.
    if (region !== undefined && hasFacts) return answered(inRegion, confidenceFloor, subject);
    // The overview of a whole company answers nothing: an entry about it close enough does, even
    // beside words the knowledge lacks ("sry late to the convo but wait xiaomi doesnt sell phones
    // in the us?? fr??").
    if (subject === COMPANY_SERVICE_ID && close && close.score >= options.answering.serviceAnswerThreshold) return answered(close.topic, Math.min(1, close.score), subject);
    const answer = answers.finish(
      base,
      { kind: "answer", topic: SERVICE_OVERVIEW, service: subject, confidence: close?.score ?? 0 },
      composer.serviceOverview(subject, language),
      overviewSuggestions(),
    );
    return { answer, guess, recognition, terms, slots: { subject, region, types }, inherited };

    function answered(asked: Topic, score: number, service?: string): Analysis {
      // "Living in Ireland: is it still available to me, or does it depend on the country?": where
      // it works, said for the place asked.
      const topic = asked.id === COMPOSED_INTENTS.serviceWhere.id && region !== undefined && hasFacts ? topicById.get(COMPOSED_INTENTS.serviceInRegion.id)! : asked;
      const { reply, service: answeredService } = answers.replyFor(topic, recognition, language, service, region, untilYear);
      // Whatever it asks about a service in a region ("Youpin c'è in India?" answered by the entry
      // about India, "which devices in Moldova?"), the status there comes with the answer, shown
      // the same way on every platform.
      // A message that neither named nor described the service ("la Victoriabank mi ha dato una
      // Mastercard: funziona con la mia smart band?") is about the service of the entry answering it.
      const about = subject ?? (topic.kind === "faq" ? (topic.service ?? undefined) : undefined);
      if (topic.kind === "faq" && about !== undefined && about !== COMPANY_SERVICE_ID && region !== undefined && book.factsOf(about).length > 0) {
        reply.availability = composer.availability(about, region, language, untilYear);
      } else if (topic.kind === "faq" && topic.service === COMPANY_SERVICE_ID && region !== undefined && traits.get(topic.id)?.regions.has(region)) {
        // "Xiaomi vende negli USA?" answered by the entry about the USA: the company's status there,
        // when the entry cites a source of it ("Mi Credit in India?" is not about where Xiaomi sells).
        const cited = citedSources.get(topic.id);
        const facts = book.timeline(COMPANY_SERVICE_ID, region).facts;
        if (facts.some((fact) => [fact.source].flat().some((source) => cited?.has(source)))) reply.availability = composer.availability(COMPANY_SERVICE_ID, region, language);
      }
      const kind = topic.kind === "smalltalk" ? "smalltalk" : "answer";
      const answer = answers.finish(base, { kind, topic: topic.id, service: answeredService, confidence: score }, reply, []);
      return { answer, guess, recognition, terms, slots: { subject: service ?? subject, region, types }, inherited };
    }
  }

  /**
   * "scusate ma tu cosa sai fare? mio nipote dice che rispondi sulle cose xiaomi": small talk asked
   * in a message's question, its other sentences telling why (they name nothing we answer about).
   */
  function smalltalkAsked(text: string) {
    const said = sentences(text);
    if (said.length < 2) return undefined;
    const asking = questionsIn(said);
    if (asking.length === said.length) return undefined;
    // With their marks: a question asks something beside a greeting ("hey did xiaomi drop the Mi brand?").
    return smalltalkReader.read(asking.map((sentence) => (sentence.asks ? `${sentence.text}?` : sentence.text)).join(" "), { namesNothing: true });
  }

  /**
   * "@bot ma tu di preciso che sai fare? ti posso chiedere qualsiasi cosa su xiaomi?", "what can
   * you answer? just switched from iphone and im lost": a question about what the bot does, beside
   * sentences that are small talk themselves or name nothing of ours in particular.
   */
  function helpBesideChat(text: string, readSentence: (text: string) => Reading): SmalltalkReading | undefined {
    const said = sentences(text);
    if (said.length < 2) return undefined;
    const alone = (read: Reading) => {
      const namesNoSubject = namesNoSubjectOf(read);
      return smalltalkReader.read(read.text, { namesNothing: namesNoSubject && read.recognition.regions.length === 0, namesNoSubject, tokens: read.tokens });
    };
    // A question about the bot, not a plea ("raga help 🙏 …"): looked for first, as most messages have none.
    let help: { sentence: Clause; reading: SmalltalkReading } | undefined;
    for (const sentence of said) {
      if (!sentence.asks) continue;
      const reading = alone(readSentence(sentence.text));
      if (reading?.intent === "help") {
        help = { sentence, reading };
        break;
      }
    }
    if (help === undefined) return undefined;
    for (const sentence of said) {
      if (sentence === help.sentence) continue;
      const read = readSentence(sentence.text);
      if (alone(read) !== undefined) continue;
      // What a sentence that asks nothing tells matters only when it is about ours or what we do not
      // cover ("…just switched from iphone and im lost"; but "my order… no tracking. help?").
      if (sentence.asks ? !namesNoSubjectOf(read) : subjectOf(read.recognition, read.described) !== undefined || read.recognition.offTopic.length > 0) return undefined;
    }
    return help.reading;
  }

  /** The best candidate's entry about the home country first, when the best is about another and the home's is within the margin. */
  function homeFirst(ranked: Candidate[]): Candidate[] {
    const [top] = ranked;
    const regionsOf = (candidate: Candidate) => traits.get(candidate.topic.id)?.regions;
    const topRegions = regionsOf(top!);
    if (topRegions === undefined || topRegions.size === 0 || topRegions.has(concepts.home)) return ranked;
    const home = ranked.find(
      (candidate) =>
        candidate !== top &&
        candidate.topic.service === top!.topic.service &&
        candidate.score >= top!.score - options.answering.homeRegionMargin &&
        (regionsOf(candidate)?.has(concepts.home) ?? false),
    );
    return home === undefined ? ranked : [home, ...ranked.filter((candidate) => candidate !== home)];
  }

  /** A fragment with no earlier turn to complete it: declined, with what the bot can do. */
  function declinedFragment(question: string, reading: Reading, terms: QueryTerm[], askOptions: AskOptions): Analysis {
    const guess = reader.reconsiderLanguage(reading.guess, reading.text, terms, askOptions.locale);
    const answer = answers.finish(
      { question, language: guess.language },
      { kind: "fallback", topic: null, service: null, confidence: 0 },
      fallbackReply(guess.language),
      [],
    );
    return { answer, guess, recognition: reading.recognition, terms, inherited: [] };
  }

  /**
   * What to rank a long message by: the whole of it, or the one clause that matches a topic best
   * ("ciao a tutti, ho la band 6 nfc da mia madre, ogni quanto chiede il pin?"), read with the
   * names the whole message gives, since the clause that asks often leaves them out. `ranked` is
   * the whole message ranked already.
   */
  function focusOf(
    text: string,
    recognition: Recognition,
    terms: QueryTerm[],
    language: Language,
    ranked: Candidate[],
  ): { recognition: Recognition; terms: QueryTerm[]; ranked: Candidate[] } {
    const whole = { recognition, terms, ranked };
    if (recognition.words.length < options.reading.clauseReadingMinWords || (whole.ranked[0]?.score ?? 0) >= options.answering.answerThreshold) return whole;
    // "not sure this is the right place but when did xiaoai first come out?": a clause that asks
    // asks in what it turns to.
    const parts = afterQuestionOpeners(clauses(text), QUESTION_OPENERS).flatMap((part) =>
      part.asks ? turns(part.text, TURNING_WORDS, true).map((piece, i, pieces) => ({ text: piece, asks: i === pieces.length - 1 })) : [part],
    );
    if (parts.length < 2) return whole;
    // Clauses are cut at punctuation, which never falls inside a word: each is a run of the message's words.
    let start = 0;
    const spans = parts.map((part) => {
      const span = { from: start, to: start + wordCount(part.text) };
      start = span.to;
      return span;
    });
    const isName = (word: string) => word.startsWith("§") || word.startsWith("@");
    const readings = new Map<string, QueryTerm>();
    let best = { ...whole, score: whole.ranked[0]?.score ?? 0 };
    let bestAsking: typeof best | undefined;
    let askingPointsBack = false;
    const askingFrom = spans.length - Math.min(spans.length, options.reading.maxClausesRead);
    for (const [index, { from, to }] of spans.entries()) {
      if (index < askingFrom) continue;
      const inPart = recognition.words.filter((word, k) => {
        const origin = recognition.origins[k]!;
        // Names, and what was read from the message as a whole (flags, descriptions, topics we
        // do not cover), hold for every clause.
        return origin < 0 || (origin >= from && origin < to) || isName(word);
      });
      const partRecognition = { ...recognition, words: inPart, origins: [] };
      const partTerms = matcher.queryTerms(partRecognition, language, readings);
      // A clause that is little more than a name ("'in the Mi Cloud' since 2019") would match the
      // service's "what is" entry perfectly and say nothing about what is asked.
      if (partTerms.filter((t) => t.reading === "known" || t.reading === "corrected").length < options.reading.clauseMinKnownWords) continue;
      const ranked = matcher.rank(partRecognition, partTerms, answerDepth);
      const top = ranked[0];
      // "Salve," or "grazie mille!" around a question frame it; they are not what it asks.
      if (top === undefined || top.topic.kind === "smalltalk") continue;
      if (top.score > best.score) best = { recognition: partRecognition, terms: partTerms, ranked, score: top.score };
      if (parts[index]!.asks && top.score > (bestAsking?.score ?? 0)) {
        bestAsking = { recognition: partRecognition, terms: partTerms, ranked, score: top.score };
        askingPointsBack = index > 0 && refersBack(partRecognition);
      }
    }
    // "backup su mi cloud attivo, quanti giga ho gratis??": the clause that asks, when it matches
    // at all, says what is asked better than the context around it.
    // "the Xiaomi system for pay with the QR code on phones without NFC, which phones had it?": a
    // clause read alone loses what the rest says; the whole message matching an entry nearly well
    // enough to answer keeps it against another topic the clause alone matches.
    const wholeTop = whole.ranked[0];
    const wholeKeeps = askingPointsBack ? options.reading.wholeMessageKeepsAgainstPointingBack : options.reading.wholeMessageKeeps;
    if (wholeTop !== undefined && wholeTop.score >= wholeKeeps && bestAsking !== undefined && bestAsking.ranked[0]?.topic !== wholeTop.topic) return whole;
    return bestAsking !== undefined && bestAsking.score >= options.reading.askingClauseMinScore ? bestAsking : best;
  }

  function smalltalkAnswer(question: string, intent: SmalltalkEntry["id"], language: Language): Answer {
    const entry = answers.smalltalkById.get(intent)!;
    return answers.finish({ question, language }, { kind: "smalltalk", topic: intent, service: null, confidence: 1 }, composer.smalltalk(entry, language), []);
  }

  // Built on the first search (autocomplete, inline mode): a question never needs it.
  let questionSearch: QuestionSearch | undefined;

  return {
    ask: (question, askOptions) => analyse(question, askOptions).answer,
    converse(question, context, askOptions) {
      const { answer, slots, inherited = [], terms, recognition } = analyse(question, askOptions, { context });
      // Kept past a declined question and small talk: where the asker is does not change with them.
      const askerPlace = regionAsked.askerPlaceOf(question, recognition, answer.language) ?? context?.askerPlace;
      if (answer.kind === "fallback") return { answer, inherited, context: askerPlace === undefined ? null : { language: answer.language, askerPlace } };
      // Small talk ("grazie!") does not change what the conversation is about.
      if (answer.kind === "smalltalk" || slots === undefined) {
        const kept = context && asksAnything(context) ? { ...context, language: answer.language } : null;
        return { answer, inherited, context: askerPlace === undefined ? kept : { ...(kept ?? { language: answer.language }), askerPlace } };
      }
      // Only the message says what kind of question it asked: a kind guessed from the topic
      // answering ("quanti utenti ha?" answered by an entry most of whose phrasings ask how)
      // would be passed on to the next service asked about instead of the question's own words.
      const questionType = slots.types[0] ?? (answer.availability ? "availability" : undefined);
      const next: ConversationContext = { language: answer.language };
      const service = answer.service ?? slots.subject;
      if (service) next.service = service;
      if (slots.region) next.region = slots.region;
      if (questionType) next.questionType = questionType;
      if (answer.topic) next.topic = answer.topic;
      if (askerPlace !== undefined) next.askerPlace = askerPlace;
      // A fragment that asks something of its own ("since when does it exist?") asks with its own words.
      const ownWords = terms.filter((term) => term.reading === "known" || term.reading === "corrected").map((term) => term.from);
      const asked = inherited.includes("questionType") || ownWords.length === 0 ? context?.asked : ownWords;
      if (asked !== undefined && asked.length > 0) next.asked = asked;
      return { answer, inherited, context: next };
    },
    explain(question, askOptions) {
      const { answer, guess, recognition, terms } = analyse(question, askOptions);
      // The answer as `ask` gives it; the candidates ranked in full, near misses included.
      const ranked = matcher.rank(recognition, terms, EXACT_TOP);
      return {
        answer,
        language: guess,
        services: recognition.services,
        guessedServices: recognition.guessedServices,
        regions: recognition.regions,
        otherProducts: recognition.otherProducts,
        terms,
        candidates: ranked.slice(0, 5).map((c) => ({ topic: c.topic.id, kind: c.topic.kind, score: round(c.score), phrasing: c.phrasing })),
      };
    },
    answerAs(question, topicId, confidence, askOptions = {}) {
      const reading = reader.read(question, askOptions.locale);
      const { recognition } = reading;
      const guess = reader.reconsiderLanguage(reading.guess, reading.text, matcher.queryTerms(recognition, reading.guess.language), askOptions.locale);
      const topic = topics.find((t) => t.id === topicId);
      const base = { question, language: guess.language };
      if (!topic || !canFill(topic, recognition)) {
        return answers.finish(base, { kind: "fallback", topic: null, service: null, confidence }, fallbackReply(guess.language), []);
      }
      const { reply, service } = answers.replyFor(topic, recognition, guess.language);
      return answers.finish(base, { kind: topic.kind === "smalltalk" ? "smalltalk" : "answer", topic: topic.id, service, confidence }, reply, []);
    },
    topicIds: topics.map((topic) => topic.id),
    smalltalk(intent, language) {
      const entry = answers.smalltalkById.get(intent);
      if (!entry) throw new Error(`Knowledge has no small-talk entry '${intent}' (data/smalltalk.json)`);
      return smalltalkAnswer(entry.questions[language][0]!, intent, language);
    },
    regionName: (code, language) => composer.regionName(code, language),
    services: (language) =>
      knowledge.services
        .filter((service) => service.id !== COMPANY_SERVICE_ID)
        .map((service) => ({ id: service.id, name: service.name, summary: service.summary[language] })),
    searchQuestions: (partial, language, limit = 25) => (questionSearch ??= new QuestionSearch(knowledge)).search(partial, language, limit),
    stats: {
      topics: topics.length,
      phrasings: matcher.phrasingCount,
      services: knowledge.services.length,
      facts: knowledge.availability.length,
    },
  };
}

function languageCorpus(knowledge: Knowledge): { it: string[]; en: string[] } {
  const corpus = { it: [] as string[], en: [] as string[] };
  for (const language of LANGUAGES) {
    const list = corpus[language];
    for (const entry of knowledge.faq) list.push(...entry.questions[language], entry.answer[language]);
    for (const entry of knowledge.smalltalk) list.push(...entry.questions[language], entry.answer[language]);
    for (const service of knowledge.services) list.push(service.summary[language]);
    for (const fact of knowledge.availability) list.push(fact.note[language]);
    for (const region of knowledge.regions) list.push(...region.names[language]);
    for (const key of Object.keys(knowledge.composed) as Array<keyof Knowledge["composed"]>) list.push(...knowledge.composed[key][language]);
  }
  return corpus;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A message that names or describes none of our services (the company aside), no other company's product and nothing we do not cover. */
function namesNoSubjectOf({ recognition, described }: Reading): boolean {
  return (
    recognition.services.every((service) => service === COMPANY_SERVICE_ID) &&
    recognition.guessedServices.length === 0 &&
    recognition.otherProducts.length === 0 &&
    recognition.offTopic.length === 0 &&
    described.services.length === 0 &&
    described.offTopic.length === 0
  );
}

// The kinds of question whose answer depends on where: a place named anywhere may be what they ask about.
const PLACE_BOUND_TYPES: ReadonlySet<QuestionType> = new Set(["availability", "banks-cards", "devices"]);

/**
 * "My friend in Spain says Xiaomi teamed up with Mastercard. When was that deal?": the places are
 * all in the story, and the sentences that ask (with a question mark) name none, point at none and
 * ask when, no kind of question a place bounds: none of the places is asked about. ("Was it shut
 * down?" asks about the place's story: its status there.)
 */
function placeOnlyInTheStory(reading: Reading, read: (text: string) => Reading, spoken: () => Spoken): boolean {
  if (reading.recognition.regions.length === 0) return false;
  const { said, asking } = spoken();
  if (asking.length === said.length) return false;
  // What the sentence says as typed first: reading it whole is the costly part.
  return asking.every((sentence) => {
    if (!sentence.asks || !tokenize(sentence.text).some((word) => WHEN_WORDS.has(word))) return false;
    const { recognition, described } = read(sentence.text);
    return (
      recognition.regions.length === 0 &&
      !pointsToPlace(recognition) &&
      described.homeRegion === undefined &&
      described.types.includes("history") &&
      // "da quando esiste mi pay?": since when it exists, asked of no place, is its history.
      described.types.every((type) => type === "availability" || !PLACE_BOUND_TYPES.has(type))
    );
  });
}

/** Whether what we do not cover is only in the sentences that tell, beside others that ask. */
function offTopicOnlyTold(reading: Reading, readSentence: (text: string) => Reading): boolean {
  if (reading.recognition.offTopic.length === 0) return false;
  const said = sentences(reading.text);
  const asking = questionsIn(said);
  if (asking.length === 0 || asking.length === said.length) return false;
  // Each question names or describes what it asks about: "si può accorciare l'attesa?" after the
  // bootloader asks about the story.
  const asksOfItsOwn = asking.every((sentence) => {
    const read = readSentence(sentence.text);
    return read.recognition.offTopic.length === 0 && subjectOf(read.recognition, read.described) !== undefined;
  });
  // A story told before the questions; told after one, it says why it is asked ("getapps come si
  // disinstalla? mi riempie di notifiche pubblicitarie").
  const firstAsking = said.indexOf(asking[0]!);
  return asksOfItsOwn && said.every((sentence, i) => i < firstAsking || asking.includes(sentence) || readSentence(sentence.text).recognition.offTopic.length === 0);
}

function withoutOffTopic(reading: Reading): Reading {
  const { recognition } = reading;
  const kept = recognition.words.map((word) => !word.startsWith(OFF_TOPIC_MARK));
  return {
    ...reading,
    recognition: { ...recognition, offTopic: [], words: recognition.words.filter((_, k) => kept[k]), origins: recognition.origins.filter((_, k) => kept[k]) },
    described: { ...reading.described, offTopic: [] },
  };
}

/** A message's sentences and those of them that ask (`questionsIn`). */
interface Spoken {
  said: readonly Clause[];
  asking: readonly Clause[];
  /** Some sentences ask and others only tell: what is asked can be read apart from the story. */
  toldBeside: boolean;
}

/** …nor the company either. */
function namesNothingOfItsOwn(reading: Reading): boolean {
  return reading.recognition.services.length === 0 && namesNoSubjectOf(reading);
}
