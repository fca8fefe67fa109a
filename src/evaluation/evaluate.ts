/**
 * Grades the assistant against a labelled question set (tests/eval/*.json). Shared by
 * `npm run eval`, the accuracy test and the benchmark, so all three count the same way.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { normalize, type Answer, type Assistant, type ConversationContext } from "../core/index.js";
import { AvailabilityStatusSchema, LanguageSchema, SmalltalkIntentSchema } from "../core/schema.js";

/** The kinds of message the blind sets were written to cover (issue 9's classes of misses). */
export const MESSAGE_CLASSES = [
  "plain",
  "c1-named-unfamiliar",
  "c2-described",
  "c3-country",
  "c4-chatty",
  "c5-question-type",
  "c6-availability-phrasing",
  "smalltalk",
  "out-of-scope",
] as const;

// Where the sources allow two readings ("partial" or "unknown" for a 2020-only fact), either is right.
const ExpectedStatusSchema = z.union([AvailabilityStatusSchema, z.array(AvailabilityStatusSchema).min(1)]);

export const EvalCaseSchema = z.strictObject({
  question: z.string(),
  language: LanguageSchema,
  locale: LanguageSchema.optional(),
  category: z.enum(["availability", "service-info", "company", "other-services", "smalltalk", "out-of-scope"]),
  class: z.enum(MESSAGE_CLASSES).optional(),
  /** Which of the blind writers wrote it (each saw only ../shared/knowledge/). */
  writer: z.number().int().positive().optional(),
  /** The question of the review's section 3 (or its extras: revenue, india, russia) it asks. */
  section3: z.union([z.number().int().positive(), z.enum(["revenue", "india", "russia"])]).optional(),
  typo: z.boolean(),
  expect: z.strictObject({
    kind: z.enum(["answer", "smalltalk", "fallback"]),
    // Where two entries say the same ("is HyperAI XiaoAI renamed?": HyperOS's and Super XiaoAI's both answer it), either is right.
    service: z.union([z.string(), z.array(z.string()).min(2)]).nullable(),
    intent: SmalltalkIntentSchema.optional(),
    availability: z.strictObject({ service: z.string(), region: z.string(), status: ExpectedStatusSchema }).optional(),
    answerIncludes: z.array(z.string()).optional(),
  }),
});
export type EvalCase = z.infer<typeof EvalCaseSchema>;

/**
 * - dev: written by the matcher's author and tuned on (2026-10).
 * - textbook: an earlier blind set of 80 textbook-style questions; its misses have been read.
 * - chat-dev: the tuning part of the blind chat-style set (three writers, 2026-11).
 * - chat-dev-2: the sealed part of that set until 2026-11-30, when its misses were studied before
 *   writing a fresh holdout: now tuned on like chat-dev.
 * - holdout: a fresh blind set (three new writers, 330 messages, 2026-11-30), sealed: `npm run
 *   eval` prints its numbers, never its questions, and nothing is tuned on it.
 */
