/**
 * Small talk said in any words: a message made only of a greeting, thanks, a request for help
 * or a goodbye, with chatter around it ("ok capito grazie mille bot", "what can u do?", "notte
 * raga"). Read before the matcher, whose fuzzy reading of two short words finds topics in them
 * ("notte" is one letter from "note"); a message with anything else in it is not small talk.
 */
import { FUNCTION_WORDS } from "./lexicon.js";
import { tokenize } from "./normalize.js";
import { LANGUAGES } from "./languages/codes.js";
import type { Language, SmalltalkEntry } from "./schema.js";

type Intent = SmalltalkEntry["id"];

// "Ciao, cosa sai fare?" asks for help; "ok grazie ciao" thanks: the reply that fits comes first.
const INTENT_ORDER: readonly Intent[] = ["help", "thanks", "goodbye", "greeting"];

interface Cue {
  words: string[];
  intent: Intent;
  languages: Set<Language>;
}

export interface SmalltalkReading {
  intent: Intent;
  /** The language its words belong to, when they belong to one only ("a domani", "sup"). */
  language: Language | undefined;
}

export class SmalltalkReader {
  /** Cues by their first word, longest first, so "ciao ciao" (goodbye) wins over "ciao". */
  private readonly cuesByFirstWord = new Map<string, Cue[]>();

  constructor(
    entries: readonly SmalltalkEntry[],
    private readonly chatter: ReadonlySet<string>,
  ) {
    const byText = new Map<string, Cue>();
    for (const entry of entries) {
      for (const language of LANGUAGES) {
        for (const text of entry.cues[language]) {
          const words = tokenize(text).map(unstretched);
          if (words.length === 0) continue;
          const key = `${entry.id} ${words.join(" ")}`;
          const known = byText.get(key);
          if (known) known.languages.add(language);
          else byText.set(key, { words, intent: entry.id, languages: new Set([language]) });
        }
      }
    }
    for (const cue of byText.values()) {
      const list = this.cuesByFirstWord.get(cue.words[0]!) ?? [];
      list.push(cue);
      this.cuesByFirstWord.set(cue.words[0]!, list);
    }
    for (const list of this.cuesByFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  read(text: string): SmalltalkReading | undefined {
    const mentions = new Set([...text.matchAll(MENTION)].flatMap((m) => tokenize(m[1]!)));
    const words = tokenize(text).map(unstretched);
    const intents = new Set<Intent>();
    const languages = new Set<Language>();
    let i = 0;
    while (i < words.length) {
      const cue = this.cuesByFirstWord.get(words[i]!)?.find((c) => c.words.every((word, k) => words[i + k] === word));
      if (cue) {
        intents.add(cue.intent);
        if (cue.languages.size === 1) languages.add([...cue.languages][0]!);
        i += cue.words.length;
        continue;
      }
      const word = words[i]!;
      if (!FUNCTION_WORDS.has(word) && !this.chatter.has(word) && !mentions.has(word) && !/^\d+$/.test(word)) return undefined;
      i++;
    }
    const intent = INTENT_ORDER.find((candidate) => intents.has(candidate));
    if (intent === undefined) return undefined;
    return { intent, language: languages.size === 1 ? [...languages][0] : undefined };
  }
}

/** Words that say nothing in a chat message ("ok", "lol", "raga"), as the small-talk reader compares them. */
export function chatterWords(chatter: Readonly<Record<Language, readonly string[]>>): ReadonlySet<string> {
  return new Set(LANGUAGES.flatMap((language) => chatter[language]).flatMap(tokenize).map(unstretched));
}

const MENTION = /@([\p{L}\p{N}_]+)/gu;

/** "ciaooo", "grazieee", "thxxx": a stretched last letter is the same word. */
function unstretched(word: string): string {
  return word.length > 3 ? word.replace(/(\p{L})\1+$/u, "$1") : word;
}
