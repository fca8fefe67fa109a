/**
 * The shapes of the knowledge base and of an Answer. Every type in the project derives from
 * these zod schemas (`z.infer`), so the data files, the loader, the core and the adapters can
 * never disagree about a field.
 */
import { z } from "zod";
import { DEFAULTS } from "./defaults.js";
import { ISO_3166_ALPHA2 } from "./countries.js";
import { LANGUAGES } from "./languages/codes.js";
import { LANGUAGE_PACKS } from "./languages/index.js";

export { LANGUAGES } from "./languages/codes.js";
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

const nonEmpty = z.string().trim().min(1, "must not be empty");
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected a kebab-case id such as 'mi-pay-cards'");

// Sources give dates only as precisely as they were published: a year, a month or a day.
export const DateSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "expected a date as YYYY, YYYY-MM or YYYY-MM-DD");

// A text in every language of LANGUAGES: a new language's data files fail validation until they have it.
const perLanguageShape = <T extends z.ZodType>(schema: (language: Language) => T) =>
  Object.fromEntries(LANGUAGES.map((language) => [language, schema(language)])) as Record<Language, T>;
export const LocalizedTextSchema = z.strictObject(perLanguageShape(() => nonEmpty));
export const LocalizedListSchema = z.strictObject(perLanguageShape((language) => z.array(nonEmpty).min(1, `needs at least one ${LANGUAGE_PACKS[language].name} phrasing`)));

const sourceRef = z.union([id, z.array(id).min(1)]);

export const SourceSchema = z.strictObject({
  id,
  title: nonEmpty,
  // Some primary sources (Chinese results reports, Indian news sites) are served over plain http.
  url: z.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL" }),
  date: DateSchema,
});

export const ServiceSchema = z.strictObject({
  id,
  name: nonEmpty,
  aliases: z.array(nonEmpty).min(1),
  summary: LocalizedTextSchema,
  source: sourceRef,
  date: DateSchema,
});

const isRegionCode = (code: string) => code === "EU" || ISO_3166_ALPHA2.has(code);

export const RegionCodeSchema = z.string().refine(isRegionCode, {
  error: (issue) => `'${String(issue.input)}' is not an ISO 3166-1 alpha-2 code (upper case) or 'EU'`,
});

/** Where a fact applies: a region, or "*" for every market. */
const FactRegionSchema = z.string().refine((code) => code === "*" || isRegionCode(code), {
  error: (issue) => `'${String(issue.input)}' is not an ISO 3166-1 alpha-2 code (upper case), 'EU' or '*'`,
});

export const RegionSchema = z.strictObject({
  code: RegionCodeSchema,
  names: LocalizedListSchema,
  /**
   * Its cities, in any language ("Praga", "Prague", "Praha"): "sono a Praga" asks about the Czech
   * Republic. Only names that are no everyday word ("Nice", "Split", "Porto" are left out).
   */
  cities: z.array(z.string().trim().min(1)).optional(),
  /**
   * Banks found in this country alone, as users name them ("Nexi", "Alpha Bank"): "ho la carta
   * Nexi, va?" asks about Italy when no place is named. Not a bank of several countries ("Curve").
   */
  banks: z.array(z.string().trim().min(1)).optional(),
  /**
   * Names read only as typed, never through a typo: a short form one letter from an everyday word
   * ("Emirati" and "emigrati" in "siamo emigrati in Argentina").
   */
  namesAsTyped: z.array(z.string().trim().min(1)).optional(),
});

export const AVAILABILITY_STATUSES = ["available", "unavailable", "partial", "unknown"] as const;
export const AvailabilityStatusSchema = z.enum(AVAILABILITY_STATUSES);
export type AvailabilityStatus = z.infer<typeof AvailabilityStatusSchema>;

export const DateMeaningSchema = z.enum(["since", "as-of"]);

/** A status that held in a region from (`since`) or at (`as-of`) a date. `*` covers every market. */
export const AvailabilityFactSchema = z
  .strictObject({
    service: id,
    region: FactRegionSchema,
    except: z.array(RegionCodeSchema).optional(),
    status: AvailabilityStatusSchema,
    date: DateSchema,
    dateMeaning: DateMeaningSchema,
    note: LocalizedTextSchema,
    source: sourceRef,
  })
  .refine((fact) => fact.except === undefined || fact.region === "*", {
    error: "'except' is only meaningful with region '*'",
    path: ["except"],
  });