export const EVAL_SETS = {
  dev: new URL("../../tests/eval/dev-set.json", import.meta.url),
  textbook: new URL("../../tests/eval/holdout-set.json", import.meta.url),
  "chat-dev": new URL("../../tests/eval/chat-dev-set.json", import.meta.url),
  "chat-dev-2": new URL("../../tests/eval/chat-dev-2-set.json", import.meta.url),
  holdout: new URL("../../tests/eval/chat-holdout-2-set.json", import.meta.url),
  /** Written at the end of 2026-11-30, after the second holdout's totals had been read ten times: sealed. */
  "holdout-3": new URL("../../tests/eval/chat-holdout-3-set.json", import.meta.url),
  /**
   * Written at the start of 2026-11-30's last session by three new blind writers (330 messages),
   * after the third holdout's totals had been read twice: sealed.
   */
  "holdout-4": new URL("../../tests/eval/chat-holdout-4-set.json", import.meta.url),
  /**
   * Written at the start of the first night session of 2026-11-30 by three new blind writers (330
   * messages: less tech-savvy people and expats, terse mobile typing, forum power users), before
   * any change to what the bot answers that session: sealed until its totals had been read three
   * times (92.0%, 92.8%, 92.8% in scope), then its misses were studied that session: tuned on.
   */
  "holdout-5": new URL("../../tests/eval/chat-holdout-5-set.json", import.meta.url),
  /**
   * Written in the middle of the first night session of 2026-11-30 by three new blind writers (330
   * messages: asking for someone else and retelling rumours, young slang and misspelt names,
   * careful questions from people who read the news), after the fifth was unsealed: sealed until
   * its totals had been read five times (93.2% in scope the last); its misses were studied at the
   * start of the second night session: tuned on.
   */
  "holdout-6": new URL("../../tests/eval/chat-holdout-6-set.json", import.meta.url),
  /**
   * Written at the start of the second night session of 2026-11-30 by three new blind writers (330
   * messages: shop owners and travellers naming countries every way, voice dictation and second-
   * language writers, sceptics and busy group chats), before the sixth was studied; sealed
   * until its totals had been read five times (92.8% the last), then unsealed at the start of the
   * third night session and studied: a tuning set now.
   */
  "holdout-7": new URL("../../tests/eval/chat-holdout-7-set.json", import.meta.url),
  /**
   * Written late in the second night session of 2026-11-30 by three new blind writers (330
   * messages: a Telegram group on an ordinary day, an English-speaking European Discord with
   * Italian members, older and formal people describing things vaguely and people abroad), after
   * the seventh's totals had been read four times, to measure the session's final code; sealed
   * until read three times (94.3% the last), then unsealed with the seventh and studied.
   */
  "holdout-8": new URL("../../tests/eval/chat-holdout-8-set.json", import.meta.url),
  /**
   * Written at the start of the third night session of 2026-11-30 by three new blind writers (330
   * messages: a Discord of students, gamers and resellers; Italian families and emigrants asking
   * for others; power users and non-native English speakers in an international forum), before
   * any change that session: sealed until read five times (95.1% the last), then unsealed with the
   * tenth in the fourth night session and studied.
   */
  "holdout-9": new URL("../../tests/eval/chat-holdout-9-set.json", import.meta.url),
  /**
   * Written late in the third night session of 2026-11-30 by three more new blind writers (330
   * messages: commuters typing fast and by voice in an Italian Telegram group; an English-language
   * Discord of expats and students in Italy; readers of tech and finance news), after the ninth's
   * totals had been read three times, to measure the session's final code: sealed until read
   * twice (94.3%), then unsealed with the ninth and studied.
   */
  "holdout-10": new URL("../../tests/eval/chat-holdout-10-set.json", import.meta.url),
  /**
   * Written in the fourth night session of 2026-11-30 by three more new blind writers (a busy
   * Italian fans' Telegram group with dialect, quotes and voice messages; a university Discord of
   * Erasmus students code-switching between countries; shop owners, parents, teachers and
   * journalists asking for others). Of their 330 messages, 5 repeated within the set and 37 word
   * for word in an earlier set (tuned on: mostly short plain questions and small talk) were left
   * out: 288, sealed until its totals had been read four times (94.4% in scope the last); its misses
   * were studied at the start of the first session of 2026-12-01: tuned on.
   */
  "holdout-11": new URL("../../tests/eval/chat-holdout-11-set.json", import.meta.url),
  /**
   * Written at the start of the first session of 2026-12-01 by three more new blind writers (older
   * users and parents on Telegram; modders and tech enthusiasts on Discord; frustrated customers
   * who switched from other brands, Italians abroad, voice typing). Of their 330 messages, 29
   * already word for word in an earlier set were left out: 301, sealed.
   */
  "holdout-12": new URL("../../tests/eval/chat-holdout-12-set.json", import.meta.url),
  /**
   * Written in the third session of 2026-12-01, after its tuning, by three more new blind writers
   * (Telegram regulars of every age; a Discord server's younger fans; newcomers, travellers and
   * people asking for someone else). Of their 330 messages, 1 repeated within the set and 20
   * already word for word in an earlier set were left out: 309, sealed.
   */
  "holdout-13": new URL("../../tests/eval/chat-holdout-13-set.json", import.meta.url),
  /**
   * Written at the end of the second session of 2026-12-02, after the thirteenth's totals had been
   * read ten times, by three more new blind writers (Telegram regulars in a hurry; Discord and
   * private chats, people explaining their situation; retired, teenage, non-native and voice-typed
   * writers), each with 20 near misses among their 104. Of their 312 messages, 28 already word for
   * word in an earlier set were left out: 284, sealed.
   */
  "holdout-14": new URL("../../tests/eval/chat-holdout-14-set.json", import.meta.url),
  /**
   * Written at the start of the session of 2026-12-02 (04:51), before its first change, by three
   * more new blind writers (Telegram regulars writing fast from a phone; a Discord server of tech
   * enthusiasts and students, people abroad; older and less technical users, newcomers, people
   * asking for someone else), each with 20 out-of-scope messages, most of them near misses and
   * several long stories naming a service of ours. Of their 300 messages, 43 already word for word
   * in an earlier set were left out: 257, sealed.
   */
  "holdout-15": new URL("../../tests/eval/chat-holdout-15-set.json", import.meta.url),
  /**
   * Written at the start of the session of 2026-12-02 (07:15), before its first change, by three
   * more new blind writers (a busy Telegram group writing fast in slang; Discord posts telling a
   * story first, from people living or travelling abroad; non-technical users who describe
   * services in their own words and misname them), each with 22 out-of-scope messages, at least 12
   * of them near misses. Of their 300 messages, 25 already word for word in an earlier set were
   * left out: 275, sealed.
   */
  "holdout-16": new URL("../../tests/eval/chat-holdout-16-set.json", import.meta.url),
  /**
   * Written at the start of the fifth session of 2026-12-02 (09:22), before its first change, by
   * three more new blind writers 132–134 (a busy Telegram group mid-conversation, replying and
   * quoting; newcomers to Xiaomi on Discord describing what they want in their own words; news
   * readers asking pointed why/since-when questions, and travellers and expats), each with 22–23
   * out-of-scope messages, at least 12 of them near misses. Of their 276 messages, 16 already word
   * for word in an earlier set were left out: 260, sealed until holdout 18 was sealed (four
   * readings, all 94.9%); then unsealed to study its misses.
   */
  "holdout-17": new URL("../../tests/eval/chat-holdout-17-set.json", import.meta.url),
  /**
   * Written at the start of the first session of 2026-12-02's afternoon (13:15), before its first
   * change, by three more new blind writers 138–140 (a weekday-evening Telegram group with context
   * before the question; a rambling Discord of tech enthusiasts comparing with Apple, Google and
   * Samsung; less technical relatives, first-time owners, travellers and expats who misremember
   * names), each with 24 out-of-scope messages, at least 13 of them near misses. Of their 285
   * messages, 30 already word for word in an earlier set were left out: 255, sealed until holdout
   * 20 was written (six readings, always 95.4% in scope and 96.7% declined); then unsealed to study
   * its misses.
   */
  "holdout-18": new URL("../../tests/eval/chat-holdout-18-set.json", import.meta.url),
  /**
   * Written near the end of that session (14:45), after all its changes but a typo tie-break, by
   * three more new blind writers 141–143 (a students' chat and a gaming Discord, slang and run-ons;
   * shop clerks and journalists asking dates, numbers, renames and regions; second-language writers
   * translating word for word), each with 24 out-of-scope messages, at least 12 of them near
   * misses. Of their 285 messages, 17 already word for word in an earlier set were left out: 268,
   * sealed.
   */
  "holdout-19": new URL("../../tests/eval/chat-holdout-19-set.json", import.meta.url),
  /**
   * Written at the start of the session of 2026-12-02's late afternoon (16:10), before its first
   * change, by four more new blind writers 145–148 (a Telegram group typing fast on phones; a
   * Discord of long stories that describe services rather than name them; newcomers asking about
   * history, strategy and comparisons; people writing privately: dictated messages, a shop owner,
   * a parent, a student, a tourist at a till), with 10–16 out-of-scope messages each, mostly near
   * misses. Of their 326 messages, 38 already word for word in an earlier set were left out: 288,
   * sealed until holdout 21 was written (three readings: 95.8% in scope, 100% declined, one answer
   * naming another region); then unsealed to study its misses.
   */
  "holdout-20": new URL("../../tests/eval/chat-holdout-20-set.json", import.meta.url),
  /**
   * Written in the middle of that session (16:59), before holdout 20 was unsealed and studied, by
   * four more new blind writers 149–152 (international students comparing "here" with "back home";
   * new owners of a Xiaomi product who misremember names; a Discord of fans and sceptics debating
   * strategy, quoting each other; older people and people writing for someone else, dictated or in
   * a second language), with 10–16 out-of-scope messages each, mostly near misses. Of their 300
   * messages, 1 already word for word in an earlier set was left out: 299, sealed.
   */
  "holdout-21": new URL("../../tests/eval/chat-holdout-21-set.json", import.meta.url),
  /**
   * Written at the start of the session of 2026-12-02's evening (18:20), before its first change,
   * by four more new blind writers 153–156 (a busy parent dictating on Telegram; a student living
   * between countries, with foreign cards and SIMs; a retired newcomer who describes things rather
   * than names them; a sarcastic forum regular asking about strategy and history), with 7–8
   * out-of-scope messages each, mostly near misses. Of their 300 messages, 5 already word for word
   * in an earlier set were left out: 295, sealed.
   */
  "holdout-22": new URL("../../tests/eval/chat-holdout-22-set.json", import.meta.url),
  section3: new URL("../../tests/eval/section3-set.json", import.meta.url),
  "chat-dev-3": new URL("../../tests/eval/chat-dev-3-set.json", import.meta.url),
  "chat-dev-4": new URL("../../tests/eval/chat-dev-4-set.json", import.meta.url),
  "chat-dev-5": new URL("../../tests/eval/chat-dev-5-set.json", import.meta.url),
  "chat-dev-6": new URL("../../tests/eval/chat-dev-6-set.json", import.meta.url),
  /** Written blind on 2026-11-30 (160 messages: chatty, described, two things named, renames), to tune on. */
  "chat-dev-7": new URL("../../tests/eval/chat-dev-7-set.json", import.meta.url),
  /** Written blind on 2026-11-30 (180 messages: 110 near misses to decline, 50 look-alikes the sources answer), to tune on. */
  "chat-dev-8": new URL("../../tests/eval/chat-dev-8-set.json", import.meta.url),
  /** Written blind on 2026-11-30 (220 messages, every class, three styles in one writer), to tune on. */
  "chat-dev-9": new URL("../../tests/eval/chat-dev-9-set.json", import.meta.url),
  /** Written blind late on 2026-11-30 (220 messages, every class), read first as a check of the session's work before the holdouts, then tuned on. */
  "chat-dev-10": new URL("../../tests/eval/chat-dev-10-set.json", import.meta.url),
  /** Written blind at the end of 2026-11-30 (200 messages: 50 long chatty, 45 near misses), to tune on. */
  "chat-dev-11": new URL("../../tests/eval/chat-dev-11-set.json", import.meta.url),
  /** Written blind with the fifth holdout (220 messages, every class, community mix), to tune on. */
  "chat-dev-12": new URL("../../tests/eval/chat-dev-12-set.json", import.meta.url),
  /** Written blind with it (180 messages: 60 services described, 30 small talk, 30 chatty, 60 near misses), to tune on. */
  "chat-dev-13": new URL("../../tests/eval/chat-dev-13-set.json", import.meta.url),
  /** Written blind after the first fixes from chat-dev-12 and -13 (160 messages, every service described, never named), to tune on. */
  "chat-dev-14": new URL("../../tests/eval/chat-dev-14-set.json", import.meta.url),
  /** Written blind with it (180 messages: 70 long chatty, 50 countries in every form, 20 availability phrasings, 40 chatty near misses), to tune on. */
  "chat-dev-15": new URL("../../tests/eval/chat-dev-15-set.json", import.meta.url),
  /** Written blind mid-session in the fifth holdout's three styles (240 messages, every class), read first as a check of the session's work, then tuned on. */
  "chat-dev-16": new URL("../../tests/eval/chat-dev-16-set.json", import.meta.url),
  /** Written blind in the sixth holdout's three styles after its first reading (240: countries, chatty, small talk, near misses), to tune on. */
  "chat-dev-17": new URL("../../tests/eval/chat-dev-17-set.json", import.meta.url),
  /** Written blind at the end of that session (200: countries, chatty, service named with an unusual topic, small talk, near misses), to tune on. */
  /** Written blind with it (220, every class: a shop assistant, a grandparent dictating, a gamer, an expat in a third language; countries by nickname), to tune on. */
  "chat-dev-18": new URL("../../tests/eval/chat-dev-18-set.json", import.meta.url),
  "chat-dev-19": new URL("../../tests/eval/chat-dev-19-set.json", import.meta.url),
  /** Written blind at the end of that session (180: small talk in every register, look-alikes to decline, chatty openings before a real question), to tune on. */
  "chat-dev-20": new URL("../../tests/eval/chat-dev-20-set.json", import.meta.url),
  /** Written blind with it (180: countries and chatty messages in the sixth holdout's styles, unusual questions about a named service, near misses), to tune on. */
  "chat-dev-21": new URL("../../tests/eval/chat-dev-21-set.json", import.meta.url),
  /** Written blind with the seventh holdout (200, every class: a merchant, a tourist naming countries every way, voice dictation, clumsy Italian, a sceptic, a group chat), to tune on. */
  "chat-dev-22": new URL("../../tests/eval/chat-dev-22-set.json", import.meta.url),
  /** Written blind with it (200, every class: services described, two places in one message, the question buried in chat, code-switching), to tune on. */
  "chat-dev-23": new URL("../../tests/eval/chat-dev-23-set.json", import.meta.url),
  /** Written blind mid-session (200: 60 countries in every form, 40 about the company and its other services, chatty, described, near misses), to tune on. */
  "chat-dev-24": new URL("../../tests/eval/chat-dev-24-set.json", import.meta.url),
  /** Written blind with it (200, every class: voice dictation, second-language writers, sceptics, group chats, asking for a relative), to tune on. */
  "chat-dev-25": new URL("../../tests/eval/chat-dev-25-set.json", import.meta.url),
  /** Written blind late in that session (200 about places: every way of naming a country, region, island or city, two or three places in one message, 30 near misses naming countries), to tune on. */
  "chat-dev-26": new URL("../../tests/eval/chat-dev-26-set.json", import.meta.url),
  /** Written blind with it (200: 80 about the company and its other services in every register, 60 services described, 20 small talk, 40 near misses about the company), to tune on. */
  "chat-dev-27": new URL("../../tests/eval/chat-dev-27-set.json", import.meta.url),
  /** Written blind after the eighth holdout's first reading (200: 120 long chatty messages, most naming two or three places with one asked, 40 countries, 40 chatty near misses), to tune on. */
  "chat-dev-28": new URL("../../tests/eval/chat-dev-28-set.json", import.meta.url),
  /** Written blind with it (200, every class: an ordinary day of an Italian community, people abroad, a mixed-language Discord), to tune on. */
  "chat-dev-29": new URL("../../tests/eval/chat-dev-29-set.json", import.meta.url),
  /** Written blind at the start of the third night session (200: 120 naming two or more places with one asked, 40 another company's product told as context, 40 chatty near misses), to tune on. */
  "chat-dev-30": new URL("../../tests/eval/chat-dev-30-set.json", import.meta.url),
  /** Written blind with it (200, every class: the company and HyperOS written oddly, history questions, second-language descriptions, places as cities, codes and banks), to tune on. */
  "chat-dev-31": new URL("../../tests/eval/chat-dev-31-set.json", import.meta.url),
  /** Written blind mid-session (200 availability questions, each naming two or more places with one asked, in every construction), to tune on. */
  "chat-dev-32": new URL("../../tests/eval/chat-dev-32-set.json", import.meta.url),
  /** Written blind mid-session in two of the ninth holdout's styles (200, every class: a Discord of students, gamers and resellers; families and emigrants), to tune on. */
  "chat-dev-33": new URL("../../tests/eval/chat-dev-33-set.json", import.meta.url),
  /** Written blind with it in the third (200, every class: power users and non-native English speakers), to tune on. */
  "chat-dev-34": new URL("../../tests/eval/chat-dev-34-set.json", import.meta.url),
  /** Written blind at the start of the first session of 2026-12-01 (200: long chatty messages, countries named every way, services described, near misses that mention ours), to tune on. */
  "chat-dev-35": new URL("../../tests/eval/chat-dev-35-set.json", import.meta.url),
  /** Written blind mid-session on 2026-12-01 (200: news readers asking whether rumours are true, history, renames, near misses about news), to tune on. */
  "chat-dev-37": new URL("../../tests/eval/chat-dev-37-set.json", import.meta.url),
  /** Written blind with it (200: travellers, expats and families abroad; countries named every way, several in a message; travel and banking near misses), to tune on. */
  "chat-dev-38": new URL("../../tests/eval/chat-dev-38-set.json", import.meta.url),
  /** Written blind at the start of the first session of 2026-12-01 (200, 8 already in a set left out: second-language speakers living in Italy, bad English, very terse messages), to tune on. */
  "chat-dev-36": new URL("../../tests/eval/chat-dev-36-set.json", import.meta.url),
  /** Written blind in the second session of 2026-12-01 (160, 20 already in a set left out: small talk said with context, services described, near misses that look like either), to tune on. */
  "chat-dev-39": new URL("../../tests/eval/chat-dev-39-set.json", import.meta.url),
  /** Written blind with it, read first after the session's changes (150: teenagers on Discord, shop owners asking for customers, Italian as a second language), to tune on. */
  "chat-dev-40": new URL("../../tests/eval/chat-dev-40-set.json", import.meta.url),
  /** Written blind at the start of the third session of 2026-12-01 (160, 22 already in a set left out: busy-group replies, dictated messages, formal elders, two questions in one, places by city or nickname), to tune on. */
  "chat-dev-41": new URL("../../tests/eval/chat-dev-41-set.json", import.meta.url),
  /** Written blind in the same session, read first after the work on chat-dev-41 (150: people travelling, studying or working abroad, foreigners in Italy), then tuned on. */
  "chat-dev-42": new URL("../../tests/eval/chat-dev-42-set.json", import.meta.url),
  /** Written blind later in that session, read first as a check (150: the confused, misinformed and frustrated; wrong names, misconceptions), then tuned on. */
  "chat-dev-43": new URL("../../tests/eval/chat-dev-43-set.json", import.meta.url),
  /** Written blind late in that session, read first as a check (150: numbers and dates, code-switching, years compared), then tuned on. */
  "chat-dev-44": new URL("../../tests/eval/chat-dev-44-set.json", import.meta.url),
  /** Written blind at the end of that session, read first as a check (140: services described, never named), then tuned on. */
  "chat-dev-45": new URL("../../tests/eval/chat-dev-45-set.json", import.meta.url),
  /** Written blind with it, read first as a check (140: long chatty messages and long near misses), then tuned on. */
  "chat-dev-46": new URL("../../tests/eval/chat-dev-46-set.json", import.meta.url),
  /** Written blind on 2026-12-02 (writer 106: 146 messages, a busy group asking about the 2023–2026 facts, every class), read first as a check, then tuned on. */
  "chat-dev-47": new URL("../../tests/eval/chat-dev-47-set.json", import.meta.url),
  /** Written blind at the end of that session (writer 108: a Discord server's younger members and a few older ones, every class), read first on the code of the moment, then tuned on. */
  "chat-dev-48": new URL("../../tests/eval/chat-dev-48-set.json", import.meta.url),
  /** Written blind on 2026-12-02's second session (writer 109: people on a phone in a hurry, chatty and described messages above all), read first as a check, then tuned on. */
  "chat-dev-49": new URL("../../tests/eval/chat-dev-49-set.json", import.meta.url),
  /** Written blind in that session (writer 110: wordy forum regulars and newcomers, the 2021–2026 facts as much as the 2020 article), read first as a check, then tuned on. */
  "chat-dev-50": new URL("../../tests/eval/chat-dev-50-set.json", import.meta.url),
  /** Written blind in that session (writer 111: teenagers, older people and non-native writers; many countries), read first as a check. */
  "chat-dev-51": new URL("../../tests/eval/chat-dev-51-set.json", import.meta.url),
  /** Written blind late in that session (writer 113: a busy evening in the Telegram group, replies and quotes, people abroad, near misses in stories), read first as a check of the session's work. */
  "chat-dev-52": new URL("../../tests/eval/chat-dev-52-set.json", import.meta.url),
  /**
   * Written blind at the start of the session of 2026-12-02 (04:51) (writer 120): a contrast set of
   * 100 stories of 25–60 words, each naming a service of ours; 50 ask what the sources cannot
   * answer (repairs, prices, errors, rooting, third-party apps, refunds, orders, shares), 50 ask
   * what they do. Read first on the code of the moment, then tuned on.
   */
  "chat-dev-53": new URL("../../tests/eval/chat-dev-53-set.json", import.meta.url),
  /** Written blind in that session (writer 122: shop assistants, thesis students, fresh unboxers, headline quoters, terse and dictated messages; every class), read first as a check of the session's work. */
  "chat-dev-54": new URL("../../tests/eval/chat-dev-54-set.json", import.meta.url),
  /**
   * Written blind in that session (writer 121): a second contrast set, short, medium and long
   * messages; 50 near misses on everyday subjects (a band's settings, shops and terminals, banks'
   * own apps, buying advice, smart-home devices, cars) and 50 that the sources answer. Read first
   * as a check of the session's work on near misses, then tuned on.
   */
  "chat-dev-55": new URL("../../tests/eval/chat-dev-55-set.json", import.meta.url),
  /**
   * Written blind near that session's end (writer 123): services and the company's products
   * described, never named, in long messages full of everyday things (settings, shops, gadgets,
   * games, a bank's app) around what the sources answer; read first to see whether the session's
   * lexicon of subjects we do not cover declines any of them.
   */
  "chat-dev-56": new URL("../../tests/eval/chat-dev-56-set.json", import.meta.url),
  /**
   * Written blind at that session's end (writer 124: older users and parents, modders, frustrated
   * switchers, Italians abroad, voice typing; everyday things around what the sources answer),
   * read on the session's final and starting code to check that its changes lose nothing.
   */
  "chat-dev-57": new URL("../../tests/eval/chat-dev-57-set.json", import.meta.url),
  /** Written blind with it (writer 125: everyday context around every kind of question the sources answer), read on the session's final and starting code. */
  "chat-dev-58": new URL("../../tests/eval/chat-dev-58-set.json", import.meta.url),
  /**
   * Written blind in the session of 2026-12-02 (07:15), after holdout 16 (writers 129 and 130: a
   * weekday-evening community asking for relatives and half-remembering the news; expats,
   * students and tourists on Discord, services described without their names), read on the
   * session's starting code and then on its later code.
   */
  "chat-dev-59": new URL("../../tests/eval/chat-dev-59-set.json", import.meta.url),
  /**
   * Written blind at that session's end (writer 131), a contrast set: 50 near misses naming or
   * describing a service of ours (a setting, a fault, a refund, the law, a rival) and 50 look-alikes
   * the sources answer, in the same style; read on the session's starting code and then tuned on.
   */
  "chat-dev-60": new URL("../../tests/eval/chat-dev-60-set.json", import.meta.url),
  /**
   * Written blind in the fifth session of 2026-12-02 (writers 135–136), after holdout 17 showed
   * long chatty messages as the weakest class: 140 chatty messages (a story, asides, several
   * questions, the question in the middle or only implied), 10 about countries, 10 describing a
   * service, 40 out of scope (29 of them chatty near misses); 197 after dropping 3 already in an
   * earlier set. Read on the session's code before any change made for it, then tuned on.
   */
  "chat-dev-61": new URL("../../tests/eval/chat-dev-61-set.json", import.meta.url),
  /**
   * Written blind late in that session (writer 137): 80 long chatty messages the sources answer,
   * covering every service and the company, and 10 chatty near misses. Read on the session's code
   * before any change made for it.
   */
  "chat-dev-62": new URL("../../tests/eval/chat-dev-62-set.json", import.meta.url),
  /**
   * Written blind at the end of the afternoon session of 2026-12-02 (writer 144), aimed at the
   * classes holdout 18 found weakest: services described, never named (35), kinds of question (30),
   * long chatty messages (15) and near misses described the same way (20). Read on that session's
   * final code before any change made for it.
   */
  "chat-dev-63": new URL("../../tests/eval/chat-dev-63-set.json", import.meta.url),
  /**
   * Written blind at the start of the evening session of 2026-12-02, right after holdout 22, by
   * four new writers 157–160 (family chats forwarded to the bot; expats and travellers naming
   * cities; people who half-remember names and assume wrongly; shop staff relaying customers and a
   * thesis student), to tune on: 290 messages (10 already in an earlier set left out).
   */
  "chat-dev-64": new URL("../../tests/eval/chat-dev-64-set.json", import.meta.url),
} as const;
export type EvalSetName = keyof typeof EVAL_SETS;

