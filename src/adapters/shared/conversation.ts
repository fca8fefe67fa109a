/**
 * What every chat platform does with a message, whatever the platform: the flood gate and its
 * one notice, reading the question in its conversation's context, timing and recording the
 * answer, vote buttons and their acknowledgement, "ask this" buttons, help and greeting texts,
 * and the boundary that logs a failed handler and apologises. A platform adapter only maps its
 * events in (who, where, what text, which locale) and renders what comes back out.
 *
 * Conversation keys are the adapter's to choose (a private chat, or a chat and a user in a
 * group); this layer prefixes them with the platform, so one store serves every platform.
 */
import { localeToLanguage, type Answer, type ContextSlot, type Language } from "../../core/index.js";
import { memoryState } from "../../operations/shared-state.js";
import { CONTEXT_DEFAULTS, continueConversation, memoryContextStore } from "./context-store.js";
import { describeError } from "./log-safety.js";
import { ADAPTER_MESSAGES } from "./messages.js";
import { QuestionKeys } from "./question-keys.js";
import type { RateLimitSettings } from "./rate-limiter.js";
import { parseVoteKey, voteKey, type AdapterContext, type Platform } from "./running-adapter.js";

export interface ConversationOptions {
  rateLimit?: Partial<RateLimitSettings>;
  defaultLanguage?: Language;
  /** How long a conversation's context outlives its last message. */
  contextTtlMs?: number;
  /** The platform's limit on button data (Telegram 64 bytes, Discord 100 characters). */
  buttonDataLimit: number;
}

/** An answer as a platform renders it. */
export interface Reply {
  answer: Answer;
  inherited: ContextSlot[];
  /** Set when votes on this answer are recorded: the id its vote buttons carry. */
  voteId?: string;
}

export interface Button {
  label: string;
  /** Callback data / custom id, within the platform's limit. */
  data: string;
}

/** Whether a message may be answered; a refused one may carry the one "slow down" notice. */
export type Admission = { admitted: true } | { admitted: false; notice?: string };

const EXAMPLE_QUESTIONS = 3;

export type Conversations = ReturnType<typeof createConversations>;

export function createConversations(platform: Platform, context: AdapterContext, options: ConversationOptions) {
  const { assistant, log } = context;
  const state = context.state ?? memoryState();
  const limiter = state.floodGate(platform, options.rateLimit);
  const contexts = context.contexts ?? memoryContextStore();
  const contextTtlMs = options.contextTtlMs ?? CONTEXT_DEFAULTS.ttlMs;
  const defaultLanguage = options.defaultLanguage ?? "it";
  const questionKeys = new QuestionKeys(options.buttonDataLimit, undefined, state.store(`question-keys:${platform}`));
  // Messages of one conversation are read one after the other, so a quick follow-up sees the
  // context its predecessor left; different conversations never wait for each other.
  const inFlight = new Map<string, Promise<unknown>>();

  function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = inFlight.get(key) ?? Promise.resolve();
    const mine = previous.catch(() => {}).then(work);
    const settled = mine.catch(() => {});
    inFlight.set(key, settled);
    void settled.then(() => {
      if (inFlight.get(key) === settled) inFlight.delete(key);
    });
    return mine;
  }

  const languageOf = (locale: string | undefined): Language => localeToLanguage(locale) ?? defaultLanguage;

  return {
    platform,
    questionKeys,
    languageOf,
    texts: (language: Language) => ADAPTER_MESSAGES[language],

    /** The flood gate: one notice to a user over the limit, then silence until their bucket refills. */
    async admit(userId: string, language: Language): Promise<Admission> {
      const decision = await limiter.check(userId);
      if (decision === "allow") return { admitted: true };
      context.observer?.rateLimited(platform);
      return decision === "notify" ? { admitted: false, notice: ADAPTER_MESSAGES[language].slowDown } : { admitted: false };
    },

    /**
     * Answers `question` from `userId` in the conversation `conversationKey` (null: outside any
     * conversation, read alone and not remembered), records it, and says whether it can be voted on.
     */
    answer(conversationKey: string | null, userId: string, question: string, locale: string | undefined): Promise<Reply> {
      const key = conversationKey === null ? null : `${platform}:${conversationKey}`;
      const read = async (): Promise<Reply> => {
        const started = performance.now();
        const { answer, inherited } = await continueConversation(assistant, contexts, key, question, locale ? { locale } : {}, contextTtlMs);
        const voteId = context.answered?.({ platform, userId, answer, latencyMs: performance.now() - started });
        return voteId && answer.kind === "answer" ? { answer, inherited, voteId } : { answer, inherited };
      };
      return key === null ? read() : inTurn(key, read);
    },

    voteButtons(voteId: string, language: Language): Button[] {
      const messages = ADAPTER_MESSAGES[language];
      return [
        { label: `👍 ${messages.helpful}`, data: voteKey(voteId, 1) },
        { label: `👎 ${messages.notHelpful}`, data: voteKey(voteId, -1) },
      ];
    },

    /**
     * A pressed button that is a vote: recorded, and the acknowledgement to show. Undefined when
     * the button is not a vote. A vote is a tap, not a question: it never meets the flood gate.
     */
    async vote(userId: string, data: string, language: Language): Promise<string | undefined> {
      const vote = parseVoteKey(data);
      if (!vote) return undefined;
      const recorded = (await context.voted?.({ platform, userId, answerId: vote.answerId, vote: vote.vote })) ?? false;
      return recorded ? ADAPTER_MESSAGES[language].voteThanks : ADAPTER_MESSAGES[language].voteNotRecorded;
    },

    /** The question a pressed "ask this" button carries; undefined when the button has expired. */
    pressed: (data: string): Promise<string | undefined> => questionKeys.resolve(data),

    help: (language: Language) => assistant.smalltalk("help", language).body,
    greeting: (language: Language) => assistant.smalltalk("greeting", language).body,
    examples: (language: Language) => assistant.searchQuestions("", language, EXAMPLE_QUESTIONS).map((s) => s.question),
    services: (language: Language) => assistant.services(language),

    /**
     * Runs one update's handler: timed for the operator; a failure is logged, counted and met
     * with an apology (itself allowed to fail, logged), and never escapes to the platform client.
     */
    async guard(label: string, language: Language, handle: () => Promise<unknown>, apologise: (text: string) => Promise<unknown>): Promise<void> {
      const started = performance.now();
      try {
        await handle();
      } catch (error) {
        log("error", `${label} failed: ${describeError(error)}`);
        context.observer?.failed(platform);
        try {
          await apologise(ADAPTER_MESSAGES[language].apology);
        } catch (apologyError) {
          log("warn", `could not apologise for ${label}: ${describeError(apologyError)}`);
        }
      } finally {
        context.observer?.handled(platform, performance.now() - started);
      }
    },
  };
}