export const FaqEntrySchema = z.strictObject({
  id,
  service: id,
  /**
   * Other services a company entry also answers about: the Xiaomi Account, asked as "the login
   * you need for Xiaomi Cloud and Find Device", is the answer though the message names the cloud.
   */
  alsoAbout: z.array(id).optional(),
  questions: LocalizedListSchema,
  answer: LocalizedTextSchema,
  source: sourceRef,
  date: DateSchema,
});

export const SMALLTALK_INTENTS = ["greeting", "thanks", "help", "goodbye"] as const;
export const SmalltalkIntentSchema = z.enum(SMALLTALK_INTENTS);

export const SmalltalkEntrySchema = z.strictObject({
  id: SmalltalkIntentSchema,
  questions: LocalizedListSchema,
  /**
   * Words and phrases that say this on their own ("grz", "cya", "cosa sai fare"): a message
   * made only of them and of chatter (concepts.json) is this small talk, whatever their order.
   */
  cues: LocalizedListSchema,
  answer: LocalizedTextSchema,
});

/**
 * Question shapes that are answered from availability facts rather than from a FAQ entry.
 * Phrasings carry `{service}` and/or `{region}` placeholders, filled from what the question names.
 */
export const ComposedIntentSchema = z.strictObject({
  serviceInRegion: LocalizedListSchema,
  serviceWhere: LocalizedListSchema,
  servicesInRegion: LocalizedListSchema,
  servicesList: LocalizedListSchema,
});

/** Names of products that are not Xiaomi services: questions about them are refused, not mis-answered. */
export const OtherProductsSchema = z.strictObject({
  brands: z.array(nonEmpty).min(1),
  /**
   * Where people buy things: asked about alone, another company's business (declined); beside a
   * described Xiaomi service, only where the device came from ("la band presa su Amazon").
   */
  shops: z.array(nonEmpty),
  topics: LocalizedListSchema,
  /**
   * Products of the same kind as one of ours, each among `brands`: "on my old Samsung I had Samsung
   * Cloud… what's the Xiaomi equivalent?" describes the cloud.
   */
  likeOurs: z.array(z.strictObject({ service: nonEmpty, products: z.array(nonEmpty).min(1) })).optional(),
});

/** What a message can ask about a service; topics get theirs from their phrasings. */
export const QUESTION_TYPES = [
  "availability",
  "what-is",
  "history",
  "why",
  "how-to",
  "devices",
  "banks-cards",
  "same-thing",
  "comparison",
  "cost-storage",
] as const;
export const QuestionTypeSchema = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionTypeSchema>;

/**
 * What a conversation remembers between turns: plain JSON, so any store can keep it, and checked
 * with this schema when another instance (perhaps another version of the bot) wrote it.
 */
export const ConversationContextSchema = z.object({
  service: z.string().optional(),
  region: z.string().optional(),
  questionType: QuestionTypeSchema.optional(),
  topic: z.string().optional(),
  /**
   * The words the last complete question asked with, beside its names and places ("quanti utenti
   * ha"): "and Xiaomi overall?" asks them again about another service.
   */
  asked: z.array(z.string()).optional(),
  /** Where the asker said they are, live or are going ("sono Marco da Bari"): a later "here" is there. */
  askerPlace: z.string().optional(),
  language: LanguageSchema,
});
export type ConversationContext = z.infer<typeof ConversationContextSchema>;

/**
 * Words and short phrases that point to a service without naming it ("pagare con la band") or
 * to a kind of question ("da quando", "which banks"). A phrase matches when its words appear in
 * the message in order, a few words apart at most, each compared by its stem.
 */
