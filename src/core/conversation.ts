/**
 * What a conversation carries from one message to the next, how a follow-up points back, and how
 * a fragment ("e in Grecia?", "and Youpin?", "perché?") is completed from the turn before.
 */
import type { AskedRegion } from "./asked-region.js";
import { clauses } from "./clauses.js";
import type { CoreOptions } from "./defaults.js";
import { COMPANY_SERVICE_ID, namesAsPlace, namesOnlyAPhone, pointsToPlace, regionTerm, serviceTerm, type EntityRecognizer, type Recognition } from "./entities.js";
import { wordsOfAllPacks } from "./languages/index.js";
import { tokenize } from "./normalize.js";
import { continuesConversation, followUpOpening, FUNCTION_WORDS, QUESTION_OPENERS, QUESTION_WORDS, REFERRING_WORDS } from "./lexicon.js";
import type { Matcher, QueryTerm } from "./matcher.js";
import { likens } from "./question-part.js";
import { saysWhatKnowledgeLacks, type MessageReader, type Reading } from "./reading.js";
import type { ConversationContext } from "./schema.js";
import { subjectOf } from "./slots.js";

export type { ConversationContext } from "./schema.js";

/** Whether the conversation has asked about anything a follow-up could go on from (not only said where the asker is). */
export function asksAnything(context: ConversationContext): boolean {
  return context.service !== undefined || context.region !== undefined || context.questionType !== undefined || context.topic !== undefined;
}
export type ContextSlot = "service" | "region" | "questionType";
export type FragmentShape = "complete" | "region" | "service" | "question";

/** The words that name something beyond a service, a place or a number ("nexi", "watch", "contatti", "rimangono"). */
export function thingsNamed(words: readonly string[]): string[] {
  return words.filter((word) => !FUNCTION_WORDS.has(word) && !/^\d+$/.test(word) && !word.startsWith("§") && !word.startsWith("@"));
}

/** "How many users does it have?", "lo posso usare?": a word pointing back to what was asked before. */
export function refersBack(recognition: Recognition): boolean {
  return recognition.words.some((word) => REFERRING_WORDS.has(word));
}

// Phrases, in words as read: " volevo dire " within " no scusa volevo dire in grecia ".
const CORRECTION_PHRASES: readonly string[] = [...wordsOfAllPacks((pack) => pack.correctionPhrases)].map((phrase) => ` ${phrase} `);

/** "no sorry I meant Greece", "intendevo la Polonia", "volevo dire in Grecia": the message corrects what was just asked. */
export function corrects(recognition: Recognition): boolean {
  const said = ` ${recognition.words.join(" ")} `;
  return CORRECTION_PHRASES.some((phrase) => said.includes(phrase));
}

/** "how?", "perché?": a question word alone, which after an answer asks about it. */
export function isBareQuestionWord(text: string): boolean {
  const words = tokenize(text);
  return words.length === 1 && QUESTION_WORDS.has(words[0]!);
}

/** How a message in a conversation is read: whether it is a fragment, and what it takes from the turn before. */
export class FollowUps {
  constructor(
    private readonly options: CoreOptions,
    private readonly reader: MessageReader,
    private readonly matcher: Matcher,
    private readonly recognizer: EntityRecognizer,
    private readonly askedRegion: AskedRegion,
    private readonly chatter: ReadonlySet<string>,
    /** Years before it are past ("e nel 2020?"); answers never depend on the clock otherwise. */
    private readonly thisYear: number,
  ) {}

