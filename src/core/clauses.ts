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

// A full stop, comma or colon ends a clause only before a space or the end: "HyperOS 2.2" and
// "i.mi.com" stay whole.
const CLAUSE_END = /[!?;\n]+|[.,:]+(?=\s|$)/g;

export function clauses(text: string): Clause[] {
  const found: Clause[] = [];
  let start = 0;
  const add = (end: number, mark: string) => {
    const body = text.slice(start, end).trim();
    if (body !== "") found.push({ text: body, asks: mark.includes("?") });
  };
  for (const match of text.matchAll(CLAUSE_END)) {
    add(match.index, match[0]);
    start = match.index + match[0].length;
  }
  add(text.length, "");
  return found;
}
