/**
 * Membership in a sorted word list by binary search. The English dictionary has 275,000 words:
 * a Set of them takes ~150 ms to build at every start and ~20 MB; the sorted array the package
 * ships needs neither, and a lookup costs ~18 string comparisons, for the few words a question
 * has that the knowledge does not use.
 */
export interface WordSet {
  has(word: string): boolean;
}

let dictionary: WordSet = new Set<string>();

/**
 * The English dictionary (~275,000 words) every assistant consults for the words the knowledge
 * does not use. The core reads no file: src/knowledge provides it when it loads the knowledge
 * (read on the first lookup, see src/knowledge/dictionaries.ts); until then no word is in it.
 */
export const ENGLISH_WORDS: WordSet = { has: (word) => dictionary.has(word) };

export function provideEnglishWords(words: WordSet): void {
  dictionary = words;
}

let italianDictionary: WordSet = new Set<string>();

/**
 * Italian words (~120,000), provided like the English ones: a word spelt right in either
 * language is no typo of a place ("cerchia" is not "Cechia"). Until provided, none.
 */
export const ITALIAN_WORDS: WordSet = { has: (word) => italianDictionary.has(word) };

export function provideItalianWords(words: WordSet): void {
  italianDictionary = words;
}

export class SortedWordList implements WordSet {
  /** @param words sorted in code-unit order (`<`), as an-array-of-english-words ships them. */
  constructor(private readonly words: readonly string[]) {}

  has(word: string): boolean {
    let low = 0;
    let high = this.words.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const candidate = this.words[middle]!;
      if (candidate === word) return true;
      if (candidate < word) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}

/**
 * Membership in a sorted word list kept as the JSON text it ships as (`["a","aa",…]`), searched
 * where it lies: parsing the 3.4 MB array into 275,000 strings costs ~100 ms at every start, and
 * the text needs no parse at all. The words are found between the `","` separators: without
 * escapes no word holds a quote, so the one word that could read as a separator is "," itself
 * (checked by `parse`). A lookup costs ~18 separator searches and comparisons.
 */
export class JsonWordList implements WordSet {
  private constructor(private readonly text: string) {}

  /**
   * The list, if `text` is a compact JSON array of strings without escapes (as
   * an-array-of-english-words ships it), sorted in code-unit order; else undefined.
   */
  static parse(text: string): JsonWordList | undefined {
    const trimmed = text.trimEnd();
    if (trimmed.length < 4 || !trimmed.startsWith('["') || !trimmed.endsWith('"]') || trimmed.includes("\\")) return undefined;
    // The word "," (or a false alarm from words ending and starting with commas: declined alike).
    if (trimmed.startsWith('[","') || trimmed.includes(',",",') || trimmed.endsWith(',","]')) return undefined;
    // Compact, not pretty-printed: the first word is followed by a separator or is the only one.
    const firstEnd = trimmed.indexOf('"', 2);
    if (!trimmed.startsWith('","', firstEnd) && firstEnd !== trimmed.length - 2) return undefined;
    return new JsonWordList(trimmed);
  }

  has(word: string): boolean {
    const { text } = this;
    // Invariant: if `word` is in the list, its first letter is at an offset in [low, high).
    let low = 0;
    let high = text.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = this.entryAtOrAfter(middle);
      if (start === -1 || start >= high) {
        high = middle;
        continue;
      }
      const end = text.indexOf('"', start);
      if (end === -1) return false;
      const order = compareTo(word, text, start, end);
      if (order === 0) return true;
      // No entry starts in [middle, start): a smaller word starts before `middle`.
      if (order < 0) high = middle;
      else low = end + 1;
    }
    return false;
  }

  /** Offset of the first letter of the first entry starting at or after `offset`, or -1. */
  private entryAtOrAfter(offset: number): number {
    if (offset <= 2) return 2; // after '["'
    const separator = this.text.indexOf('","', offset - 3);
    return separator === -1 ? -1 : separator + 3;
  }
}

/** `word` compared with `text.slice(start, end)` in code-unit order (as `<`), without the slice. */
function compareTo(word: string, text: string, start: number, end: number): number {
  const length = Math.min(word.length, end - start);
  for (let i = 0; i < length; i++) {
    const difference = word.charCodeAt(i) - text.charCodeAt(start + i);
    if (difference !== 0) return difference;
  }
  return word.length - (end - start);
}
