/**
 * An Answer as a person reads it in a terminal: the reply, its source line, and numbered
 * suggestions that the chat lets you pick by typing the number.
 */
import type { Answer, Language } from "../../core/index.js";

const SUGGESTION_HEADING: Record<Language, string> = { it: "Forse intendevi:", en: "Did you mean:" };
const PICK_HINT: Record<Language, string> = {
  it: "(scrivi il numero per sceglierne una)",
  en: "(type a number to pick one)",
};

export interface TerminalStyle {
  dim(text: string): string;
  bold(text: string): string;
}

export const PLAIN: TerminalStyle = { dim: (t) => t, bold: (t) => t };
export const ANSI: TerminalStyle = { dim: (t) => `\x1b[2m${t}\x1b[22m`, bold: (t) => `\x1b[1m${t}\x1b[22m` };

export function renderForTerminal(answer: Answer, style: TerminalStyle = PLAIN, offerPicking = false): string {
  const lines = [answer.body];
  if (answer.sourceLine) lines.push(style.dim(answer.sourceLine));
  if (answer.suggestions.length > 0) {
    lines.push("", style.bold(SUGGESTION_HEADING[answer.language]));
    answer.suggestions.forEach((suggestion, i) => lines.push(`  ${i + 1}. ${suggestion.question}`));
    if (offerPicking) lines.push(style.dim(PICK_HINT[answer.language]));
  }
  return lines.join("\n");
}
