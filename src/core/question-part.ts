/**
 * Which part of a chatty message is its question: what follows a change of subject ("un'altra
 * cosa: …"), what follows a phrase that opens a question ("vuole sapere se …"), and whether the
 * sentences that ask are about one of our services at all or only mention it as context.
 */
import { afterQuestionOpeners, clauses, questionsIn, sentences, turns, type Clause } from "./clauses.js";
import { COMPANY_SERVICE_ID } from "./entities.js";
import { phraseFinder, wordsOfAllPacks } from "./languages/index.js";
import { QUESTION_OPENERS, REFERRING_WORDS } from "./lexicon.js";
import { tokenize, wordCount } from "./normalize.js";
import type { Reading } from "./reading.js";
import { namedService } from "./slots.js";

const LIKENESS_WORDS = wordsOfAllPacks((pack) => pack.likenessWords);
const TURNING_WORDS = wordsOfAllPacks((pack) => pack.turningWords);
const ALTERNATIVE_WORDS = wordsOfAllPacks((pack) => pack.alternativeWords);
const BARE_NEGATIONS = wordsOfAllPacks((pack) => pack.bareNegations);
/** A contrast closed by a bare negation names what it sets against and little else ("alexa e google assistant no"). */
const CONTRAST_MAX_WORDS = 6;
const PURPOSE = phraseFinder((pack) => pack.purposePhrases);
const PLACE_QUESTION_WORDS = wordsOfAllPacks((pack) => pack.placeQuestionWords);
const QUESTION_LEADS = wordsOfAllPacks((pack) => pack.questionLeads);
/** "meglio", "better", "best": a message weighing one thing against another. */
export const PREFERENCE_WORDS = wordsOfAllPacks((pack) => pack.preferenceWords);
// "volevo chiedervi un'altra cosa: …", "off topic, but …": the phrase, a word or two, then a
// pause or a "but" before what is asked now; not "is it XiaoAI or something else?".
const TOPIC_CHANGE_PHRASES = [...wordsOfAllPacks((pack) => pack.topicChangePhrases)];
const TOPIC_CHANGE = new RegExp(
  `(?<![\\p{L}])(?:${TOPIC_CHANGE_PHRASES.map((phrase) => phrase.replaceAll("'", "['’ ]?").replaceAll("-", "[- ]?")).join("|")})(?:\\s+\\p{L}+){0,2}?\\s*(?:[:,;—–-]|\\s(?:but|ma|però|pero)(?![\\p{L}]))`,
  "giu",
);

// The pattern cannot match a message without some phrase's longest word, and a search for those
// words alone costs a fraction of the pattern's lookbehind and Unicode case folding: most messages
// change no subject.
const TOPIC_CHANGE_WORDS = new RegExp(
  TOPIC_CHANGE_PHRASES.map((phrase) => phrase.split(/[^\p{L}]+/u).reduce((longest, word) => (word.length > longest.length ? word : longest))).join("|"),
  "iu",
);

// "… che palle. btw il tema scuro nuovo è bellissimo": an aside opening a sentence.
const ASIDE = new RegExp(`(?<=[.!?…;]\\s*)(?:${[...wordsOfAllPacks((pack) => pack.asides)].join("|")})(?![\\p{L}])`, "giu");

/** What comes before and after a message's last aside ("btw", "comunque", "ps") that opens a sentence. */
export function aside(text: string): { before: string; after: string } | undefined {
  let opened: RegExpMatchArray | undefined;
  // Most messages have none: no array of matches is built for them.
  for (const match of text.matchAll(ASIDE)) opened = match;
  if (opened?.index === undefined) return undefined;
  return { before: text.slice(0, opened.index), after: text.slice(opened.index + opened[0].length) };
}

/** What comes before and after the last change of subject, when what follows says at least `minWords` words. */
export function changeOfSubject(text: string, minWords: number): { before: string; after: string } | undefined {
  if (!TOPIC_CHANGE_WORDS.test(text)) return undefined;
  const changed = [...text.matchAll(TOPIC_CHANGE)].at(-1);
  if (changed === undefined) return undefined;
  const after = text.slice(changed.index + changed[0].length);
  return wordCount(after) >= minWords ? { before: text.slice(0, changed.index), after } : undefined;
}

