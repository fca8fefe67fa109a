/**
 * Turns what was chosen (a topic, its slots, a confidence) into an Answer: the reply composed in
 * the question's language, its source line, and suggestions worded from the knowledge.
 */
import type { Composer, Reply } from "./compose.js";
import { COMPOSED_INTENTS, composedIntentOf, type ComposedSlots } from "./composed-intents.js";
import { COMPANY_SERVICE_ID, type Recognition } from "./entities.js";
import type { Topic } from "./matcher.js";
import type { Answer, FaqEntry, Knowledge, Language, SmalltalkEntry, Suggestion } from "./schema.js";
import { namedService } from "./slots.js";

export class AnswerBuilder {
  readonly faqById: ReadonlyMap<string, FaqEntry>;
  readonly smalltalkById: ReadonlyMap<string, SmalltalkEntry>;

  constructor(
    private readonly knowledge: Knowledge,
    private readonly composer: Composer,
  ) {
    this.faqById = new Map(knowledge.faq.map((entry) => [entry.id, entry]));
    this.smalltalkById = new Map(knowledge.smalltalk.map((entry) => [entry.id, entry]));
  }

  /** An entry's reply never changes while the knowledge does not: composed once per language. */
  private readonly faqReplies = new Map<string, Reply>();

  private faqReply(id: string, language: Language): Reply {
    const key = `${language}:${id}`;
    let reply = this.faqReplies.get(key);
    if (reply === undefined) {
      reply = this.composer.faq(this.faqById.get(id)!, language);
      this.faqReplies.set(key, reply);
    }
    return reply;
  }

  replyFor(
    topic: Topic,
    recognition: Recognition,
    language: Language,
    subject?: string,
    askedRegion?: string,
    untilYear?: number,
  ): { reply: Reply; service: string | null } {
    if (topic.kind === "faq") return { reply: { ...this.faqReply(topic.id, language) }, service: topic.service };
    if (topic.kind === "smalltalk") return { reply: this.composer.smalltalk(this.smalltalkById.get(topic.id)!, language), service: null };
    const intent = COMPOSED_INTENTS[composedIntentOf(topic.id)!];
    // Only reached when the slots the intent needs are filled (canFill, or the slots read).
    const slots: ComposedSlots = { service: subject ?? namedService(recognition) ?? "", region: askedRegion ?? recognition.regions[0] ?? "", ...(untilYear !== undefined ? { untilYear } : {}) };
    return { reply: { ...this.composedReply(topic.id, intent, slots, language) }, service: intent.companyTopic ? COMPANY_SERVICE_ID : slots.service };
  }

  /**
   * A composed reply depends only on its intent, slots and language (the knowledge and the date
   * are fixed): composed once each, like an entry's. Services and regions are the knowledge's
   * and the world's, so the table stays bounded.
   */
  private readonly composedReplies = new Map<string, Reply>();

  private composedReply(topicId: string, intent: (typeof COMPOSED_INTENTS)[keyof typeof COMPOSED_INTENTS], slots: ComposedSlots, language: Language): Reply {
    const key = `${topicId} ${slots.service} ${slots.region} ${language} ${slots.untilYear ?? ""}`;
    let reply = this.composedReplies.get(key);
    if (reply === undefined) {
      reply = intent.compose(this.composer, slots, language);
      this.composedReplies.set(key, reply);
    }
    return reply;
  }

  suggestionFor(topic: Topic, recognition: Recognition, language: Language): Suggestion {
    const template = (this.knowledgeTopicQuestions(topic) ?? topic.phrasings)[language][0]!;
    const service = namedService(recognition);
    const region = recognition.regions[0];
    const question = template
      .replaceAll("{service}", service ? this.composer.serviceName(service) : "")
      .replaceAll("{region}", region ? this.composer.regionName(region, language) : "");
    return { question, service: topic.kind === "composed" ? (service ?? topic.service) : topic.service };
  }

  private knowledgeTopicQuestions(topic: Topic) {
    if (topic.kind !== "composed") return undefined;
    return this.knowledge.composed[composedIntentOf(topic.id)!];
  }

  finish(
    base: { question: string; language: Language },
    outcome: Pick<Answer, "kind" | "topic" | "service" | "confidence">,
    reply: Reply,
    suggestions: Suggestion[],
  ): Answer {
    const sourceLine = this.composer.sourceLine(reply, base.language);
    return {
      question: base.question,
      kind: outcome.kind,
      matched: outcome.kind !== "fallback",
      topic: outcome.topic,
      service: outcome.service,
      language: base.language,
      confidence: Math.round(Math.min(1, Math.max(0, outcome.confidence)) * 1000) / 1000,
      answer: sourceLine ? `${reply.body}\n${sourceLine}` : reply.body,
      body: reply.body,
      sourceLine,
      sources: reply.sources,
      asOf: reply.asOf,
      ...(reply.availability ? { availability: reply.availability } : {}),
      suggestions,
    };
  }
}
