/**
 * Which of the places a message names is the one it asks about: "in Polonia va con tante banche,
 * e in Italia?", "I'm in the UK, or is it China only?", "preso in Polonia, vorrei usarlo qui in Italia".
 */
import { clauses, questionsIn, sentences, turns } from "./clauses.js";
import { EUROPEAN_COUNTRIES } from "./countries.js";
import { LEADING_LABEL, namesAsPlace, pointsToPlace, regionTerm, type EntityRecognizer, type Recognition } from "./entities.js";
import { phraseFinder, wordsOfAllPacks } from "./languages/index.js";
import { QUESTION_OPENERS } from "./lexicon.js";
import { tokenize } from "./normalize.js";
import type { Language } from "./schema.js";
import type { CoreOptions } from "./defaults.js";

const TURNING_WORDS = wordsOfAllPacks((pack) => pack.turningWords);
const ASKING_TURN_WORDS = wordsOfAllPacks((pack) => pack.askingTurnWords);
// "…, or is it a Ukraine thing?": a clause offering another choice.
const ALTERNATIVE_START = new RegExp(`^\\s*(?:${[...wordsOfAllPacks((pack) => pack.alternativeWords)].join("|")})(?![\\p{L}])`, "iu");
// "qui in Italia", "over here in the Netherlands": a place named within this many characters after "here".
const HERE = phraseFinder((pack) => pack.hereWords);
// "moved here from Dublin": "here" set against where someone comes from.
const HERE_FROM = new RegExp(`^\\s+(?:${[...wordsOfAllPacks((pack) => pack.cityOriginWords)].join("|")})(?![\\p{L}])`, "iu");
// "come qui", "same as here": the place "here" is what the question compares another with.
const LIKE_HERE = phraseFinder((pack) => pack.likeHerePhrases, "['’\\s]+");
// "tipo", "such as": a place after them is an example of one named before it.
const EXAMPLE = phraseFinder((pack) => pack.examplePhrases, "['’\\s]+");
// "I'm in", "vivo a": the place after them is where the asker is.
const ASKER_PLACE = phraseFinder((pack) => pack.askerPlacePhrases, "['’\\s]+");
// "I'm from", "vengo da": the place after them is the asker's own country.
const ASKER_ORIGIN = phraseFinder((pack) => pack.askerOriginPhrases, "['’\\s]+");
// "my country", "nel mio paese": the asker's own country.
const HOME_COUNTRY = phraseFinder((pack) => pack.homeCountryPhrases, "['’\\s]+");
// "travelling around", "parto per": the place after them is where the asker is going.
const DESTINATION = phraseFinder((pack) => pack.destinationPhrases, "['’\\s]+");
// "tornata ora da un viaggio a Pechino", "just got back from Shanghai": the place after them is where the asker was.
const RETURNED = phraseFinder((pack) => pack.returnedWords);

/** Whether a message says "here" of a place: not in "just moved here from Dublin". */
export function saysHere(text: string): boolean {
  for (const here of text.matchAll(HERE)) if (!HERE_FROM.test(text.slice(here.index + here[0].length))) return true;
  return false;
}

export class AskedRegion {
  /** @param origin where the services come from (China): named beside another place, it is where they are known to be. */
  constructor(
    private readonly recognizer: EntityRecognizer,
    private readonly origin: string,
    private readonly reach: Pick<CoreOptions["reading"], "hereReach" | "herePlaceWords" | "askerPlaceWords" | "returnedPlaceWords">,
  ) {}

