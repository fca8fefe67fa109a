/**
 * Synthetic knowledge bases for scaling measurements: the real services, regions and small talk,
 * with N generated FAQ entries. Each entry mixes words of the real vocabulary with two words of
 * its own, the way real entries share "funziona", "Italia" but differ in "Nexi", "backup".
 * Deterministic for a seed, so runs compare.
 */
import type { Knowledge } from "../src/core/index.js";

function random(seed: number): () => number {
  // mulberry32: small, fast and good enough to shuffle words.
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu".split(" ");

function pseudoWord(next: () => number): string {
  const count = 3 + Math.floor(next() * 2);
  let word = "";
  for (let i = 0; i < count; i++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
  return word;
}

export function syntheticKnowledge(base: Knowledge, entries: number, seed: number): Knowledge {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const vocabulary = {
    it: [...new Set(base.faq.flatMap((e) => e.questions.it.join(" ").toLowerCase().split(/[^\p{L}]+/u)).filter((w) => w.length > 3))],
    en: [...new Set(base.faq.flatMap((e) => e.questions.en.join(" ").toLowerCase().split(/[^\p{L}]+/u)).filter((w) => w.length > 3))],
  };
  const services = base.services.map((s) => s.id);
  const source = base.sources[0]!.id;
  const faq = Array.from({ length: entries }, (_, i) => {
    const own = [pseudoWord(next), pseudoWord(next)];
    const phrasings = (language: "it" | "en") =>
      Array.from({ length: 5 }, () => {
        const words = Array.from({ length: 3 + Math.floor(next() * 4) }, () => pick(vocabulary[language]));
        words.splice(Math.floor(next() * words.length), 0, own[0]!);
        if (next() < 0.7) words.push(own[1]!);
        return `${words.join(" ")}?`;
      });
    return {
      id: `synthetic-${i}`,
      service: pick(services),
      questions: { it: phrasings("it"), en: phrasings("en") },
      answer: { it: `Risposta ${i}.`, en: `Answer ${i}.` },
      source,
      date: "2022",
    };
  });
  return { ...base, faq };
}

/** A real phrasing of a random entry with one word dropped and one letter changed. */
export function syntheticQueries(knowledge: Knowledge, count: number, seed: number): Array<{ question: string; topic: string }> {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const entry = knowledge.faq[Math.floor(next() * knowledge.faq.length)]!;
    const language = next() < 0.5 ? "it" : "en";
    const words = entry.questions[language][Math.floor(next() * entry.questions[language].length)]!.split(" ");
    if (words.length > 3) words.splice(Math.floor(next() * words.length), 1);
    const target = Math.floor(next() * words.length);
    const word = words[target]!;
    if (word.length > 5) {
      const at = 1 + Math.floor(next() * (word.length - 2));
      words[target] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2); // swap two letters
    }
    return { question: words.join(" "), topic: entry.id };
  });
}
