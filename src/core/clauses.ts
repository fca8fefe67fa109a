/**
 * A chat message is often a greeting, some context and then the question, several clauses in
 * all: "ciao a tutti, mia madre ha la band 6 nfc, la carta nexi funziona in grecia?". These
 * helpers cut it where its punctuation does, so the clause that asks can be read on its own.
 */

export interface Clause {
  text: string;
  /** Ends with a question mark: the clause that asks, in most messages. */
  asks: boolean;
}

const CLAUSE_END = /([^.!?;:,\n]*)([.!?;:,\n]+|$)/g;

export function clauses(text: string): Clause[] {
  const found: Clause[] = [];
  for (const [, body = "", end = ""] of text.matchAll(CLAUSE_END)) {
    if (body.trim() === "") continue;
    found.push({ text: body.trim(), asks: end.includes("?") });
  }
  return found;
}
