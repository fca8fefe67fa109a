/**
 * Messages as people write them: services described instead of named, countries of every kind,
 * chatty context around the question, and follow-ups in a conversation.
 */
import { describe, expect, it } from "vitest";
import { type ConversationContext } from "../../src/core/index.js";
import { assistant } from "../fixtures/assistant.js";


describe("a service described, not named", () => {
  it.each([
    ["posso pagare con la band al pos?", "mi-pay"],
    ["can i tap my xiaomi watch at the checkout to pay?", "mi-pay"],
    ["le mie foto non si salvano più sul telefono", "mi-cloud"],
    ["ho perso il telefono, come lo ritrovo?", "mi-cloud"],
    ["l'assistente vocale degli speaker xiaomi parla italiano?", "xiaoai"],
    ["whats that chinese app where xiaomi sells partner gadgets and does crowdfunding", "youpin"],
    // "ditte", like "aziende": companies.
    ["come si chiama quel negozio online dove xiaomi vende gli aggeggi di altre ditte sue partner?", "youpin"],
    ["la mia band può pagare?", "mi-pay"],
    ["lo smartband xiaomi lo posso usare x pagare?", "mi-pay"],
    // "pictures", "pics": photos.
    ["the xiaomi service that kept my dad's pictures online stopped syncing, did they close it?", "mi-cloud"],
    // "cose di altre ditte": things of other companies, as "prodotti di altre ditte".
    ["il sito dove xiaomi vende cose di altre ditte si può usare dall'italia?", "youpin"],
    // A bank said beside the band is a card on it.
    ["la mia banca con la band non va, devo cambiare conto?", "mi-pay"],
    ["the band refuses my bank, what now?", "mi-pay"],
    // A half-remembered name still says what it is: a drive, a backup service.
    ["xiaomi drive quanti giga da gratis?", "mi-cloud"],
    ["the website where i can see my contacts from a laptop, whats the address", "mi-cloud"],
    ["what's that gadget mall app from xiaomi?", "youpin"],
    ["che app uso x mettere la carta sulla fascetta e pagare?", "mi-pay"],
    ["perché xiaomi non ha portato il suo sistema di pagamento in spagna?", "mi-pay"],
    ["xiaomi's backup service, does it still keep my contacts or did they kill that too", "mi-cloud"],
    // "stored" is no shop: the photos kept with Xiaomi are the cloud.
    ["she was told her photos were stored with Xiaomi, can they still be downloaded?", "mi-cloud"],
    ["il telefono l'ho perso, come faccio?", "mi-cloud"],
    // The company's name inside a description does not break it.
    ["quali orologi xiaomi vanno bene x pagare?", "mi-pay"],
    // "pay" is a word of Xiaomi Pay's name, but what is described is the cloud's storage.
    ["can i still pay for extra backup storage on my xiaomi phone? the 5gb is full", "mi-cloud"],
    // The account is only where the space comes from.
    ["the online backup space you get with a xiaomi account, how many gb is free?", "mi-cloud"],
  ])("GIVEN %j THEN answers about %s", (question, service) => {
    expect(assistant.ask(question)).toMatchObject({ kind: "answer", service });
  });

  it("GIVEN a shop beside a described service THEN it is where the device came from; alone it is still declined", () => {
    expect(assistant.ask("mia zia ha preso la mi band 7 nfc su amazon, può pagare alla cassa con la carta nexi?")).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(assistant.ask("aliexpress spedisce in italia?").kind).toBe("fallback");
  });

  it("GIVEN a lone letter before a misspelt name THEN the name is still read ('x xiaomi pya')", () => {
    expect(assistant.ask("curve si può usare x xiaomi pya?")).toMatchObject({ kind: "answer", service: "mi-pay", topic: "mi-pay-curve" });
  });

  it("GIVEN another company's product alone THEN still declines it", () => {
    expect(assistant.ask("Samsung Pay funziona in Italia?").kind).toBe("fallback");
    expect(assistant.ask("google drive quanto spazio gratis?").kind).toBe("fallback");
    expect(assistant.ask("apple pay funziona con la band?").kind).toBe("fallback");
  });

  it("GIVEN an OS update question beside a Xiaomi name THEN declines it", () => {
    expect(assistant.ask("quando arriva hyperos 3 sul redmi note 13?").kind).toBe("fallback");
  });
});

