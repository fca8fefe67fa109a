/**
 * What a user gets from `ask`: availability composed from dated facts, honest unknowns, refusals
 * of other products, answers in the question's language, and a source and date on every fact.
 */
import { describe, expect, it } from "vitest";
import { createAssistant } from "../../src/core/index.js";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";

const knowledge = loadKnowledge();
const assistant = createAssistant(knowledge);

describe("availability of a service in a region", () => {
  it.each([
    ["Mi Pay funziona in Italia?", "mi-pay", "IT", "partial"],
    ["mipay italia", "mi-pay", "IT", "partial"],
    ["is Xiaomi Pay available in India?", "mi-pay", "IN", "unavailable"],
    ["c'è xiaomi pay in Cina?", "mi-pay", "CN", "available"],
    ["Mi Pay in Germania?", "mi-pay", "DE", "partial"],
    ["does Mi Pay work in Poland", "mi-pay", "PL", "partial"],
    ["Mi Pay in Giappone?", "mi-pay", "JP", "unknown"],
    ["XiaoAI in Italia?", "xiaoai", "IT", "unavailable"],
    ["is XiaoAI available in China?", "xiaoai", "CN", "available"],
    ["youpin c'è in italia?", "youpin", "IT", "unavailable"],
    ["youpin in giappone", "youpin", "JP", "unknown"],
    ["mi clud funziona in Italia?", "mi-cloud", "IT", "partial"],
    ["does Xiaomi Cloud work in Japan?", "mi-cloud", "JP", "partial"],
    ["Mi Cloud in Cina", "mi-cloud", "CN", "available"],
    ["Mi Pay 🇪🇺?", "mi-pay", "EU", "partial"],
  ])("GIVEN %j THEN %s in %s is %s", (question, service, region, status) => {
    const answer = assistant.ask(question);
    expect(answer.kind).toBe("answer");
    expect(answer.availability).toMatchObject({ service, region, status });
  });

  it("GIVEN a change since the article THEN gives the latest status, its date and the history", () => {
    const answer = assistant.ask("Mi Pay funziona in Italia?");
    expect(answer.body).toMatch(/^Xiaomi Pay – Italia: disponibile in parte, al 14 febbraio 2022\./);
    expect(answer.body).toMatch(/Prima:\n• a novembre 2021: disponibile in parte – .*Nexi/);
    expect(answer.body).toMatch(/\n• da ottobre 2021: disponibile in parte – .*wearable/);
    expect(answer.body).toMatch(/\n• nel 2020: non disponibile/);
    expect(answer.availability!.history.map((step) => step.date)).toEqual(["2020", "2021-10", "2021-11", "2022-02-14"]);
  });

  it("GIVEN a region no source covers THEN says it does not know and where it has data", () => {
    const answer = assistant.ask("does Mi Pay work in Brazil?");
    expect(answer.availability).toMatchObject({ region: "BR", status: "unknown", history: [] });
    expect(answer.body).toContain("none of my sources covers it");
    expect(answer.body).toMatch(/Where I have data: .*China \(available\)/);
  });

  it("GIVEN a worldwide fact with an exception THEN applies it everywhere but there", () => {
    expect(assistant.ask("Mi Cloud in Brasile?").availability?.status).toBe("partial");
    expect(assistant.ask("Mi Cloud in Cina?").availability?.status).toBe("available");
  });
});

describe("questions composed from the facts", () => {
  it("GIVEN 'which services in a country' THEN lists every service with its status there", () => {
    const answer = assistant.ask("quali servizi Xiaomi ci sono in Italia?");
    expect(answer).toMatchObject({ kind: "answer", topic: "services-in-region", service: "xiaomi" });
    for (const name of ["Xiaomi Pay", "XiaoAI", "Xiaomi Youpin", "Xiaomi Cloud"]) expect(answer.body).toContain(name);
  });

  it("GIVEN 'where does a service work' THEN groups places by status", () => {
    const answer = assistant.ask("where does Xiaomi Pay work?");
    expect(answer.topic).toBe("service-where");
    expect(answer.body).toMatch(/Available: China/);
    expect(answer.body).toMatch(/Not available: .*India/);
  });
});

