/**
 * Words that carry no topic: they are dropped before matching, so "come funziona il cloud" and
 * "cloud come funziona" are the same question. Question words (come, perché, how, why...) are
 * NOT here: they separate "what is X" from "why did X close". All forms are normalised (no accents).
 */
const ITALIAN_FUNCTION_WORDS =
  "il lo la i gli le l un uno una un di d del dello della dei degli delle dell a al allo alla ai agli alle all " +
  "da dal dallo dalla dai dagli dalle dall in nel nello nella nei negli nelle nell su sul sullo sulla sui sugli " +
  "sulle con col per tra fra e ed o od ma se che ne ci vi si mi ti me te ce ve c s " +
  "sono sei siamo siete era erano essere ho hai ha abbiamo avete hanno avere sta stai stanno " +
  "questo questa questi queste quello quella quelli quelle mio mia miei mie tuo tua tuoi tue suo sua suoi sue " +
  "nostro nostra vostro vostra loro anche ancora gia piu molto poco tanto cosi pure solo proprio ecco allora " +
  "qualcuno qualcosa sa sai sapete sapeste sapreste dire dirmi dici dite mica tipo raga ragazzi ragazze " +
  "scusate scusa domanda info gentilmente favore per piacere qui qua li la oppure invece quindi comunque " +
  "adesso ora oggi attualmente ormai tutti tutto tutta tutte altro altra altri ogni io tu lui lei noi voi va vanno vale " +
  // colloquial: "sto telefono" (questo), "un po'", "che roba è"
  "sto sti ste po roba devo deve devi dovrei dovrebbe bisogna";

const ENGLISH_FUNCTION_WORDS =
  "the a an of to in on at for with by from and or but is are was were be been being am do does did doing " +
  "it its this that these those there here i me my mine we us our you your he him his she her they them " +
  "their has have had having not no so if then than too very just also any some about into as up out " +
  "get got will would shall should may might must could can s t d ll re ve m anyone anybody someone " +
  "know guys please pls plz currently now today still yet already all every other really actually " +
  "one ones thing things gonna wanna kind sort stuff lot bit";

function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  ...wordSet(ITALIAN_FUNCTION_WORDS),
  ...wordSet(ENGLISH_FUNCTION_WORDS),
]);

/**
 * Words that are frequent in one language and (almost) absent from the other, with how strongly
 * they point to it. Positive = Italian, negative = English. They decide short questions that
 * share no other vocabulary with the knowledge base ("ciao", "why?", "e in Cina?").
 */
export const LANGUAGE_MARKERS: ReadonlyMap<string, number> = new Map<string, number>([
  ...[..."il lo gli di del della dei degli delle che non per con come cosa cos perche quando dove quale quali quanto quanti sono ho hai ha hanno ci anche funziona funzionano posso puoi serve ciao grazie buongiorno buonasera salve nel nella sul sulla al alla dal dalla questo quello ancora gia piu ma qualcuno sapete disponibile c si e arrivera arriva esiste usare fare faccio".split(" ")]
    .map((w) => [w, 1] as [string, number]),
  ...[..."the is are does do did can could what whats how why when where which who my your you it this that there with from of to and not yes hello hi hey thanks thank please still any work works available anyone know use i get yo thx cya bye bro".split(" ")]
    .map((w) => [w, -1] as [string, number]),
]);

/** Pronouns that point back to the last thing asked about, in a conversation's follow-ups. */
export const REFERRING_WORDS: ReadonlySet<string> = new Set(
  "it its they them their there that this lo la li gli ne ci esso essa questo questa quello quella".split(" "),
);