describe("countries", () => {
  it("GIVEN where Xiaomi sells its phones THEN the entry about that country states the company's status there, and a topic of the company elsewhere does not", () => {
    expect(assistant.ask("Xiaomi vende i telefoni negli Stati Uniti?")).toMatchObject({ topic: "xiaomi-usa", availability: { service: "xiaomi", region: "US", status: "unavailable" } });
    expect(assistant.ask("quali servizi Xiaomi ci sono in Italia?").answer).not.toMatch(/^• Xiaomi:/m);
  });

  it("GIVEN a country's name written in lower case, the same as its adjective ('svizzera') THEN it is the place named", () => {
    expect(assistant.ask("vivo in svizzera ma lavoro in italia, xiaomi pay funziona qui in svizzera?").availability).toMatchObject({ region: "CH" });
  });

  it("GIVEN a region inside a country ('in Lombardia', 'Catalonia:', 'Bavaria here -') THEN its country", () => {
    expect(assistant.ask("living in Lombardy, does mi cloud work here?").availability).toMatchObject({ service: "mi-cloud", region: "IT" });
    expect(assistant.ask("xiaomi pay funziona in Catalogna?").availability).toMatchObject({ service: "mi-pay", region: "ES" });
    expect(assistant.ask("Bavaria here - xiaoai on my xiaomi speaker, possible or not?").availability).toMatchObject({ service: "xiaoai", region: "DE" });
    expect(assistant.ask("mi pay works in ohio?").availability).toMatchObject({ service: "mi-pay", region: "US" });
  });

  it("GIVEN 'stateside' THEN the United States", () => {
    expect(assistant.ask("xiaomi pay usable stateside?").availability).toMatchObject({ service: "mi-pay", region: "US" });
  });

  it("GIVEN a short country's name with its last letter stretched ('cinaaa', 'Chinaa') THEN the country", () => {
    expect(assistant.ask("youpin in cinaaa?").availability).toMatchObject({ service: "youpin", region: "CN" });
    expect(assistant.ask("xiaoai in Chinaa??").availability).toMatchObject({ service: "xiaoai", region: "CN" });
  });

  it("GIVEN 'ita' for Italy THEN Italy; GIVEN function words that would spell it ('is it a thing') THEN not", () => {
    expect(assistant.ask("xiaoai ita??").availability).toMatchObject({ service: "xiaoai", region: "IT" });
    expect(assistant.ask("xiaomi pay, is it a thing in portugal yet?").availability).toMatchObject({ region: "PT" });
  });

  it("GIVEN an EU country with no fact of its own THEN 'not in Europe' holds for it, 'in some of Europe' does not", () => {
    expect(assistant.ask("youpin c'è in polonia?").availability).toMatchObject({ service: "youpin", region: "PL", status: "unavailable" });
    expect(assistant.ask("xiaomi pay in portugal?").availability).toMatchObject({ service: "mi-pay", region: "PT", status: "unknown" });
  });

  it("GIVEN a place named and a card's nationality THEN the place is asked", () => {
    expect(assistant.ask("vado in Grecia il mese prossimo, i pagamenti con l'orologio Xiaomi funzioneranno lì con la mia carta italiana?").availability).toMatchObject({ service: "mi-pay", region: "GR" });
    expect(assistant.ask("xiaomi pay con banche polacche?")).toMatchObject({ service: "mi-pay", topic: "mi-pay-poland" });
  });

  it("GIVEN 'or is it only for China' with words between ('o è solo x la cina?') THEN the other place is asked", () => {
    expect(assistant.ask("qui in italia non vedo nessun super xiaoai, solo gemini... arriverà mai l'assistente xiaomi da noi o è solo x la cina?").availability).toMatchObject({
      service: "xiaoai",
      region: "IT",
    });
  });

  it("GIVEN an everyday Italian word one letter from a place's name ('cerchia' and 'Cechia') THEN no place is read in it", () => {
    expect(assistant.ask("ho visto che il nuovo Super XiaoAI fa il cerchia e cerca. arriva anche sui telefoni europei o resta in Cina?").availability?.region).not.toBe("CZ");
  });

  it("GIVEN a city that no dictionary has, with no word before it ('kyiv friends say…', 'xiaomi pay moscow still working?') THEN its country; after 'from' THEN not asked", () => {
    expect(assistant.ask("kyiv friends say they pay with their mi band everywhere, which bank is that with??").availability).toMatchObject({ region: "UA" });
    expect(assistant.ask("bavaria xiaomi pay works?").availability).toMatchObject({ region: "DE" });
    expect(assistant.ask("Organizzo un viaggio tra Vienna, Praga e Cracovia. Mi interessa sapere soltanto se in Repubblica Ceca potrò pagare con lo Xiaomi Watch S3.").availability).toMatchObject({ region: "CZ" });
  });

  it("GIVEN 'only' after a verb of wanting ('mi interessa solo la grecia') THEN that place is the one asked, not set against the others", () => {
    expect(assistant.ask("giro dei balcani: slovenia, croazia e poi grecia. mi interessa solo la grecia, li la band xiaomi paga? in italia ce l ho con nexi").availability).toMatchObject({ service: "mi-pay", region: "GR" });
  });

  it("GIVEN a place the question likens the case to ('like in India', 'come in Italia') THEN the other place is asked", () => {
    expect(assistant.ask("is mi pay still a thing in china or did it die there like in india").availability).toMatchObject({ service: "mi-pay", region: "CN" });
    expect(assistant.ask("in spagna xiaomi pay funziona come in italia?").availability).toMatchObject({ service: "mi-pay", region: "ES" });
  });

  it("GIVEN a nationality and 'here' ('io rumeno… lo posso usare da qua?', 'sono romena abito a Torino') THEN where the asker is, not their nationality", () => {
    expect(assistant.ask("Ciao, io rumeno, lavoro in cantiere. l'assistente Xiaomi che risponde a voce lo posso usare da qua?").availability).toMatchObject({ service: "xiaoai", region: "IT" });
    expect(assistant.ask("io sono romena abito a Torino. il orologio xiaomi si puo pagare al supermercato come una carta??").availability).toMatchObject({ service: "mi-pay", region: "IT" });
    // Romanian itself is still asked about where the message names Romania.
    expect(assistant.ask("sono romeno, xiaomi pay funziona in romania?").availability).toMatchObject({ region: "RO" });
  });

  it("GIVEN a country's name that is also its adjective after 'sono' ('sono ucraina e vivo a Napoli') THEN a nationality, not the place asked; named as a place THEN the place", () => {
    expect(assistant.ask("sono ucraina e vivo a Napoli da 3 anni. Prima a Kyiv pagavo con la Mi Band. Adesso ho una carta italiana: Xiaomi Pay funziona con la mia banca?").availability).toMatchObject({ region: "IT" });
    expect(assistant.ask("sono svizzera, xiaomi pay funziona in svizzera?").availability).toMatchObject({ region: "CH" });
  });

  it("GIVEN 'here' asked, two cities or a country named, and the asker's bank THEN the bank's country ('badante a Verona… mia figlia a Chisinau… io qua con Postepay?')", () => {
    expect(assistant.ask("sono moldava, badante a Verona. Mia figlia a Chisinau paga col braccialetto Xiaomi. Io qua posso fare stessa cosa con Postepay?").availability).toMatchObject({ service: "mi-pay", region: "IT" });
    expect(assistant.ask("Leggo in giro che in Repubblica Ceca ci si paga con Xiaomi Pay, ma qui da noi? ho una mastercard di Hype").availability).toMatchObject({ service: "mi-pay", region: "IT" });
    // A bank said beside the question, at home, is not where "here" is.
    expect(assistant.ask("italiana in erasmus a Varsavia 🇵🇱 qui la mia mi band 6 nfc riesce a pagare? a casa a Verona uso la nexi senza problemi").availability).toMatchObject({ region: "PL" });
  });

  it("GIVEN where the asker travels to ('travelling around Italy', 'parto per Praga') and 'there' THEN that place, not where they come from", () => {
    expect(assistant.ask("Aussie here travelling around Italy for 3 weeks, can I use xiaomi pay there with my australian bank card?").availability).toMatchObject({ service: "mi-pay", region: "IT" });
    expect(assistant.ask("sono di Madrid ma la settimana prossima parto per Praga, xiaomi pay funziona lì?").availability).toMatchObject({ service: "mi-pay", region: "CZ" });
  });

  it("GIVEN a destination that an 'only' sets against the asker's card ('I often travel to Athens… there too, or only with a greek bank?') THEN the destination", () => {
    expect(assistant.ask("I travel a lot to Thessaloniki for my job and colleagues there pay with their Xiaomi bands. I have a card from Italy (Nexi) on my Xiaomi watch. Will it work there too or only with greek bank?").availability).toMatchObject({
      service: "mi-pay",
      region: "GR",
    });
  });

  it("GIVEN a clause of its own setting a place aside ('…in generale, non in Italia') THEN that place is not asked; 'why is it not in Europe?' THEN it is", () => {
    const born = assistant.ask("quando è nata Xiaomi Pay? dico in generale, non in Italia");
    expect(born.topic).toBe("mi-pay-china");
    expect(born.availability).toBeUndefined();
    expect(assistant.ask("why is youpin still not in europe?").availability).toMatchObject({ service: "youpin", region: "EU" });
  });

  it("GIVEN 'my country' and where the asker comes from, beside where they bought or live ('I'm from Poland… bought it in Italy… in my country?') THEN their own country", () => {
    expect(assistant.ask("hi, I'm from Poland and studying here. I bought my Mi Band in Italy, does Xiaomi Pay work in my country as well?").availability).toMatchObject({ service: "mi-pay", region: "PL" });
    expect(assistant.ask("vengo dalla Romania ma vivo a Torino, xiaomi pay funziona anche nel mio paese?").availability).toMatchObject({ service: "mi-pay", region: "RO" });
    // Said outside the question, "my country" is background: the place the question names is asked.
    expect(assistant.ask("I'm from Poland, in my country Xiaomi Pay works with PKO. Does it work in Italy?").availability).toMatchObject({ service: "mi-pay", region: "IT" });
    // A city the asker comes from, beside the one they live in: its country.
    expect(assistant.ask("i'm from Krakow but living in Rome now. back home does xiaomi pay work on the band?").availability).toMatchObject({ service: "mi-pay", region: "PL" });
    expect(assistant.ask("sono di Cracovia ma vivo a Roma, nel mio paese xiaomi pay funziona?").availability).toMatchObject({ service: "mi-pay", region: "PL" });
  });

  it("GIVEN the city the asker is from, 'da qui' and only an adjective of the services' origin ('sono di Bari… da qui si può ordinare? sti siti cinesi') THEN the asker's country", () => {
    expect(assistant.ask("sono di Palermo, mio figlio vuole delle cose da youpin. da qui si puo ordinare? di sti negozi cinesi non mi fido").availability).toMatchObject({ service: "youpin", region: "IT" });
  });

  it("GIVEN places only in the story and a question asking when, naming none ('…a small shop in Leeds… When did Youpin actually start?') THEN the entry that says when, not a place's status; asked where ('…was it shut down?') THEN the place's status", () => {
    const leeds = assistant.ask("my uncle runs a small shop in Leeds and customers keep asking about Youpin. Honestly no idea what it is. When did Youpin actually start? cheers");
    expect(leeds).toMatchObject({ kind: "answer", service: "youpin", topic: "youpin-what-is" });
    expect(leeds.availability).toBeUndefined();
    expect(assistant.ask("mia zia a Bari ha un negozio e i clienti chiedono di youpin. onestamente non so cosa sia. quando è nato youpin? grazie")).toMatchObject({ kind: "answer", topic: "youpin-what-is" });
    expect(assistant.ask("I had Mi Pay on my phone back in Bangalore and in 2022 it just stopped working. was it shut down?").availability).toMatchObject({ service: "mi-pay", region: "IN" });
  });

  it("GIVEN 'since when does it exist' asked of no place and China only in the story ('da quando esiste xiaomi pay? mia sorella dice che in cina…') THEN its history, not China's status; asked of a place THEN the place's status", () => {
    const history = assistant.ask("da quando esiste xiaomi pay? mia sorella dice che in cina lo usano da una vita");
    expect(history).toMatchObject({ kind: "answer", service: "mi-pay", topic: "mi-pay-china" });
    expect(history.availability).toBeUndefined();
    expect(assistant.ask("da quando esiste xiaomi pay in italia?").availability).toMatchObject({ region: "IT" });
  });

  it("GIVEN the one place named where the asker came back from ('tornata da un viaggio a pechino', 'back from a trip to Poland') and a question naming no place THEN no status there; a question pointing there THEN its status", () => {
    const fromBeijing = assistant.ask("tornata ora da un viaggio a pechino 🇨🇳 e li tutti parlano con xiaoai. ma sul mio xiaomi comprato qui lo posso attivare?");
    expect(fromBeijing).toMatchObject({ kind: "answer", service: "xiaoai" });
    expect(fromBeijing.availability).toBeUndefined();
    const fromPoland = assistant.ask("back from a trip to Poland last week. does xiaomi pay work on my band?");
    expect(fromPoland).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(fromPoland.availability).toBeUndefined();
    expect(assistant.ask("just got back from shanghai, does xiaomi pay work there?").availability).toMatchObject({ service: "mi-pay", region: "CN" });
  });

  it("GIVEN a city in the question and a country named only in a sentence after it ('a siviglia xiaomi pay funziona? in italia lo uso con la nexi') THEN the city's country; with 'here' in the question THEN not by this rule", () => {
    expect(assistant.ask("a siviglia xiaomi pay funziona? in italia lo uso con la nexi").availability).toMatchObject({ service: "mi-pay", region: "ES" });
    expect(assistant.ask("in krakow does mi cloud backup work? in italy it saves my contacts").availability).toMatchObject({ service: "mi-cloud", region: "PL" });
    expect(assistant.ask("My cousin in Kyiv pays with her Xiaomi band. I'm in Italy with a Fineco card, same band. Can I do the same here or is it a Ukraine thing?").availability).toMatchObject({ service: "mi-pay", region: "IT" });
  });

  it("GIVEN 'io da' and a city in the question ('io da torino ci posso comprare?') and someone else's city in the story THEN the asker's city's country: where they ask from, not where they come from", () => {
    expect(assistant.ask("mio fratello vive a pechino e compra un sacco su youpin. io da torino ci posso comprare?").availability).toMatchObject({ service: "youpin", region: "IT" });
    expect(assistant.ask("sono di Palermo, youpin c'è?")).toMatchObject({ kind: "answer", service: "youpin" });
  });

  it("GIVEN a Chinese city where the asker is, or that the question points at, and 'here' THEN China; someone else's city and 'anche qui' THEN Italy", () => {
    expect(assistant.ask("in Shenzhen for work rn, is Mi Pay actually something ppl use here?").availability).toMatchObject({ service: "mi-pay", region: "CN" });
    expect(assistant.ask("mio cugino vive a shanghai, xiaomi cloud li funziona come qui?").availability).toMatchObject({ service: "mi-cloud", region: "CN" });
    expect(assistant.ask("mio marito lavora spesso a Shanghai e lì parlano con gli altoparlanti Xiaomi. Si può mettere anche qui xiaoai?").availability).toMatchObject({
      service: "xiaoai",
      region: "IT",
    });
  });

  it("GIVEN a place compared with 'here' where the asker says they are ('io sto a genova… in tunisia funziona come qui da noi?') THEN the other place", () => {
    expect(assistant.ask("papà è in pensione in tunisia e io sto a genova. vorrei fargli usare mi cloud, in tunisia funziona come qui da noi?").availability).toMatchObject({
      service: "mi-cloud",
      region: "TN",
    });
  });

  it("GIVEN the capital or a large city of a country the data has no facts for ('in nairobi', 'a tirana') THEN that country, unknown, not a generic entry", () => {
    expect(assistant.ask("can u use xiaomi pay in nairobi").availability).toMatchObject({ service: "mi-pay", region: "KE", status: "unknown" });
    expect(assistant.ask("xiaomi pay a tirana funziona?").availability).toMatchObject({ service: "mi-pay", region: "AL", status: "unknown" });
  });

  it("GIVEN why China has it and 'here' does not ('perché in cina sì e qui no?') THEN here, the asker's place; a question turning to China alone THEN China", () => {
    expect(assistant.ask("il cloud di xiaomi qui in italia non funziona piu? perche in cina si e qui no?").availability).toMatchObject({ service: "mi-cloud", region: "IT" });
    expect(assistant.ask("qui in italia il cloud non va, ma in cina va?").availability).toMatchObject({ service: "mi-cloud", region: "CN" });
  });

  it("GIVEN 'here' in the asker's description, not in the clause that asks ('mexican living in italy here, youpin ships to mexico?') THEN the place the question names", () => {
    expect(assistant.ask("mexican living in italy here, youpin ships to mexico?").availability).toMatchObject({ service: "youpin", region: "MX" });
    expect(assistant.ask("I'm in Milan on erasmus, from Spain originally. is xiaomi pay available here?").availability).toMatchObject({ service: "mi-pay", region: "IT" });
  });

  it("GIVEN a place as the message's label and 'there' after it ('Belarus: did it go live there, or was it just Russia and Ukraine?') THEN the label's place", () => {
    expect(assistant.ask("Belarus: did Xiaomi Pay ever actually go live there, or was it just Russia and Ukraine?").availability).toMatchObject({ service: "mi-pay", region: "BY" });
  });

  it("GIVEN a bank of one country and no place ('ho un conto alpha bank', 'csob card') THEN that country; GIVEN a place named beside it THEN the place", () => {
    expect(assistant.ask("ho un conto alpha bank, xiaomi pay ci va?").availability).toMatchObject({ service: "mi-pay", region: "GR" });
    expect(assistant.ask("csob card on mi band 6 nfc, does xiaomi pay take it?").availability).toMatchObject({ service: "mi-pay", region: "CZ" });
    expect(assistant.ask("ho la carta nexi, xiaomi pay funziona in germania?").availability).toMatchObject({ service: "mi-pay", region: "DE" });
  });

  it("GIVEN a nationality said before a question that names no place ('io sono inglese… Da quale anno esiste Xiao AI?') THEN no place is asked; a bank's country still is", () => {
    const answer = assistant.ask("Salve, io sono inglese, scusate il mio italiano. Da quale anno esiste Xiao AI? Quando è nato questo assistente?");
    expect(answer).toMatchObject({ kind: "answer", service: "xiaoai" });
    expect(answer.availability).toBeUndefined();
    expect(assistant.ask("mia madre ha la mi band 6 nfc. lei ha solo una carta bancoposta... funziona con xiaomi pay?").availability).toMatchObject({ region: "IT" });
  });

  it("GIVEN where an account was made ('l'account fatto in italia') THEN it is background to the place asked", () => {
    expect(assistant.ask("funziona il cloud xiaomi in cina se ho l'account globale fatto in italia?").availability).toMatchObject({ service: "mi-cloud", region: "CN" });
  });

  it("GIVEN China named beside another region THEN the other one is asked", () => {
    expect(assistant.ask("in cina xiaoai c'è, arriverà anche da noi?").availability).toMatchObject({ service: "xiaoai", region: "IT" });
    expect(assistant.ask("xiaomi pay works in china, what about poland?").availability).toMatchObject({ service: "mi-pay", region: "PL" });
    expect(assistant.ask("sono in germania, xiaomi pay funziona qui?").availability).toMatchObject({ region: "DE" });
  });

  it("GIVEN a question opener followed by a country's adjective alone ('mi chiede se esiste qualche banca tedesca') THEN that country, not the asker's own bank's", () => {
    expect(assistant.ask("mio fratello si è trasferito a monaco di baviera e mi chiede se esiste qualche banca tedesca che si collega a xiaomi pay sul bracciale, io da roma ho la nexi e va").availability).toMatchObject({ region: "DE" });
  });

  it("GIVEN a question opener ('volevo sapere se', 'asking if') followed by a place THEN that place, whatever the places around it", () => {
    expect(assistant.ask("vivo a madrid da anni ma sono di livorno. volevo sapere se xiaomi pay in spagna è mai arrivato, perche qui nessuno ne sa niente e in italia invece mi pare ci sia").availability).toMatchObject({
      service: "mi-pay",
      region: "ES",
    });
    expect(assistant.ask("Scottish lad here, moved to Sicily. back home my mates are asking if xiaoai is available in the UK, is it?").availability).toMatchObject({ service: "xiaoai", region: "GB" });
  });

  it("GIVEN 'there' after 'going back home', beside where the asker lives THEN the city they come from", () => {
    expect(assistant.ask("I'm originally from Gdansk but I've been living in Turin for 3 years. going back home for christmas, can my band pay there with xiaomi pay?").availability).toMatchObject({
      service: "mi-pay",
      region: "PL",
    });
    expect(assistant.ask("io sto a Napoli e mio cugino è tornato da Pechino con tanti gadget di Youpin: volevo sapere se Youpin c'è anche da noi in Italia o se deve portarmeli lui").availability).toMatchObject({
      region: "IT",
    });
  });

  it("GIVEN 'here' and only the city the asker is from THEN that city's country; 'moved here from' THEN not", () => {
    expect(assistant.ask("i am from chisinau, xiaomi pay exist here? with which bank").availability).toMatchObject({ service: "mi-pay", region: "MD" });
    expect(assistant.ask("just moved here from dublin and my friend says xiaomi has its own pay app, do i need it??").availability?.region).not.toBe("IE");
  });

  it("GIVEN a city or a code as the message's label, before a dash or a colon THEN that place; a word alone before a dash is no place", () => {
    expect(assistant.ask("paris - mi pay ok or not").availability).toMatchObject({ service: "mi-pay", region: "FR" });
    expect(assistant.ask("Lisbona: xiaomi pay funziona?").availability).toMatchObject({ service: "mi-pay", region: "PT" });
    expect(assistant.ask("nice - thanks").kind).toBe("smalltalk");
    expect(assistant.ask("pl: Xiaomi Pay on phones possible or only on bands?").availability).toMatchObject({ service: "mi-pay", region: "PL" });
  });

  it("GIVEN whether it works in a place with a device ('mi chiedevo se xiaomi pay in polonia funziona con la band 7') THEN the place's own facts, which name its banks and devices", () => {
    expect(assistant.ask("da ottobre faccio l'erasmus a cracovia, ho aperto un conto in una banca polacca e mi chiedevo se xiaomi pay in polonia funziona con la band 7")).toMatchObject({
      topic: "service-in-region",
      availability: { service: "mi-pay", region: "PL" },
    });
  });

  it("GIVEN a place whose facts speak of what is asked ('a xiaomi band here in moldova?') THEN those facts; GIVEN what an entry is about or what the place's facts never name THEN that entry", () => {
    expect(assistant.ask("hi from Chisinau! anyone paying with a xiaomi band here in moldova?")).toMatchObject({ topic: "service-in-region", availability: { region: "MD" } });
    expect(assistant.ask("would a curve card let me use xiaomi pay in germany?")).toMatchObject({ topic: "mi-pay-curve", availability: { region: "DE" } });
    expect(assistant.ask("can i pay with my xiaomi phone in italy?").topic).not.toBe("service-in-region");
  });

  it("GIVEN a country no source covers THEN says unknown and what is known in Europe, never another country's status", () => {
    const answer = assistant.ask("xiaomi pay c'è in olanda?");
    expect(answer.availability).toMatchObject({ region: "NL", status: "unknown" });
    expect(answer.body).toMatch(/In Europa ho dati su: .*Italia/);
  });

  it("GIVEN one European country given as Europe's example ('in europa, tipo in austria', 'in eastern europe, like in romania') THEN that country is asked, not Europe", () => {
    expect(assistant.ask("xiaomi pay c'è in europa, tipo in austria?").availability).toMatchObject({ service: "mi-pay", region: "AT" });
    expect(assistant.ask("does xiaomi pay work in eastern europe, like in romania?").availability).toMatchObject({ service: "mi-pay", region: "RO", status: "unknown" });
    expect(assistant.ask("does xiaomi pay work in europe?").availability).toMatchObject({ service: "mi-pay", region: "EU" });
  });

  it("GIVEN whether Xiaomi sells its phones in a place, asked beside a story ('mio figlio vive a chicago… ma negli stati uniti li vendono?') THEN the company's entry about that place, with its status there", () => {
    const answer = assistant.ask("mio figlio vive a chicago e vorrebbe un telefono xiaomi... ma negli stati uniti li vendono?");
    expect(answer).toMatchObject({ kind: "answer", service: "xiaomi", topic: "xiaomi-usa" });
    expect(answer.availability).toMatchObject({ region: "US", status: "unavailable" });
  });

  it("GIVEN whether a service can be used from a city ('xiaoai si può usare da napoli?') THEN that city's country is asked; 'just moved here from' a city THEN it is not", () => {
    expect(assistant.ask("xiaoai si può usare da napoli?").availability).toMatchObject({ service: "xiaoai", region: "IT" });
    expect(assistant.ask("just moved here from dublin, does xiaomi pay work with revolut?").availability?.region).not.toBe("IE");
  });

  it("GIVEN a country's code before a card ('my uk debit card in poland') THEN whose card it is, and the place named is asked", () => {
    expect(assistant.ask("my uk debit card in poland, does xiaomi pay take it?").availability).toMatchObject({ service: "mi-pay", region: "PL" });
    expect(assistant.ask("xiaomi pay uk?").availability).toMatchObject({ service: "mi-pay", region: "GB" });
  });

  it("GIVEN the asker in a Chinese city ('sono a shanghai per lavoro', 'i'm in Shenzhen') and 'here' THEN China, not Italy; a friend in one and 'qui da noi' THEN Italy", () => {
    expect(assistant.ask("sono a shanghai per lavoro, xiaomi pay funziona qui?").availability).toMatchObject({ region: "CN" });
    expect(assistant.ask("i'm in Shenzhen 🇨🇳 right now - is Mi Pay usable here?").availability).toMatchObject({ region: "CN" });
    expect(assistant.ask("ho un amico a pechino, qui da noi funziona xiaomi pay?").availability).toMatchObject({ region: "IT" });
  });

  it("GIVEN one of India's large cities ('a jaipur', 'in hyderabad') THEN India", () => {
    expect(assistant.ask("xiaomi pay a jaipur funziona?").availability).toMatchObject({ service: "mi-pay", region: "IN" });
    expect(assistant.ask("my cousin in hyderabad says mi pay is gone, did xiaomi kill it?").availability).toMatchObject({ service: "mi-pay", region: "IN" });
  });

  it("GIVEN a card of a bank of the place ('la sua carta bancoposta… si può?') THEN the place's facts, which say whether that bank works, even when a closer entry mentions the place in passing", () => {
    const answer = assistant.ask("mia zia ha appena preso la mi band 7 nfc e vorrebbe usarla per pagare al mercato con la sua carta bancoposta, si può?");
    expect(answer).toMatchObject({ kind: "answer", service: "mi-pay", topic: "service-in-region" });
    expect(answer.answer).toContain("BancoPosta");
  });

  it("GIVEN a question about Greece's cards THEN is not answered with Italy's cards", () => {
    expect(assistant.ask("quali carte funzionano con xiaomi pay in grecia?").topic).not.toBe("mi-pay-italy-cards");
  });

  it.each([
    ["in polonia xiaomi pay va con tante banche, e in italia?", "IT"],
    ["si può usare xiaomi pay fuori dall'italia, tipo in austria?", "AT"],
    ["i'm in the uk, can i order from youpin or is it china only?", "GB"],
    ["does xiaomi pay work in germany but not in austria?", "AT"],
    ["sono a praga x lavoro, xiaomi pay va qui con la band?", "CZ"],
    ["living in kyiv, can i pay with xiaomi pay here?", "UA"],
    ["sono a milano, xiaomi pay funziona in francia?", "FR"],
    ["ho un watch s1 preso in polonia e vorrei usare xiaomi pay qui in italia con la mia carta intesa, si può fare?", "IT"],
    ["moved from milan to amsterdam, my band pays fine in italy, does xiaomi pay work over here in the netherlands too?", "NL"],
    ["my dad got a smart band 6 nfc in italy but he lives in the uk now... does xiaomi pay work over there or nah?", "GB"],
    ["sono in turchia in vacanza, xiaomi pay funziona qui? ho la carta nexi italiana", "TR"],
    ["can i use xiaomi pay here with my band?", "IT"],
    ["qui in italia funziona con nexi, ma in spagna?", "ES"],
    ["does mi cloud work in china? i'm from italy", "CN"],
    // A clause turning with "but" to the services' origin asks about it; "whereas" does not.
    ["mi pay closed in india, but is it still around in china?", "CN"],
    ["youpin non è mai arrivato in italia, mentre in cina è ovunque: come mai?", "IT"],
    // Activating it "here" asks here, the origin only where the phone would be bought.
    ["si può attivare qui xiaoai o va preso il telefono in cina?", "IT"],
    ["sono italiano e vivo a londra, youpin spedisce qui?", "GB"],
    ["xiaoai c'è in cina, ma per noi italiani?", "IT"],
    ["xiaomi pay va in germania ma in austria no?", "AT"],
    // The question runs on over its comma; the sentence after it does not ask.
    ["Does Xiaomi Pay work in Greece with any card, or only with some banks? For Italy I already know", "GR"],
    // "only" outside the question sets nothing against the place.
    ["got a band in vienna. does xiaomi pay work with polish banks? i'm only in poland twice a year but i have an account there", "PL"],
    // "there" in the question points away from the asker's own place.
    ["mia zia vive in grecia e mi chiede di xiaomi pay. io qui in italia lo uso con nexi, ma lì funziona?", "GR"],
    // Where a thing was bought is background beside the place it is taken to; named again, it is asked.
    ["mia sorella ha un poco comprato a milano, se va in cina può pagare con xiaomi pay?", "CN"],
    ["ho una band comprata in polonia. in polonia funziona ancora xiaomi pay?", "PL"],
    // ...also when the place pointed at is only a city.
    ["I live in Turin. when I visit my parents in Athens, does Xiaomi Pay work there? here in Italy it works with Nexi", "GR"],
    // "here" is where the asker says they are, not a relative's city; "ask here" is the chat.
    ["my sister in Kyiv pays with her band. I'm in Italy with a Nexi card: can I do the same here, or is it a Ukraine thing?", "IT"],
    ["hope it's ok to ask here. I'm Polish, living in Turin now; will Xiaomi Pay still work in Poland when I visit Krakow?", "PL"],
    // No place named: "there" points at the city someone is from.
    ["mia cognata è di atene e mi chiede se lì funziona xiaomi pay", "GR"],
    // "da noi" outside the question that names its place is where the asker is.
    ["mio fratello vive a shanghai e paga col telefono. da quando c'è xiaomi pay in cina? da noi non si vede", "CN"],
    // "There" points away from where the asker says they are, even at China.
    ["I'm in Spain but flying to Beijing next month, does Mi Pay work over there?", "CN"],
    // Where someone moved to is where they are; "back in" a city is where they came from.
    ["mi sono trasferita a Vienna da Roma, xiaomi pay funziona qui?", "AT"],
    ["we live in Milan now and my wife misses the voice assistant she had back in Shanghai. can she get it here?", "IT"],
    // "X-only" set against a place only an adjective implies is still the place asked.
    ["my card is from an Italian bank and it won't add to my band. is Visa a Poland-only thing?", "PL"],
    // What a question turns to ("ma in Albania…?") asks, not the "here" before it.
    ["mio zio vive a Tirana, io sto a Bologna e qui va con Nexi, ma in Albania funziona?", "AL"],
    ["we're back home in Leeds after a trip to Beijing: will XiaoAI work for us here?", "GB"],
    // "costa poco" is cheap, not the price of a Poco phone.
    ["la band costa poco, ma xiaomi pay in polonia funziona?", "PL"],
    // An island or a region stands for its country like a city; a nickname names it.
    ["xiaomi pay funziona alle baleari?", "ES"],
    ["does mi pay work in bavaria", "DE"],
    ["youpin spedisce nella terra dei canguri?", "AU"],
    // A dash between spaces ends a clause; a place compared with "here" is the one asked, even China.
    ["I'm in Austria right now - does Xiaomi Pay work in Czechia or not?", "CZ"],
    ["il cloud in cina funziona come qui in italia? ci vado a vivere", "CN"],
    // In Italian "Monaco" alone is Munich; the principality is "il Principato di Monaco".
    ["la settimana prossima vado a Monaco per lavoro, xiaomi pay funziona lì?", "DE"],
    ["xiaomi pay funziona nel Principato di Monaco?", "MC"],
    // "There" points at the city someone leaves for, not at the nationality of their card.
    ["parto per Atene per lavoro, ho solo una carta italiana: la band con xiaomi pay funzionerà anche lì?", "GR"],
    // "South America" is no name of the United States.
    ["xiaomi pay c'è in sud america? tipo in cile", "CL"],
    // Where someone flies from, with its article, is where they come from.
    ["flying from the UK to Greece next week, will xiaomi pay on my watch work over there?", "GR"],
    // A code in lower case where a place goes, or in capitals after "in" ("in NO"), not "in TV".
    ["mi pay kr?", "KR"],
    ["does mi cloud work in nz", "NZ"],
    ["youpin spedisce in NO?", "NO"],
    ["l'ho visto in TV: xiaomi pay funziona in italia?", "IT"],
    // A five-letter country with two letters swapped; an adjective in its feminine plural.
    ["does xiaomi pay work in spian yet", "ES"],
    ["xiaomi pay va con le carte polacche?", "PL"],
    // "Vivo a" is where the asker lives, not a Vivo phone.
    ["Vivo a Torino ma vado spesso a Varsavia: lì si paga con la band?", "PL"],
    // "da lui", "da loro": at someone else's place, not the asker's.
    ["mio fratello sta a Praga e paga con l'orologio, qui a Roma a me non va: da lui funziona?", "CZ"],
  ])("GIVEN %j THEN answers for %s, the country asked", (question, region) => {
    expect(assistant.ask(question).availability?.region).toBe(region);
  });
});

