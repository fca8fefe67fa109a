/** English: how messages are read and answers are worded. */
import { createRequire } from "node:module";
import countries from "i18n-iso-countries/langs/en.json" with { type: "json" };
import { wordList, type LanguagePack } from "./pack.js";

export const english: LanguagePack = {
  code: "en",
  name: "English",
  functionWords: wordList(
    "the a an of to in on at for with by from and or but is are was were be been being am do does did doing " +
      "it its this that these those there here i me my mine we us our you your he him his she her they them " +
      "their has have had having not no so if then than too very just also any some about into as up out " +
      "get got will would shall should may might must could can s t d ll re ve m anyone anybody someone " +
      "know guys please pls plz currently now today still yet already all every other really actually " +
      "one ones thing things gonna wanna kind sort stuff lot bit even ever",
  ),
  markers: wordList(
    "the is are does do did can could what whats how why when where which who my your you it this that there with from of to and not yes hello hi hey thanks thank please still any work works available anyone know use i get yo thx cya bye bro",
  ),
  referringWords: wordList("it its they them their there that this he him his she her"),
  continuations: ["and", "what about", "how about", "also", "but", "then", "same for", "same with", "same on", "same question for", "same goes for", "does the same go for", "same applies to", "does the same apply to"],
  placeWords: wordList("the in from across"),
  meansWords: { before: wordList("with on from via through using in into"), between: wordList("the a an my your his her their our its") },
  cityOriginWords: wordList("from"),
  cityPlaceWords: wordList("in at to near around about visiting visit"),
  // "me from London" is who someone is: English says where it asks from with "from" after the verb ("can I order from London?").
  askerPronouns: [],
  askerPlacePhrases: ["i m in", "im in", "i am in", "i live in", "living in", "i m based in", "based in", "i m staying in", "staying in", "moved to", "moved back to", "we live in", "with us in", "re back home in", "m back home in", "re back in", "m back in"],
  phrasesNamingNoProduct: [],
  askerOriginPhrases: ["i m from", "im from", "i am from", "originally from", "i come from", "we re from", "we are from"],
  homeCountryPhrases: ["my country", "my home country", "my own country", "my homeland", "back home"],
  hereWords: wordList("here"),
  likeHerePhrases: ["like here", "as here", "same as here", "like over here", "as it does here", "like it does here"],
  examplePhrases: ["like", "such as", "for example", "for instance", "e g", "eg", "especially", "in particular", "specifically"],
  thereWords: wordList("there"),
  thereAtClauseEnd: [],
  clauseTurningWords: wordList("or but"),
  existentialWords: wordList("is are was were isnt arent s"),
  likenessWords: wordList("like similar kinda sorta alike compared"),
  equivalenceWords: wordList("equivalent equivalents alternative counterpart similar like"),
  counterpartPhrases: ["its own", "their own", "s own", "s version of", "a xiaomi version", "xiaomi version of it"],
  preferenceWords: wordList("better best worse worst cheaper"),
  servicesWords: wordList("services service"),
  languageUseWords: { before: wordList("in speak speaks speaking understand understands support supports write answer reply"), after: wordList("pls please plz"), joining: wordList("or and") },
  questionWords: wordList("how what why when where which who can could"),
  topicChangePhrases: ["off topic", "off-topic", "unrelated", "different question", "another question", "something else", "changing the subject", "change of subject", "on another note", "side question", "random question", "not related", "different topic", "other question"],
  questionOpeners: ["know if", "know whether", "wondering if", "wondering whether", "ask if", "ask whether", "tell me if", "tell me whether", "find out if", "find out whether", "sure if", "sure whether", "know how", "know when", "know why", "know which", "know where", "tell me how", "tell me when", "asking if", "asking whether", "asks if", "wonder if", "wonder whether", "curious if", "curious whether", "check if", "checking if", "know what", "tell me what"],
  correctionPhrases: ["meant", "mean", "correction"],
  homeDeviceWords: wordList("lamp lamps bulb bulbs lights vacuum purifier camera cameras tv plug plugs"),
  phoneWords: wordList("phone phones smartphone smartphones"),
  phoneOwnerWords: wordList("my"),
  personOriginPhrases: ["m from", "am from", "originally from", "come from", "comes from", "im from", "re from", "bought in", "purchased in", "bought from", "ordered from", "s from", "flying from", "travelling from", "traveling from", "made in", "created in", "registered in", "opened in"],
  sourceWords: wordList("source sources link links proof citation"),
  doubtWords: wordList("sure really seriously certain"),
  thankingWords: wordList("thanks thank thx tnx thnx thanx ty tysm tyvm thankyou tks cheers"),
  asides: wordList("btw anyway anyways ps"),
  boughtWords: wordList("bought purchased got ordered"),
  excludingWords: wordList("outside except beyond besides"),
  bareNegations: wordList("not no"),
  negatingWords: wordList("not"),
  onlyWords: wordList("only locked exclusive"),
  wantingWords: wordList("want need care"),
  beingWords: wordList("am im"),
  likeningPlaceWords: wordList("like"),
  turningWords: wordList("but whereas"),
  askingTurnWords: wordList("but"),
  purposePhrases: ["so i can", "so that i can", "so i could", "in order to", "without losing", "without breaking"],
  placeQuestionWords: wordList("where"),
  alternativeWords: wordList("or otherwise"),
  destinationPhrases: ["travelling around", "traveling around", "travelling to", "traveling to", "travelling in", "traveling in", "trip to", "flying to", "going to", "heading to", "holiday in", "holidays in", "vacation in", "visiting", "moving to", "move to", "relocating to", "travel to", "travel a lot to", "travel often to", "fly to", "go to"],
  whenWords: wordList("when"),
  returnedWords: ["back from", "returned from", "came back from", "home from"],
  questionLeads: wordList("how what why when where which who can could is are does do did will would should"),
  codesNeedingCapitals: ["us"],
  stemOverrides: {},
  // Required on the first word to stem, not at start: see stemmer.ts.
  stemmer: () => {
    const { StemmerEn } = createRequire(import.meta.url)("@nlpjs/lang-en-min") as typeof import("@nlpjs/lang-en-min");
    return new StemmerEn();
  },
  countryNames: countries.countries,
  months: wordList("January February March April May June July August September October November December"),
  statusWords: { available: "available", partial: "partly available", unavailable: "not available", unknown: "status unknown" },
  dateWithMeaning: (formatted, _precision, meaning) => `${meaning === "since" ? "since" : "as of"} ${formatted}`,
  texts: {
    europe: "Europe",
    source: "Source",
    sources: "Sources",
    asOf: "as of",
    history: "Before",
    unknownIn: (service, region) => `${service} – ${region}: none of my sources covers it, so I cannot say whether it is available.`,
    knownPlaces: "Where I have data",
    knownInEurope: "In Europe I have data on",
    yearsAgo: (years) => `${years === 1 ? "a year" : `${years} years`} ago: it may have changed`,
    knownElsewhere: "Elsewhere",
    where: (service) => `Where ${service} works (latest known status):`,
    inRegion: (region) => `Xiaomi services – ${region} (latest known status):`,
    noSource: "no source",
    everywhere: "Everywhere",
    everywhereExcept: (regions) => `Everywhere except ${regions}`,
    servicesIntro: "The Xiaomi services I know about:",
    noFacts: (service) => `I have no data on where ${service} is available.`,
    overview: (service) => `I have no specific answer to that, but here is what I know about ${service}:`,
  },
  fallback: {
    noMatch: (services) => `I don't have an answer to that. I only know about Xiaomi services (${services}) and where they are available, in Italy and worldwide.`,
    otherProduct: (names, services) => `I have no information about ${names}: I only know about Xiaomi services (${services}) and where they are available.`,
  },
};