const DialogueTurnSchema = z.strictObject({
  question: z.string(),
  language: LanguageSchema,
  expect: EvalCaseSchema.shape.expect.extend({ inherited: z.array(z.enum(["service", "region", "questionType"])) }),
});
export const DialogueSchema = z.strictObject({ dialogue: z.string(), turns: z.array(DialogueTurnSchema).min(1) });
export type Dialogue = z.infer<typeof DialogueSchema>;

/** Dialogues (follow-up questions in context), graded turn by turn; the holdout is sealed like the single-message one. */
export const DIALOGUE_SETS = {
  "dialogue-dev": new URL("../../tests/eval/dialogue-dev-set.json", import.meta.url),
  /** Written blind on 2026-11-30 (60 dialogues) to study, not sealed. */
  "dialogue-dev-2": new URL("../../tests/eval/dialogue-dev-2-set.json", import.meta.url),
  "dialogue-dev-3": new URL("../../tests/eval/dialogue-dev-3-set.json", import.meta.url),
  "dialogue-dev-4": new URL("../../tests/eval/dialogue-dev-4-set.json", import.meta.url),
  /** Written blind on 2026-11-30 (50 dialogues: follow-ups needing the topic before, banks not listed, pronouns), to tune on. */
  "dialogue-dev-5": new URL("../../tests/eval/dialogue-dev-5-set.json", import.meta.url),
  /** Written blind on 2026-11-30 (60 dialogues, every kind of turn), to tune on. */
  "dialogue-dev-6": new URL("../../tests/eval/dialogue-dev-6-set.json", import.meta.url),
  /** Written blind late on 2026-11-30 (60 dialogues), read first as a check of the session's work before the holdouts, then tuned on. */
  "dialogue-dev-7": new URL("../../tests/eval/dialogue-dev-7-set.json", import.meta.url),
  /** Written blind at the end of 2026-11-30 (60 dialogues, every kind of turn), to tune on. */
  "dialogue-dev-8": new URL("../../tests/eval/dialogue-dev-8-set.json", import.meta.url),
  /** Written blind at the very end of 2026-11-30 with the holdouts' brief (60 dialogues), to tune on. */
  "dialogue-dev-9": new URL("../../tests/eval/dialogue-dev-9-set.json", import.meta.url),
  /** Written blind at the start of the evening session of 2026-11-30 (60 dialogues, Telegram style) to study, not sealed. */
  "dialogue-dev-10": new URL("../../tests/eval/dialogue-dev-10-set.json", import.meta.url),
  /** Written blind with it (60 dialogues, Discord style, fuller follow-ups) to study, not sealed. */
  "dialogue-dev-11": new URL("../../tests/eval/dialogue-dev-11-set.json", import.meta.url),
  /** Written blind with the eighth holdout (60 dialogues: chatty follow-ups, pronouns, devices and banks) to study, not sealed. */
  "dialogue-dev-12": new URL("../../tests/eval/dialogue-dev-12-set.json", import.meta.url),
  /** Written blind in the second session of 2026-12-01 (40 dialogues: small talk inside conversations, thanks before follow-ups), to tune on. */
  "dialogue-dev-13": new URL("../../tests/eval/dialogue-dev-13-set.json", import.meta.url),
  /** Written blind at the start of the third session of 2026-12-01 (40 dialogues: where the asker lives or is going said early and pointed at later, corrections), to tune on. */
  "dialogue-dev-14": new URL("../../tests/eval/dialogue-dev-14-set.json", import.meta.url),
  /** Written blind in the same session after the work on dialogue-dev-14 (40 dialogues, every kind of turn), read first as a check of that work, then tuned on. */
  "dialogue-dev-15": new URL("../../tests/eval/dialogue-dev-15-set.json", import.meta.url),
  /** Written blind later in that session (40 dialogues, 142 turns: long conversations that drift, chains of follow-ups), read first as a check, then tuned on. */
  "dialogue-dev-16": new URL("../../tests/eval/dialogue-dev-16-set.json", import.meta.url),
  /** Written blind late in that session (40 dialogues, 127 turns: asking more about the answer just given), read first as a check, then tuned on. */
  "dialogue-dev-17": new URL("../../tests/eval/dialogue-dev-17-set.json", import.meta.url),
  /** Written blind on 2026-12-02 (40 dialogues, 127 turns: every kind of follow-up, deadlines, doubts, the asker's place, the newer facts), read first as a check, then tuned on. */
  "dialogue-dev-18": new URL("../../tests/eval/dialogue-dev-18-set.json", import.meta.url),
  /** Written blind on 2026-12-02's second session (writer 112: 40 dialogues, follow-ups of every kind, corrections, declines), read first as a check. */
  "dialogue-dev-19": new URL("../../tests/eval/dialogue-dev-19-set.json", import.meta.url),
  /** The first holdout: its totals were read after each change, and its misses studied on 2026-11-30. */
  "dialogue-holdout": new URL("../../tests/eval/dialogue-holdout-set.json", import.meta.url),
  /**
   * Written after the first holdout's totals had been read after each change: a fresh, sealed one
   * until its totals had been read nine times; its misses were studied the next session: tuned on.
   */
  "dialogue-holdout-2": new URL("../../tests/eval/dialogue-holdout-2-set.json", import.meta.url),
  /**
   * Written on 2026-11-30 after the second one's total had been read twice; sealed until its
   * totals had been read eight times, then its misses were studied (the next session): tuned on.
   */
  "dialogue-holdout-3": new URL("../../tests/eval/dialogue-holdout-3-set.json", import.meta.url),
  /** Written at the end of 2026-11-30, after the second and third holdouts' totals had been read five times each: sealed. */
  "dialogue-holdout-4": new URL("../../tests/eval/dialogue-holdout-4-set.json", import.meta.url),
  /**
   * Written with the fourth chat holdout, by a fresh blind writer (50 dialogues): sealed until its
   * totals had been read five times (93.3% the last); its misses were studied on the evening of
   * 2026-11-30: tuned on.
   */
  "dialogue-holdout-5": new URL("../../tests/eval/dialogue-holdout-5-set.json", import.meta.url),
  /** Written at the end of the last session of 2026-11-30, after the fifth's totals had been read three times: sealed. */
  "dialogue-holdout-6": new URL("../../tests/eval/dialogue-holdout-6-set.json", import.meta.url),
  /** Written at the start of the first session of 2026-11-30's evening by a fresh blind writer (50 dialogues), before any tuning that session: sealed. */
  "dialogue-holdout-7": new URL("../../tests/eval/dialogue-holdout-7-set.json", import.meta.url),
  /** Written in the middle of that session by another fresh blind writer (50 dialogues), after the seventh had been read twice: sealed. */
  "dialogue-holdout-8": new URL("../../tests/eval/dialogue-holdout-8-set.json", import.meta.url),
} as const;
export type DialogueSetName = keyof typeof DIALOGUE_SETS;