describe("asked nowhere in particular", () => {
  it("GIVEN which banks, no place named THEN Italy's entry (the community's country), not Poland's that matches nearly as well; GIVEN Poland named THEN Poland's", () => {
    expect(assistant.ask("Xiaomi Pay con quali banche va?").topic).toBe("mi-pay-italy-cards");
    expect(assistant.ask("con quali banche va xiaomi pay? chiedo per mia madre").topic).toBe("mi-pay-italy-cards");
    expect(assistant.ask("Xiaomi Pay in Polonia con quali banche?").topic).toBe("mi-pay-poland");
  });
});

describe("a clause that asks, read beside the whole message", () => {
  it("GIVEN the whole message nearly answered by an entry and its asking clause alone by another THEN the whole message's entry", () => {
    expect(assistant.ask("i pagamenti col QR sui telefoni xiaomi senza nfc, quali modelli li avevano? io ho un vecchio redmi").topic).toBe("mi-pay-without-nfc");
  });

  it("GIVEN a clause that asks while pointing back to what comes before it ('…vicino al play store, perché me lo hanno messo?') THEN the whole message, when it matches an entry fairly well", () => {
    expect(assistant.ask("quello store di app xiaomi vicino al play store, perché me lo hanno messo sul telefono nuovo?").topic).toBe("xiaomi-getapps");
    expect(assistant.ask("hey! my aunt in shanghai has xiaomi's assistant that reads the screen now, called super xiaoai I think. is that a newer xiaoai and when did it launch?").topic).toBe("xiaoai-super-xiaoai");
  });
});