/**
 * The part of one asking sentence that asks, without the story around it: after its last phrase
 * that opens a question ("…, now I'm wondering if | I can tap to pay") and where it last turns
 * ("io ho l'echo con alexa ma | sono curiosa, esiste anche da noi?").
 */
function askedPiece(sentence: Clause): string {
  const piece = afterQuestionOpeners([sentence], QUESTION_OPENERS).at(-1)!.text;
  const turnedPieces = turns(piece, TURNING_WORDS);
  // "come mai in cina xiaoai ha preso piede mentre alexa no?": a turn to others that only says "not
  // them" sets them against what is asked, which comes before it.
  const turned = (turnedPieces.length > 1 && onlyNegates(turnedPieces.at(-1)!) ? turnedPieces.at(-2) : turnedPieces.at(-1)) ?? piece;
  // "how do i root my redmi so i can flash the chinese rom and get xiaoai": what comes before the
  // purpose is what is asked.
  const purpose = turned.search(PURPOSE);
  return purpose > 0 ? turned.slice(0, purpose) : turned;
}

/**
 * "alexa e google assistant no", "whereas alexa not": a few words closed by a bare "no"/"not", as
 * in a contrast with no verb of its own; not "funziona o no" (which asks whether).
 */
function onlyNegates(piece: string): boolean {
  const words = tokenize(piece);
  return words.length <= CONTRAST_MAX_WORDS && BARE_NEGATIONS.has(words.at(-1)!) && !ALTERNATIVE_WORDS.has(words.at(-2) ?? "");
}

/**
 * The last clause of a sentence, when other clauses come before it and it asks on its own: opened
 * by "where"/"dove" ("…i pay with xiaomi pay every day, where can i get it repaired?"), or by
 * another question word and pointing back at none of them ("…how much is a new strap?" asks about
 * the strap; "…xiaoai only speaks chinese, can i turn it on with a global rom?" about XiaoAI).
 */
function lastClauseAsked(sentence: Clause): string | undefined {
  const said = clauses(sentence.text);
  if (said.length < 2) return undefined;
  const last = said.at(-1)!.text;
  const words = tokenize(last);
  const first = words[0] ?? "";
  return PLACE_QUESTION_WORDS.has(first) || (QUESTION_LEADS.has(first) && !words.some((word) => REFERRING_WORDS.has(word))) ? last : undefined;
}

/**
 * "back home I used apple pay, now I'm wondering if I can tap to pay with the watch here": another
 * company's product told as the story, while what is asked names none, nor anything we do not
 * cover, nor weighs one thing against another ("I use GetApps. but which is the best VPN?"). Not
 * when the whole message is what asks ("apple pay funziona sulla mi band?").
 */
export function othersOnlyAsContext(reading: Reading, read: (text: string) => Reading, shops: ReadonlySet<string>): boolean {
  const said = sentences(reading.text);
  // "…vorrebbe sapere se Samsung Cloud è migliore. Voi che ne pensate?": a question that only
  // points back asks about the sentence before it.
  const parts = questionsIn(said).map((sentence) => {
    const piece = askedPiece(sentence);
    const before = said[said.indexOf(sentence) - 1];
    return before !== undefined && onlyPointsBack(piece, read) ? `${before.text} ${piece}` : piece;
  });
  // One sentence asking as a whole, its question mark aside, is the whole message.
  if (said.length === 1 && parts.length === 1 && parts[0] === said[0]!.text) return false;
  return parts.every((part) => {
    const { recognition } = read(part);
    return recognition.offTopic.length === 0 && recognition.otherProducts.every((product) => shops.has(product)) && !tokenize(part).some((word) => PREFERENCE_WORDS.has(word));
  });
}

