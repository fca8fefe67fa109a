/**
 * Typo-tolerant lookup of words and names. Fuse.js costs about 2 ms to search 1,500 words
 * (measured on this machine), twenty times our per-question budget, so the hot path uses a
 * bounded edit distance over a small bucket instead: entries are grouped by first letter, and
 * only entries of a compatible length are compared.
 */

import { unstretched } from "./normalize.js";

// Three rows of the distance table, reused: a lookup compares hundreds of words per question.
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/**
 * Optimal-string-alignment distance (Damerau-Levenshtein where a transposition of two
 * neighbouring letters costs 1, like "xaioai" → "xiaoai"), giving up as soon as it must exceed `max`.
 * Only the diagonal band of width 2·max+1 can stay within `max`, so only the band is computed.
 */
export function editDistanceWithin(a: string, b: string, max: number): number | null {
  if (Math.abs(a.length - b.length) > max) return null;
  if (a === b) return 0;
  if (max <= 0) return null;
  // Most lookups allow one typo (words of 4–9 letters): one edit is found in a single pass.
  if (max === 1) return oneEditApart(a, b) ? 1 : null;
  const width = b.length + 1;
  if (rows[0]!.length < width + 1) rows = [0, 1, 2].map(() => new Int32Array(2 * width));
  let [prevPrev, prev, current] = rows as [Int32Array, Int32Array, Int32Array];
  const beyond = max + 1;
  for (let j = 0; j < width; j++) prev[j] = Math.min(j, beyond);
  prev[width] = beyond;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    current[from - 1] = from === 1 ? Math.min(i, beyond) : beyond;
    current[to + 1] = beyond;
    let rowMin = current[from - 1]!;
    const letter = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = letter === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && letter === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, prevPrev[j - 2]! + 1);
      }
      current[j] = Math.min(value, beyond);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return null;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  const distance = prev[b.length]!;
  return distance <= max ? distance : null;
}

/** Whether two different strings are one insertion, deletion, substitution or swap of neighbours apart. */
function oneEditApart(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  let i = 0;
  while (i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // After the first difference the rest must agree: shifted by the letter `a` has more, or
  // past a substituted letter, or past two swapped ones.
  if (a.length !== b.length) return sameFrom(a, i + 1, b, i);
  if (sameFrom(a, i + 1, b, i + 1)) return true;
  return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameFrom(a, i + 2, b, i + 2);
}

/** Whether `a` from `i` and `b` from `j` are the same to their ends. */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/** How many typos a word of this length may carry and still be recognised. */
export function typoBudget(length: number): number {
  if (length <= 3) return 0; // "pay" vs "par", "mi" vs "ma": too short to tell a typo from another word
  if (length <= 9) return 1;
  return 2;
}

const MAX_BUDGET = 2;
/** Typo searches remembered per lexicon: a day of chat's runs of words. */
const SEARCHES_KEPT = 20_000;

/** The letters a word uses, as bits (code unit modulo 32: sharing a bit only weakens the filter). */
export function lettersOf(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) bits |= 1 << (word.charCodeAt(i) & 31);
  return bits;
}

