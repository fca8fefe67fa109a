/**
 * The one text pipeline, used both to index the knowledge and to read questions, so a phrasing
 * and a question that differ only in case, accents, punctuation, emoji or spacing become equal.
 *
 *   "Cos'è  XIAOMI Pay?? 🤔"  →  "cos e xiaomi pay"
 */

// NFKD splits "è" into "e" + a combining accent, which \p{M} then removes; it also folds
// full-width and compatibility forms ("Ｍｉ" → "Mi").
const COMBINING_MARKS = /\p{M}+/gu;
// Anything that is neither a letter nor a digit separates words: punctuation, emoji, symbols,
// control characters. `u` makes \p classes work on code points, so emoji count as one unit.
const NON_WORD = /[^\p{L}\p{N}]+/gu;
// "5gb" and "mi5" read as two words, like "5 gb" and "mi 5".
const DIGIT_LETTER_BOUNDARY = /(?<=\p{N})(?=\p{L})|(?<=\p{L})(?=\p{N})/gu;

export function normalize(text: string): string {
  return foldKeepingCase(text).toLowerCase();
}

export function tokenize(text: string): string[] {
  const normalized = normalize(text);
  return normalized === "" ? [] : normalized.split(" ");
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** 2 for an ASCII digit, 1 for an ASCII letter, 0 for anything else (a separator). */
function asciiKind(code: number): number {
  return code >= 48 && code <= 57 ? 2 : (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 0;
}

/**
 * `foldUnicode` without lower-casing, in one pass: ASCII letters and digits kept, everything else
 * one space, a space between a digit and a letter. Other code points go through the Unicode
 * pipeline one at a time, each one's folding remembered:
 * NFKD decomposes code points independently and only reorders combining marks, which are
 * removed, so "è" → "e" and "ﬁ" → "fi" come out as `foldUnicode` gives them for the whole text.
 * Whole-text NFKD and three Unicode regular expressions cost 30 µs on a long chat message, and
 * a message is folded several times; this costs a few.
 */
function foldKeepingCase(text: string): string {
  let folded = "";
  let previous = 0; // 0: separator, 1: letter, 2: digit
  // A run of ASCII letters (or digits) is appended whole, as one slice, when it ends: a string
  // grown letter by letter is a chain of a piece per letter.
  let runStart = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      const kind = asciiKind(code);
      if (kind === previous && runStart !== -1) continue;
      if (runStart !== -1) {
        folded += text.slice(runStart, i);
        runStart = -1;
      }
      if (kind === 0) {
        previous = 0;
        continue;
      }
      if (folded !== "" && kind !== previous) folded += " ";
      runStart = i;
      previous = kind;
      continue;
    }
    if (runStart !== -1) {
      folded += text.slice(runStart, i);
      runStart = -1;
    }
    const codePoint = text.codePointAt(i)!;
    if (codePoint > 0xffff) i++;
    for (const { text: part, kind } of foldedCodePoint(codePoint)) {
      if (kind === 0) {
        previous = 0;
        continue;
      }
      if (folded !== "" && kind !== previous) folded += " ";
      folded += part;
      previous = kind;
    }
  }
  return runStart === -1 ? folded : folded + text.slice(runStart);
}

// Bounded like the stemmers' caches: a message of rare symbols cannot grow it without limit.
const FOLDED_LIMIT = 10_000;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{N}$/u;
const foldedCodePoints = new Map<number, ReadonlyArray<{ text: string; kind: number }>>();

/** A non-ASCII code point decomposed (NFKD), without combining marks, each part with its kind. */
function foldedCodePoint(codePoint: number): ReadonlyArray<{ text: string; kind: number }> {
  let parts = foldedCodePoints.get(codePoint);
  if (parts === undefined) {
    if (foldedCodePoints.size >= FOLDED_LIMIT) foldedCodePoints.clear();
    parts = [...String.fromCodePoint(codePoint).normalize("NFKD").replace(COMBINING_MARKS, "")].map((part) => ({
      text: part,
      kind: DIGIT.test(part) ? 2 : LETTER.test(part) ? 1 : 0,
    }));
    foldedCodePoints.set(codePoint, parts);
  }
  return parts;
}

/** The pipeline as written with Unicode regular expressions: the definition the fast paths follow. */
export function foldUnicode(text: string): string {
  return text
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .replace(NON_WORD, " ")
    .replace(DIGIT_LETTER_BOUNDARY, " ")
    .trim();
}