/** Holdouts nobody tunes on: `npm run eval` prints their numbers, never their questions. */
export const SEALED_SETS: ReadonlySet<EvalSetName | DialogueSetName> = new Set([
  "holdout",
  "holdout-3",
  "holdout-4",
  "holdout-19",
  "holdout-21",
  "holdout-22",
  "dialogue-holdout-4",
  "dialogue-holdout-6",
  "dialogue-holdout-7",
  "dialogue-holdout-8",
] as const);

export function loadDialogueSet(name: DialogueSetName): Dialogue[] {
  return z.array(DialogueSchema).parse(JSON.parse(readFileSync(DIALOGUE_SETS[name], "utf8")));
}

export interface DialogueReport {
  dialogues: number;
  turns: { total: number; correct: number; accuracy: number };
  /** Turns that took exactly the slots the label says from earlier turns. */
  inherited: { total: number; correct: number; accuracy: number };
  misses: Array<{ dialogue: string; turn: number; question: string; problems: string[] }>;
}

/**
 * Plays each dialogue as a conversation of its own, each turn in the context the previous one
 * left, and grades every turn as a single message is graded; whether it inherited the labelled
 * slots is counted apart.
 */
export function evaluateDialogues(dialogues: readonly Dialogue[], assistant: Pick<Assistant, "converse">): DialogueReport {
  let correct = 0;
  let inheritedRight = 0;
  let total = 0;
  const misses: DialogueReport["misses"] = [];
  for (const dialogue of dialogues) {
    let context: ConversationContext | null = null;
    dialogue.turns.forEach((turn, index) => {
      const played = assistant.converse(turn.question, context);
      context = played.context;
      const { answer, inherited } = played;
      const { inherited: expectedInherited, ...expect } = turn.expect;
      const graded = grade({ question: turn.question, language: turn.language, category: "service-info", typo: false, expect }, answer);
      const sameSlots = [...inherited].sort().join() === [...expectedInherited].sort().join();
      total++;
      if (graded.correct) correct++;
      if (sameSlots) inheritedRight++;
      const problems = [...graded.problems, ...(sameSlots ? [] : [`inherited [${inherited.join(", ")}], expected [${expectedInherited.join(", ")}]`])];
      if (problems.length > 0) misses.push({ dialogue: dialogue.dialogue, turn: index + 1, question: turn.question, problems });
    });
  }
  const ratio = (n: number) => ({ total, correct: n, accuracy: total === 0 ? 1 : n / total });
  return { dialogues: dialogues.length, turns: ratio(correct), inherited: ratio(inheritedRight), misses };
}