describe("chatty messages", () => {
  it("GIVEN a question, then an aside opening a sentence that asks nothing ('…? btw il tema scuro nuovo è bellissimo') THEN the question is answered, the aside's subject not counted", () => {
    expect(assistant.ask("a cosa serve getapps sul mio redmi? btw il tema scuro nuovo è bellissimo")).toMatchObject({ kind: "answer", topic: "xiaomi-getapps" });
  });

  it("GIVEN a question, then a change of subject to a remark that asks nothing ('…? fuori tema ma oggi piove a dirotto qui a milano') THEN the question is answered", () => {
    expect(assistant.ask("does xiaomi pay work in greece with alpha bank? unrelated but my new band looks great in black").availability).toMatchObject({ service: "mi-pay", region: "GR" });
    expect(assistant.ask("youpin spedisce in italia? fuori tema ma oggi piove a dirotto qui a milano")).toMatchObject({ kind: "answer", service: "youpin" });
  });

  it("GIVEN a question without its mark and then a sentence reporting what someone heard ('xiaoai parla italiano 🙂 mi hanno detto che il televisore…') THEN the question is what asks, not the report", () => {
    expect(assistant.ask("xiaoai parla italiano 🙂 mi hanno detto che il televisore cinese di mio zio risponde solo in cinese")).toMatchObject({ kind: "answer", service: "xiaoai" });
  });

  it("GIVEN updates told in the story and a question naming XiaoAI THEN about XiaoAI, not declined for the updates", () => {
    const answer = assistant.ask("ciao, ho aggiornato a hyperos 2 e vedo dappertutto hyperai. ma hyperai è il nuovo nome di xiaoai o sono due cose diverse? l'ho letto su un forum ma non mi fido");
    expect(answer).toMatchObject({ kind: "answer", service: "xiaoai" });
  });

  it("GIVEN a service of ours in the story and a question about repairs or software updates THEN declined", () => {
    expect(assistant.ask("I loved Mi Pay in China back then. anyway, actual question: when will my Redmi Note 13 get Android 16? still on an old security patch").kind).toBe("fallback");
    expect(assistant.ask("uso xiaomi pay sulla band ma il vetro si è crepato: quanto costa sostituire il vetro in un centro assistenza a roma?").kind).toBe("fallback");
    expect(assistant.ask("ho il robot aspirapolvere xiaomi collegato all'app mi home e mi da l'errore 'spazzola bloccata' anche dopo averla pulita, qualcuno sa come risolvere?").kind).toBe("fallback");
  });

  it("GIVEN rooting or unlocking asked, a service of ours only as what it is for ('…so i can get xiaoai', '…per poter usare xiaomi pay') THEN declined; a service set up for a purpose THEN answered", () => {
    expect(assistant.ask("how can i root my poco f5 so i can install the china rom and use xiaoai?").kind).toBe("fallback");
    expect(assistant.ask("come sblocco il bootloader del redmi per poter avere xiaoai?").kind).toBe("fallback");
    expect(assistant.ask("come faccio ad attivare xiaomi pay per poter pagare con la band?")).toMatchObject({ kind: "answer", service: "mi-pay" });
  });

  it("GIVEN rooting asked, a service of ours only as what must keep working ('…without losing xiaomi pay', '…senza perdere xiaomi pay') THEN declined; moving a backup without losing photos THEN answered", () => {
    expect(assistant.ask("how do I root my redmi note 13 without losing xiaomi pay on my watch?").kind).toBe("fallback");
    expect(assistant.ask("si può fare il root del poco f6 senza perdere xiaomi pay?").kind).toBe("fallback");
    expect(assistant.ask("come passo a google foto senza perdere le foto della galleria?")).toMatchObject({ kind: "answer", service: "mi-cloud" });
  });

  it("GIVEN one sentence naming a service of ours and ending 'where can I get it repaired?' THEN declined; 'dove' asking about the service itself THEN answered", () => {
    expect(assistant.ask("the strap of my band broke and i pay with xiaomi pay on it every day, where can i get a new one fixed in rome?").kind).toBe("fallback");
    expect(assistant.ask("ho attivato xiaomi pay sulla band 6, dove funziona in europa?")).toMatchObject({ kind: "answer", service: "mi-pay" });
  });

  it("GIVEN a service of ours in a story that ends with an emoji and a question about a repair THEN declined, as after a full stop", () => {
    expect(assistant.ask("ho la band 6 con xiaomi pay e va tutto bene, solo che ieri mi è caduta e il vetro si è crepato 😭 sapete dove la posso far riparare a bologna?").kind).toBe("fallback");
  });

  it("GIVEN a question after chatter in its own clause ('not sure this is the right place but when did xiaoai first come out?') and a story after it THEN the question's entry, not the overview", () => {
    expect(assistant.ask("not sure this is the right place but when did xiaoai first come out? i thought it was a phone thing but my friend says it started on a tv")).toMatchObject({ kind: "answer", service: "xiaoai", topic: "xiaoai-what-is" });
  });

  it("GIVEN no question mark, the question opened in the first sentence ('volevo sapere se il cloud…') and another company's phone only in the last ('il mio vecchio samsung lo faceva') THEN the service's answer, not a decline", () => {
    expect(assistant.ask("ho un redmi note 13 e volevo sapere se il cloud xiaomi salva anche gli sms e i contatti... il mio vecchio samsung lo faceva da solo e ora mi sento perso")).toMatchObject({ kind: "answer", service: "mi-cloud" });
  });

  it("GIVEN a service of ours in the story and a question about the font, a watch face ('quadrante') or an order awaiting shipment THEN declined", () => {
    expect(assistant.ask("hi guys, so my mum's new Redmi Note 13 is great, I set up her Xiaomi account and the cloud backup and all that, but the text is tiny for her. how do I make the font and icons bigger? she keeps zooming with two fingers lol").kind).toBe("fallback");
    expect(assistant.ask("hi @bot, bought a xiaomi smart band from the official store on aliexpress for the nfc payments but the order has said 'awaiting shipment' for 2 weeks now, can u check where it is?").kind).toBe("fallback");
  });

  it("GIVEN a pizzeria near a Mi Store or how to take a Youpin robot apart THEN declined, not the company's or Youpin's overview", () => {
    expect(assistant.ask("qualcuno conosce una pizzeria vicino al mi store di roma?").kind).toBe("fallback");
    expect(assistant.ask("come si smonta la spazzola del robot xiaomi comprato su youpin?").kind).toBe("fallback");
  });

  it("GIVEN how to change HyperOS's icons or wallpapers THEN declined (the sources say nothing of theming); what HyperOS is THEN answered", () => {
    expect(assistant.ask("how do i change the icons on hyperos?").kind).toBe("fallback");
    expect(assistant.ask("si possono cambiare le icone su hyperos?").kind).toBe("fallback");
    expect(assistant.ask("any good wallpapers for hyperos?").kind).toBe("fallback");
    expect(assistant.ask("cos'è hyperos?")).toMatchObject({ kind: "answer", topic: "xiaomi-hyperos" });
  });

  it("GIVEN a question naming a phone model, the company's name misspelt ('when xiomi 17 arrive in europe?') THEN declined, not the company's cars abroad; a model only in the story THEN the company's answer", () => {
    expect(assistant.ask("when xiomi 17 arrive in europe?").kind).toBe("fallback");
    expect(assistant.ask("quando arriva lo xiaomi 16 in europa?").kind).toBe("fallback");
    expect(assistant.ask("can you officially buy xiaomi phones in the US? friend in Texas wants a Xiaomi 14")).toMatchObject({ kind: "answer", service: "xiaomi", availability: { region: "US" } });
  });

  it("GIVEN a why-question about ours set against others with a bare 'no' ('…mentre alexa no?') THEN ours is asked about; 'funziona o no?' about another company's payment THEN still declined", () => {
    expect(assistant.ask("perché in cina tutti usano xiaoai mentre alexa no?")).toMatchObject({ kind: "answer", service: "xiaoai", topic: "xiaoai-why-china" });
    expect(assistant.ask("why did xiaoai take off in china but alexa not?")).toMatchObject({ kind: "answer", service: "xiaoai" });
    expect(assistant.ask("uso xiaomi pay sulla band ma con apple pay funziona o no?").kind).toBe("fallback");
  });

  it("GIVEN a service guessed from a word of its name only in the story and a question that alone asks the company's entry THEN that entry, not the service's overview", () => {
    expect(assistant.ask("ho letto di un nuovo assistente ai di xiaomi per l'estero. ma le auto quando iniziano a esportarle?")).toMatchObject({ kind: "answer", service: "xiaomi", topic: "xiaomi-cars-abroad" });
    // Asked about the service itself, the service still answers.
    expect(assistant.ask("ho letto di un nuovo assistente ai di xiaomi per l'estero. quando arriva l'assistente?")).toMatchObject({ kind: "answer", service: "xiaoai" });
  });

  it("GIVEN a service of ours told as what the asker uses and a question about a phone model that no topic of the service comes near THEN declined, not the service's overview", () => {
    expect(assistant.ask("been using xiaomi cloud for years with my mi 11 and thinking about getting the xiaomi 15 ultra, is it worth it over the s24 ultra? need honest opinions").kind).toBe("fallback");
    expect(assistant.ask("xiaomi 15 ha xiaoai?")).toMatchObject({ kind: "answer", service: "xiaoai" });
  });

  it("GIVEN the company's services named as examples and a phone model's price asked THEN declined, not a company entry that only comes near", () => {
    expect(assistant.ask("sto pensando di prendere lo xiaomi 15 ultra perché uso mi home e il cloud per tutto, quanto costa in italia e conviene?").kind).toBe("fallback");
    expect(assistant.ask("i love the ecosystem (mi home and the cloud for everything), how much is the xiaomi 15 ultra in italy, worth it over the 14?").kind).toBe("fallback");
  });

  it("GIVEN the company asked about beside other companies that its own entry names ('did lei jun really say it's like google not apple') THEN that entry, not a decline; another company's payment alone THEN declined", () => {
    expect(assistant.ask("did lei jun really say it's like google not apple")).toMatchObject({ kind: "answer", service: "xiaomi", topic: "xiaomi-services-company" });
    expect(assistant.ask("meglio apple pay o google pay?").kind).toBe("fallback");
  });

  it("GIVEN no service of ours named or described, a phone once used to pay, and two subjects we do not cover asked (a repair, the service centre) THEN declined, however like a payment topic its other words read", () => {
    expect(assistant.ask("mi è caduto lo xiaomi 12 e si è rotto il display, quello che usavo per pagare... vabbè lasciamo stare. sapete quanto costa la riparazione all'assistenza ufficiale? a roma intendo").kind).toBe("fallback");
    expect(assistant.ask("si può pagare col telefono xiaomi in italia?")).toMatchObject({ kind: "answer", service: "mi-pay" });
  });

  it("GIVEN a repair at a Xiaomi service centre ('centro assistenza xiaomi') asked after a service of ours THEN declined: support is not the assistant", () => {
    expect(assistant.ask("pago con xiaomi pay sulla band 8 ma il vetro si è rotto, quanto costa cambiarlo in un centro assistenza xiaomi?").kind).toBe("fallback");
    expect(assistant.ask("l'assistente xiaomi parla italiano?")).toMatchObject({ kind: "answer", service: "xiaoai" });
  });

  it("GIVEN a service of ours in the story and a new device's release and price asked ('…il nuovo watch s4 con nfc quando esce e a che prezzo?') THEN declined: a device that could pay is not the service", () => {
    expect(assistant.ask("pago con xiaomi pay sul watch s1 da mesi e va benissimo, ma il nuovo watch s4 con nfc quando esce in italia e a che prezzo?").kind).toBe("fallback");
    expect(assistant.ask("con quale app attivo xiaomi pay sul watch s1?")).toMatchObject({ kind: "answer", service: "mi-pay" });
  });

  it.each([
    "my mi home app keeps showing error 1201 when i add the camera, what does that error mean?",
    "ho xiaoai sullo speaker cinese ma si scollega dal wifi ogni notte, qualcuno sa perché?",
    "i love hyperos but how do i turn the ads off in the file manager?",
    "does the youpin robot vacuum x20 have good suction power?",
    "uso mi home per tutta la casa, ma il nuovo redmi conviene prenderlo adesso o aspettare il black friday?",
    "my xiaomi cloud backup is fine but the order from the xiaomi store is stuck with dhl, who do i call?",
    "ho comprato un redmi usato ma è bloccato con l'account xiaomi del vecchio proprietario, come faccio?",
    "i use xiaoai on my chinese speaker, when does the redmi note 15 launch globally?",
    "vorrei diventare rivenditore xiaomi nel mio negozio, a chi scrivo?",
    "come attivo la modalità scura su hyperos?",
    "on hyperos can i hide apps from my kids?",
    "lei jun ha figli?",
    "la mia mi band con xiaomi pay si scalda molto mentre la carico, è normale?",
    "ho preso una lampada youpin, il tracking è fermo e il venditore non risponde",
    "my bank app keeps crashing on my redmi since i set up xiaomi pay, is it a known bug?",
    "is xiaoai legal under gdpr?",
    "my card on xiaomi pay got cloned, is it fraud protection from the bank or xiaomi?",
  ])("GIVEN %j (an error code, a wifi fault, the ads, a device's specs, a sale, a courier, a previous owner's lock, a phone's launch, becoming a reseller, a setting, a founder's family, overheating, a parcel, a crashing app, the law, fraud: what the sources never cover) THEN declined", (question) => {
    expect(assistant.ask(question).kind).toBe("fallback");
  });

  it("GIVEN a service and a country named, and two subjects we do not cover asked about them (customs and VAT) THEN declined, not the service's status there", () => {
    expect(assistant.ask("un amico mi spedisce da pechino una lampada presa su youpin: quanto pago di dogana e iva quando arriva in italia?").kind).toBe("fallback");
    // No word asks whether it works there: the place is only where the parcel comes from.
    expect(assistant.ask("got a youpin kettle coming from china, where is my package? the seller doesnt reply").kind).toBe("fallback");
    expect(assistant.ask("youpin spedisce in italia?")).toMatchObject({ kind: "answer", service: "youpin", availability: { region: "IT" } });
  });

  it("GIVEN one sentence naming a service of ours, its last clause a question of its own about what we do not cover ('…, come ottengo il rimborso?', '…, how much is a new strap?') THEN declined; pointing back at the service ('…, can i turn it on with a global rom?') THEN answered", () => {
    expect(assistant.ask("ho pagato la spesa con xiaomi pay sul watch e me l'hanno addebitata due volte, come ottengo il rimborso?").kind).toBe("fallback");
    expect(assistant.ask("i pay with xiaomi pay on my band every day, how much is a new strap?").kind).toBe("fallback");
    expect(assistant.ask("xiaoai only speaks chinese on my speaker, can i turn it on with a global rom?")).toMatchObject({ kind: "answer", service: "xiaoai" });
  });

  it("GIVEN everyday things that are not subjects we do not cover (an air conditioner's app, a lost phone found by GPS, a deleted icon, a band counting steps, a game) THEN still answered", () => {
    expect(assistant.ask("che app uso per il condizionatore xiaomi?")).toMatchObject({ kind: "answer", topic: "xiaomi-home" });
    expect(assistant.ask("ho perso il telefono, si può trovare col gps?")).toMatchObject({ kind: "answer", service: "mi-cloud" });
    expect(assistant.ask("come si chiama l'app che comanda le lampadine xiaomi? ho cancellato l'icona")).toMatchObject({ kind: "answer", service: "xiaomi" });
    // A band's features and a game say what the asker has and does, not what is asked.
    expect(assistant.ask("il braccialetto xiaomi che conta i passi può pagare con la carta bancoposta?")).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(assistant.ask("mentre gioco a genshin sul poco getapps mi manda notifiche, ma che cos'è getapps?")).toMatchObject({ kind: "answer", topic: "xiaomi-getapps" });
  });

  it("GIVEN a question offering two choices, one of them a subject we do not cover ('…o va portato in assistenza?') THEN declined", () => {
    expect(assistant.ask("mio padre salva i contatti sul cloud xiaomi, quindi almeno quelli ci sono, ma il suo redmi è caduto in piscina. lo metto nel riso o va portato in assistenza?").kind).toBe("fallback");
    expect(assistant.ask("I pay with Xiaomi Pay on my Band 6 NFC with my Nexi card, but the battery barely lasts a day now. Is that normal or should I get it replaced under warranty?").kind).toBe("fallback");
  });

  it("GIVEN a service of ours in the story and a device's price asked after it ('…la band 8 adesso quanto costa?') THEN declined", () => {
    expect(assistant.ask("pago con xiaomi pay sulla band 6 da un anno. la band 8 adesso quanto costa?").kind).toBe("fallback");
  });

  it("GIVEN a question, then 'something else' in the story and only thanks after it THEN the question, not thanks", () => {
    const answer = assistant.ask("my sister asked me this: what app do you use to add a card to xiaomi pay these days? she says mi fit, I say it's something else, and our dad doesn't care at all lol. thanks!! settle this please");
    expect(answer).toMatchObject({ kind: "answer", service: "mi-pay" });
  });

  it("GIVEN chat shorthand and interjections THEN they are read as the words they stand for, not as what is asked", () => {
    expect(assistant.ask("goolge pay nn va sul mio redmi, nfc attivo ma niente 😤")).toMatchObject({ service: "mi-pay", topic: "mi-pay-hce-wallet" });
    expect(assistant.ask("can u use xiaomi pay w a visa card?")).toMatchObject({ service: "mi-pay", topic: "mi-pay-visa" });
  });

  it("GIVEN a diminutive ('telefonini') THEN it is read as the word it comes from", () => {
    expect(assistant.ask("da quando xiaoai sta sui telefonini? prima era solo sulle casse giusto?").topic).toBe("xiaoai-what-is");
  });

  it("GIVEN greetings and context around the question THEN answers the question", () => {
    const answer = assistant.ask(
      "ciao a tutti 👋 scusate la domanda, mia madre ha la smart band 6 nfc e vorrebbe pagare al supermercato, ma xiaomi pay in italia c'è o no?",
    );
    expect(answer).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(answer.availability?.region).toBe("IT");
  });

  it("GIVEN a service said in passing and a question about something else THEN declines it; asked about the service, answers", () => {
    expect(assistant.ask("uso xiaomi pay sulla band 8 da mesi, tutto ok. ma dove la porto a riparare in garanzia a Torino?")).toMatchObject({ kind: "fallback", service: null });
    expect(assistant.ask("I keep my contacts on Xiaomi Cloud. Anyway, does Samsung Cloud back up WhatsApp chats?")).toMatchObject({ kind: "fallback", service: null });
    expect(assistant.ask("ho la band 8 da mesi, tutto ok. ma xiaomi pay funziona con postepay?")).toMatchObject({ kind: "answer", service: "mi-pay" });
    // Another company's product as a likeness asks about ours.
    expect(assistant.ask("mio cugino in cina usa youpin tutti i giorni. ma è un negozio normale o una cosa tipo kickstarter?")).toMatchObject({ kind: "answer", service: "youpin" });
    // The question runs on over its comma: the service is in the sentence that asks.
    expect(assistant.ask("I live in Vienna. Can I get XiaoAI in Austria, or is it only Google Assistant here?")).toMatchObject({ kind: "answer", service: "xiaoai" });
  });

  it("GIVEN the account described as the one created when setting up a phone, beside the cloud it serves THEN the Xiaomi Account, not the cloud", () => {
    expect(assistant.ask("the account you create when setting up a poco, is it only for the cloud or what else?")).toMatchObject({ kind: "answer", topic: "xiaomi-account" });
    expect(assistant.ask("l'account che si crea sul redmi nuovo serve solo per il cloud o anche per altro?")).toMatchObject({ kind: "answer", topic: "xiaomi-account" });
  });

  it("GIVEN getting back into the account through a code sent to a lost number THEN declined (support the sources do not cover); what the account is THEN answered", () => {
    expect(assistant.ask("ho cambiato numero e l'account xiaomi mi chiede il codice sms sul numero vecchio, come entro?").kind).toBe("fallback");
    expect(assistant.ask("my mi account wants a verification code but i lost that phone, how do i get in?").kind).toBe("fallback");
    expect(assistant.ask("cos'è l'account xiaomi e a cosa serve?")).toMatchObject({ kind: "answer", service: "xiaomi", topic: "xiaomi-account" });
  });

  it("GIVEN the account's password reset not arriving THEN declined (support the sources do not cover); GIVEN what the account is THEN answered", () => {
    expect(assistant.ask("mi account password reset email never arrives, checked spam too").kind).toBe("fallback");
    expect(assistant.ask("nn mi arriva l'sms per recuperare la password del mi account, come faccio a rientrare").kind).toBe("fallback");
    expect(assistant.ask("is the xiaomi account password the same for the cloud?")).toMatchObject({ kind: "answer", topic: "xiaomi-account" });
  });

  it("GIVEN a service named in a question about something the sources do not cover, said two ways ('my order', 'hasnt shipped') THEN declined; said once in passing THEN the service's answer", () => {
    expect(assistant.ask("my youpin order still hasnt shipped, tracking says in transit for 3 weeks, what do i do")).toMatchObject({ kind: "fallback", service: null });
    expect(assistant.ask("raga il mio redmi note 12 dopo l'aggiornamento si scarica in 5 ore, ho il backup su mi cloud, conviene fare un reset?")).toMatchObject({ kind: "fallback", service: null });
    expect(assistant.ask("youpin costi di spedizione")).toMatchObject({ kind: "answer", service: "youpin" });
  });

  it("GIVEN a change of subject ('un'altra cosa:', 'off topic, but') THEN what follows is asked on its own", () => {
    expect(assistant.ask("pago con la band e nexi da mesi, tutto ok. altra domanda: come faccio lo screenshot sul redmi note 13?")).toMatchObject({ kind: "fallback", service: null });
    expect(assistant.ask("my backups are on Xiaomi Cloud, all good. Off topic, but does Xiaomi Pay work in Poland?")).toMatchObject({ kind: "answer", service: "mi-pay", availability: { region: "PL" } });
    // "or something else?" asks about the thing before, it changes nothing.
    expect(assistant.ask("questa hyperai è un assistente tipo xiaoai o un'altra cosa? grazie")).toMatchObject({ kind: "answer" });
  });

  it("GIVEN a question opened inside a long sentence ('volevo sapere se …') THEN reads what follows the opener as the question", () => {
    expect(
      assistant.ask("buonasera, sto preparando una presentazione per il corso di marketing e la mia collega voleva sapere se xiaomi si considera più un'azienda di hardware o di servizi"),
    ).toMatchObject({ kind: "answer", service: "xiaomi", topic: "xiaomi-services-company" });
  });

  it("GIVEN context that matches an entry well and a question that matches another THEN the question decides", () => {
    expect(assistant.ask("lo ammetto sono negato: ho un poco f5, il backup su mi cloud è attivo, ma quanti giga ho gratis?? mi esce spazio esaurito e vado nel panico")).toMatchObject({
      service: "mi-cloud",
      topic: "mi-cloud-storage",
    });
  });

  it("GIVEN a greeting clause THEN it never answers the message by itself", () => {
    expect(assistant.ask("Salve, mi sapreste dire quanto dura la batteria del Redmi Watch 4? è per mio padre").kind).toBe("fallback");
  });
});