export function bitCount(bits: number): number {
  bits -= (bits >>> 1) & 0x55555555;
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export interface FuzzyHit<T> {
  key: string;
  value: T;
  distance: number;
}

export class FuzzyLexicon<T> {
  private readonly exact = new Map<string, T>();
  /**
   * Keys by first letter, then by length (an array indexed by length): a lookup only compares
   * keys it could be a typo of. With each letter, its shortest and longest key: a lookup more
   * than a typo budget beyond both compares nothing (the recogniser tries runs of words glued
   * together as names, most far longer than any name).
   */
  private readonly buckets = new Map<string, { shortest: number; longest: number; byLength: Array<{ keys: string[]; letters: number[] } | undefined> }>();
  private longestKey = 0;
  /** The longest key of any length class: a longer lookup cannot hit exactly. */
  private longestExactKey = 0;
  /**
   * Searches done so far and their outcome (null: nothing within the budget), bounded and
   * cleared whole when full like the other per-word caches. A run of words is looked up in
   * several lexicons and again in the next message that holds it; the key was just hashed by
   * the exact lookup, so asking this map costs little, while a search compares a bucket of keys
   * letter by letter: in a process answering a batch, that code mostly runs unoptimised.
   */
  private readonly searched = new Map<string, FuzzyHit<T> | null>();

  /**
   * Keys too short for any typo but long enough for two neighbouring letters swapped ("itlay",
   * "inida"), by each such misspelling: a swap rarely makes another word, a changed letter often
   * does ("india" and "indie").
   */
  private readonly swapped = new Map<string, string>();

  /**
   * @param fuzzyMinLength the shortest key found through any typo
   * @param swapMinLength the shortest key found through two neighbouring letters swapped
   */
  constructor(
    private readonly fuzzyMinLength = 5,
    private readonly swapMinLength = fuzzyMinLength,
  ) {}

  /** The first value stored under a key wins, so more specific entries are added first. */
  add(key: string, value: T): void {
    if (key === "" || this.exact.has(key)) return;
    this.searched.clear();
    this.exact.set(key, value);
    this.longestExactKey = Math.max(this.longestExactKey, key.length);
    if (key.length < this.fuzzyMinLength) {
      if (key.length >= this.swapMinLength) this.addSwaps(key);
      return;
    }
    this.longestKey = Math.max(this.longestKey, key.length);
    let bucket = this.buckets.get(key[0]!);
    if (!bucket) this.buckets.set(key[0]!, (bucket = { shortest: key.length, longest: key.length, byLength: [] }));
    bucket.shortest = Math.min(bucket.shortest, key.length);
    bucket.longest = Math.max(bucket.longest, key.length);
    let sameLength = bucket.byLength[key.length];
    if (!sameLength) bucket.byLength[key.length] = sameLength = { keys: [], letters: [] };
    sameLength.keys.push(key);
    sameLength.letters.push(lettersOf(key));
  }

  private addSwaps(key: string): void {
    for (let i = 0; i + 1 < key.length; i++) {
      if (key[i] === key[i + 1]) continue;
      const misspelt = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
      if (!this.swapped.has(misspelt)) this.swapped.set(misspelt, key);
    }
  }

  get(key: string): T | undefined {
    // Hashing a long key only to miss is most of the cost of name lookups over word n-grams.
    return key.length > this.longestExactKey ? undefined : this.exact.get(key);
  }

  has(key: string): boolean {
    return this.exact.has(key);
  }

  get size(): number {
    return this.exact.size;
  }

  keys(): IterableIterator<string> {
    return this.exact.keys();
  }

  /**
   * Exact hit, else the closest entry within the typo budget (ties go to the nearest length, the
   * longer of two as near, then to the entry added first).
   * @param mayBeExact false when the caller knows the key is no entry (see EntityRecognizer.nameKeys): it is not looked up
   */
  find(key: string, mayBeExact = true): FuzzyHit<T> | undefined {
    // "Chinaa", "cinaaa": a stretched last letter, which a short name's typo budget cannot absorb
    // (the key itself, when it is one, comes first).
    const withoutStretch = unstretched(key);
    if (withoutStretch !== key && !(mayBeExact && this.exact.has(key))) {
      const value = this.get(withoutStretch);
      if (value !== undefined) return { key: withoutStretch, value, distance: 1 };
    }
    // Longer than any key and than any key's typos: nothing to hash or compare (runs of words
    // tried as names mostly are).
    if (key.length > this.longestExactKey && key.length > this.longestKey + MAX_BUDGET) return undefined;
    if (mayBeExact) {
      const value = this.get(key);
      if (value !== undefined) return { key, value, distance: 0 };
    }
    // Only keys too short for other typos have their swaps kept, and a swap keeps the length.
    if (key.length < this.fuzzyMinLength && key.length >= this.swapMinLength) {
      const unswapped = this.swapped.get(key);
      if (unswapped !== undefined) return { key: unswapped, value: this.exact.get(unswapped)!, distance: 1 };
    }
    // A typo may be a letter shorter than the shortest fuzzy key ("itlia" for "italia").
    if (key.length < this.fuzzyMinLength - 1 || key.length > this.longestKey + MAX_BUDGET) return undefined;
    const bucket = this.buckets.get(key[0]!);
    if (!bucket || key.length + MAX_BUDGET < bucket.shortest || key.length - MAX_BUDGET > bucket.longest) return undefined;
    const earlier = this.searched.get(key);
    if (earlier !== undefined) return earlier ?? undefined;
    let best: FuzzyHit<T> | undefined;
    // A digit is no letter's typo: "YU7 in" glued is not "yupin" ("Xiaomi YU7 in China").
    if (hasDigit(key)) {
      this.remember(key, undefined);
      return undefined;
    }
    const letters = lettersOf(key);
    const { byLength } = bucket;
    // Nearest lengths first, and of two as near the longer: a letter left out ("austrlia") is read
    // as the longer name (Australia) rather than as one with a letter added (Austria).
    for (const offset of LENGTH_OFFSETS) {
      const length = key.length + offset;
      if (length < bucket.shortest || length > bucket.longest) continue;
      const sameLength = byLength[length];
      if (!sameLength) continue;
      // The budget follows the known word, so a long typo cannot stretch a short name; every key
      // here has the same length, so the same budget and the same gap to the key looked up.
      const lengthBudget = typoBudget(length);
      const gap = Math.abs(length - key.length);
      const { keys, letters: keyLetters } = sameLength;
      for (let c = 0; c < keys.length; c++) {
        const budget = best === undefined ? lengthBudget : Math.min(lengthBudget, best.distance - 1);
        // The budget only shrinks: no key left of this length can be within it either.
        if (budget < gap || budget < 1) break;
        // An edit adds or removes at most two letters from the set a word uses (a swap none):
        // words whose letter sets differ by more cannot be within the budget.
        if (bitCount(letters ^ keyLetters[c]!) > 2 * budget) continue;
        const candidate = keys[c]!;
        const distance = editDistanceWithin(key, candidate, budget);
        if (distance !== null) best = { key: candidate, value: this.exact.get(candidate)!, distance };
      }
    }
    this.remember(key, best);
    return best;
  }

  private remember(key: string, hit: FuzzyHit<T> | undefined): void {
    if (this.searched.size >= SEARCHES_KEPT) this.searched.clear();
    this.searched.set(key, hit ?? null);
  }
}

const LENGTH_OFFSETS: readonly number[] = Array.from({ length: 2 * MAX_BUDGET + 1 }, (_, i) => (i % 2 === 1 ? (i + 1) / 2 : -i / 2));

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}