export function formatDialogueReport(report: DialogueReport, title: string, { sealed = false }: { sealed?: boolean } = {}): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  const lines = [
    `${title}: ${report.dialogues} dialogues, ${report.turns.total} turns`,
    `  turns right        ${pct(report.turns.accuracy)}  (${report.turns.correct}/${report.turns.total})   target ${pct(ACCURACY_TARGETS.inScope)}`,
    `  slots inherited    ${pct(report.inherited.accuracy)}  (${report.inherited.correct}/${report.inherited.total}) as labelled`,
  ];
  if (!sealed && report.misses.length > 0) {
    lines.push("", `  misses (${report.misses.length}):`);
    for (const miss of report.misses) lines.push(`    [${miss.dialogue}#${miss.turn}] ${JSON.stringify(miss.question)}`, `        ${miss.problems.join("; ")}`);
  }
  return lines.join("\n");
}

export function loadEvalSet(name: EvalSetName): EvalCase[] {
  return z.array(EvalCaseSchema).parse(JSON.parse(readFileSync(EVAL_SETS[name], "utf8")));
}

export interface Grade {
  case: EvalCase;
  answer: Answer;
  correct: boolean;
  /** Why it is wrong, one reason per failed check. */
  problems: string[];
}

/** Everything a correct answer must get right; a miss lists each check it failed. */
export function grade(testCase: EvalCase, answer: Answer): Grade {
  const { expect } = testCase;
  const problems: string[] = [];
  if (answer.kind !== expect.kind) problems.push(`kind ${answer.kind}, expected ${expect.kind}`);
  if (answer.language !== testCase.language) problems.push(`language ${answer.language}, expected ${testCase.language}`);
  const services = expect.service === null ? null : [expect.service].flat();
  if (expect.kind === "answer" && services !== null && !services.includes(answer.service ?? "")) {
    problems.push(`service ${answer.service}, expected ${services.join("|")}`);
  }
  if (expect.kind === "smalltalk" && expect.intent && answer.topic !== expect.intent) {
    problems.push(`intent ${answer.topic}, expected ${expect.intent}`);
  }
  if (expect.availability) {
    const got = answer.availability;
    const wanted = expect.availability;
    const statuses = typeof wanted.status === "string" ? [wanted.status] : wanted.status;
    const described = `${wanted.service}/${wanted.region}/${statuses.join("|")}`;
    if (!got) problems.push(`no availability, expected ${described}`);
    else if (got.service !== wanted.service || got.region !== wanted.region || !statuses.includes(got.status)) {
      problems.push(`availability ${got.service}/${got.region}/${got.status}, expected ${described}`);
    }
  }
  if (expect.kind !== "fallback") {
    const text = normalize(answer.answer);
    for (const term of expect.answerIncludes ?? []) {
      if (!text.includes(normalize(term))) problems.push(`answer lacks "${term}"`);
    }
  }
  return { case: testCase, answer, correct: problems.length === 0, problems };
}