describe("an entry named in a country", () => {
  it("GIVEN what an entry is about, named beside a country ('a Curve card in Germany?') THEN that entry, with the country's status", () => {
    const answer = assistant.ask("would a curve card let me use xiaomi pay in germany? no german bank supports it");
    expect(answer).toMatchObject({ topic: "mi-pay-curve", availability: { region: "DE" } });
  });
});

describe("a service not named in a country", () => {
  it("GIVEN a question answered by a service's entry without naming the service THEN the status there comes with it", () => {
    const answer = assistant.ask("Sono in Moldavia per lavoro, la Victoriabank mi ha dato una Mastercard: funziona con la mia smart band xiaomi?");
    expect(answer.availability).toMatchObject({ service: "mi-pay", region: "MD" });
  });
});

describe("where a service works, asked from a place", () => {
  it("GIVEN 'is it still available to me in Ireland, or does it depend on the country?' THEN the status in Ireland, not the list of countries alone", () => {
    const answer = assistant.ask("Now that I'm living in Ireland, is Xiaomi Cloud still available to me or does it depend on the country you're in?");
    expect(answer.availability).toMatchObject({ service: "mi-cloud", region: "IE" });
    expect(assistant.ask("Did Xiaomi Pay ever launch in Turkey? and in general which countries have it today?").availability).toMatchObject({ region: "TR", status: "unknown" });
  });

  it("GIVEN 'là' typed without its accent where a clause ends ('funzionerà anche la o…') THEN the place it points at, not the one the asker pays in now", () => {
    const london = assistant.ask("domanda veloce prima di partire per londra: xiaomi pay che uso a torino funzionerà anche la o devo portare la carta?");
    expect(london.availability).toMatchObject({ service: "mi-pay", region: "GB" });
  });

  it("GIVEN the city the asker is from and 'da noi' THEN that city's country is 'da noi'", () => {
    expect(assistant.ask("sono di lugano, il backup su mi cloud c'è anche da noi?").availability).toMatchObject({ service: "mi-cloud", region: "CH" });
  });
});

describe("a shop named beside a Xiaomi service", () => {
  it("GIVEN where the band was bought ('a band 6 nfc I bought on Amazon, can I pay with it here?') THEN answers about Xiaomi Pay, not about Amazon", () => {
    const answer = assistant.ask("i'm in brno for erasmus and have a band 6 nfc i bought on amazon, can i actually pay with it here or is it only a china thing?");
    expect(answer).toMatchObject({ kind: "answer", service: "mi-pay", availability: { region: "CZ" } });
    expect(assistant.ask("amazon prime conviene?").kind).toBe("fallback");
  });
});

describe("a word only one entry uses, among words the knowledge lacks", () => {
  it("GIVEN 'was mi pay ever tied to UnionPay or am i mixing it up w something else' THEN the entry about UnionPay, not the overview", () => {
    expect(assistant.ask("was mi pay ever tied to UnionPay or am i mixing it up w something else").answer).toContain("UnionPay");
  });
});

describe("another company's product weighed against a Xiaomi service", () => {
  it("GIVEN another company's product weighed against ours in the story and an opinion asked after it ('…google drive è meglio. voi che ne pensate?') THEN declined: the question points back at the comparison", () => {
    expect(assistant.ask("uso xiaomi cloud da anni, mia sorella dice che google drive è meglio. voi che ne pensate?").kind).toBe("fallback");
    expect(assistant.ask("My wife keeps her notes on Xiaomi Cloud but she is switching to an iPhone and wonders if iCloud is better. What do you think of it?").kind).toBe("fallback");
  });

  it("GIVEN 'which is better' between them THEN declined: the sources make no such comparison; what the Xiaomi one is stays answered", () => {
    expect(assistant.ask("meglio apple pay o xiaomi pay per pagare alla coop? quale è più sicuro").kind).toBe("fallback");
    expect(assistant.ask("google assistant vs xiaoai, which one understands accents better?").kind).toBe("fallback");
    expect(assistant.ask("xiaoai vs google assistant on xiaomi phones, whats the diffrence").kind).toBe("answer");
  });
});

describe("another company's product told as the story, not asked", () => {
  it("GIVEN it before the question turns or opens ('ho l'echo con alexa ma …', 'I used apple pay, now I'm wondering if …') THEN the Xiaomi service asked is answered", () => {
    expect(
      assistant.ask("mio figlio vive a shanghai e parla con lo speaker 'xiao ai'. io a casa ho l'echo con alexa ma sono curiosa, esiste anche per noi in italia oppure no?"),
    ).toMatchObject({ kind: "answer", service: "xiaoai", availability: { region: "IT" } });
    expect(
      assistant.ask("I'm a student from Brazil living in Bologna and I bought a Redmi Watch here. back home I used apple pay on my phone, now I'm wondering if I can tap to pay with the watch at the mensa"),
    ).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(assistant.ask("my prof says xiaomi is basically 'apple but cheaper'. but i read they call themselves an internet company. what does xiaomi say about itself?")).toMatchObject({ kind: "answer", service: "xiaomi" });
  });

  it("GIVEN Xiaomi named and the counterpart of another company's product asked for ('samsung cloud… whats the xiaomi equivalent') THEN our service of its kind; the product alone THEN still declined", () => {
    expect(assistant.ask("on my old samsung I had samsung cloud for contacts. whats the xiaomi equivalent and what does it sync")).toMatchObject({ kind: "answer", service: "mi-cloud" });
    expect(assistant.ask("il mio vecchio garmin pagava con garmin pay, il nuovo orologio xiaomi s1 ha qualcosa di simile per pagare?")).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(assistant.ask("does samsung cloud have an alternative plan?").kind).toBe("fallback");
    // "like" asks for one as well ("a xiaomi thing like apple pay").
    expect(assistant.ask("does xiaomi have something like apple pay for watches?")).toMatchObject({ kind: "answer", service: "mi-pay" });
    // "their own" points to ours as well; "my own" is the asker's, and asks about the other product.
    expect(assistant.ask("how come xiaomi phones sold here have google assistant and not their own one?")).toMatchObject({ kind: "answer", service: "xiaoai" });
    expect(assistant.ask("can i use my own apple pay on a xiaomi watch?").kind).toBe("fallback");
    // A device worn is a device as a phone is: "a xiaomi watch" as much as "my xiaomi".
    expect(assistant.ask("does apple pay work on a xiaomi watch").kind).toBe("fallback");
    expect(assistant.ask("does google wallet work on a xiaomi watch")).toMatchObject({ kind: "answer", service: "mi-pay" });
    // "Xiaomi's version of" too ("la versione xiaomi di"); "the xiaomi version of the redmi" is a phone's.
    expect(assistant.ask("whats xiaomi's version of google assistant called?")).toMatchObject({ kind: "answer", service: "xiaoai" });
    expect(assistant.ask("come si chiama la versione xiaomi di apple pay?")).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(assistant.ask("does apple pay work on the xiaomi version of the redmi note 13?").kind).toBe("fallback");
    // "is there a xiaomi version of it" after the product, and "una versione di xiaomi".
    expect(assistant.ask("i used samsung cloud on my old phone. is there a xiaomi version of it for my new redmi?")).toMatchObject({ kind: "answer", service: "mi-cloud" });
    expect(assistant.ask("avevo google assistant, c'è una versione di xiaomi anche qui in italia?")).toMatchObject({ kind: "answer", service: "xiaoai" });
  });

  it("GIVEN another company's assistant asked about with a Xiaomi lamp or vacuum ('can alexa control my xiaomi lamps?') THEN declined about that assistant; 'an Alexa made by Xiaomi' THEN XiaoAI", () => {
    expect(assistant.ask("posso comandare l'aspirapolvere xiaomi con alexa?")).toMatchObject({ kind: "fallback", service: null });
    expect(assistant.ask("siri can switch on xiaomi lamps?").kind).toBe("fallback");
    // One word may say which device.
    expect(assistant.ask("can google home turn on my xiaomi desk lamp?").kind).toBe("fallback");
    expect(assistant.ask("alexa funziona con il xiaomi robot aspirapolvere?").kind).toBe("fallback");
    expect(assistant.ask("c'è un alexa fatto da xiaomi?")).toMatchObject({ kind: "answer", service: "xiaoai" });
    // With no other company's product, the device still says which app: Xiaomi Home.
    expect(assistant.ask("the app for my xiaomi vacuum wants me to choose a server, what is that?")).toMatchObject({ kind: "answer", service: "xiaomi" });
    // Which server is better, asked of the app for the lights, is Xiaomi Home's own question.
    expect(assistant.ask("app to control xiaomi lights, is the sg or de server better?")).toMatchObject({ kind: "answer", topic: "xiaomi-home" });
    expect(assistant.ask("app x controllare luci xiaomi, meglio server sg o de?")).toMatchObject({ kind: "answer", topic: "xiaomi-home" });
  });

  it("GIVEN another company's product of a kind we have, its name holding no word of ours ('google one'), asked on a Xiaomi THEN declined; 'the non-google one' THEN no product named", () => {
    expect(assistant.ask("does google one work on my redmi?")).toMatchObject({ kind: "fallback", service: null });
    expect(assistant.ask("what's the second app store on my poco, the non-google one?")).toMatchObject({ kind: "answer", topic: "xiaomi-getapps" });
  });

  it("GIVEN 'here' only where the phone was bought ('comprato qui', 'bought here') THEN the place named is asked; 'here' asked THEN the community's country", () => {
    expect(assistant.ask("mi pay in cina funziona col mio xiaomi comprato qui?").availability?.region).toBe("CN");
    expect(assistant.ask("does xiaomi pay work in poland with the band i bought here?").availability?.region).toBe("PL");
    expect(assistant.ask("mi pay funziona qui?").availability?.region).toBe("IT");
  });

  it("GIVEN a product of the company described, not named ('what's this GetApps thing'), and another company's only in the story THEN the company's entry; asked about the other THEN declined", () => {
    expect(assistant.ask("hey, as an ex-Huawei user I'm used to AppGallery. what's this GetApps thing on my Poco, why is it preinstalled next to the play store").topic).toBe("xiaomi-getapps");
    expect(assistant.ask("I use GetApps. but does AppGallery work on Huawei phones?").kind).toBe("fallback");
    // Its store written as one word ("appstore"), as people type it.
    expect(assistant.ask("is the xiaomi appstore safe?").topic).toBe("xiaomi-getapps");
    expect(assistant.ask("ma l appstore xiaomi e sicuro?").topic).toBe("xiaomi-getapps");
  });

  it("GIVEN it in the part that asks, or the question weighing or asking what we do not cover THEN still declined", () => {
    expect(assistant.ask("ho la mi band 6 nfc. funziona anche con apple pay?").kind).toBe("fallback");
    expect(assistant.ask("hey everyone, I use xiaomi's GetApps sometimes. but which is the best free VPN app to use in China? I need whatsapp to work").kind).toBe("fallback");
  });

  it("GIVEN our service named before the question turns to another product or a fault THEN declined; GIVEN the other product only as the other choice THEN ours is answered", () => {
    expect(assistant.ask("I pay with xiaomi pay on my band, but how do I set up apple pay on my new iphone 16?").kind).toBe("fallback");
    expect(assistant.ask("ciao, xiaomi pay va bene sulla band ma lo schermo mi si è rigato dopo 2 mesi, me la cambiano in garanzia?").kind).toBe("fallback");
    expect(assistant.ask("ho comprato una cassa xiaomi in cina, ho letto che dentro c'e xiaoai, ma esiste una versione in italiano o devo rassegnarmi e usare google assistant?")).toMatchObject({
      kind: "answer",
      service: "xiaoai",
    });
  });
});

