/**
 * Small talk said in any words: a message made only of a greeting, thanks, a request for help
 * or a goodbye, with chatter around it ("ok capito grazie mille bot", "what can u do?", "notte
 * raga"). Read before the matcher, whose fuzzy reading of two short words finds topics in them
 * ("notte" is one letter from "note"); a message with anything else in it is not small talk.
 */
import { bitCount, editDistanceWithin, lettersOf } from "./fuzzy-lexicon.js";
import { FUNCTION_WORDS, QUESTION_OPENERS, QUESTION_WORDS, SERVICES_WORDS } from "./lexicon.js";
import { tokenize, unstretched } from "./normalize.js";
import { LANGUAGES } from "./languages/codes.js";
import { LANGUAGE_PACKS, wordsOfAllPacks } from "./languages/index.js";
import type { Language, SmalltalkEntry } from "./schema.js";

type Intent = SmalltalkEntry["id"];

// Words (and typed words) whose facts are kept: a day of chat.
const WORDS_KEPT = 20_000;
// The word after these is a name when it is nothing else ("sono Marco", "mi chiamo Luca", "I'm Anna").
const NAME_INTRODUCTIONS: ReadonlySet<string> = new Set(["sono", "chiamo", "im", "m", "name"]);
// What a name read in an introduction becomes: filler, like a mention.
const NAME = "\u0000name";
// What a word of a service's name becomes in what may be a request for help: filler there, else a question.
const SERVICE_NAME = "\u0000service";

interface Cue {
  words: string[];
  intent: Intent;
  languages: Set<Language>;
}

/** A word as the small-talk reader sees it (see SmalltalkReader.factsOf). */
interface WordFacts {
  text: string;
  /** A word of some cue. */
  cue: boolean;
  functionWord: boolean;
  /** Says nothing in any message: a function word, chatter, a number, a name read as one. */
  filler: boolean;
  /** A word of one of our services' names, or "services". */
  service: boolean;
  /** The word after it is a name when it is nothing else ("sono", "chiamo"). */
  introduction: boolean;
  /** The cues it starts, longest first. */
  cues: readonly Cue[] | undefined;
  fillerLanguage: Language | undefined;
  /** The cue word it is a typo of (null: none; undefined: not looked for yet). */
  near: string | null | undefined;
}

export interface MessageFacts {
  /**
   * It names and describes no service and no place: then a few words the knowledge uses may be
   * chat around a cue too ("Hey bot, just wanted to say thank you").
   */
  namesNothing?: boolean;
  /**
   * It names no service, product or topic (places it may): a greeting that opens it and asks
   * nothing is a greeting, whatever it says of the asker. Without places, as `namesNothing`.
   */
  namesNoSubject?: boolean;
  /** `tokenize(text)`, when the caller has it already. */
  tokens?: readonly string[];
  /**
   * A conversation is under way: a place named after thanks or a greeting follows up on it
   * ("thanks, I live in Spain though").
   */
  followsUp?: boolean;
}

export interface SmalltalkReading {
  intent: Intent;
  /** The language its words belong to, when they belong to one only ("a domani", "sup"). */
  language: Language | undefined;
}

export class SmalltalkReader {
  /** Cues by their first word, longest first: of two spanning as much, "ciao ciao" (goodbye) wins over "ciao". */
  private readonly cuesByFirstWord = new Map<string, Cue[]>();
  /**
   * Words of the cues long enough to be recognised through a typo ("grazei", "thnaks", "waht"), by
   * length, each with its letters as bits (see FuzzyLexicon): one edit changes a length by at most
   * one and a letter set by at most two letters, so a word is compared only with the cue words it
   * could be one edit from (of 557, a few dozen), not with every one.
   */
  private readonly cueWordsByLength: Array<{ words: string[]; letters: number[] } | undefined> = [];
  private readonly cueWordSet: ReadonlySet<string>;
  private readonly emojiCues: Array<{ emoji: string; intent: Intent }> = [];
  /** Cues both a greeting and a goodbye ("ciao", "👋"), as their words are joined. */
  private readonly farewells: ReadonlySet<string>;