export interface Report {
  total: number;
  inScope: { total: number; correct: number; accuracy: number };
  outOfScope: { total: number; rejected: number; rejection: number };
  byCategory: Record<string, { total: number; correct: number; accuracy: number }>;
  byLanguage: Record<string, { total: number; correct: number; accuracy: number }>;
  byClass: Record<string, { total: number; correct: number; accuracy: number }>;
  /** Share of answers in the language the question was written in. */
  language: { total: number; correct: number; accuracy: number };
  /** Availability answers about another region than the one asked: worse than "I don't know". */
  otherRegion: number;
  typos: { total: number; correct: number; accuracy: number };
  /** "expected → got" pairs of topics or kinds, most frequent first. */
  confusions: Array<{ expected: string; got: string; count: number }>;
  misses: Grade[];
}

export function evaluate(cases: readonly EvalCase[], ask: (question: string, locale?: string) => Answer): Report {
  return summarize(cases.map((testCase) => grade(testCase, ask(testCase.question, testCase.locale))));
}

export function summarize(grades: readonly Grade[]): Report {
  const ratio = (list: Grade[]) => ({
    total: list.length,
    correct: list.filter((g) => g.correct).length,
    accuracy: list.length === 0 ? 1 : list.filter((g) => g.correct).length / list.length,
  });
  const groupBy = (key: (g: Grade) => string) => {
    const groups: Record<string, Grade[]> = {};
    for (const g of grades) (groups[key(g)] ??= []).push(g);
    return Object.fromEntries(Object.entries(groups).map(([name, list]) => [name, ratio(list)]));
  };
  const inScope = grades.filter((g) => g.case.expect.kind !== "fallback");
  const outOfScope = grades.filter((g) => g.case.expect.kind === "fallback");
  const rejected = outOfScope.filter((g) => g.answer.kind === "fallback").length;

  const confusionCounts = new Map<string, number>();
  for (const g of grades) {
    if (g.correct) continue;
    const expected = g.case.expect.kind === "answer" ? [g.case.expect.service].flat().join("|") : g.case.expect.intent ?? g.case.expect.kind;
    const got = g.answer.kind === "fallback" ? "fallback" : `${g.answer.service ?? g.answer.kind}:${g.answer.topic}`;
    const key = `${expected}\u0000${got}`;
    confusionCounts.set(key, (confusionCounts.get(key) ?? 0) + 1);
  }
  const confusions = [...confusionCounts]
    .map(([key, count]) => {
      const [expected, got] = key.split("\u0000") as [string, string];
      return { expected, got, count };
    })
    .sort((a, b) => b.count - a.count);

  const inScopeRatio = ratio(inScope);
  return {
    total: grades.length,
    inScope: inScopeRatio,
    outOfScope: { total: outOfScope.length, rejected, rejection: outOfScope.length === 0 ? 1 : rejected / outOfScope.length },
    byCategory: groupBy((g) => g.case.category),
    byLanguage: groupBy((g) => g.case.language),
    byClass: groupBy((g) => g.case.class ?? "unlabelled"),
    language: {
      total: grades.length,
      correct: grades.filter((g) => g.answer.language === g.case.language).length,
      accuracy: grades.length === 0 ? 1 : grades.filter((g) => g.answer.language === g.case.language).length / grades.length,
    },
    otherRegion: grades.filter((g) => {
      const wanted = g.case.expect.availability;
      const got = g.answer.availability;
      return wanted !== undefined && got !== undefined && got.region !== wanted.region;
    }).length,
    typos: ratio(grades.filter((g) => g.case.typo)),
    confusions,
    misses: grades.filter((g) => !g.correct),
  };
}