/** "what do you think of it?", "voi che ne pensate?": a word pointing back, and nothing named or described. */
function onlyPointsBack(text: string, read: (text: string) => Reading): boolean {
  const words = tokenize(text);
  if (!words.some((word) => REFERRING_WORDS.has(word))) return false;
  const { recognition, described } = read(text);
  return recognition.services.length === 0 && recognition.otherProducts.length === 0 && recognition.regions.length === 0 && described.services.length === 0 && recognition.offTopic.length === 0;
}

/** A service of ours named, guessed or described (a reading's descriptions are among its guesses; the company alone is not one). */
const namesOurs = (reading: Reading) => namedService(reading.recognition) !== undefined;

/**
 * "ho la band 6 nfc con xiaomi pay e mi trovo bene, ma il cinturino si è rotto: dove la riparo
 * in garanzia?": the service is what the asker has, said in passing; the sentences that ask name
 * none of ours and ask about a subject we do not cover or another company's product. Read by
 * sentence: a question runs on over its commas ("can I get XiaoAI in Austria, or is it only
 * Google Assistant here?").
 * @param read reads one sentence as a whole message is read (the caller keeps each reading, so a text is read once)
 * @param shops where a device was bought: named beside a service, not another company's product
 * @param offTopicDeclinesAt how many subjects we do not cover decline a message (DEFAULTS.answering)
 */
export function asksBesideTheService(reading: Reading, read: (text: string) => Reading, shops: ReadonlySet<string>, offTopicDeclinesAt: number): boolean {
  const { recognition } = reading;
  const otherCompanies = (products: readonly string[]) => products.some((product) => !shops.has(product));
  if (recognition.offTopic.length === 0 && !otherCompanies(recognition.otherProducts)) return false;
  // Only a service of ours can be the context of another question; the company alone is handled as a subject of its own.
  if (!namesOurs(reading)) return false;
  const parts = sentences(reading.text);
  const asked = questionsIn(parts);
  // What a sentence turns to is what it asks: "io ho l'echo con alexa ma sono curiosa, esiste anche
  // da noi?", "back home I used apple pay, now I'm wondering if I can tap to pay with the watch",
  // "I pay with xiaomi pay on my band, but how do I set up apple pay on my iphone?".
  const pieces = asked.map((sentence) => {
    const piece = askedPiece(sentence);
    return (parts.length === 1 && piece === sentence.text && lastClauseAsked(sentence)) || piece;
  });
  if (asked.length === parts.length && pieces.every((piece, i) => piece === asked[i]!.text)) return false;
  // Another company's product offered as the other choice is not what is asked: "esiste una
  // versione in italiano o devo rassegnarmi e usare google assistant?". A subject we do not cover
  // is, whichever choice it is: "il trucco del riso funziona o va portato in assistenza?".
  const turnedTo = pieces.map((piece) => read(turns(piece, ALTERNATIVE_WORDS)[0] ?? piece));
  // Beside a rival's payment or cloud ("apple pay funziona con le carte postepay?"), a bank or a
  // feature describes the rival's use, not ours: only our name makes it ours.
  // Nor does a device that could pay, beside as many subjects we do not cover as decline a message
  // ("la smart band 10 nfc quando esce e a che prezzo?").
  const namedByName = (r: Reading) => r.recognition.services.some((id) => id !== COMPANY_SERVICE_ID);
  const asksOurs = (r: Reading) => (r.recognition.rivalProductWords.length === 0 && new Set(r.recognition.offTopic).size < offTopicDeclinesAt ? namesOurs(r) : namedByName(r));
  return (
    !turnedTo.some(asksOurs) &&
    (turnedTo.some((r) => otherCompanies(r.recognition.otherProducts) && !likens(r.text)) || pieces.some((piece) => read(piece).recognition.offTopic.length > 0))
  );
}

/** "ma è tipo google assistant?", "is it like Kickstarter?": another company's product named as a likeness asks about ours. */
export function likens(text: string): boolean {
  return tokenize(text).some((word) => LIKENESS_WORDS.has(word));
}