  /**
   * @param knownWords words the knowledge uses: such a word is never read as a typo of a cue
   *   ("xiao" in "e xiao ai?" is XiaoAI, not "ciao").
   */
  constructor(
    entries: readonly SmalltalkEntry[],
    /** The shortest word read through a typo, and the most words around a cue that say nothing known. */
    private readonly limits: { typoMinLength: number; maxOtherWords: number },
    private readonly chatter: ReadonlySet<string>,
    private readonly knownWords: ReadonlySet<string> = new Set(),
    /** Chat shorthand and the words it stands for ("nn" → "non", "u" → "you"). */
    private readonly abbreviations: ReadonlyMap<string, readonly string[]> = new Map(),
    /** Filler only one language uses ("pls", "raga"): the language of cues both share ("help pls"). */
    private readonly fillerLanguages: ReadonlyMap<string, Language> = new Map(),
    /** Whether a word names a country or a city ("sono Marco da Bari"). */
    private readonly namesPlace: (word: string) => boolean = () => false,
    /** Words of our services' names ("xiaomi", "pay", "cloud"): in a request for help, examples of what to ask. */
    private readonly serviceNameWords: ReadonlySet<string> = new Set(),
  ) {
    const byText = new Map<string, Cue>();
    for (const entry of entries) {
      for (const language of LANGUAGES) {
        for (const text of entry.cues[language]) {
          const words = tokenize(text).map(asCompared);
          // An emoji that says it alone ("👋", "🙏"): no word survives normalising it.
          if (words.length === 0) {
            if (text.trim() !== "" && !this.emojiCues.some((cue) => cue.emoji === text.trim() && cue.intent === entry.id)) this.emojiCues.push({ emoji: text.trim(), intent: entry.id });
            continue;
          }
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
    this.cueWordSet = new Set([...byText.values()].flatMap((cue) => cue.words));
    const saying = (id: Intent) =>
      new Set(entries.filter((entry) => entry.id === id).flatMap((entry) => LANGUAGES.flatMap((language) => entry.cues[language].map((text) => tokenize(text).map(asCompared).join(" ") || text.trim()))));
    const goodbyes = saying("goodbye");
    this.farewells = new Set([...saying("greeting")].filter((cue) => goodbyes.has(cue)));
    for (const word of this.cueWordSet) {
      if (word.length < limits.typoMinLength) continue;
      const sameLength = (this.cueWordsByLength[word.length] ??= { words: [], letters: [] });
      sameLength.words.push(word);
      sameLength.letters.push(lettersOf(word));
    }
  }

  /**
   * The one cue word a word is a typo of, if exactly one is a single edit away; of several, the
   * one as long as the word ("thansk" is "thanks", a swap, rather than "thank").
   */
  private cueWordNear(word: string): string | undefined {
    if (word.length < this.limits.typoMinLength || this.knownWords.has(word)) return undefined;
    return this.searchCueWordNear(word);
  }

  private searchCueWordNear(word: string): string | undefined {
    // Which cue words are near, not their order, decides: only the lengths one edit reaches are compared.
    const near: string[] = [];
    const letters = lettersOf(word);
    for (let length = word.length - 1; length <= word.length + 1; length++) {
      const sameLength = this.cueWordsByLength[length];
      if (sameLength === undefined) continue;
      for (let c = 0; c < sameLength.words.length; c++) {
        if (bitCount(letters ^ sameLength.letters[c]!) > 2) continue;
        if (editDistanceWithin(word, sameLength.words[c]!, 1) !== null) near.push(sameLength.words[c]!);
      }
    }
    if (near.length <= 1) return near[0];
    const sameLength = near.filter((cueWord) => cueWord.length === word.length);
    return sameLength.length === 1 ? sameLength[0] : undefined;
  }

  /**
   * What the reader needs to know of a word, looked up once per word instead of in a set each:
   * kept across messages (bounded, cleared whole when full like the other per-word caches).
   */
  private factsOf(word: string): WordFacts {
    let facts = this.wordFacts.get(word);
    if (facts === undefined) {
      const functionWord = FUNCTION_WORDS.has(word);
      facts = {
        text: word,
        cue: this.cueWordSet.has(word),
        functionWord,
        filler: word === NAME || word === SERVICE_NAME || functionWord || this.chatter.has(word) || /^\d+$/.test(word),
        service: this.serviceNameWords.has(word) || SERVICES_WORDS.has(word),
        introduction: NAME_INTRODUCTIONS.has(word),
        cues: this.cuesByFirstWord.get(word),
        fillerLanguage: this.fillerLanguages.get(word),
        near: undefined,
      };
      if (this.wordFacts.size >= WORDS_KEPT) this.wordFacts.clear();
      this.wordFacts.set(word, facts);
    }
    return facts;
  }

  private readonly wordFacts = new Map<string, WordFacts>();

  /** A typed word as the reader compares it: its shorthand spelt out, a stretched last letter cut (a function word is never stretched: "stuff" and "will" are not "stuf" and "wil"). */
  private spelt(typed: string): readonly WordFacts[] {
    let spelt = this.speltWords.get(typed);
    if (spelt === undefined) {
      spelt = (this.abbreviations.get(typed) ?? [typed]).map((word) => this.factsOf(asCompared(word)));
      if (this.speltWords.size >= WORDS_KEPT) this.speltWords.clear();
      this.speltWords.set(typed, spelt);
    }
    return spelt;
  }

  private readonly speltWords = new Map<string, readonly WordFacts[]>();

  /**
   * The one cue word a word is a typo of (see cueWordNear), remembered with the word: the search
   * compares it with every cue word, and the first word of substance of most questions ("xiaomi",
   * "come", "does") is one seen in earlier messages.
   */
  private nearOf(facts: WordFacts): string | undefined {
    if (facts.near === undefined) facts.near = this.cueWordNear(facts.text) ?? null;
    return facts.near ?? undefined;
  }

  /** What the message says besides its words, as the reader was told. */
  read(text: string, { namesNothing = false, namesNoSubject = namesNothing, tokens = tokenize(text), followsUp = false }: MessageFacts = {}): SmalltalkReading | undefined {
    // Most messages stop at their first word of substance: mentions are read only then.
    let mentions: ReadonlySet<string> | undefined;
    // (Loops, not flatMap: flatMap's array per word was a twentieth of answering a question.)
    const words: WordFacts[] = [];
    for (const typed of tokens) for (const word of this.spelt(typed)) words.push(word);
    const isFiller = (word: WordFacts) => word.filler || (mentions ??= mentionsIn(text)).has(word.text);
    // Small talk is typed fast: "grazei", "thnaks", "good mornign" are read as the cue words they
    // miss by one edit, before cues are looked for, so a cue's second word may be the misspelt one.
    let namesServices = false;
    for (let k = 0; k < words.length; k++) {
      const word = words[k]!;
      if (word.cue || isFiller(word)) continue;
      const near = this.nearOf(word);
      if (near !== undefined) {
        words[k] = this.factsOf(near);
        continue;
      }
      // Introducing oneself: "mi chiamo Luca", "sono Marco da Bari", "I'm Anna from Lyon".
      const before = words[k - 1]?.text ?? "";
      const introduces = (words[k - 1]?.introduction ?? false) || ((before === "da" || before === "from") && this.namesPlace(word.text));
      if (introduces) words[k] = this.factsOf(NAME);
      // "sto bot cosa sa fare? tipo posso chiederti di xiaomi pay?", "di quali servizi xiaomi parli?":
      // our services named as what to ask about, in a request for help (and nothing else: "grazie!
      // e xiaomi pay?" asks). A message naming nothing we answer about reads its words as chat
      // around a cue, as before.
      else if (!namesNothing && word.service) {
        words[k] = this.factsOf(SERVICE_NAME);
        namesServices = true;
      }
      // Any other word in a message that names or describes something makes it a question
      // ("grazie, e in Germania?", "ciao, ho un problema col mio Samsung"), unless the message
      // opens with thanks (or a greeting) and asks nothing: what follows says what the thanks are
      // for ("grazie mille, adesso la band paga anche al bar"); but in a conversation a place said
      // there follows up on the answer ("thanks, I live in Spain though").
      else if (!namesNothing || this.namesPlace(word.text)) return followsUp && words.some((later) => this.namesPlace(later.text)) ? undefined : this.courtesyOpening(words, k, text, namesNoSubject);
    }
    const intents: Intent[] = [];
    const languages = new Set<Language>();
    const fillerLanguages = new Set<Language>();
    // Words that are neither cues nor filler, nor used by the knowledge: "Hey bot, just wanted to
    // say thank you", "perfetto, ora vado a provare. a presto!". A few are the chat around a cue.
    let others = 0;
    let firstOther = words.length;
    let i = 0;
    let thanksEnd = -1;
    while (i < words.length) {
      const found = this.cueAt(words, i);
      if (found) {
        // "thank you so much for your help", "grazie mille x l'aiuto": the help is what the thanks are for.
        const thanksFor = found.cue.intent === "help" && thanksEnd >= 0 && thanksEnd < i && words.slice(thanksEnd, i).every((word) => word.functionWord);
        if (found.cue.intent === "thanks") thanksEnd = i + found.length;
        if (thanksFor) {
          i += found.length;
          continue;
        }
        intents.push(this.farewellAfterThanks(found.cue.intent, found.cue.words.join(" "), intents));
        if (found.cue.languages.size === 1) languages.add([...found.cue.languages][0]!);
        i += found.length;
        continue;
      }
      if (!isFiller(words[i]!)) {
        if (others++ === 0) firstOther = i;
        i++;
        continue;
      }
      const fillerLanguage = words[i]!.fillerLanguage;
      if (fillerLanguage !== undefined) fillerLanguages.add(fillerLanguage);
      i++;
    }
    // Emoji close a message more often than they open it ("grazie 👋" takes leave).
    // (An emoji both greeting and goodbye, "👋", is read once, as a greeting that may take leave.)
    for (const { emoji, intent } of this.emojiCues) {
      if (text.includes(emoji) && !(intent === "goodbye" && this.farewells.has(emoji))) intents.push(this.farewellAfterThanks(intent, emoji, intents));
    }
    if (intents.length === 0) return undefined;
    // Chat around a cue, but no question beyond asking for help ("ciao, sai una ricetta?" is not small
    // talk); a question word asks only where a clause starts ("thanks, that's exactly what I needed").
    // Thanks outright still open a longer story ("thanks, got my card on it, just paid for a coffee
    // with the band lol"); a greeting before one is not small talk ("ciao, il telefono si riavvia da solo").
    if (others > this.limits.maxOtherWords) return this.courtesyOpening(words, firstOther, text, false);
    if (others > 0 && asks(text) && !intents.includes("help")) return undefined;
    // Beside our services, only a request for help is small talk ("posso chiederti di xiaomi
    // pay?"): "ciao, youpin spedisce", "ok is xiaomi cloud free" and "grazie! e youpin?" ask about them.
    if (namesServices && !intents.includes("help")) return undefined;
    if (languages.size === 0 && fillerLanguages.size === 1) languages.add([...fillerLanguages][0]!);
    // Help is answered first ("ciao, cosa sai fare?"); otherwise the last thing said is the
    // message's point ("grazie mille, a presto!" takes leave, "grazie per ieri! buongiorno" greets).
    const intent = intents.includes("help") ? "help" : intents.at(-1)!;
    return { intent, language: languages.size === 1 ? [...languages][0] : undefined };
  }

  /**
   * Thanks among the words before `end`, in a message that asks nothing: small talk whatever
   * follows. So is a greeting or a goodbye, when the message names nothing but places ("buongiorno a tutti,
   * sono nuova qui, vengo dal Brasile e abito a Verona").
   */
  private courtesyOpening(words: readonly WordFacts[], end: number, text: string, namesNoSubject: boolean): SmalltalkReading | undefined {
    for (let i = 0; i < end; i++) {
      const found = this.cueAt(words, i);
      if (found === undefined || i + found.length > end) continue;
      const { intent } = found.cue;
      // "buonanotte ragazzi, domani volo per dubai ✈️": a goodbye before where one is going, as a greeting before where one lives.
      const courteous = (intent === "thanks" && found.cue.words.some((word) => THANKING_WORDS.has(word))) || ((intent === "greeting" || intent === "goodbye") && namesNoSubject);
      if (!courteous) continue;
      // "ok thx and what about the gemini assistant": what follows the courtesy goes on to ask.
      const next = words[i + found.length];
      if (asks(text) || this.goesOn(text) || (next !== undefined && CONTINUATIONS.has(next.text))) return undefined;
      return { intent, language: found.cue.languages.size === 1 ? [...found.cue.languages][0] : undefined };
    }
    return undefined;
  }

  /**
   * A clause that opens as a follow-up and names a place or one of our services ("grazie, e in
   * Germania", "thanks. and poland", "ok grazie, e il cloud"): it asks about them; "…, anche se
   * qui piove da tre giorni" tells.
   */
  private goesOn(text: string): boolean {
    for (const clause of text.split(CLAUSE_BREAK)) {
      const words = tokenize(clause);
      if (words.length > 0 && CONTINUATIONS.has(words[0]!) && words.some((word) => this.factsOf(word).service || this.namesPlace(word))) return true;
    }
    return false;
  }

  /** "perfetto grazie, ciao!", "a dopo 👋": a greeting that also takes leave ("ciao", "👋"), after thanks or a goodbye, does. */
  private farewellAfterThanks(intent: Intent, cue: string, before: readonly Intent[]): Intent {
    return intent === "greeting" && (before.includes("thanks") || before.includes("goodbye")) && this.farewells.has(cue) ? "goodbye" : intent;
  }

  /**
   * The cue starting at word `i` that spans the most of the message, and how many words it spans:
   * function words may fall between its words ("che domande ti posso fare", "what kind of stuff
   * can i ask"); of two that fit, "che domande accetti" spans more of "che tipo di domande
   * accetti" than "che tipo di domande".
   */
  private cueAt(words: readonly WordFacts[], i: number): { cue: Cue; length: number } | undefined {
    const cues = words[i]!.cues;
    if (cues === undefined) return undefined;
    let best: { cue: Cue; length: number } | undefined;
    for (const cue of cues) {
      let j = i + 1;
      let k = 1;
      while (k < cue.words.length && j < words.length) {
        if (words[j]!.text === cue.words[k]) k++;
        else if (!words[j]!.functionWord) break;
        j++;
      }
      if (k === cue.words.length && (best === undefined || j - i > best.length)) best = { cue, length: j - i };
    }
    return best;
  }
}

/** Filler words (function words and chatter) only one language uses, with that language. */
export function fillerLanguagesOf(chatter: Readonly<Record<Language, readonly string[]>>): ReadonlyMap<string, Language> {
  const byWord = new Map<string, Set<Language>>();
  for (const language of LANGUAGES) {
    const words = [...LANGUAGE_PACKS[language].functionWords, ...chatter[language].flatMap(tokenize).map(unstretched)];
    for (const word of words) byWord.set(word, (byWord.get(word) ?? new Set()).add(language));
  }
  return new Map([...byWord].filter(([, languages]) => languages.size === 1).map(([word, languages]) => [word, [...languages][0]!]));
}

/** Words that say nothing in a chat message ("ok", "lol", "raga"), as the small-talk reader compares them. */
export function chatterWords(chatter: Readonly<Record<Language, readonly string[]>>): ReadonlySet<string> {
  return new Set(LANGUAGES.flatMap((language) => chatter[language]).flatMap(tokenize).map(unstretched));
}

// "@XiaomiServicesBot", and commands typed in a message ("/start"): names, not words.
const MENTION = /[@/]([\p{L}\p{N}_]+)/gu;
const NO_MENTIONS: ReadonlySet<string> = new Set();

function mentionsIn(text: string): ReadonlySet<string> {
  return text.includes("@") || text.includes("/") ? new Set([...text.matchAll(MENTION)].flatMap((m) => tokenize(m[1]!))) : NO_MENTIONS;
}

// Every mark cuts, glued or not ("grazie,come la configuro"): unlike clauses(), which keeps
// "HyperOS 2.2" whole, nothing here is a name.
const CLAUSE_BREAK = /[,.;:!?\n]+/;
// One-word openings that only make sense after something else ("e", "and", "anche").
const CONTINUATIONS: ReadonlySet<string> = new Set([...wordsOfAllPacks((pack) => pack.continuations)].filter((phrase) => !phrase.includes(" ")));
// Words that may come before a clause's question word: "ok e come…", "and what…", "ma quando…", "btw when…".
const CLAUSE_LEADERS: ReadonlySet<string> = new Set([...CONTINUATIONS, "ok", "okay", "so", "quindi", ...wordsOfAllPacks((pack) => pack.asides)]);
const THANKING_WORDS = wordsOfAllPacks((pack) => pack.thankingWords);

/**
 * A question mark, a question word where a clause starts ("thanks, that's exactly what I needed"
 * asks nothing), or a phrase that opens a question ("volevo sapere quando…").
 */
export function asks(text: string): boolean {
  return text.includes("?") || clauseOpenings(text).some((word) => QUESTION_WORDS.has(word)) || text.search(QUESTION_OPENERS) !== -1;
}

/**
 * The first word of each clause, past an "ok" or "e" ("ok e come…"): where a question word asks
 * rather than joins ("that's exactly what I needed").
 */
function clauseOpenings(text: string): string[] {
  const openings: string[] = [];
  for (const clause of text.split(CLAUSE_BREAK)) {
    const first = tokenize(clause).find((word) => !CLAUSE_LEADERS.has(word));
    if (first !== undefined) openings.push(first);
  }
  return openings;
}

/** A word as cues and messages are compared: a function word as typed ("dell", "all"), any other unstretched. */
function asCompared(word: string): string {
  return FUNCTION_WORDS.has(word) ? word : unstretched(word);
}