export interface Word {
  /** Normalised form, as `normalize` gives it. */
  text: string;
  /** Written in capitals ("IT", "USA"): short capitalised words are read as codes, not as "it" or "usa" (uses). */
  capitalised: boolean;
}

/** Words with the one bit of case that matters: whether each was written in capitals. */
export function words(text: string): Word[] {
  const folded = foldKeepingCase(text);
  if (folded === "") return [];
  return folded.split(" ").map((raw) => {
    const lower = raw.toLowerCase();
    return { text: lower, capitalised: raw.length >= 2 && raw !== lower && raw === raw.toUpperCase() };
  });
}

/**
 * Letters glued to a number name a model ("SU7", "Poco X6", "Watch S3"), and so does a product
 * line's word between a brand and a number ("Redmi Note 14", "Mi Band 8"): those words, lower
 * case, or undefined when the text has none. Such a word is neither a word of a language ("note"
 * is no Italian) nor chat shorthand ("x" for "per").
 */
export function modelLetters(text: string): ReadonlySet<string> | undefined {
  if (!ANY_DIGIT.test(text)) return undefined;
  const glued = LETTER_BEFORE_DIGIT.test(text);
  const lines = text.match(LINE_BEFORE_NUMBER);
  if (!glued && lines === null) return undefined;
  const models = new Set(glued ? text.toLowerCase().match(LETTERS_BEFORE_DIGIT) : []);
  for (const line of lines ?? []) models.add(line.toLowerCase());
  return models;
}

const ANY_DIGIT = /\d/;
const LETTER_BEFORE_DIGIT = /\p{L}\d/u;
const LETTERS_BEFORE_DIGIT = /\p{L}+(?=\d)/gu;
const LINE_BEFORE_NUMBER = /(?<=(?:^|[^\p{L}])(?:redmi|poco|xiaomi|mi)\s+)\p{L}+(?=\s+\d)/giu;

/** How many words `words(text)` gives, without building them (a long message's clauses are counted). */
export function wordCount(text: string): number {
  let count = 0;
  let previous = 0; // 0: separator, 1: letter, 2: digit
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      const kind = asciiKind(code);
      if (kind !== 0 && kind !== previous) count++;
      previous = kind;
      continue;
    }
    const codePoint = text.codePointAt(i)!;
    if (codePoint > 0xffff) i++;
    for (const { kind } of foldedCodePoint(codePoint)) {
      if (kind !== 0 && kind !== previous) count++;
      previous = kind;
    }
  }
  return count;
}

/** True when most letters are capitals: a shouted message, where capitals say nothing about codes. */
export function isShouted(text: string): boolean {
  let upper = 0;
  let letters = 0;
  if (ASCII_ONLY.test(text)) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 65 && code <= 90) upper++;
      else if (!(code >= 97 && code <= 122)) continue;
      letters++;
    }
    return letters >= 6 && upper / letters > 0.6;
  }
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const upperCh = ch.toUpperCase();
    if (lower === upperCh) continue;
    letters++;
    if (ch === upperCh) upper++;
  }
  return letters >= 6 && upper / letters > 0.6;
}

const REGIONAL_INDICATOR_A = 0x1f1e6;
const FLAG = /[\u{1F1E6}-\u{1F1FF}]{2}/gu;

/** Region codes of the flag emoji in a text: 🇮🇹 → "IT". The EU flag 🇪🇺 gives "EU". */
export function flagRegionCodes(text: string): string[] {
  const codes: string[] = [];
  // Regional indicators are astral: their high surrogate is \uD83C. Most messages have none.
  if (!text.includes("\uD83C")) return codes;
  for (const [flag] of text.matchAll(FLAG)) {
    const letters = [...flag].map((ch) => String.fromCharCode(ch.codePointAt(0)! - REGIONAL_INDICATOR_A + 65));
    codes.push(letters.join(""));
  }
  return codes;
}

/** "ciaooo", "grazieee", "thxxx": a stretched last letter is the same word. */
export function unstretched(word: string): string {
  if (word.length <= 3) return word;
  // Most words end in two different letters: no repeat to look for (a low surrogate may end a repeated astral letter).
  const last = word.charCodeAt(word.length - 1);
  if (last !== word.charCodeAt(word.length - 2) && !(last >= 0xdc00 && last <= 0xdfff)) return word;
  return word.replace(/(\p{L})\1+$/u, "$1");
}