const conceptPhrases = LocalizedListSchema;
export const ConceptsSchema = z.strictObject({
  services: z.array(z.strictObject({ service: id, ...conceptPhrases.shape })),
  questionTypes: z.array(z.strictObject({ type: QuestionTypeSchema, ...conceptPhrases.shape })),
  /** Questions about things we do not cover, however they name a service ("quando arriva HyperOS 3?"). */
  offTopic: conceptPhrases,
  /** "Da noi", "qui": the community's own country, when the message names no other. */
  homeRegion: z.strictObject({ region: RegionCodeSchema, ...conceptPhrases.shape }),
  /**
   * Where the services come from: named beside another region it is the background, not the
   * region asked ("in Cina ce l'hanno, arriverà da noi?", "works in China but in Poland?").
   */
  originRegion: RegionCodeSchema,
  /** Words that say nothing in a chat message ("ok", "raga", "lol", "wtf"): never what it asks. */
  chatter: conceptPhrases,
  /** Chat shorthand and the words it stands for ("nn": "non", "xke": "perché", "u": "you"). */
  abbreviations: z.strictObject(perLanguageShape(() => z.record(z.string().regex(/^[a-z0-9]+$/, "one lower-case word"), nonEmpty))),
});
export type Concepts = z.infer<typeof ConceptsSchema>;

export const KnowledgeSchema = z.strictObject({
  sources: z.array(SourceSchema),
  services: z.array(ServiceSchema),
  regions: z.array(RegionSchema),
  availability: z.array(AvailabilityFactSchema),
  faq: z.array(FaqEntrySchema),
  smalltalk: z.array(SmalltalkEntrySchema),
  composed: ComposedIntentSchema,
  otherProducts: OtherProductsSchema,
  concepts: ConceptsSchema,
});

export type Source = z.infer<typeof SourceSchema>;
export type Service = z.infer<typeof ServiceSchema>;
export type Region = z.infer<typeof RegionSchema>;
export type AvailabilityFact = z.infer<typeof AvailabilityFactSchema>;
export type FaqEntry = z.infer<typeof FaqEntrySchema>;
export type SmalltalkEntry = z.infer<typeof SmalltalkEntrySchema>;
export type ComposedIntents = z.infer<typeof ComposedIntentSchema>;
export type Knowledge = z.infer<typeof KnowledgeSchema>;

// ---- Answer -------------------------------------------------------------------------------

export const AnswerKindSchema = z.enum(["answer", "smalltalk", "fallback"]);

export const CitedSourceSchema = z.strictObject({ title: z.string(), url: z.string(), date: DateSchema });

export const AvailabilityStepSchema = z.strictObject({
  status: AvailabilityStatusSchema,
  date: DateSchema,
  dateMeaning: DateMeaningSchema,
  note: z.string(),
});

export const AvailabilityAnswerSchema = z.strictObject({
  service: z.string(),
  region: z.string(),
  status: AvailabilityStatusSchema,
  /** Oldest first; the last step is the current status. Empty when the status is unknown. */
  history: z.array(AvailabilityStepSchema),
});

export const SuggestionSchema = z.strictObject({ question: z.string(), service: z.string().nullable() });

export const AnswerSchema = z.strictObject({
  question: z.string(),
  kind: AnswerKindSchema,
  matched: z.boolean(),
  /** What was matched: a FAQ entry id, a small-talk intent, or a composed intent name. */
  topic: z.string().nullable(),
  service: z.string().nullable(),
  language: LanguageSchema,
  confidence: z.number().min(0).max(1),
  /** The whole reply as plain text: body, then the source line when there is one. */
  answer: z.string().min(1),
  body: z.string().min(1),
  /** "Fonte: … – aggiornato a …", in the answer's language; null for small talk and fallbacks. */
  sourceLine: z.string().nullable(),
  sources: z.array(CitedSourceSchema),
  /** The date the answer is true as of, when it states facts. */
  asOf: DateSchema.nullable(),
  availability: AvailabilityAnswerSchema.optional(),
  suggestions: z.array(SuggestionSchema).max(DEFAULTS.answering.maxSuggestions),
});

export type Answer = z.infer<typeof AnswerSchema>;
export type AnswerKind = z.infer<typeof AnswerKindSchema>;
export type AvailabilityAnswer = z.infer<typeof AvailabilityAnswerSchema>;
export type Suggestion = z.infer<typeof SuggestionSchema>;
export type CitedSource = z.infer<typeof CitedSourceSchema>;