  /**
   * Which slots a message leaves to its conversation. A complete question names a service and
   * says something about it; a fragment names only a region ("e in Grecia?"), only a service
   * ("and Youpin?") or only what is asked ("perché?", "quali carte?").
   */
  shape(reading: Reading, terms: readonly QueryTerm[], context: ConversationContext | null): FragmentShape {
    const { recognition, described } = reading;
    const fragmentMaxWords = this.options.conversation.fragmentMaxWords;
    const named = subjectOf(recognition, described);
    // "e come faccio a pagare col telefono?" after a Xiaomi Pay answer describes the same service:
    // it asks something more about it, it does not start over.
    // A company-level name ("GetApps", "HyperOS") is a name, not a description, even unnamed as Xiaomi.
    const describedOnly = named !== undefined && named !== COMPANY_SERVICE_ID && !recognition.services.includes(named);
    // Chat words ("ah capito, quindi in austria niente?") say nothing of what is asked, nor does the
    // phrase a follow-up opens with ("lo stesso vale per xiaoai?").
    const opening = new Set(followUpOpening(reading.text));
    const content = terms.filter((t) => (t.reading === "known" || t.reading === "corrected" || t.reading === "unknown") && !this.chatter.has(t.from) && !opening.has(t.from)).length;
    // ...but a longer message that neither opens as a follow-up nor asks a kind of question about
    // it says all it asks ("google pay non va sul mio redmi, che faccio?"): it starts over.
    const opensAsOne = continuesConversation(reading.text);
    const followsUp = opensAsOne || described.types.length > 0 || content <= fragmentMaxWords.described;
    const subject = describedOnly && named === context?.service && followsUp ? undefined : named;
    // "e bancoposta?" after a question names a card, not a place: the same question about it.
    const asked = this.askedRegion.of(reading.text, recognition, reading.guess.language);
    const region = asked !== undefined && recognition.bankRegions.includes(asked) ? undefined : asked;
    // "is it getting an upgrade like chatgpt?": another company's product as a likeness of what
    // was asked about before asks about it.
    const likensWhatCameBefore = refersBack(recognition) && likens(reading.text);
    if ((recognition.otherProducts.length > 0 && !likensWhatCameBefore) || recognition.offTopic.length > 0) return "complete";
    // Naming the company alone ("quanto costa lo Xiaomi 14T?") moves away from the service asked about.
    // But "e su Xiaomi?" alone after a declined question follows it up, and is declined too.
    // "and xiaomi overall?" after a question about a service asks the same about the company.
    // "sul mio xiaomi 14" names a phone, not the company.
    const namesCompany = recognition.services.includes(COMPANY_SERVICE_ID) && !namesOnlyAPhone(reading.tokens);
    if (named === undefined && namesCompany) {
      return opensAsOne && (content === 0 || (context !== null && content <= fragmentMaxWords.service)) ? "service" : "complete";
    }
    // "does it even speak English?": a language's adjective is no place asked; a city is a place.
    const placeNamed = region !== undefined && namesAsPlace(recognition, region);
    if (subject === undefined && content <= fragmentMaxWords.referring) {
      if (!placeNamed && refersBack(recognition)) return "question";
      // "going to Chisinau after, does it work there too?", "no sorry I meant Greece, moving to
      // Athens next month": the same question, about the place named.
      if (placeNamed && (refersBack(recognition) || corrects(recognition))) return "region";
    }
    // A word of a description ("the tap-to-pay with the band") is no stranger, though the entries never use it.
    const describing = new Set(described.phrases.flatMap((phrase) => phrase.split(" ")));
    const strangers = terms.filter((t) => saysWhatKnowledgeLacks(t, this.chatter) && !this.recognizer.namesRegion(t.from) && !describing.has(t.from)).length;
    if (subject !== undefined) {
      if (region !== undefined) return "complete";
      // "e xiaomi pay? va anche lì con la band?": this service, in the place asked about before.
      if (context?.region !== undefined && pointsToPlace(recognition)) return "service";
      // "ok allora dimmi se il cloud è a pagamento" asks a question of its own about it.
      if (described.types.length === 0 && content <= fragmentMaxWords.service && reading.text.search(QUESTION_OPENERS) === -1) return "service";
      // "e l'app dove xiaomi vende i gadget dei partner?", "ok e il cloud c'è?": opening as a
      // follow-up, another service described at length, or asked whether it is there, in the place before.
      // A service named beside other words asks them about it ("e xiaoai quanti utenti ha?").
      const asksAsBefore =
        (describedOnly && described.types.length === 0) || (context?.region !== undefined && described.types.length > 0 && described.types.every((type) => type === "availability"));
      // Alone and short, it is a fragment with nothing before it ("and the photo backup?"), declined.
      const switches = context === null ? content <= fragmentMaxWords.described : context.service !== subject;
      return switches && opensAsOne && asksAsBefore && strangers === 0 ? "service" : "complete";
    }
    // "perché?", "quali carte?", "e col telefono?" ask about what came before; "che tempo fa a
    // Roma?" says something the knowledge never speaks of, and starts over.
    // A year or a number ("e nel 2023?") narrows what was asked; it is not a new subject.
    // A kind of question or a place beside two such words ("what's the best pizza in Naples?",
    // "how do I install Windows 11?") asks about them, not about what came before.
    // "which was the first EU country?": a kind of question about a place, of the service before.
    const regionFragmentWords = described.types.length > 0 ? fragmentMaxWords.question : fragmentMaxWords.region;
    if (region !== undefined) return content <= regionFragmentWords && strangers < 2 ? "region" : "complete";
    // "e i contatti invece rimangono?": opening as a follow-up, a word the knowledge uses beside
    // one it lacks still asks about what came before.
    const opensAsFollowUp = () => opensAsOne && terms.some((t) => t.reading === "known" || t.reading === "corrected");
    const asksAboutIt = strangers === 0 ? described.types.length > 0 || content > 0 : (described.types.length > 0 || opensAsFollowUp()) && strangers < 2;
    // Opening as a follow-up in words the knowledge all uses, it may say a little more ("e il passaggio su google foto come si fa?").
    const maxWords = opensAsOne && strangers === 0 ? fragmentMaxWords.referring : fragmentMaxWords.question;
    return content <= maxWords && asksAboutIt ? "question" : "complete";
  }