  /**
   * The region a message asks about. With several, the one in the clause that asks; a region the
   * message looks beyond ("fuori dall'Italia, tipo in Austria?") is not the one asked.
   * @param asksWhether the message asks whether something works or can be had ("si può usare")
   */
  of(text: string, recognition: Recognition, language: Language, asksWhether = false): string | undefined {
    const kept = recognition.regions.filter((code) => !recognition.excludedRegions.includes(code));
    // Most messages name one place or none and need neither: read once, when a rule first asks.
    // A clause asks when its sentence does: "Does it work in Italy with any Mastercard, or only
    // with specific banks? The UK side I'll figure out myself."
    let saidOnce: ReturnType<typeof sentences> | undefined;
    let askingOnce: ReturnType<typeof questionsIn> | undefined;
    const said = () => (saidOnce ??= sentences(text));
    const asking = () => (askingOnce ??= questionsIn(said()));
    let saysHereOnce: boolean | undefined;
    const mentionsHere = () => (saysHereOnce ??= text.search(HERE) !== -1);
    // "mio genero è di Praga, chiede se lì c'è": no place named, "there" points at where someone is from.
    // "i am from chisinau, xiaomi pay exist here?": "here", with no other place, is where the asker
    // is from; not in "just moved here from dublin".
    // "youpin si può usare da milano?": asked whether it works from a city, in the sentence that
    // asks, is asked of that city; not "just moved here from dublin… do i need it?".
    if (kept.length === 0 && recognition.originCities.length > 0) {
      const pointsThere = asking().some((sentence) => {
        const place = this.recognizer.recognise(sentence.text, language);
        return saysHere(sentence.text) || pointsToPlace(place) || (asksWhether && place.originCities.length > 0 && !mentionsHere());
      });
      return pointsThere ? recognition.originCities.at(-1) : undefined;
    }
    // "i am from Romania… bought my band in Italy on holiday, does the payment work also in my
    // country?": the asker's own country is where they come from, not where they are or bought.
    // Said in a sentence that asks, or in any when none has a question mark.
    const noneAsks = () => said().every((sentence) => !sentence.asks);
    if ((kept.length > 1 || recognition.originCities.length > 0) && said().some((sentence) => (sentence.asks || noneAsks()) && sentence.text.search(HOME_COUNTRY) !== -1)) {
      const home = this.placesAfter(ASKER_ORIGIN, text, kept, language);
      if (home.length > 0) return home.at(-1);
      // "im from Warsaw, living in Bologna now. back home does xiaomi pay work on the band 6?": a city.
      if (recognition.originCities.length > 0) return recognition.originCities.at(-1);
    }
    // "originally from Gdańsk but living in Turin… going back home: can my band pay there?": "there"
    // points past the asker's place to where they come from.
    if (recognition.originCities.length > 0 && kept.length > 0 && !mentionsHere()) {
      const askerPlaces = [...text.matchAll(ASKER_PLACE)].map((phrase) => this.placeRightAfter(phrase, text, kept, language));
      const pastTheAsker = askerPlaces.length > 0 && kept.every((code) => askerPlaces.includes(code) || !namesAsPlace(recognition, code));
      // Not when the question names the place itself: "io sto a Napoli e volevo sapere se c'è anche da noi in Italia".
      const places = pastTheAsker ? asking().map((sentence) => this.recognizer.recognise(sentence.text, language)) : [];
      if (places.some(pointsToPlace) && !places.some((place) => place.regions.some((code) => kept.includes(code) && namesAsPlace(place, code)))) return recognition.originCities.at(-1);
    }
    // Whether the sentences that ask are only some of the message and name or point at no place.
    const askingNamesNoPlace = () =>
      asking().length < said().length &&
      asking().every((sentence) => {
        const place = this.recognizer.recognise(sentence.text, language);
        return place.regions.length === 0 && !pointsToPlace(place);
      });
    // "Salve, io sono inglese, scusate il mio italiano. Da quale anno esiste Xiao AI?": a
    // nationality said before the question, which names no place, is who asks, not where.
    if (kept.length > 0 && kept.every((code) => !namesAsPlace(recognition, code) && !recognition.bankRegions.includes(code)) && !mentionsHere() && askingNamesNoPlace()) return undefined;
    // "tornata ora da un viaggio a pechino… ma sul mio xiaomi comprato qui lo posso attivare?": the
    // one place named, where the asker came back from, is not what a question naming none asks.
    if (kept.length === 1 && this.placesAfter(RETURNED, text, kept, language, this.reach.returnedPlaceWords).length > 0 && askingNamesNoPlace()) return undefined;
    // One place or none: nothing to choose (most messages).
    if (kept.length <= 1) return kept[0];
    // "xiaomi pay nell'europa dell'est tipo in romania si usa?": one European country given as
    // Europe's example is the place asked; several ("like Portugal or Spain") leave Europe asked.
    if (kept.length === 2 && kept.includes("EU")) {
      const example = kept.find((code) => code !== "EU")!;
      if (EUROPEAN_COUNTRIES.has(example) && this.placesAfter(EXAMPLE, text, [example], language).length > 0) return example;
    }
    // "Io sto a Bologna e qui va con la Nexi, ma in Albania funziona?": what a question turns to asks.
    const askingParts = asking().map((sentence) => turns(sentence.text, TURNING_WORDS).at(-1) ?? sentence.text);
    // "I'm in the UK, or is it China only?": the region set against the one asked is not it; but
    // "only" outside the question sets nothing against it ("I'm only in Czechia a few times a year").
    const contrasted =
      recognition.contrastRegions.length === 0
        ? recognition.contrastRegions
        : asking().flatMap((sentence) => this.recognizer.recognise(sentence.text, language).contrastRegions);
    // "col mio xiaomi comprato in italia posso usare mi pay una volta arrivato lì?": where a thing
    // was bought or someone comes from is background beside any other place.
    // Unless the asker says "here": "comprato in Italia… arriverà anche qui?".
    const background = recognition.backgroundRegions.length > 0 && !mentionsHere() ? recognition.backgroundRegions : [];
    // "my Visa from an Italian bank doesn't show up. is Visa a Poland-only thing?": a place set
    // against others that only an adjective implies is still the one asked.
    const namedBesideContrast = kept.some((code) => !contrasted.includes(code) && namesAsPlace(recognition, code));
    const asked = kept.filter((code) => !background.includes(code) && !(contrasted.includes(code) && namedBesideContrast));
    const candidates = asked.length > 0 ? asked : kept;
    const parts = said().flatMap((sentence) => clauses(sentence.text).map((clause) => ({ text: clause.text, asks: sentence.asks })));
    let askerPlaces: string[] | undefined;
    const askerIn = () => (askerPlaces ??= this.placesAfter(ASKER_PLACE, text, candidates, language));
    let pointing: boolean | undefined;
    const pointsThere = () => (pointing ??= askingParts.some((part) => pointsToPlace(this.recognizer.recognise(part, language))));
    // "I'm in Italy but flying to Shanghai next week: can I use it over there?": the place the
    // asker says they are in is not the one "there" points at, even the services' origin; but
    // "sono italiano ma vivo in Portogallo, lì c'è?" names no other place.
    // "Belarus: did Xiaomi Pay ever go live there, or was it just Russia and Ukraine?": "there" is the message's label.
    const label = LEADING_LABEL.exec(text)?.[1];
    if (label !== undefined && candidates.length > 1 && pointsThere()) {
      const labelled = this.recognizer.recognise(label, language).regions.filter((code) => candidates.includes(code));
      if (labelled.length === 1) return labelled[0];
    }
    // "Aussie here travelling around Italy, can I use xiaomi pay there with my australian card?":
    // "there" points at where the asker is going.
    // Even one an "only" sets against another: "I travel a lot to Athens… will it work there too
    // or only with greek bank?" asks about Greece.
    if (kept.length > 1 && pointsThere()) {
      const going = this.placesAfter(DESTINATION, text, kept, language);
      if (going.length > 0) return going.at(-1);
    }
    if (candidates.length > 1 && !mentionsHere() && askerIn().length > 0 && pointsThere()) {
      const others = candidates.filter((code) => !askerIn().includes(code) && namesAsPlace(recognition, code));
      if (others.length > 0) return this.lastNamed(parts, others, language, recognition);
    }
    // "vivo a Madrid… volevo sapere se xiaomi pay in Spagna è mai arrivato, perché qui nessuno ne
    // sa niente e in Italia invece c'è": the clause a question opener opens names the place asked.
    for (const opener of [...text.matchAll(QUESTION_OPENERS)].reverse()) {
      const opened = clauses(text.slice(opener.index + opener[0].length))[0]?.text ?? "";
      const place = this.recognizer.recognise(opened, language);
      const named = place.regions.filter((code) => candidates.includes(code) && namesAsPlace(place, code));
      if (named.length === 1) return named[0];
      // "mi chiede se esiste qualche banca tedesca che si collega a xiaomi pay": with no place named
      // there, the one place an adjective implies.
      const implied = named.length === 0 ? place.regions.filter((code) => candidates.includes(code)) : [];
      if (implied.length === 1) return implied[0];
    }
    // Beside another region, the services' origin is where they are known to be, not what is asked,
    // unless the question names it alone ("does Mi Cloud work in China? I'm from Italy").
    const lastAsking = candidates.length > 1 ? said().filter((c) => c.asks).at(-1) : undefined;
    const placesIn = (part: string) => this.recognizer.recognise(part, language).regions.filter((code) => candidates.includes(code));
    let askedThere = lastAsking === undefined ? [] : placesIn(lastAsking.text);
    // "in india mi pay l'hanno chiuso, ma in cina c'è ancora?": a sentence running on over a comma
    // asks in its last clause when that clause turns to a question of its own.
    const lastClause = askedThere.length > 1 ? clauses(lastAsking!.text).at(-1)?.text : undefined;
    if (lastClause !== undefined && ASKING_TURN_WORDS.has(tokenize(lastClause)[0] ?? "")) {
      const inLastClause = placesIn(lastClause);
      if (inLastClause.length === 1) askedThere = inLastClause;
    }
    // "a lisbona il backup su mi cloud funziona? in italia mi salva contatti e note": a city the
    // question names is asked, though a country named outside it would otherwise come first.
    if (askedThere.length === 1 && recognition.cityRegions.includes(askedThere[0]!) && !recognition.backgroundRegions.includes(askedThere[0]!) && !mentionsHere()) return askedThere[0];
    // "perché in cina sì e qui no?": the origin set beside "here" in the part that asks is what
    // "here" is compared with, not the place asked; "qui non va, ma in cina va?" turns to it alone.
    const originAsked =
      askedThere.length === 1 && askedThere[0] === this.origin && !saysHere(turns(lastAsking!.text, TURNING_WORDS).at(-1) ?? lastAsking!.text);
    const places = candidates.length > 1 && !originAsked ? candidates.filter((code) => code !== this.origin) : candidates;
    // "In Grecia funziona con la mia carta italiana?": a place named beats one an adjective implies;
    // so does a city that "there" points at ("parto per Praga… con la mia carta italiana funziona lì?").
    const named = places.filter((code) => !recognition.impliedRegions.includes(code) || (recognition.cityRegions.includes(code) && pointsThere()));
    const regions = named.length > 0 ? named : places;
    const hereSaid = candidates.length > 1 && mentionsHere();
    if (regions.length <= 1 && !hereSaid) return regions[0];
    const placeAfter = (here: RegExpMatchArray, within: string) => {
      const after = here.index! + here[0].length;
      // "qui in Italia", "over here in the Netherlands": right after, before any pause ("here or is it a Ukraine thing?" names none).
      const place = this.recognizer.recognise(wordsBeforePause(within.slice(after, after + this.reach.hereReach), this.reach.herePlaceWords), language);
      return place.regions.find((code) => candidates.includes(code) && namesAsPlace(place, code));
    };
    // "I'm in Milan on erasmus, from Spain originally. is it available here?": "here" with no place
    // after it is the city the asker is in.
    // "My cousin in Kyiv pays with it. I'm in Italy: can I do the same here?": the place the asker
    // says they are in, before any city.
    // Only a "here" in the question: "I hope this is ok to ask here." is about the chat.
    // Not when a later clause asks about a place of its own: "mexican living in italy here, youpin
    // ships to mexico?"; but "can I do the same here, or is it a Ukraine thing?" still asks here.
    const hereAsked = hereSaid && askingParts.some((part) => this.asksHere(part, candidates, language));
    // The places named right after each "here", read once for the rules below.
    const afterHere = hereSaid ? [...text.matchAll(HERE)].map((here) => placeAfter(here, text)).filter((code) => code !== undefined) : [];
    // A place compared with "here" is the one asked, even the services' origin ("il backup in Cina
    // funziona come qui in Italia?"): "here" is the place named after it, else where the asker
    // says they are ("papà è in tunisia e io sto a genova: in tunisia funziona come qui da noi?").
    if (askingParts.some((part) => part.search(LIKE_HERE) !== -1)) {
      const hereIs = afterHere.length > 0 ? afterHere : askerIn();
      const others = candidates.filter((code) => !hereIs.includes(code));
      if (hereIs.length > 0 && others.length > 0) return this.lastNamed(parts, others, language, recognition);
    }
    if (hereAsked && afterHere.length === 0) {
      if (askerIn().length > 0) return askerIn().at(-1);
      // "sono moldava, badante a Verona. Mia figlia a Chisinau paga col braccialetto… Io qua posso
      // con Postepay?": among the cities named, the one of the bank the question asks with; not a
      // bank said beside it ("in erasmus a Varsavia, qui la band paga? a casa a Verona uso la nexi").
      const cities = candidates.filter((code) => recognition.cityRegions.includes(code));
      if (cities.length > 1 && recognition.bankRegions.length > 0) {
        const bankAsked = askingParts.flatMap((part) => this.recognizer.recognise(part, language).bankRegions);
        const bankedCity = cities.find((code) => bankAsked.includes(code));
        if (bankedCity !== undefined) return bankedCity;
      }
      if (cities.length > 0) return cities[0];
      // "in Repubblica Ceca ci si paga, ma qui da noi? ho una mastercard di Hype": with no city, the asker's bank.
      const banked = candidates.filter((code) => recognition.bankRegions.includes(code));
      if (banked.length === 1) return banked[0];
    }
    // "io qui in Italia so che non va, ma lì invece?": a question pointing "there" asks about a
    // place other than the asker's own.
    const elsewhere = afterHere.length > 0 && pointsThere() ? afterHere : [];
    if (elsewhere.length > 0) {
      const others = places.filter((code) => !elsewhere.includes(code));
      if (others.length > 0) return this.lastNamed(parts, others, language, recognition);
    }
    return this.lastNamed(parts, regions, language, recognition, placeAfter);
  }