describe("the Xiaomi account described beside what it serves", () => {
  it("GIVEN the account described as the login one uses for the cloud and the store ('l'account con cui accedi al cloud e allo store') THEN the account's entry, not the cloud's", () => {
    expect(assistant.ask("l'account con cui accedi al cloud e allo store come si chiama?")).toMatchObject({ kind: "answer", service: "xiaomi", topic: "xiaomi-account" });
  });

  it("GIVEN the account described as what the cloud needs, the cloud named ('the login you need for Xiaomi Cloud') THEN the account's entry; the cloud's names compared THEN the cloud's", () => {
    expect(assistant.ask("that single login I need for xiaomi cloud and find device, what is it?").topic).toBe("xiaomi-account");
    expect(assistant.ask("il login che serve per xiaomi cloud e per trovare il telefono cos'è?").topic).toBe("xiaomi-account");
    expect(assistant.ask("xiaomi cloud e mi cloud sono la stessa cosa?").service).toBe("mi-cloud");
  });

  it("GIVEN the account described far more than the cloud's features THEN the account; GIVEN it only as the means to a backup THEN the cloud", () => {
    expect(assistant.ask("that one xiaomi login for the store and find device, what exactly is it?").topic).toBe("xiaomi-account");
    expect(assistant.ask("quel login unico xiaomi che serve per trovare il telefono, cos'è?").topic).toBe("xiaomi-account");
    expect(assistant.ask("il backup delle note sull'account xiaomi va ancora?").service).toBe("mi-cloud");
  });

  it("GIVEN the account described ('the single login', 'l'unico login') and the cloud named, the account's entry matching best THEN the account, even when a topic of the cloud matches too ('find device')", () => {
    expect(assistant.ask("the single login for xiaomi cloud, find device and the store, what's it called?").topic).toBe("xiaomi-account");
    expect(assistant.ask("l'unico login che usi per xiaomi cloud, trova dispositivo e lo store come si chiama?").topic).toBe("xiaomi-account");
  });

  it("GIVEN a word of the cloud's name next to 'account' ('l'account mi cloud') THEN no description of the Xiaomi account: the cloud", () => {
    expect(assistant.ask("ma con l'account mi cloud cosa ci guadagno io esattamente?").service).toBe("mi-cloud");
  });
});

describe("a question about the company that names it", () => {
  it("GIVEN the company described by its phones ('l'azienda dei redmi', 'the company that makes Redmi and Poco') THEN the company's entry", () => {
    expect(assistant.ask("chi è il tizio che ha fondato l'azienda dei redmi?").topic).toBe("xiaomi-lei-jun");
    expect(assistant.ask("who's the CEO behind the company that makes Redmi and Poco?").topic).toBe("xiaomi-lei-jun");
  });

  it("GIVEN the company called another's nickname ('la Apple cinese', 'the Apple of China') THEN what kind of company it is, not a decline about Apple", () => {
    expect(assistant.ask("xiaomi è la apple cinese?")).toMatchObject({ kind: "answer", topic: "xiaomi-services-company" });
    expect(assistant.ask("xiaomi è l'apple dei poveri?")).toMatchObject({ kind: "answer", topic: "xiaomi-services-company" });
  });

  it("GIVEN the company's entry only fairly close (0.45) THEN it answers; GIVEN a greeting before the question and a sentence after THEN still the entry", () => {
    expect(assistant.ask("when did the Mi name go away, is it all xiaomi now?").topic).toBe("xiaomi-mi-brand");
    expect(assistant.ask("hey did xiaomi drop the Mi brand? everything says xiaomi now").topic).toBe("xiaomi-mi-brand");
  });

  it("GIVEN the company named and the services in a region matching best THEN the company's best entry, not a decline", () => {
    expect(assistant.ask("buonasera, sono una giornalista e sto scrivendo un pezzo sui servizi dei produttori cinesi in europa. per huawei ho gia tutto, per xiaomi mi manca una cosa: in italia che servizi propri ci sono davvero, a parte vendere hardware?")).toMatchObject({ kind: "answer", service: "xiaomi" });
  });

  it("GIVEN a car model glued to the next word ('Xiaomi YU7 in China', 'yu7in' one letter from 'yupin') THEN no service is read in it", () => {
    expect(assistant.ask("what's the price of the Xiaomi YU7 in China?").service).not.toBe("youpin");
  });

  it("GIVEN Xiaomi named and its best topic about the company fairly close THEN that topic; GIVEN a phone model's launch or the share price THEN declined", () => {
    expect(assistant.ask("mio nipote mi ha regalato un telefono xiaomi, è un'azienda seria? da quanto tempo vende in italia?").topic).toBe("xiaomi-italy-store");
    expect(assistant.ask("when is the xiaomi 16 coming out in italy").kind).toBe("fallback");
    expect(assistant.ask("is xiaomi stock worth buying now").kind).toBe("fallback");
  });
});

describe("a Xiaomi device, not a service", () => {
  it("GIVEN a robot vacuum's fault THEN declined; GIVEN the app that controls it THEN the Xiaomi Home entry", () => {
    expect(assistant.ask("my xiaomi robot vacuum keeps getting stuck under the bed, how do I fix it?").kind).toBe("fallback");
    expect(assistant.ask("quale app serve per il robot aspirapolvere xiaomi?").topic).toBe("xiaomi-home");
    expect(assistant.ask("how do I factory reset my xiaomi watch s3?").kind).toBe("fallback");
  });
});

describe("Europe", () => {
  it("GIVEN a service 'not in Europe' and a European country outside the EU with no fact of its own THEN not available there either", () => {
    expect(assistant.ask("youpin in the uk?").availability).toMatchObject({ region: "GB", status: "unavailable" });
  });
});

describe("what the company offers, beside a service named in passing", () => {
  it("GIVEN the account asked about, the cloud only its context THEN the account's answer", () => {
    expect(assistant.ask("L'account Xiaomi mi serve anche per il cloud o sono due cose separate?").service).toBe("xiaomi");
    expect(assistant.ask("is one xiaomi account enough for everything, cloud, store and all?").service).toBe("xiaomi");
  });
});

describe("two places asked in one question", () => {
  it("GIVEN one of them named again THEN that one; GIVEN each named once THEN the first", () => {
    expect(assistant.ask("Xiaomi Pay c'è in Francia e in Polonia? A me interessa soprattutto la Polonia, ci vado spesso").availability?.region).toBe("PL");
    expect(assistant.ask("does mi pay work in spain and in greece? greece matters most to me, moving there in june").availability?.region).toBe("GR");
    expect(assistant.ask("mi pay in francia e in polonia?").availability?.region).toBe("FR");
  });
});

describe("the company's services, several of ours named as examples", () => {
  it("GIVEN the company, its services and two of ours named THEN about the company; GIVEN two of ours asked without 'services' THEN one of them", () => {
    expect(assistant.ask("why does xiaomi offer so few services in europe, like xiaomi pay or youpin?").service).toBe("xiaomi");
    expect(assistant.ask("Mi Pay e Youpin ci sono in Italia?").service).toBe("mi-pay");
  });

  it("GIVEN the company's few services in a place, one of ours named and another guessed THEN the company's entry, not one service's status there", () => {
    expect(assistant.ask("perché xiaomi in europa ha così pochi servizi? youpin non c'è, l'assistente nemmeno").topic).toBe("xiaomi-europe-services");
  });

  it("GIVEN the company's services and two of ours guessed from words of their names, none named ('like the assistant and the cloud') THEN about the company, not one of them", () => {
    expect(assistant.ask("so xiaomi has a bunch of services, like the assistant and the cloud. which ones can I use in italy?")).toMatchObject({ service: "xiaomi", topic: "services-in-region" });
    expect(assistant.ask("xiaomi has lots of its own services like payments, assistant, cloud... what is there in italy really?").service).toBe("xiaomi");
  });

  it("GIVEN three of ours listed beside the company's name, no word for 'services' ('in cina hanno pagamenti, assistente vocale e negozio dei partner') THEN about the company", () => {
    expect(assistant.ask("sono fan xiaomi da anni. in cina hanno pagamenti, assistente vocale e negozio dei partner, da noi poco e niente. come mai?").service).toBe("xiaomi");
    expect(assistant.ask("why does xiaomi have payments, a voice assistant and a partner shop in china but not in europe?").service).toBe("xiaomi");
  });
});

describe("the company in a country", () => {
  it("GIVEN chatter the knowledge lacks around a question about the company ('xiaomi doesnt sell phones in the us?? fr??') THEN its entry, not its overview", () => {
    expect(assistant.ask("sry late to the convo but wait xiaomi doesnt sell phones in the us?? fr??")).toMatchObject({ service: "xiaomi", topic: "xiaomi-usa" });
  });


  it("GIVEN whether Xiaomi sells in India THEN the entry about India, with the company's status there", () => {
    const answer = assistant.ask("does xiaomi even sell phones in india");
    expect(answer).toMatchObject({ topic: "xiaomi-india", availability: { service: "xiaomi", region: "IN", status: "available" } });
  });

  it("GIVEN a company service in a country ('Mi Credit in India?') THEN not the company's own status there", () => {
    const answer = assistant.ask("mi credit in india c'è ancora?");
    expect(answer.topic).toBe("xiaomi-mi-credit");
    expect(answer.availability).toBeUndefined();
  });
});

describe("entries about everywhere but one place", () => {
  it("GIVEN free storage asked in Italy THEN the storage entry answers, though it speaks of China's plans and of 'outside mainland China'", () => {
    const storage = assistant.ask("how much free storage does xiaomi cloud give in italy?");
    expect(storage.topic).toBe("mi-cloud-storage");
    expect(storage.body).toContain("5 GB");
  });
});

describe("a word typed apart", () => {
  it("GIVEN 'hyper os' THEN it is HyperOS; GIVEN two words that are each a word of ours THEN they stay two", () => {
    expect(assistant.ask("what is hyper os")).toMatchObject({ kind: "answer", topic: "xiaomi-hyperos" });
    expect(assistant.ask("mi pay funziona in italia?")).toMatchObject({ kind: "answer", service: "mi-pay" });
  });
});

describe("everyday words typo correction must not touch", () => {
  it("GIVEN 'ho preso' (I got) THEN it is not read as 'perso' (lost): the answer is about Xiaomi, not a lost phone's cloud", () => {
    const answer = assistant.ask("ho preso un robot aspirapolvere xiaomi e l'app xiaomi home mi chiede di scegliere il server, germania, singapore, cina... quale devo mettere stando in italia?");
    expect(answer.service).toBe("xiaomi");
  });

  it("GIVEN a word spelt right two letters from a name ('the xiaomi clock for pay in shops') THEN not the name; one letter ('mi clod') THEN still its typo", () => {
    expect(assistant.ask("the xiaomi clock for pay in shops, which banks accept it")).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(assistant.ask("what is xiaomi clod")).toMatchObject({ kind: "answer", service: "mi-cloud" });
  });

  it("GIVEN a name's typo followed by a short word, two letters from the name over three words ('xiaomi clod da noi') THEN the name's typo over two words", () => {
    expect(assistant.ask("xiaomi clod da noi in italia c'è o no")).toMatchObject({ kind: "answer", service: "mi-cloud", availability: { region: "IT" } });
  });

  it("GIVEN a Xiaomi Pad THEN it is a tablet, not a misspelt Xiaomi Pay", () => {
    expect(assistant.ask("where can i get my cracked xiaomi pad 6 screen fixed in manchester").kind).toBe("fallback");
    expect(assistant.explain("can i install google play on a chinese xiaomi pad 6?").services).not.toContain("mi-pay");
  });
});

