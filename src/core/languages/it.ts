/** Italian: how messages are read and answers are worded. */
import { createRequire } from "node:module";
import countries from "i18n-iso-countries/langs/it.json" with { type: "json" };
import { wordList, type LanguagePack } from "./pack.js";

// "sono di", "vengo dalla": where someone comes from, read both as the asker's own country and as a person's origin.
const SAYING_WHERE_FROM = ["sono di", "vengo da", "vengo dal", "vengo dalla", "vengo dall", "vengo dagli", "originario della", "originario del", "originaria della", "originaria del"];

export const italian: LanguagePack = {
  code: "it",
  name: "Italian",
  functionWords: wordList(
    "il lo la i gli le l un uno una un di d del dello della dei degli delle dell a al allo alla ai agli alle all " +
      "da dal dallo dalla dai dagli dalle dall in nel nello nella nei negli nelle nell su sul sullo sulla sui sugli " +
      "sulle con col coi per tra fra e ed o od ma se che ne ci vi si mi ti me te ce ve c s " +
      "sono sei siamo siete era erano essere ho hai ha abbiamo avete hanno avere sta stai stanno " +
      "questo questa questi queste quello quella quelli quelle mio mia miei mie tuo tua tuoi tue suo sua suoi sue " +
      "nostro nostra vostro vostra loro anche ancora gia piu molto tanto cosi pure solo proprio ecco allora " +
      "qualcuno qualcosa sa sai sapete sapeste sapreste dire dirmi dici dite mica tipo raga ragazzi ragazze " +
      "scusate scusa domanda info gentilmente favore per piacere qui qua li la oppure invece quindi comunque " +
      "adesso ora oggi attualmente ormai davvero veramente almeno tutti tutto tutta tutte altro altra altri ogni io tu lui lei noi voi va vanno vale " +
      // colloquial: "sto telefono" (questo), "un po'", "che roba è"
      "sto sti ste po roba devo deve devi dovrei dovrebbe bisogna sapere " +
      // the same modal and auxiliary verbs in the past ("entro quando bisognava farlo?", "andava fatto")
      "dovevo doveva dovevi dovevamo dovevano dovevate bisognava bisognerebbe andava andavano potevo poteva potevi potevano " +
      // Chat words no topic needs, which typo correction read as ones that have it: "ho preso la
      // band" (I got it) is not "perso" (lost), "è vero?" not "vedo", "in qualche modo" not "mode".
      "preso presa presi prese vero vera modo quel",
  ),
  markers: wordList(
    "il lo gli di del della dei degli delle che non per con come cosa cos perche quando dove quale quali quanto quanti sono ho hai ha hanno ci anche funziona funzionano posso puoi serve ciao grazie buongiorno buonasera salve nel nella sul sulla al alla dal dalla questo quello ancora gia piu ma qualcuno sapete disponibile c si e arrivera arriva esiste usare fare faccio fai mio mia intendo intendevo",
  ),
  accents: /[àèéìíòóù]/i,
  referringWords: wordList("lo la li gli ne ci esso essa questo questa quello quella lui"),
  continuations: ["e", "ed", "invece", "anche", "ma", "allora", "idem", "stessa cosa per", "lo stesso per", "stessa domanda per", "lo stesso vale per", "vale lo stesso per", "vale anche per"],
  placeWords: wordList("in negli dagli agli"),
  meansWords: { before: wordList("con col sul sull sulla su tramite via nel nell dal dall"), between: wordList("l il lo la i gli le un una uno mio mia miei mie tuo tua suo sua proprio propria") },
  cityOriginWords: wordList("di da"),
  cityPlaceWords: wordList("a ad in alle nelle nella nel per vicino verso visitare visito visitando"),
  cardWords: wordList("carta carte conto bancomat prepagata banca revolut"),
  askerPronouns: wordList("io noi"),
  askerPlacePhrases: ["sono in", "sono a", "vivo in", "vivo a", "abito in", "abito a", "sto in", "sto a", "mi trovo in", "mi trovo a", "qui in", "trasferito in", "trasferito a", "trasferita in", "trasferita a", "trasferiti in", "trasferiti a"],
  phrasesNamingNoProduct: ["dal vivo", "nel vivo", "al vivo"],
  askerOriginPhrases: [...SAYING_WHERE_FROM, "originario di", "originaria di", "siamo di"],
  homeCountryPhrases: ["mio paese", "mia nazione", "in patria", "paese mio"],
  hereWords: wordList("qui qua"),
  likeHerePhrases: ["come qui", "come qua", "uguale a qui", "come da noi"],
  examplePhrases: ["tipo", "ad esempio", "per esempio", "ad es", "per es", "come in", "in particolare", "specie in", "soprattutto in"],
  // "mia sorella sta a Varsavia… da loro funziona?": at their place.
  thereWords: ["li", "laggiu", "da loro", "da lei", "da lui"],
  thereAtClauseEnd: ["la"],
  clauseTurningWords: wordList("o oppure ma pero"),
  // "c'è lì?" asks whether it is there: the place, not whether something exists.
  existentialWords: [],
  likenessWords: wordList("tipo simile simili stile genere uguale paragonabile"),
  equivalenceWords: wordList("equivalente equivalenti alternativa analogo simile simili"),
  counterpartPhrases: ["il loro", "la loro", "il suo", "la sua", "suo proprio", "sua propria", "versione xiaomi di", "versione di xiaomi di", "una versione xiaomi", "una versione di xiaomi"],
  preferenceWords: wordList("meglio migliore peggio peggiore"),
  servicesWords: wordList("servizi servizio"),
  languageUseWords: { before: wordList("in parla parlo parliamo parlare parli capisce capisco supporta scrivi scrivo scrivere rispondi rispondere"), after: wordList("perfavore pf"), joining: wordList("o e") },
  questionWords: wordList("come cosa perche quando dove quale quali quanto quanti chi"),
  topicChangePhrases: ["un'altra cosa", "altra cosa", "altra domanda", "un'altra domanda", "domanda diversa", "un altro dubbio", "dubbio è un altro", "dubbio e un altro", "fuori tema", "off topic", "cambiando argomento", "cambio argomento", "a parte questo", "non c'entra niente", "non c'entra nulla", "tutt'altra cosa", "domanda a parte", "domanda è un'altra", "domanda e un'altra", "detto questo", "detto ciò", "detto cio"],
  questionOpeners: ["sapere se", "chiedere se", "chiedevo se", "chiedo se", "sa se", "sapete se", "sai se", "capire se", "dirmi se", "dirmi come", "sapere come", "sapere quando", "sapere perche", "sapere quale", "sapere quali", "sapere quanto", "sapere quanti", "sapere dove", "chiede se", "chiedono se", "chiedendo se", "domando se", "domandavo se", "verificare se", "dimmi se", "dimmi come", "dimmi quando", "dimmi perche", "dimmi quale", "dimmi quanto", "dimmi dove", "ditemi se", "mi dici se", "mi dite se", "sapere cosa", "sapere che cosa", "dimmi cosa", "capire cosa"],
  correctionPhrases: ["intendevo", "intendo", "intendi", "dicevo", "anzi", "volevo dire", "cioe"],
  homeDeviceWords: wordList("lampada lampade lampadina lampadine luci aspirapolvere purificatore telecamera telecamere televisore tv presa prese"),
  phoneWords: wordList("telefono telefoni cellulare cellulari smartphone"),
  wearableWords: wordList("watch band smartwatch orologio orologi orologino braccialetto bracciale"),
  phoneOwnerWords: wordList("mio uno lo"),
  personOriginPhrases: [...SAYING_WHERE_FROM, "comprato in", "comprata in", "comprati in", "comprato a", "comprata a", "preso in", "presa in", "preso a", "presa a", "acquistato in", "acquistata in", "fatto in", "fatta in", "creato in", "creata in", "registrato in", "registrata in", "aperto in", "aperta in"],
  sourceWords: wordList("fonte fonti link prova prove"),
  doubtWords: wordList("sicuro sicura sicuri davvero veramente serio seria"),
  thankingWords: wordList("grazie grz grazi graz grazieee ringrazio ringraziarti ringraziarvi ringraziare ringraziamenti"),
  asides: wordList("comunque cmq ps"),
  boughtWords: wordList("comprato comprata comprati comprate preso presa presi prese acquistato acquistata acquistati"),
  excludingWords: wordList("fuori tranne eccetto oltre"),
  bareNegations: wordList("no"),
  negatingWords: wordList("non"),
  onlyWords: wordList("solo soltanto solamente esclusiva esclusivo"),
  wantingWords: wordList("interessa interessano importa serve servono"),
  beingWords: wordList("sono siamo sei"),
  likeningPlaceWords: wordList("come"),
  turningWords: wordList("ma pero mentre invece eppure"),
  askingTurnWords: wordList("ma pero"),
  purposePhrases: ["per poter", "per potere", "cosi posso", "così posso", "in modo da", "cosi da", "così da", "senza perdere", "senza rompere"],
  placeQuestionWords: wordList("dove"),
  alternativeWords: wordList("o oppure altrimenti"),
  destinationPhrases: ["vado in", "vado a", "andro in", "andro a", "andiamo in", "andiamo a", "parto per", "partiamo per", "partire per", "partenza per", "viaggio in", "viaggio a", "vacanza in", "vacanza a", "volo per", "trasferta in", "trasferta a", "gita in", "gita a", "trasferisco in", "trasferisco a", "vado spesso in", "vado spesso a", "viaggio spesso in", "viaggio spesso a"],
  whenWords: wordList("quando"),
  returnedWords: wordList("tornato tornata tornati tornate rientrato rientrata rientrati rientrate"),
  questionLeads: wordList("come cosa perche quando dove quale quali quanto quanti chi"),
  reportingPhrases: ["ho sentito che", "ho letto che", "ho sentito dire che", "mi hanno detto che", "mi ha detto che", "dicono che", "si dice che"],
  codesNeedingCapitals: ["usa", "us"],
  stemOverrides: { assistenza: "assistenz", assistenze: "assistenz" },
  // Required on the first word to stem, not at start: see stemmer.ts.
  stemmer: () => {
    const { StemmerIt } = createRequire(import.meta.url)("@nlpjs/lang-it") as typeof import("@nlpjs/lang-it");
    return new StemmerIt();
  },
  countryNames: countries.countries,
  months: wordList("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre"),
  statusWords: { available: "disponibile", partial: "disponibile in parte", unavailable: "non disponibile", unknown: "stato sconosciuto" },
  // A month takes "da"/"a" ("da ottobre 2021"), a year or a day "dal"/"nel"/"al" ("dal 2021", "al 25 ottobre 2022").
  dateWithMeaning(formatted, precision, meaning) {
    if (meaning === "since") return precision === 2 ? `da ${formatted}` : `dal ${formatted}`;
    return precision === 2 ? `a ${formatted}` : precision === 1 ? `nel ${formatted}` : `al ${formatted}`;
  },
  texts: {
    europe: "Europa",
    source: "Fonte",
    sources: "Fonti",
    asOf: "aggiornato a",
    history: "Prima",
    unknownIn: (service, region) => `${service} – ${region}: nessuna delle mie fonti ne parla, quindi non so dire se sia disponibile.`,
    knownPlaces: "Dove ho dati",
    knownInEurope: "In Europa ho dati su",
    yearsAgo: (years) => `${years === 1 ? "un anno" : `${years} anni`} fa: potrebbe essere cambiato`,
    knownElsewhere: "Altrove",
    where: (service) => `Dove funziona ${service} (ultimo stato noto):`,
    inRegion: (region) => `Servizi Xiaomi – ${region} (ultimo stato noto):`,
    noSource: "nessuna fonte",
    everywhere: "Ovunque",
    everywhereExcept: (regions) => `Ovunque tranne ${regions}`,
    servicesIntro: "I servizi Xiaomi che conosco:",
    noFacts: (service) => `Non ho dati sulla disponibilità di ${service} nei vari paesi.`,
    overview: (service) => `Non ho una risposta precisa a questo, ma su ${service} posso dirti:`,
  },
  fallback: {
    noMatch: (services) => `Non ho una risposta a questa domanda. Conosco solo i servizi Xiaomi (${services}) e dove sono disponibili, in Italia e nel mondo.`,
    otherProduct: (names, services) => `Non ho informazioni su ${names}: conosco solo i servizi Xiaomi (${services}) e dove sono disponibili.`,
  },
};