  /**
   * Where the message says the asker is, lives, is going or comes from ("I'm in Minsk visiting
   * family", "parto per Shanghai settimana prox", "sono Marco da Bari", "hello from Kyiv"): a
   * conversation remembers it for a later "here" or "there".
   */
  askerPlaceOf(text: string, recognition: Recognition, language: Language): string | undefined {
    if (recognition.regions.length === 0 && recognition.originCities.length === 0) return undefined;
    const kept = recognition.regions.filter((code) => !recognition.excludedRegions.includes(code));
    return this.placesAfter(ASKER_PLACE, text, kept, language).at(-1) ?? this.placesAfter(DESTINATION, text, kept, language).at(-1) ?? recognition.originCities.at(-1);
  }

  /** Whether "here" is in the part of a question that asks, not only in what it says before asking about a place of its own. */
  private asksHere(part: string, candidates: readonly string[], language: Language): boolean {
    const said = clauses(part).map((clause) => clause.text);
    let last = -1;
    for (let i = 0; i < said.length; i++) if (said[i]!.search(HERE) !== -1) last = i;
    if (last === -1) return false;
    return said.slice(last + 1).every((clause) => ALTERNATIVE_START.test(clause) || !this.recognizer.recognise(clause, language).regions.some((code) => candidates.includes(code)));
  }

