/**
 * Answers as Telegram messages: HTML parse mode, every piece of user or knowledge text escaped,
 * split under Telegram's 4,096-character limit, suggestions as inline keyboard buttons whose
 * callback data fits Telegram's 64 bytes.
 */
import type { Answer, Language } from "../../core/index.js";
import { ADAPTER_MESSAGES } from "../shared/messages.js";
import type { QuestionKeys } from "../shared/question-keys.js";

export const MESSAGE_LIMIT = 4096;
export const CALLBACK_DATA_LIMIT = 64;

/** The three characters Telegram's HTML parser treats as markup; quotes matter inside attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

export interface InlineButton {
  text: string;
  callback_data: string;
}

export interface TelegramMessage {
  /** HTML, each part within the message limit, to be sent in order. */
  parts: string[];
  /** Buttons for the last part, one per row. */
  buttons: InlineButton[];
}

export function renderAnswer(answer: Answer, questionKeys: QuestionKeys): TelegramMessage {
  const blocks = answer.body.split(/\n{2,}/).map((paragraph) => escapeHtml(paragraph));
  if (answer.sourceLine) blocks.push(`<i>${escapeHtml(answer.sourceLine)}</i>`);
  if (answer.suggestions.length > 0) blocks.push(`<b>${escapeHtml(ADAPTER_MESSAGES[answer.language].suggestions)}</b>`);
  return {
    parts: packIntoMessages(blocks),
    buttons: answer.suggestions.map((s) => questionButton(s.question, questionKeys)),
  };
}

/** A button that asks `question` when pressed. */
export function questionButton(question: string, questionKeys: QuestionKeys): InlineButton {
  return { text: truncate(question, 60), callback_data: questionKeys.keyFor(question) };
}

export function renderServices(services: ReadonlyArray<{ name: string; summary: string }>, language: Language): string {
  const lines = services.map((s) => `• <b>${escapeHtml(s.name)}</b>: ${escapeHtml(firstSentence(s.summary))}`);
  return [`<b>${escapeHtml(ADAPTER_MESSAGES[language].servicesTitle)}</b>`, ...lines].join("\n");
}

/**
 * Joins blocks of balanced HTML into messages of at most `limit` characters, breaking between
 * blocks. A block too long on its own (only ever escaped plain text) is cut between words, never
 * inside an entity such as `&amp;`.
 */
export function packIntoMessages(blocks: readonly string[], limit = MESSAGE_LIMIT): string[] {
  const parts: string[] = [];
  let current = "";
  const flush = () => {
    if (current !== "") parts.push(current);
    current = "";
  };
  for (const block of blocks.flatMap((b) => (b.length > limit ? cutPlainHtml(b, limit) : [b]))) {
    const joined = current === "" ? block : `${current}\n\n${block}`;
    if (joined.length <= limit) current = joined;
    else {
      flush();
      current = block;
    }
  }
  flush();
  return parts.length > 0 ? parts : [""];
}

function cutPlainHtml(escaped: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = escaped;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf(" ", limit);
    if (cut <= limit / 2) cut = limit;
    // Never leave "&am" | "p;" across two messages.
    const entityStart = rest.lastIndexOf("&", cut);
    if (entityStart !== -1 && entityStart > cut - 6 && !rest.slice(entityStart, cut).includes(";")) cut = entityStart;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function firstSentence(text: string): string {
  const end = text.search(/[.!?](\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}