describe("a conversation", () => {
  const play = (questions: string[]) => {
    let context: ConversationContext | null = null;
    return questions.map((question) => {
      const turn = assistant.converse(question, context);
      context = turn.context;
      return turn;
    });
  };

  it("GIVEN a region, then a kind of question, then a service THEN each follow-up takes what it leaves out", () => {
    const [, greece, cards, cloud] = play(["Xiaomi Pay funziona in Italia?", "e in Grecia invece?", "quali carte vanno?", "ok e il cloud?"]);
    expect(greece!.answer.availability).toMatchObject({ service: "mi-pay", region: "GR" });
    expect(greece!.inherited).toEqual(["service", "questionType"]);
    expect(cards!.answer).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(cards!.answer.topic).not.toBe("mi-pay-italy-cards");
    expect(cloud!.answer.availability).toMatchObject({ service: "mi-cloud", region: "GR" });
  });

  it("GIVEN thanks and then a follow-up without its mark ('grazie, e in germania') THEN the follow-up, not thanks", () => {
    const [, germany] = play(["Xiaomi Pay funziona in Italia?", "grazie, e in germania"]);
    expect(germany!.answer.availability).toMatchObject({ service: "mi-pay", region: "DE" });
    const [, poland] = play(["does xiaomi pay work in italy?", "thanks. and poland"]);
    expect(poland!.answer.availability).toMatchObject({ service: "mi-pay", region: "PL" });
    // A place said after thanks or a greeting follows up on the answer; alone, it is thanks.
    const [, spain] = play(["does xiaomi pay work in italy?", "thanks, I live in Spain though"]);
    expect(spain!.answer.availability).toMatchObject({ service: "mi-pay", region: "ES" });
    expect(play(["thanks, I live in Spain though"])[0]!.answer).toMatchObject({ kind: "smalltalk", topic: "thanks" });
  });

  it("GIVEN a change of subject after an answer THEN nothing is taken from before it", () => {
    const [, changed] = play(["Xiaomi Pay funziona in Grecia?", "grazie! un'altra cosa: dove lo porto a riparare il telefono a Roma?"]);
    expect(changed!.answer.kind).toBe("fallback");
    expect(changed!.inherited).toEqual([]);
  });

  it("GIVEN a fragment with nothing before it, or after a declined question THEN declines it", () => {
    expect(play(["e in Grecia?"])[0]!.answer.kind).toBe("fallback");
    expect(play(["quanto costa il redmi note 13?", "e in italia?"])[1]!.answer.kind).toBe("fallback");
  });

  it("GIVEN a question about something the knowledge never speaks of, after a service THEN it starts over and is declined", () => {
    const [, pizza, rome] = play(["is xiaomi pay available in moldova?", "what's the best pizza in naples?", "and in rome?"]);
    expect(pizza!).toMatchObject({ inherited: [], answer: { kind: "fallback" } });
    expect(rome!.answer.kind).toBe("fallback");
    const [, setting] = play(["google wallet doesn't work on my redmi note", "what setting exactly?"]);
    expect(setting!).toMatchObject({ inherited: ["service"], answer: { service: "mi-pay" } });
  });

  it("GIVEN a language's name used as the language ('in English', 'english pls', 'parla italiano') THEN it is no country asked about", () => {
    const english = assistant.ask("can I use XiaoAI in English?");
    expect(english.topic).toBe("xiaoai-languages");
    expect(english.availability).toBeUndefined();
    const [, banks] = play(["xiaomi pay funziona in italia?", "sorry, english pls. which banks?"]);
    expect(banks!.answer.availability?.region ?? "IT").toBe("IT");
    expect(assistant.explain("xiaoai parla italiano?").regions).toEqual([]);
    // Function words may stand between the verb and the language.
    expect(assistant.explain("xiaoai capisce anche l'italiano?").regions).toEqual([]);
    expect(assistant.explain("does xiaoai understand also the english language?").regions).toEqual([]);
    // Before a noun, "in" + a nationality is a place: the shops are Indian.
    expect(assistant.ask("is mi pay still usable in indian shops?").availability).toMatchObject({ service: "mi-pay", region: "IN" });
  });

  it("GIVEN a city someone came from THEN it is not the place asked about", () => {
    expect(assistant.ask("moved to italy from dublin, does xiaomi pay work?").availability?.region).not.toBe("IE");
  });

  it("GIVEN a longer message describing the same service, not opening as a follow-up THEN it starts over", () => {
    const [, redmi] = play(["come faccio a pagare col telefono xiaomi in italia?", "google pay non va sul mio redmi, che faccio?"]);
    expect(redmi!).toMatchObject({ inherited: [], answer: { topic: "mi-pay-hce-wallet" } });
    const [, phone] = play(["xiaomi pay funziona in italia?", "e come faccio a pagare col telefono?"]);
    expect(phone!.inherited).toContain("service");
  });

  it("GIVEN which app to download for the band's card THEN the entry on Xiaomi Pay's apps, not how to set it up", () => {
    expect(assistant.ask("what app should i download to put my card on the band?")).toMatchObject({ service: "mi-pay", topic: "mi-pay-app" });
  });

  it("GIVEN a fragment asking something new about the same thing ('che app serve?') THEN it takes the service and region, not the kind of question", () => {
    const [, app] = play(["xiaomi pay funziona in grecia?", "che app serve?"]);
    expect(app!.inherited).toEqual(["service", "region"]);
    expect(app!.answer).toMatchObject({ service: "mi-pay", topic: "mi-pay-app" });
  });

  it("GIVEN 'fonte?' after an answer THEN the same answer again, with its sources; with nothing before, declined", () => {
    const [first, source] = play(["xiaomi pay funziona in grecia?", "fonte?"]);
    expect(source!.answer).toMatchObject({ kind: "answer", topic: first!.answer.topic, availability: { region: "GR" } });
    expect(source!.answer.sourceLine).toBe(first!.answer.sourceLine);
    expect(play(["source?"])[0]!.answer.kind).toBe("fallback");
  });

  it("GIVEN a doubt with a question mark ('sicuro? fonte?') after an answer THEN the same answer again, with its sources", () => {
    const [first, sure] = play(["xiaomi è un'azienda di servizi o di hardware?", "sicuro? fonte?"]);
    expect(sure!.answer).toMatchObject({ kind: "answer", topic: first!.answer.topic });
    const [, really] = play(["does youpin ship to italy?", "really?"]);
    expect(really!.answer).toMatchObject({ kind: "answer", service: "youpin" });
    // A doubt and what the asker believed instead asks for the same answer; a doubt and a new question asks that.
    const [said, believed] = play(["xiaomi pay funziona in italia?", "sicuro? io sapevo che non c'era"]);
    expect(believed!.answer).toMatchObject({ kind: "answer", topic: said!.answer.topic, availability: { region: "IT" } });
    const [, france] = play(["xiaomi pay funziona in italia?", "really? does it work in france too?"]);
    expect(france!.answer.availability).toMatchObject({ service: "mi-pay", region: "FR" });
  });

  it("GIVEN a follow-up only loosely like small talk ('e adesso cosa uso?' and 'cosa fai?') THEN it is a follow-up", () => {
    const [, , now] = play(["mi cloud salva le foto?", "da quando non più?", "e adesso cosa uso?"]);
    expect(now!.answer).toMatchObject({ kind: "answer", service: "mi-cloud" });
    expect(now!.inherited).toContain("service");
  });

  it("GIVEN a deadline asked after an answer ('entro quando bisognava farlo?', 'by when…?') THEN when, about the same service", () => {
    const [, byWhen] = play(["come passo le foto del mi cloud su google foto?", "entro quando bisognava farlo?"]);
    expect(byWhen!.answer).toMatchObject({ kind: "answer", service: "mi-cloud", topic: "mi-cloud-old-photos" });
    expect(byWhen!.inherited).toContain("service");
    const [, english] = play(["how do i move my xiaomi cloud photos to google photos", "by when did i have to do it?"]);
    expect(english!.answer).toMatchObject({ kind: "answer", service: "mi-cloud", topic: "mi-cloud-old-photos" });
  });

  it("GIVEN another company's product as a likeness of what came before ('does it work like chatgpt now?') THEN asks about ours; used with it, declined", () => {
    const [, likeChatgpt] = play(["what is xiaoai", "does it work like chatgpt now?"]);
    expect(likeChatgpt!.answer).toMatchObject({ kind: "answer", service: "xiaoai", topic: "xiaoai-ai-model" });
    expect(likeChatgpt!.inherited).toContain("service");
    expect(play(["does xiaomi pay work in italy?", "can i use it with apple pay?"])[1]!.answer.kind).toBe("fallback");
  });

  it("GIVEN a service asked about with 'dimmi se…' after small talk ('ok allora dimmi se youpin è affidabile') THEN a question of its own, not a fragment declined", () => {
    const [, youpin] = play(["ciao, che sai fare?", "ok allora dimmi se youpin è affidabile"]);
    expect(youpin!.answer).toMatchObject({ kind: "answer", service: "youpin" });
    const [, cloud] = play(["ciao bot, cosa sai fare?", "ok allora dimmi se il cloud di xiaomi è gratuito"]);
    expect(cloud!.answer).toMatchObject({ kind: "answer", service: "mi-cloud", topic: "mi-cloud-storage" });
    // Without a question of its own it is still a fragment with nothing before it.
    expect(play(["ciao, che sai fare?", "ok allora youpin?"])[1]!.answer.kind).not.toBe("answer");
  });

  it("GIVEN a country written short ('rep ceca') after a question THEN it is a region fragment", () => {
    const [, czech] = play(["Mi Pay c'è in Polonia?", "e in rep ceca?"]);
    expect(czech!.inherited).toEqual(["service", "questionType"]);
    expect(czech!.answer.availability).toMatchObject({ service: "mi-pay", region: "CZ" });
  });

  it("GIVEN a correction or a city 'there' after an availability question THEN the same question about the place named", () => {
    const [, greece] = play(["is mi pay a thing in germany", "no sorry i meant greece, moving to athens next month"]);
    expect(greece!.answer.availability).toMatchObject({ service: "mi-pay", region: "GR" });
    expect(greece!.inherited).toContain("service");
    const [, moldova] = play(["does xiaomi pay work in greece?", "nice. going to chisinau after, does it work there too"]);
    expect(moldova!.answer.availability).toMatchObject({ service: "mi-pay", region: "MD" });
  });

  it("GIVEN a bank or a relative's device after Xiaomi Pay THEN a follow-up about Xiaomi Pay, not another business", () => {
    const [, revolut] = play(["how many cards can i add to xiaomi pay", "and with revolut"]);
    expect(revolut!.answer).toMatchObject({ kind: "answer", service: "mi-pay" });
    const [, watch] = play(["does the xiaomi watch s3 do contactless payments", "and on the watch 2 pro?"]);
    expect(watch!.answer).toMatchObject({ kind: "answer", service: "mi-pay" });
    const [, redmi] = play(["xiaomi pay funziona in italia?", "e col redmi di mio padre?"]);
    expect(redmi!.answer).toMatchObject({ kind: "answer", service: "mi-pay" });
    const [, bancoposta] = play(["xiaomi pay funziona in italia?", "e bancoposta?"]);
    expect(bancoposta!).toMatchObject({ answer: { kind: "answer", service: "mi-pay" }, inherited: ["service", "region"] });
  });

  it("GIVEN a kind of question about a place after a service ('which was the first EU country?') THEN it is about that service", () => {
    const [, , first] = play(["is youpin in europe?", "and mi pay?", "which was the first EU country?"]);
    expect(first!.answer).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(first!.inherited).toContain("service");
  });

  it("GIVEN a service named alone after a question with no kind ('quanti utenti ha?') THEN the same words asked about it", () => {
    const [, , overall] = play(["e xiaoai quanti utenti ha?", "grazie", "and xiaomi overall?"]);
    expect(overall!.answer).toMatchObject({ kind: "answer", service: "xiaomi", topic: "xiaomi-users" });
    const [, since, youpin] = play(["how many people actually use xiaoai", "since when does it exist", "and youpin?"]);
    expect(since!.answer.service).toBe("xiaoai");
    // It asks since when, the kind the turn before asked, not how many use it.
    expect(youpin!.answer.answer).toContain("2015");
  });

  it("GIVEN another service asked 'there' ('e xiaomi pay? va anche lì?') THEN the place asked before; 'is there…?' points at no place", () => {
    const [, pay] = play(["il cloud xiaomi funziona in grecia?", "e xiaomi pay? va anche lì con la band?"]);
    expect(pay!.answer.availability).toMatchObject({ service: "mi-pay", region: "GR" });
    const [, app] = play(["il cloud xiaomi funziona in grecia?", "is there an app for xiaomi pay?"]);
    expect(app!.inherited).not.toContain("region");
  });

  it("GIVEN a kind of question the entry just given answers too ('since when?' after HyperOS) THEN that entry, not another one of the company's", () => {
    const [, since] = play(["what is hyperos, is it replacing miui", "since when"]);
    expect(since!.answer.topic).toBe("xiaomi-hyperos");
    const [, setup] = play(["ok, does Google Wallet work on a Xiaomi phone?", "how do i set it up?"]);
    expect(setup!.answer.answer).toContain("HCE");
    // An entry that answered something else is no reason to stay: the banks are the country's.
    const [, , banks] = play(["Mi Pay c'è in Polonia?", "e in rep ceca?", "quali banche?"]);
    expect(banks!.answer.answer).toContain("ČSOB");
  });

  it("GIVEN a phone named by the company's name ('sul mio xiaomi 14') in a follow-up THEN it stays with the service asked about", () => {
    const [, , italy] = play(["cos'è xiao ai tongxue?", "su che dispositivi c'è", "e in italia lo posso usare sul mio xiaomi 14?"]);
    expect(italy!.answer.availability).toMatchObject({ service: "xiaoai", region: "IT" });
    const [, china] = play(["xiaoai parla italiano?", "e in cina funziona su tutti i telefoni xiaomi?"]);
    expect(china!.answer.availability).toMatchObject({ service: "xiaoai", region: "CN" });
  });

  it("GIVEN 'same for the cloud?' with nothing before THEN declined, as any fragment", () => {
    expect(play(["same for the cloud?"])[0]!.answer.kind).toBe("fallback");
  });

  it("GIVEN 'how?' after an answer THEN it asks about that answer, not what the bot does; alone, it is still help", () => {
    const [, how] = play(["can i use xiaomi pay in germany?", "how?"]);
    expect(how!.answer).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(play(["how?"])[0]!.answer.kind).toBe("smalltalk");
  });

  it("GIVEN a year alone after a question ('e nel 2023?') THEN the question before, asked for that year", () => {
    const [, year] = play(["quanto pesano i servizi internet sul faturato xiaomi?", "e nel 2023?"]);
    expect(year!.answer.topic).toBe("xiaomi-revenue");
  });

  it("GIVEN a question matched word for word after another about the same service THEN that question, not the entry before", () => {
    const [, cards] = play(["how do i add a card to xiaomi pay on my bnad?", "how many cards can i add?"]);
    expect(cards!.answer.topic).toBe("mi-pay-how-many-cards");
  });

  it("GIVEN 'how much do they charge… in china' after the cloud's storage THEN the cloud in China, not who is in charge of Xiaomi", () => {
    const [, china] = play(["how much storage do u get on mi clod", "how much do they charge for more space in china"]);
    expect(china!.answer).toMatchObject({ service: "mi-cloud", availability: { region: "CN" } });
  });

  it("GIVEN a complete question THEN inherits nothing, and the language follows each message", () => {
    const [, english] = play(["Xiaomi Pay funziona in Italia?", "what is Youpin?"]);
    expect(english!.inherited).toEqual([]);
    expect(english!.answer).toMatchObject({ service: "youpin", language: "en" });
  });

  it("GIVEN a past year after an availability answer ('e nel 2020 com'era?') THEN the status then, not today's", () => {
    const [today, then] = play(["xiaomi pay funziona in italia?", "e nel 2020 com'era?"]);
    expect(today!.answer.availability).toMatchObject({ region: "IT", status: "partial" });
    expect(then!.answer.availability).toMatchObject({ region: "IT", status: "unavailable" });
    expect(then!.answer.body).toContain("2020");
    expect(then!.answer.body).not.toContain("2022");
  });

  it("GIVEN a follow-up with chatter around it ('and in the UK? my flatmate in London wants one too') THEN the clause that follows up is read", () => {
    const [, uk] = play(["can i use xiaoai in italy?", "and in the UK? my flatmate in London wants one too"]);
    expect(uk!.answer.availability).toMatchObject({ service: "xiaoai", region: "GB" });
    const [, canada] = play(["does mi cloud work in mexico?", "back. and Canada?"]);
    expect(canada!.answer.availability).toMatchObject({ service: "mi-cloud", region: "CA" });
    const [, aside] = play(["xiaomi pay c'è in ucraina?", "altra cosa, mi si è rotto lo schermo del mi 11, dove lo riparo a roma?"]);
    expect(aside!.answer.kind).toBe("fallback");
  });

  it("GIVEN a correction ('volevo dire in grecia') or a city after 'what about' THEN the same question about that place", () => {
    const [, greece] = play(["xiaomi pay funziona in francia?", "no aspe scusa, volevo dire in grecia"]);
    expect(greece!.answer.availability).toMatchObject({ service: "mi-pay", region: "GR" });
    const [, vienna] = play(["is mi pay a thing in prague?", "what about vienna"]);
    expect(vienna!.answer.availability).toMatchObject({ service: "mi-pay", region: "AT", status: "unknown" });
  });

  it("GIVEN another service described at length after 'e' THEN the same question about it, in the same place", () => {
    const [, youpin] = play(["mi pay c'è in grecia? vado a creta ad agosto", "e l'app dove xiaomi vende i gadget dei partner?"]);
    expect(youpin!.answer.availability).toMatchObject({ service: "youpin", region: "GR" });
    expect(youpin!.inherited).toEqual(["questionType", "region"]);
    expect(play(["and the photo backup?"])[0]!.answer.kind).toBe("fallback");
  });

  it("GIVEN another company's payment or cloud asked about on a Xiaomi device THEN declined, and so is the follow-up", () => {
    const [pay, swiss] = play(["apple pay va sul mio xiaomi 13? 🤔", "e in svizzera?"]);
    expect(pay!.answer.kind).toBe("fallback");
    expect(swiss!.answer.kind).toBe("fallback");
    expect(assistant.ask("can I use samsung pay on my xiaomi watch?").kind).toBe("fallback");
    // "my icloud" glued is one letter from "micloud": a rival's product spelt right is not ours misspelt.
    expect(assistant.ask("my icloud is full, what can I do").kind).toBe("fallback");
    // A brand beside a description of ours still describes it.
    expect(assistant.ask("l'assistente tipo alexa dei mi speaker funziona in italiano?").service).toBe("xiaoai");
  });

  it("GIVEN the asker says where they are THEN a later 'here' or 'there' is that place, not the community's country", () => {
    const [, leeds] = play(["hi, I'm Tom from Leeds", "does mi cloud work here?"]);
    expect(leeds!.answer.availability).toMatchObject({ service: "mi-cloud", region: "GB" });
    expect(leeds!.inherited).toEqual(["region"]);
    const [, , youpin] = play(["ciao a tutti, sono di Lugano", "xiaomi pay funziona qui?", "e youpin?"]);
    expect(youpin!.answer.availability).toMatchObject({ service: "youpin", region: "CH" });
    // Said alone, it introduces the asker; "sono a Roma, che tempo fa" goes on to something we do not cover.
    expect(play(["sono a Roma, che tempo fa"])[0]!.answer.kind).toBe("fallback");
    const [, warsaw] = play(["I'm in Warsaw this week", "is mi pay still a thing here? cant find the app"]);
    expect(warsaw!.answer.availability).toMatchObject({ service: "mi-pay", region: "PL" });
    const [, lisbon] = play(["yo! moving to lisbon in sept 🇵🇹", "will i be able to use youpin there"]);
    expect(lisbon!.answer.availability).toMatchObject({ service: "youpin", region: "PT" });
    // Without it, "here" is still the community's country.
    expect(play(["does mi cloud work here?"])[0]!.answer.availability).toMatchObject({ region: "IT" });
  });

  it("GIVEN only where the asker is before a fragment THEN the fragment is declined: nothing was asked to go on from", () => {
    const [, greece] = play(["ciao, sono Marco da Bari", "e in grecia?"]);
    expect(greece!.answer.kind).toBe("fallback");
  });

  it("GIVEN 'e in italia?' after which banks THEN the banks there: a place alone asks what was asked before", () => {
    const [, italy] = play(["quali banche supportano xiaomi pay in polonia?", "e in italia?"]);
    expect(italy!.inherited).toEqual(["service", "questionType"]);
    expect(italy!.answer.availability).toMatchObject({ service: "mi-pay", region: "IT" });
  });

  it("GIVEN 'e se me ne serve di piu?' after the cloud's free space THEN more of it, not a request for help ('mi serve aiuto')", () => {
    const [, more] = play(["quanto spazio gratis da il mi cloud", "e se me ne serve di piu?"]);
    expect(more!.answer).toMatchObject({ kind: "answer", service: "mi-cloud" });
  });

  it("GIVEN a question naming nothing that nothing answers alone ('whos the ceo again') THEN the conversation's subject is asked about, but not an unrelated one", () => {
    const [, ceo] = play(["why is xiaomi so slow with services in europe, in china they have everything", "whos the ceo again"]);
    expect(ceo!.answer).toMatchObject({ kind: "answer", service: "xiaomi", topic: "xiaomi-lei-jun" });
    const [, overall] = play(["does xiaomi make more money from phones or services in europe", "how much do services bring in overall"]);
    expect(overall!.answer).toMatchObject({ kind: "answer", service: "xiaomi" });
    const [, pizza] = play(["is xiaoai available in italy?", "what's the best pizza in naples?"]);
    expect(pizza!.answer.kind).toBe("fallback");
  });

  it("GIVEN 'lo stesso vale per xiaoai?' THEN the same question about XiaoAI, there: 'lo stesso' opening a follow-up asks no 'is it the same as'", () => {
    const [, xiaoai] = play(["youpin in italia c'è?", "lo stesso vale per xiaoai?"]);
    expect(xiaoai!.answer.availability).toMatchObject({ service: "xiaoai", region: "IT" });
    expect(xiaoai!.inherited).toEqual(["questionType", "region"]);
  });

  it("GIVEN 'will it ever come?' after a service is not in a place THEN whether it will, not the Italian small talk 'come funzioni?'", () => {
    const [, ever] = play(["is xiao ai available in europe?", "will it ever come?"]);
    expect(ever!.answer.availability).toMatchObject({ service: "xiaoai", region: "EU" });
    expect(ever!.inherited).toEqual(["service", "region"]);
  });

  it("GIVEN which cards work in a place with facts THEN the place's banks, not the entry about devices", () => {
    const cards = assistant.ask("which cards work with xiaomi pay in czechia");
    expect(cards.topic).toBe("service-in-region");
    expect(cards.body).toContain("ČSOB");
  });
});

