/**
 * Membership in a sorted word list by binary search. The English dictionary has 275,000 words:
 * a Set of them takes ~150 ms to build at every start and ~20 MB; the sorted array the package
 * ships needs neither, and a lookup costs ~18 string comparisons, for the few words a question
 * has that the knowledge does not use.
 */
export interface WordSet {
  has(word: string): boolean;
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
