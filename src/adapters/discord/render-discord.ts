/**
 * Answers as Discord messages: an embed (title, answer, availability fields, source and date in
 * the footer) within Discord's limits, "did you mean" buttons, and the slash commands' definitions
 * with their Italian localisations. Plain JSON (the API's shapes), so tests can read it directly.
 */
import { escapeMarkdown } from "discord.js";
import { formatDateWithMeaning, STATUS_WORDS, type Answer, type Language } from "../../core/index.js";
import { ADAPTER_MESSAGES } from "../shared/messages.js";
import type { QuestionKeys } from "../shared/question-keys.js";

export const LIMITS = {
  content: 2_000,
  title: 256,
  description: 4_096,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  embedTotal: 6_000,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceText: 100,
} as const;

/** Replies never ping: a question quoting @everyone or a user stays inert. */
export const NO_PINGS = { parse: [], repliedUser: false } as const;

const COLOURS = { answer: 0xff6900, smalltalk: 0xff6900, fallback: 0x99aab5 } as const;

const FIELD_LABELS = {
  it: { status: "Stato", region: "Dove", since: "Da quando" },
  en: { status: "Status", region: "Where", since: "Since" },
} as const;

export interface DiscordEmbed {
  title?: string;
  description: string;
  color: number;
  fields?: Array<{ name: string; value: string; inline: boolean }>;
  footer?: { text: string };
}

export interface DiscordButtonRow {
  type: 1;
  components: Array<{ type: 2; style: 2; label: string; custom_id: string }>;
}

export interface DiscordReply {
  embeds: DiscordEmbed[];
  components: DiscordButtonRow[];
  allowedMentions: typeof NO_PINGS;
}

/** `regionName` turns a region code into the name the answer uses ("IT" → "Italia"). */
export function renderAnswer(answer: Answer, keys: QuestionKeys, regionName: (code: string, language: Language) => string): DiscordReply {
  const language = answer.language;
  const fields = answer.availability
    ? [
        { name: FIELD_LABELS[language].region, value: regionName(answer.availability.region, language), inline: true },
        { name: FIELD_LABELS[language].status, value: capitalise(STATUS_WORDS[language][answer.availability.status]), inline: true },
        ...latestDate(answer, language),
      ]
    : [];
  const footer = answer.sourceLine ? truncate(answer.sourceLine, LIMITS.footer) : undefined;
  const title = truncate(escapeMarkdown(oneLine(answer.question)), LIMITS.title);
  const fixed = title.length + (footer?.length ?? 0) + fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  const body = answer.suggestions.length > 0 ? `${answer.body}\n\n**${ADAPTER_MESSAGES[language].suggestions}**` : answer.body;
  const embed: DiscordEmbed = {
    title,
    description: trimCleanly(body, Math.min(LIMITS.description, LIMITS.embedTotal - fixed)),
    color: COLOURS[answer.kind],
    ...(fields.length > 0 ? { fields } : {}),
    ...(footer ? { footer: { text: footer } } : {}),
  };
  return { embeds: [embed], components: questionButtons(answer.suggestions.map((s) => s.question), keys), allowedMentions: NO_PINGS };
}

export function renderText(title: string, text: string, fields: DiscordEmbed["fields"] = []): DiscordReply {
  return {
    embeds: [{ title: truncate(title, LIMITS.title), description: trimCleanly(text, LIMITS.description), color: COLOURS.answer, ...(fields.length > 0 ? { fields } : {}) }],
    components: [],
    allowedMentions: NO_PINGS,
  };
}

export function renderServices(services: ReadonlyArray<{ name: string; summary: string }>, language: Language): DiscordReply {
  const fields = services.slice(0, 25).map((s) => ({ name: truncate(s.name, LIMITS.fieldName), value: trimCleanly(s.summary, LIMITS.fieldValue), inline: false }));
  return renderText(ADAPTER_MESSAGES[language].servicesTitle, "\u200b", fields);
}

/** Up to five buttons, one row; each asks its question when clicked. */
export function questionButtons(questions: readonly string[], keys: QuestionKeys): DiscordButtonRow[] {
  if (questions.length === 0) return [];
  return [
    {
      type: 1,
      components: questions.slice(0, 5).map((question) => ({ type: 2, style: 2, label: truncate(question, LIMITS.buttonLabel), custom_id: keys.keyFor(question) })),
    },
  ];
}

/** Autocomplete choices: Discord takes at most 25, name and value at most 100 characters each. */
export function choicesFor(questions: readonly string[]): Array<{ name: string; value: string }> {
  return questions
    .filter((question) => question.length <= LIMITS.choiceText)
    .slice(0, LIMITS.choices)
    .map((question) => ({ name: question, value: question }));
}

/** Cut at the last sentence or word that fits, marked with an ellipsis, never mid-word. */
export function trimCleanly(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const room = text.slice(0, limit - 1);
  const sentence = Math.max(room.lastIndexOf(". "), room.lastIndexOf("\n"));
  const cut = sentence > limit * 0.6 ? sentence + 1 : Math.max(room.lastIndexOf(" "), limit * 0.6);
  return `${text.slice(0, cut).trimEnd()}…`;
}

function latestDate(answer: Answer, language: Language) {
  const latest = answer.availability?.history.at(-1);
  return latest ? [{ name: FIELD_LABELS[language].since, value: capitalise(formatDateWithMeaning(latest.date, latest.dateMeaning, language)), inline: true }] : [];
}

const truncate = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// ---- slash commands ------------------------------------------------------------------------------

const STRING_OPTION = 3;

/** What `npm run discord:commands` registers; names and descriptions localised for Italian users. */
export const COMMAND_DEFINITIONS = [
  {
    name: "ask",
    name_localizations: { it: "chiedi" },
    description: "Ask a question about Xiaomi services",
    description_localizations: { it: "Fai una domanda sui servizi Xiaomi" },
    options: [
      {
        type: STRING_OPTION,
        name: "question",
        name_localizations: { it: "domanda" },
        description: "Your question, in Italian or English",
        description_localizations: { it: "La tua domanda, in italiano o in inglese" },
        required: true,
        autocomplete: true,
        max_length: 600,
      },
    ],
  },
  {
    name: "services",
    name_localizations: { it: "servizi" },
    description: "The Xiaomi services I know about",
    description_localizations: { it: "I servizi Xiaomi che conosco" },
  },
  {
    name: "help",
    name_localizations: { it: "aiuto" },
    description: "What I can do",
    description_localizations: { it: "Cosa so fare" },
  },
] as const;