describe("honest fallbacks", () => {
  it.each([
    "Apple Pay funziona in Italia?",
    "Samsung Cloud backup foto",
    "does Google Assistant speak Italian?",
    "che tempo fa domani a Milano?",
    "Xiaomi SU7 arriva in Italia?",
    "quanto costa il redmi note 13?",
    // Help asked with something else than the bot's subject is not a question about the bot.
    "can you help me with my homework?",
    "asdfgh qwerty",
    "",
    "🙂",
  ])("GIVEN %j THEN falls back instead of guessing", (question) => {
    const answer = assistant.ask(question);
    expect(answer.kind).toBe("fallback");
    expect(answer.matched).toBe(false);
    expect(answer.service).toBeNull();
  });

  it("GIVEN another brand THEN names it and says what the bot covers", () => {
    expect(assistant.ask("Apple Pay funziona in Italia?").body).toMatch(/^Non ho informazioni su Apple Pay: conosco solo i servizi Xiaomi/);
  });

  it("GIVEN a question close to known ones but naming no service THEN declines and suggests up to three in its language", () => {
    const answer = assistant.ask("when did they sign the deal?");
    expect(answer.kind).toBe("fallback");
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions.length).toBeLessThanOrEqual(3);
    expect(answer.suggestions[0]!.question).toMatch(/Mastercard/);
  });

  it.each([
    ["mi pay ha commissioni?", "mi-pay", /Xiaomi Pay/],
    ["is xiaomi cloud end to end encrypted", "mi-cloud", /Xiaomi Cloud/],
    ["youpin ha un programma punti?", "youpin", /Youpin/],
  ])("GIVEN %j, about a named service but none of its topics THEN gives the service's overview and its topics", (question, service, name) => {
    const answer = assistant.ask(question);
    expect(answer).toMatchObject({ kind: "answer", topic: "service-overview", service });
    expect(answer.body).toMatch(name);
    expect(answer.sourceLine).not.toBeNull();
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions.every((s) => s.service === service)).toBe(true);
  });

  it.each([
    ["heard the xiaomi gallery is getting onedrive backup, is that official?", "mi-cloud-onedrive"],
    ["which xiaomi phones have google gemini built in?", "xiaoai-gemini"],
  ])("GIVEN %j, with words the knowledge never uses beside one a topic does THEN that topic answers", (question, topic) => {
    expect(assistant.ask(question)).toMatchObject({ kind: "answer", topic });
  });

  it("GIVEN Xiaomi named beside another brand THEN answers about Xiaomi", () => {
    expect(assistant.ask("Xiaomi usa Google Assistant fuori dalla Cina?")).toMatchObject({ kind: "answer", topic: "xiaoai-outside-china" });
  });
});

describe("sources and dates", () => {
  it("GIVEN any FAQ entry asked by its first phrasing THEN the answer names its source and date", () => {
    for (const entry of knowledge.faq) {
      for (const language of ["it", "en"] as const) {
        const answer = assistant.ask(entry.questions[language][0]!);
        expect(answer.topic, entry.questions[language][0]).toBe(entry.id);
        expect(answer.sources.length).toBeGreaterThan(0);
        expect(answer.asOf).toBe(entry.date);
        expect(answer.sourceLine).toMatch(language === "it" ? /^Font[ei]: .* – aggiornato a / : /^Sources?: .* – as of /);
        expect(answer.answer.endsWith(answer.sourceLine!)).toBe(true);
      }
    }
  });

  it("GIVEN small talk THEN no source line", () => {
    expect(assistant.ask("grazie!")).toMatchObject({ kind: "smalltalk", topic: "thanks", sourceLine: null, sources: [] });
  });
});