  /** Whether the message says the asker is in `code` ("I'm in Shenzhen", "sto a Pechino"). */
  askerIsIn(text: string, code: string, language: Language): boolean {
    return this.placesAfter(ASKER_PLACE, text, [code], language).length > 0;
  }

  /** The places among `candidates` named right after each of the phrases ("I'm in", "parto per"). */
  private placesAfter(phrases: RegExp, text: string, candidates: readonly string[], language: Language, reach = this.reach.askerPlaceWords): string[] {
    return [...text.matchAll(phrases)].map((phrase) => this.placeRightAfter(phrase, text, candidates, language, reach)).filter((code) => code !== undefined);
  }

  /**
   * The place named right after a phrase ("I'm in Italy with a card", "vivo a Milano"), read with
   * the phrase's last word ("in", "a") so that a city counts, and only up to the next pause.
   */
  private placeRightAfter(phrase: RegExpMatchArray, text: string, candidates: readonly string[], language: Language, reach = this.reach.askerPlaceWords): string | undefined {
    const end = phrase.index! + phrase[0].length;
    const lastWord = phrase[0].match(/[\p{L}]+$/u)?.[0] ?? "";
    const place = this.recognizer.recognise(`${lastWord} ${wordsBeforePause(text.slice(end), reach)}`, language);
    return place.regions.find((code) => candidates.includes(code));
  }