describe("how old an answer's facts are", () => {
  it("GIVEN an answer resting on a source more than two years old THEN its source line says how old, in the answer's language", () => {
    expect(assistant.ask("quali carte vanno con xiaomi pay in italia?").sourceLine).toMatch(/14 febbraio 2022 \(4 anni fa: potrebbe essere cambiato\)$/);
    expect(assistant.ask("which cards work with xiaomi pay in italy?").sourceLine).toMatch(/14 February 2022 \(4 years ago: it may have changed\)$/);
  });
});

describe("phrases of the concept lexicon: what they reach, and no further", () => {
  it("GIVEN 'fotografie' (photographs) kept on the internet by a Xiaomi phone THEN the cloud, not a camera question", () => {
    expect(assistant.ask("mia nonna chiede dove sono finite le fotografie che il suo telefono xiaomi salvava su internet")).toMatchObject({ kind: "answer", service: "mi-cloud" });
  });

  it("GIVEN a Xiaomi app's notifications or updates to switch off ('getapps mi manda troppe notifiche…') THEN declined, a setting the sources do not cover; what the app is THEN answered", () => {
    expect(assistant.ask("getapps mi manda troppe notifiche, come faccio a disattivare le notifiche?").kind).toBe("fallback");
    expect(assistant.ask("how do i turn off notifications from getapps, they're too many").kind).toBe("fallback");
    expect(assistant.ask("cos'è getapps?")).toMatchObject({ kind: "answer", topic: "xiaomi-getapps" });
  });

  it("GIVEN an app found on the phone ('che mi sono trovata sul telefono nuovo') THEN no lost phone is read into it; a lost phone to find THEN still", () => {
    expect(assistant.ask("che cos'è questa app getapps che mi sono trovata sul telefono nuovo?")).toMatchObject({ kind: "answer", topic: "xiaomi-getapps" });
    expect(assistant.ask("ho trovato sul telefono un'app che si chiama getapps, a cosa serve?")).toMatchObject({ kind: "answer", topic: "xiaomi-getapps" });
    expect(assistant.ask("ho perso il telefono, come lo ritrovo?")).toMatchObject({ kind: "answer", topic: "mi-cloud-find-device" });
  });

  it("GIVEN 'use one' in a question ('can I use only one card on the band?') THEN no second-hand device is read into it; buying a used one still is", () => {
    expect(assistant.ask("can I use only one card on the band?")).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(assistant.ask("should I buy a used one or a new mi band?").kind).toBe("fallback");
  });

  it("GIVEN a bank transfer in a bank's own app THEN declined; Xiaomi's bank-transfer app in India THEN Xiaomi Pay", () => {
    expect(assistant.ask("come faccio un bonifico con l'app della banca?").kind).toBe("fallback");
    expect(assistant.ask("l'app di xiaomi per i bonifici in india c'è ancora?")).toMatchObject({ kind: "answer", service: "mi-pay" });
  });

  it("GIVEN the cloud described as 'the backup thing' of the Xiaomi account ('quella roba del backup che ti da l'account xiaomi') THEN the cloud's storage, not the company's overview", () => {
    expect(assistant.ask("quella roba del backup che ti da l'account xiaomi, quanti giga sono gratis?")).toMatchObject({ kind: "answer", topic: "mi-cloud-storage" });
  });

  it("GIVEN which cards a described payment 'prende' (takes) THEN Xiaomi Pay, not 'which one to buy'; which one to buy THEN still declined", () => {
    expect(assistant.ask("quella cosa per pagare con l'orologio xiaomi, quali carte prende?")).toMatchObject({ kind: "answer", service: "mi-pay" });
    expect(assistant.ask("band 9 o redmi watch, quale mi prendo?").kind).toBe("fallback");
  });

  it("GIVEN a Youpin order stuck or to track ('ordine youpin fermo… dove lo traccio?') THEN declined, a shipment the sources cannot see; an order shipped to Italy THEN Youpin's status", () => {
    expect(assistant.ask("ordine youpin fermo da una settimana, dove lo traccio?").kind).toBe("fallback");
    expect(assistant.ask("il mio ordine youpin per Roma è fermo, come faccio?").kind).toBe("fallback");
    expect(assistant.ask("ho fatto un ordine su youpin, si può spedire in italia?").availability).toMatchObject({ service: "youpin", region: "IT" });
  });

  it("GIVEN what we do not cover only in the story before a question about what we do ('ho ancora miui 14… cos'è hyperos?') THEN answered; told after the question, or asked of the story THEN declined", () => {
    expect(assistant.ask("ho ancora miui 14 sul telefono vecchio. cos'è hyperos?")).toMatchObject({ kind: "answer", topic: "xiaomi-hyperos" });
    expect(assistant.ask("ho comprato qualche azione xiaomi in borsa. quanto guadagna xiaomi con i servizi internet?")).toMatchObject({ kind: "answer", service: "xiaomi" });
    expect(assistant.ask("getapps come si disinstalla? mi manda notifiche pubblicitarie tutto il giorno").kind).toBe("fallback");
    expect(assistant.ask("voglio sbloccare il bootloader del mio poco. si può accorciare l'attesa di 168 ore?").kind).toBe("fallback");
    // Magisk is rooting, whatever sentence says so.
    expect(assistant.ask("magisk funziona su hyperos? voglio fare il root").kind).toBe("fallback");
  });

  it("GIVEN a place between the words of a description ('con la mi band in russia si può pagare?') THEN it describes as without the place", () => {
    expect(assistant.ask("Con la Mi Band in Russia si può pagare?").availability).toMatchObject({ service: "mi-pay", region: "RU" });
    expect(assistant.ask("la band xiaomi in grecia con che banca paga?").availability).toMatchObject({ service: "mi-pay", region: "GR" });
  });

  it("GIVEN storage asked in gigabytes ('quanti gigabyte offre mi cloud?') THEN the storage entry", () => {
    expect(assistant.ask("quanti gigabyte offre mi cloud?")).toMatchObject({ kind: "answer", topic: "mi-cloud-storage" });
  });
});