describe("small talk", () => {
  it.each([
    ["ciao", "greeting", "it"],
    ["hello!", "greeting", "en"],
    ["grazie mille", "thanks", "it"],
    ["cosa sai fare?", "help", "it"],
    ["what can you do?", "help", "en"],
    ["arrivederci", "goodbye", "it"],
  ])("GIVEN %j THEN %s in %s", (question, intent, language) => {
    expect(assistant.ask(question)).toMatchObject({ kind: "smalltalk", topic: intent, language });
  });

  it.each([
    ["ok capito grazie", "thanks", "it"],
    ["grazie mille sei stato utilissimo", "thanks", "it"],
    ["notte raga", "goodbye", "it"],
    ["a domani", "goodbye", "it"],
    ["@XiaomiServicesBot what can u do", "help", "en"],
    ["thank you so much, really useful 🙏", "thanks", "en"],
    ["ciao bot! che domande posso fare?", "help", "it"],
    ["sup", "greeting", "en"],
    ["ciao, tutto a posto?", "greeting", "it"],
    // "kinda" is "kind of", as chat shorthand.
    ["What kinds of questions can you answer?", "help", "en"],
    ["what kinda stuff can u answer", "help", "en"],
    // The formal register ("Lei"): "come sta?", "cosa sa fare?".
    ["@xiaomibot salve! come sta?", "greeting", "it"],
    ["scusi ma lei cosa sa fare? a cosa serve questo bot", "help", "it"],
    // "Vorrei sapere…" opens the question; "sapere" is not what is asked.
    ["Vorrei sapere gentilmente su quali argomenti posso fare domande.", "help", "it"],
    // Relief that it worked out is thanks.
    ["ho risolto, ti adoro!", "thanks", "it"],
    ["all sorted, love you bot", "thanks", "en"],
  ])("GIVEN small talk in other words, %j THEN %s in %s, not a topic its words resemble", (question, intent, language) => {
    expect(assistant.ask(question)).toMatchObject({ kind: "smalltalk", topic: intent, language });
  });

  it("GIVEN our services named in a request for help ('what can you answer? only xiaomi pay or also cloud?') THEN help; named after thanks THEN a question about them", () => {
    expect(assistant.ask("what can you answer? only xiaomi pay or also cloud?")).toMatchObject({ kind: "smalltalk", topic: "help" });
    expect(assistant.ask("cosa sai fare? xiaomi pay?")).toMatchObject({ kind: "smalltalk", topic: "help" });
    expect(assistant.ask("grazie! e xiaomi pay?")).toMatchObject({ kind: "answer", service: "mi-pay" });
  });

  it.each(["hi, i'm new here", "ciao a tutti, sono nuova nel gruppo 👋", "hello, anyone around?"])(
    "GIVEN an introduction, %j THEN a greeting, not an entry sharing one word with it",
    (question) => {
      expect(assistant.ask(question)).toMatchObject({ kind: "smalltalk", topic: "greeting" });
    },
  );

  it.each([
    ["scusate ma tu cosa sai fare? mio nipote dice che rispondi sulle cose di xiaomi", "help", "it"],
    ["hi! what can u do exactly? my daughter added me to this group and told me to ask the xiaomi bot", "help", "en"],
  ])("GIVEN small talk asked in the question and a story around it naming nothing, %j THEN %s", (question, intent, language) => {
    expect(assistant.ask(question)).toMatchObject({ kind: "smalltalk", topic: intent, language });
  });

  it.each([
    ["ma tu cosa sai fare di preciso? posso chiederti qualunque cosa su xiaomi?", "it"],
    ["what can you answer exactly? i just moved over from a samsung and feel lost", "en"],
  ])("GIVEN a question about what the bot does beside another naming nothing of ours, or a story about another company's phone, %j THEN help", (question, language) => {
    expect(assistant.ask(question)).toMatchObject({ kind: "smalltalk", topic: "help", language });
  });

  it("GIVEN a question about what the bot does beside one about a service, or after a story about what we do not cover THEN not help", () => {
    expect(assistant.ask("cosa sai fare? ho perso il telefono, si può localizzare?")).toMatchObject({ kind: "answer", service: "mi-cloud" });
    expect(assistant.ask("my order from mi.com is stuck for a week. what can you do?").kind).toBe("fallback");
  });

  it.each([
    ["grazie mille, adesso ho capito perche la band non pagava 🙏", "it"],
    ["thx bro, the i.mi.com tip saved my phone", "en"],
    ["ti ringrazio tantissimo mi hai salvato la giornata, anche se qui piove da tre giorni", "it"],
    // A longer story after the thanks, naming nothing we answer about.
    ["thanks, got it working, just paid for a sandwich with my wrist lol", "en"],
  ])("GIVEN thanks, then what they are for, asking nothing, %j THEN thanks, not the topic it mentions", (question, language) => {
    expect(assistant.ask(question)).toMatchObject({ kind: "smalltalk", topic: "thanks", language });
  });

  it.each([
    ["buonasera a tutti, sono nuovo qui, vengo dalla Romania e abito a Torino", "it"],
    ["hi all, just joined, greetings from Lisbon 🇵🇹", "en"],
  ])("GIVEN a greeting, then who the asker is and where from, naming no service, %j THEN a greeting", (question, language) => {
    expect(assistant.ask(question)).toMatchObject({ kind: "smalltalk", topic: "greeting", language });
  });

  it.each([
    // A greeting before a question asked without its mark, or before a service named, is no greeting.
    ["Buongiorno, sono un insegnante di Bari. Volevo sapere quando Xiaomi è arrivata in Italia", "answer"],
    ["ciao, vivo ad Atene: xiaomi pay in grecia funziona", "answer"],
    ["buondì, che ore sono a Tokyo adesso", "fallback"],
  ])("GIVEN %j THEN no greeting but %s", (question, kind) => {
    expect(assistant.ask(question).kind).toBe(kind);
  });

  it.each([
    // An acknowledgement is not thanks: what follows it asks.
    ["ok is xiaomi cloud free", "answer"],
    ["ok lasciamo stare, xiaomi cloud in italia funziona ancora", "answer"],
    // Nor is a courteous address.
    ["Gentile assistente, vorrei sapere se a Varsavia posso pagare con Xiaomi Pay", "answer"],
    // An aside opens a question after thanks.
    ["thanks! btw when will my order arrive, it's stuck in customs", "fallback"],
    // So does a continuation right after them.
    ["ok thx and what about the gemini assistant xiaomi announced for global markets", "answer"],
    // A greeting before a story of a fault is no small talk.
    ["ciao a tutti, il mio telefono si riavvia da solo ogni sera dopo le dieci", "fallback"],
  ])("GIVEN %j THEN no thanks but %s", (question, kind) => {
    expect(assistant.ask(question).kind).toBe(kind);
  });

  it("GIVEN small talk in one sentence and a service asked in another without its mark THEN the service's answer", () => {
    expect(assistant.ask("ciao, cosa sai fare? volevo sapere se xiaomi pay funziona in italia")).toMatchObject({ kind: "answer", service: "mi-pay" });
  });

  it("GIVEN a message naming and describing no service that shares a word or two with an entry THEN it is suggested, not answered", () => {
    const answer = assistant.ask("i need a new one around here");
    expect(answer.kind).toBe("fallback");
  });

  it.each([
    ["grazei", "thanks"],
    ["thnaks a lot", "thanks"],
    ["waht can you do", "help"],
    ["grazie mille, a presto!", "goodbye"],
    ["good mornign everyone", "greeting"],
    ["perfetto grazie, ciao!", "goodbye"],
    ["ciao, che domande ti posso fare?", "help"],
    ["hey what kind of stuff can i ask u", "help"],
    ["salve, nn ho capito cosa posso chiederti", "help"],
    ["ciao! che tipo di domande accetti? 🤔", "help"],
    ["lol that was actually useful, thansk", "thanks"],
    ["bravo bot, risposta perfetta 👏", "thanks"],
    ["wat r u for exactly", "help"],
    ["buon natale a tutti!", "greeting"],
    ["salve a tutti, mi presento: sono luca", "greeting"],
    ["buonasera, piacere sono marco da bari 🙂", "greeting"],
    // "sera" greets the evening, as "buonasera" does; "buona serata" takes leave.
    ["sera a tutti", "greeting"],
    ["bot ci sei?", "greeting"],
    // Only saying where one is, in a first message, introduces oneself.
    ["I'm in Warsaw this week", "greeting"],
    ["sono di Lugano", "greeting"],
    // A goodbye before where one is going, as a greeting before where one lives.
    ["buonanotte ragazzi, domani volo per dubai ✈️ ciaoo", "goodbye"],
    ["sera raga, abito a monaco di baviera da 3 anni", "greeting"],
    ["grazie per l'aiuto", "thanks"],
    ["thanks for the help!", "thanks"],
    // The help thanked for is no request for it; a function word typed as in the cue ("dell'aiuto").
    ["grazie mille x l'aiuto, gentilissimo", "thanks"],
    ["grazie dell'aiuto!", "thanks"],
    ["thank you so much for your help!!", "thanks"],
    ["thanks, i need help", "help"],
    ["🙏", "thanks"],
    ["grazie 👋", "goodbye"],
    ["who made you?", "help"],
    ["ok", "thanks"],
    ["Buonanotte a tutti, io vado a dormire", "goodbye"],
    ["Ciao a tutti! Sono Marco da Bari, nuovo del gruppo 👋", "greeting"],
    ["Good morning! Thanks for yesterday's answer. How do I ask you things, are there any commands?", "help"],
    ["Hey bot, just wanted to say thank you", "thanks"],
    ["perfetto, ora vado a provare. a presto!", "goodbye"],
    ["grazie per ieri! comunque buongiorno ☀️", "greeting"],
    ["a dopo raga 👋", "goodbye"],
    ["parli anche inglese?", "help"],
    // The company's name is not a question of its own beside a request for help.
    ["hey bot, are you only for xiaomi questions or anything?", "help"],
    // "what" inside a clause joins it, it does not ask.
    ["thanks a lot, that's just what I was after", "thanks"],
  ])("GIVEN small talk typed fast, with words between a cue's words, in shorthand or ending on a farewell, %j THEN %s", (question, intent) => {
    expect(assistant.ask(question)).toMatchObject({ kind: "smalltalk", topic: intent });
  });

  it("GIVEN a service's name one letter from a greeting ('e xiao ai?') THEN it is the service, not small talk", () => {
    expect(assistant.ask("e xiao ai? 😅")).toMatchObject({ kind: "answer", service: "xiaoai" });
  });

  it("GIVEN small-talk words around anything else THEN it is not small talk", () => {
    expect(assistant.ask("ciao, ho un problema col mio samsung").kind).toBe("fallback");
    expect(assistant.ask("hey, can you translate 'the bill please' in italian").kind).toBe("fallback");
    expect(assistant.ask("grazie, e in Germania Xiaomi Pay c'è?")).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(assistant.ask("help, my photos stopped backing up")).toMatchObject({ kind: "answer", service: "mi-cloud" });
    expect(assistant.ask("ciao, che tempo fa a Roma?").kind).toBe("fallback");
    expect(assistant.ask("ciao, xiaomi fa anche le auto?").kind).not.toBe("smalltalk");
  });

  it("GIVEN a greeting around a real question THEN answers the question", () => {
    expect(assistant.ask("ciao a tutti, qualcuno sa se Xiaomi Pay funziona in Italia? grazie").topic).toBe("service-in-region");
  });

  it("GIVEN a greeting and then a question asked as what the asker wants to know, with no question mark ('I would like to know what…') THEN answers the question", () => {
    expect(assistant.ask("Good morning. My nephew in Delhi says Xiaomi shut down its money apps there and I would like to know what was shut down.")).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(assistant.ask("buongiorno a tutti. vorrei sapere cosa ha chiuso xiaomi in india")).toMatchObject({ kind: "answer" });
  });
});

describe("question search (autocomplete)", () => {
  it("GIVEN a partial question with a typo THEN finds knowledge questions in the asked language", () => {
    const results = assistant.searchQuestions("carte xiaomi pai", "it", 5);
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.question).toMatch(/carte/i);
  });

  it("GIVEN nothing typed yet THEN offers popular questions", () => {
    expect(assistant.searchQuestions("", "en", 25)).toHaveLength(Math.min(25, knowledge.faq.length));
  });
});