  /**
   * The clauses that ask first, then the others ("volevo sapere se funziona in Germania" asks
   * without a question mark; "he lives in the UK now... does it work over there?" names the place
   * before the question), each from the end: the first of `regions` named there.
   */
  private lastNamed(
    parts: ReadonlyArray<{ text: string; asks: boolean }>,
    regions: readonly string[],
    language: Language,
    recognition: Recognition,
    placeAfter?: (here: RegExpMatchArray, within: string) => string | undefined,
  ): string | undefined {
    const fromTheEnd = [...parts].reverse();
    for (const clause of [...fromTheEnd.filter((c) => c.asks), ...fromTheEnd.filter((c) => !c.asks)]) {
      // "works in Poland but not in Holland??": the question turns to the last case it names.
      for (const part of turns(clause.text, TURNING_WORDS).reverse()) {
        // "preso in Polonia, vorrei usarlo qui in Italia", "does it work over here in the
        // Netherlands?": the place named right after "here" is where the asker is; a place, not
        // an adjective ("qui? ho la carta italiana").
        for (const here of placeAfter === undefined ? [] : part.matchAll(HERE)) {
          const there = placeAfter!(here, part);
          if (there !== undefined) return there;
        }
        // Of two it names, the one the message names again: "è sbarcato in Spagna e in Germania? A me
        // interessa soprattutto la Germania".
        let inPart: string | undefined;
        let mostNamed = -1;
        for (const code of this.recognizer.recognise(part, language).regions) {
          if (!regions.includes(code)) continue;
          const named = timesNamed(recognition, code);
          if (named > mostNamed) [inPart, mostNamed] = [code, named];
        }
        if (inPart !== undefined) return inPart;
      }
    }
    return regions[0];
  }
}

/** How many times a message names a region (each mention is one of its terms). */
function timesNamed(recognition: Recognition, code: string): number {
  const term = regionTerm(code);
  let count = 0;
  for (const word of recognition.words) if (word === term) count++;
  return count;
}

/** At most `count` words from the start of `text`, stopping at the first pause ("Italy with a card, same band" → "Italy with a"). */
function wordsBeforePause(text: string, count: number): string {
  return text.split(/[,.;:!?]/)[0]!.trim().split(/\s+/).slice(0, count).join(" ");
}