  /**
   * The clause of a longer message that follows up on its own, with its reading: a message naming
   * no service is a follow-up when that clause is.
   */
  followingUpPart(
    text: string,
    locale: string | undefined,
    context: ConversationContext,
  ): { reading: Reading; terms: QueryTerm[]; shape: Exclude<FragmentShape, "complete"> } | undefined {
    const parts = clauses(text);
    if (parts.length < 2) return undefined;
    // The message's opening, or a clause opening as a follow-up: "altra cosa, mi si è rotto lo
    // schermo, dove lo riparo a Roma?" ends with a question of its own, not about what came before.
    for (const [i, part] of parts.entries()) {
      if (i > 0 && !continuesConversation(part.text)) continue;
      const reading = this.reader.read(part.text, locale);
      const terms = this.matcher.queryTerms(reading.recognition, reading.guess.language, reading.readings);
      const shape = this.shape(reading, terms, context);
      // "altra cosa, …" opens a new subject: a clause that asks only what must say a kind of
      // question, point back or open as a follow-up ("e col telefono? ho un redmi note 12 pro").
      const asksAboutBefore = shape !== "question" || reading.described.types.length > 0 || refersBack(reading.recognition) || continuesConversation(part.text);
      if (shape !== "complete" && asksAboutBefore) return { reading, terms, shape };
    }
    return undefined;
  }

  /** The one year before this one that a message names ("nel 2020"), if it names exactly one. */
  pastYearAsked(words: readonly string[]): number | undefined {
    const years = words.filter((word) => /^(?:19|20)\d\d$/.test(word)).map(Number);
    return years.length === 1 && years[0]! < this.thisYear ? years[0] : undefined;
  }

  /** The reading of a fragment with what it leaves out taken from the conversation. */
  inherit(reading: Reading, shape: Exclude<FragmentShape, "complete">, context: ConversationContext): { reading: Reading; inherited: ContextSlot[] } {
    const things = thingsNamed(reading.recognition.words);
    // "e in Italia?", "and in europe?": "in italia" is a phrase of whether a service is there, but
    // a place alone asks what was asked before; its phrases say only where ("e in italia funziona?"
    // and "is it in italy?" ask whether).
    const placeAlone = shape === "region" && continuesConversation(reading.text) && things.every((word) => this.chatter.has(word));
    if (placeAlone && reading.described.types.length > 0 && reading.described.phrases.every((phrase) => phrase.split(" ").some((word) => this.recognizer.namesPlace(word)))) {
      reading = { ...reading, described: { ...reading.described, types: [] } };
    }
    // "e con Nexi?", "and the Watch 2 Pro?", "e nel 2023?": one thing named, asked about as before;
    // "e i contatti rimangono?" asks something of its own about what came before.
    const namesOneThing = things.length <= 1;
    const wanted: ContextSlot[] =
      shape === "region" ? ["service", "questionType"] : shape === "service" ? ["questionType", "region"] : namesOneThing ? ["service", "region", "questionType"] : ["service", "region"];
    // A new region asks the same as before, and "whether" when nothing more was asked.
    if (shape === "region" && context.questionType === undefined) context = { ...context, questionType: "availability" };
    // "e in Italia da quando c'è?" asks its own kind of question: only what it leaves out is taken.
    const inherited: ContextSlot[] = wanted.filter((slot) => context[slot] !== undefined && !(slot === "questionType" && reading.described.types.length > 0));
    let { recognition, described } = reading;
    for (const slot of inherited) {
      if (slot === "service") {
        const service = context.service!;
        // The company is a subject only when something about it is asked: inherited, it is.
        if (service === COMPANY_SERVICE_ID) described = { ...described, services: [...described.services, service] };
        recognition = { ...recognition, services: [...recognition.services, service], words: [...recognition.words, serviceTerm(service)], origins: [...recognition.origins, -1] };
      } else if (slot === "region") {
        const region = context.region!;
        recognition = { ...recognition, regions: [region, ...recognition.regions], words: [...recognition.words, regionTerm(region)], origins: [...recognition.origins, -1] };
      } else if (described.types.length === 0) {
        described = { ...described, types: [context.questionType!] };
      }
    }
    // "e xiaoai quanti utenti ha?" … "and xiaomi overall?", "e i contatti?" … "e gli sms?": no
    // kind of question to take, so the words it was asked with.
    // "e nel 2023?" after what the services earn: a year narrows the question before, asked again.
    // (What inheriting added above are a service's and a place's terms: no thing.)
    const narrows = shape === "question" && reading.described.types.length === 0 && things.length === 0;
    const asksAsBefore = wanted.includes("questionType") && reading.described.types.length === 0;
    if (((asksAsBefore && !inherited.includes("questionType")) || narrows) && context.asked !== undefined) {
      recognition = { ...recognition, words: [...recognition.words, ...context.asked], origins: [...recognition.origins, ...context.asked.map(() => -1)] };
      if (!inherited.includes("questionType")) inherited.push("questionType");
    }
    return { reading: { ...reading, recognition, described }, inherited };
  }
}