/** The targets from the issue: below them the accuracy test fails. */
export const ACCURACY_TARGETS = Object.freeze({ inScope: 0.95, outOfScopeRejection: 0.95 });

/** `sealed`: numbers only, so a holdout's questions are never read while tuning. */
export function formatReport(report: Report, title: string, { sealed = false }: { sealed?: boolean } = {}): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  const lines = [
    `${title}: ${report.total} questions`,
    `  in scope      ${pct(report.inScope.accuracy)}  (${report.inScope.correct}/${report.inScope.total})   target ${pct(ACCURACY_TARGETS.inScope)}`,
    `  out of scope  ${pct(report.outOfScope.rejection)}  rejected (${report.outOfScope.rejected}/${report.outOfScope.total})   target ${pct(ACCURACY_TARGETS.outOfScopeRejection)}`,
    `  with typos    ${pct(report.typos.accuracy)}  (${report.typos.correct}/${report.typos.total})`,
    `  language      ${pct(report.language.accuracy)}  (${report.language.correct}/${report.language.total})`,
    `  other region  ${report.otherRegion} answers named a region other than the one asked`,
    "",
    "  by category:",
    ...Object.entries(report.byCategory).map(([name, r]) => `    ${name.padEnd(16)} ${pct(r.accuracy).padStart(6)}  (${r.correct}/${r.total})`),
    "  by language:",
    ...Object.entries(report.byLanguage).map(([name, r]) => `    ${name.padEnd(16)} ${pct(r.accuracy).padStart(6)}  (${r.correct}/${r.total})`),
  ];
  if (!("unlabelled" in report.byClass && Object.keys(report.byClass).length === 1)) {
    lines.push("  by class:");
    for (const [name, r] of Object.entries(report.byClass).sort()) lines.push(`    ${name.padEnd(26)} ${pct(r.accuracy).padStart(6)}  (${r.correct}/${r.total})`);
  }
  if (sealed) return lines.join("\n");
  if (report.confusions.length > 0) {
    lines.push("", "  confusions (expected → got):");
    for (const c of report.confusions) lines.push(`    ${String(c.count).padStart(3)}  ${c.expected} → ${c.got}`);
  }
  if (report.misses.length > 0) {
    lines.push("", `  misses (${report.misses.length}):`);
    for (const miss of report.misses) {
      lines.push(`    [${miss.case.category}/${miss.case.language}] ${JSON.stringify(miss.case.question)}`);
      lines.push(`        ${miss.problems.join("; ")}  (confidence ${miss.answer.confidence}, topic ${miss.answer.topic})`);
    }
  }
  return lines.join("\n");
}
