/**
 * Typo-tolerant lookup of words and names. Fuse.js costs about 2 ms to search 1,500 words
 * (measured on this machine), twenty times our per-question budget, so the hot path uses a
 * bounded edit distance over a small bucket instead: entries are grouped by first letter, and
 * only entries of a compatible length are compared.
 */

/**
 * Optimal-string-alignment distance (Damerau-Levenshtein where a transposition of two
 * neighbouring letters costs 1, like "xaioai" → "xiaoai"), giving up as soon as it must exceed `max`.
 */
export function editDistanceWithin(a: string, b: string, max: number): number | null {
  if (Math.abs(a.length - b.length) > max) return null;
  if (a === b) return 0;
  const width = b.length + 1;
  let prevPrev = new Array<number>(width).fill(0);
  let prev = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return null;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  const distance = prev[b.length]!;
  return distance <= max ? distance : null;
}

/** How many typos a word of this length may carry and still be recognised. */
export function typoBudget(length: number): number {
  if (length <= 3) return 0; // "pay" vs "par", "mi" vs "ma": too short to tell a typo from another word
  if (length <= 9) return 1;
  return 2;
}

const MAX_BUDGET = 2;

export interface FuzzyHit<T> {
  key: string;
  value: T;
  distance: number;
}

export class FuzzyLexicon<T> {
  private readonly exact = new Map<string, T>();
  /** Keys by first letter, then by length: a lookup only compares keys it could be a typo of. */
  private readonly buckets = new Map<string, Map<number, string[]>>();
  private longestKey = 0;

  constructor(private readonly fuzzyMinLength = 5) {}

  /** The first value stored under a key wins, so more specific entries are added first. */
  add(key: string, value: T): void {
    if (key === "" || this.exact.has(key)) return;
    this.exact.set(key, value);
    if (key.length < this.fuzzyMinLength) return;
    this.longestKey = Math.max(this.longestKey, key.length);
    let byLength = this.buckets.get(key[0]!);
    if (!byLength) this.buckets.set(key[0]!, (byLength = new Map()));
    const sameLength = byLength.get(key.length);
    if (sameLength) sameLength.push(key);
    else byLength.set(key.length, [key]);
  }

  get(key: string): T | undefined {
    return this.exact.get(key);
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

  /** Exact hit, else the closest entry within the typo budget (ties go to the entry added first). */
  find(key: string): FuzzyHit<T> | undefined {
    const value = this.exact.get(key);
    if (value !== undefined) return { key, value, distance: 0 };
    // A typo may be a letter shorter than the shortest fuzzy key ("itlia" for "italia").
    if (key.length < this.fuzzyMinLength - 1 || key.length > this.longestKey + MAX_BUDGET) return undefined;
    const byLength = this.buckets.get(key[0]!);
    if (!byLength) return undefined;
    let best: FuzzyHit<T> | undefined;
    for (let length = key.length - MAX_BUDGET; length <= key.length + MAX_BUDGET; length++) {
      for (const candidate of byLength.get(length) ?? []) {
        // The budget follows the known word, so a long typo cannot stretch a short name.
        const budget = Math.min(typoBudget(candidate.length), best ? best.distance - 1 : Infinity);
        if (budget < Math.abs(candidate.length - key.length) || budget < 1) continue;
        const distance = editDistanceWithin(key, candidate, budget);
        if (distance !== null) best = { key: candidate, value: this.exact.get(candidate)!, distance };
      }
    }
    return best;
  }
}
