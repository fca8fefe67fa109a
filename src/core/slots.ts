/**
 * What a message is about, beyond its words: the service it names or describes (its subject),
 * what each topic is about (its regions and kinds of question), and whether a topic can answer a
 * message about a given service in a given region.
 */
import type { ConceptLexicon, ConceptReading } from "./concepts.js";
import { EU_MEMBERS } from "./countries.js";
import { COMPANY_SERVICE_ID, namesAsPlace, offTopicTerm, regionTerm, serviceTerm, type Recognition } from "./entities.js";
import { ANY_REGION, type Matcher, type Topic } from "./matcher.js";
import { SERVICES_WORDS } from "./lexicon.js";
import { normalize, tokenize } from "./normalize.js";
import type { QuestionType } from "./schema.js";

/** Topic id of the answer that presents a service and its topics when no topic fits closely. */
export const SERVICE_OVERVIEW = "service-overview";

export interface TopicTraits {
  /** Regions most of the topic's phrasings name: the topic is about them ("Xiaomi Pay in Polonia"). */
  regions: ReadonlySet<string>;
  /** Kinds of question many of its phrasings ask. */
  types: ReadonlySet<QuestionType>;
  /** Every region its answer speaks of. */
  mentions: ReadonlySet<string>;
  /**
   * Words that name what it is about: in half its phrasings or more, and in at most one other
   * topic ("curve", "visa", "onedrive"). A message using one asks about this topic.
   */
  keywords: ReadonlySet<string>;
  /** Every kind of question one of its phrasings asks: what a follow-up may still ask of it. */
  anyTypes: ReadonlySet<QuestionType>;
}



export function topicTraits(
  topics: readonly Topic[],
  matcher: Matcher,
  concepts: ConceptLexicon,
  share: { region: number; type: number; keyword: number },
  keywordMaxTopics: number,
  answerRegions: (topicId: string) => readonly string[],
): Map<string, TopicTraits> {
  const traits = new Map<string, TopicTraits>();
  topics.forEach((topic, topicIndex) => {
    if (topic.kind !== "faq") return;
    const regionCounts = new Map<string, number>();
    const typeCounts = new Map<QuestionType, number>();
    const termCounts = new Map<string, number>();
    const phrasings = matcher.indexedPhrasings(topicIndex);
    for (const { text, terms } of phrasings) {
      for (const term of new Set(terms)) if (!term.startsWith("@") && !term.startsWith("§")) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
      // The matcher has read every phrasing already: its region terms are the regions it names.
      for (const term of terms) if (term.startsWith("@") && term !== ANY_REGION) regionCounts.set(term.slice(1), (regionCounts.get(term.slice(1)) ?? 0) + 1);
      for (const type of concepts.read(tokenize(text)).types) typeCounts.set(type, (typeCounts.get(type) ?? 0) + 1);
    }
    const shared = <T,>(counts: Map<T, number>, share: number) =>
      new Set([...counts].filter(([, n]) => n >= share * phrasings.length).map(([k]) => k));
    const regions = shared(regionCounts, share.region);
    // "Which cards work?" may be asked without a place, but an answer that speaks of one country
    // only ("In Italia Xiaomi Pay accetta…") is about that country.
    const spoken = answerRegions(topic.id);
    if (spoken.length === 1 && spoken[0] !== "EU") regions.add(spoken[0]!);
    const keywords = new Set([...shared(termCounts, share.keyword)].filter((term) => matcher.topicCount(term) <= keywordMaxTopics));
    traits.set(topic.id, { regions, types: shared(typeCounts, share.type), mentions: new Set(spoken), keywords, anyTypes: new Set(typeCounts.keys()) });
  });
  return traits;
}

/**
 * Whether a topic can answer a message about `subject` in `region`: a topic of another service
 * cannot, nor a topic about another region ("Xiaomi Pay in Italia" for a question about Greece),
 * nor small talk when a service is asked about.
 * @param companyDescribed the message describes something of the company's ("the login you need
 *   for…"): only then does a company entry answer about the services it is also about.
 */
export function topicAgrees(topic: Topic, subject: string | undefined, region: string | undefined, traits: ReadonlyMap<string, TopicTraits>, companyDescribed = false): boolean {
  if (subject === undefined) return true;
  if (topic.kind === "smalltalk") return false;
  // "What services are there in Italy?" is the company's; a question about one service is not it.
  if (topic.kind === "composed") return subject === COMPANY_SERVICE_ID || topic.service !== COMPANY_SERVICE_ID;
  // A company-wide entry ("when did Xiaomi arrive in Italy?") does not answer a question about one of its services.
  if (topic.service !== subject && !(companyDescribed && (topic.alsoAbout?.includes(subject) ?? false))) return false;
  const regions = traits.get(topic.id)?.regions;
  if (region === undefined || regions === undefined || regions.size === 0 || regions.has(region)) return true;
  // A topic about Europe answers for a member country too; one about Italy does not answer for Greece.
  return regions.has("EU") && EU_MEMBERS.has(region);
}

export function sharesType(topicTypes: ReadonlySet<QuestionType> | undefined, asked: readonly QuestionType[]): boolean {
  return topicTypes !== undefined && asked.some((type) => topicTypes.has(type));
}

/**
 * The service a message is about: named, guessed from a word of its name, or described. A
 * description beside a topic we do not cover ("quando arriva HyperOS 3 sul Redmi?") is that
 * topic's context, not a question about the service.
 */
export function subjectOf(recognition: Recognition, described: ConceptReading): string | undefined {
  // "In Cina Xiaomi offre molti più servizi che da noi? Penso ai pagamenti, all'assistente vocale, a
  // Youpin...": the company's services, several of ours named as examples.
  if (namesServicesAsExamples(recognition, described)) return COMPANY_SERVICE_ID;
  const named = recognition.services.find((id) => id !== COMPANY_SERVICE_ID);
  if (named !== undefined) return named;
  // A service guessed from a word of its name ("il cloud") is context beside what the company
  // offers, when that is the strongest description ("l'account Xiaomi mi serve anche per il cloud?").
  const guessed = recognition.guessedServices.find((id) => !recognition.describedServices.includes(id));
  // So is a word of another service's name beside a description of one: "can I pay for extra
  // backup storage?" is about the cloud.
  if (guessed !== undefined) {
    const strongest = described.services[0];
    if (strongest === COMPANY_SERVICE_ID) return recognition.offTopic.length === 0 ? COMPANY_SERVICE_ID : guessed;
    return strongest !== undefined && !recognition.guessedServices.includes(strongest) ? strongest : guessed;
  }
  if (recognition.offTopic.length > 0) return undefined;
  return recognition.describedServices[0] ?? (described.services.includes(COMPANY_SERVICE_ID) ? COMPANY_SERVICE_ID : undefined);
}

/**
 * The company and its services named, with two or more of ours named, guessed from a word of their
 * names ("l'assistente") or described among them, one named or two guessed at least (two
 * descriptions may be one service's: "quel servizio Xiaomi per pagare alla cassa col braccialetto").
 */
function namesServicesAsExamples(recognition: Recognition, described: ConceptReading): boolean {
  if (!recognition.services.includes(COMPANY_SERVICE_ID)) return false;
  // Fewer than three of ours, and no word for "services": nothing to count (most messages).
  const listed = recognition.services.length - 1 + recognition.guessedServices.length + described.services.length;
  if (listed < 3 && !recognition.words.some((word) => SERVICES_WORDS.has(word))) return false;
  const named = new Set(recognition.services);
  named.delete(COMPANY_SERVICE_ID);
  const any = new Set(named);
  for (const id of [...recognition.guessedServices, ...described.services]) if (id !== COMPANY_SERVICE_ID) any.add(id);
  // "in cina hanno pagamenti, assistente vocale, negozio dei partner… da noi poco e niente": three
  // of ours listed beside the company's name are its services, whatever word says so.
  if (any.size >= 3) return true;
  if (!recognition.words.some((word) => SERVICES_WORDS.has(word))) return false;
  // Or two guessed from words of their names: "servizi suoi tipo pagamenti, assistente, cloud".
  if (named.size === 0) return new Set(recognition.guessedServices).size >= 2;
  return any.size >= 2;
}

/**
 * Adds what the message describes to what it names: a described service counts as guessed when
 * none is named, and a product named inside a description ("Google Wallet sul Redmi") is part
 * of a Xiaomi question, not another company's.
 * @param companyLead how much more strongly the company must be described than a service for it to be the subject
 */
export function withDescriptions(read: Recognition, described: ConceptReading, origin: string, companyLead: number, originCityAsked = false): Recognition {
  const home = described.homeRegion;
  // "Da noi" is the asker's country unless they name another ("sono in Germania, va qui?"); the
  // services' origin named beside it is background ("in Cina c'è, arriverà da noi?").
  // "i am from chisinau, xiaomi pay exist here?": the city the asker names is where "here" is; so
  // is a city of the services' origin where the asker is, or that the question points at.
  // "raga sn di roma… il backup c'è ancora da noi?": with no other place, the city the asker is from.
  // "sono di Bari… da qui si può ordinare? di sti siti cinesi nn ci capisco nulla": nor does an
  // adjective of the services' origin name another place.
  const here = read.originCities.length > 0 ? (read.regions.every((code) => code === origin && !namesAsPlace(read, code)) ? read.originCities.at(-1) : undefined) : home;
  const named =
    home === undefined || here === undefined || namesAPlaceBeside(read, origin) || originCityAsked
      ? read
      : { ...read, regions: [here], words: [...read.words, regionTerm(here)], origins: [...read.origins, -1] };
  const recognition =
    described.offTopic.length === 0
      ? named
      : {
          ...named,
          offTopic: [...named.offTopic, ...described.offTopic],
          words: [...named.words, ...described.offTopic.map(offTopicTerm)],
          origins: [...named.origins, ...described.offTopic.map(() => -1)],
        };
  const otherProducts = recognition.otherProducts.filter((product) => !described.phrases.some((phrase) => phrase.includes(normalize(product))));
  const namesService = recognition.services.some((id) => id !== COMPANY_SERVICE_ID) || recognition.guessedServices.length > 0;
  const first = described.services.find((id) => id !== COMPANY_SERVICE_ID);
  // "the xiaomi login you need for find device and the store": the company's account, described
  // far more than the service it serves, is the subject; but not "il backup sull'account Xiaomi",
  // which uses it as a means, nor "quel servizio Xiaomi per pagare tramite UPI".
  const companyLeads = described.services[0] === COMPANY_SERVICE_ID && described.lead >= companyLead && !described.means.includes(COMPANY_SERVICE_ID);
  if (namesService || first === undefined || companyLeads) return otherProducts.length === recognition.otherProducts.length ? recognition : { ...recognition, otherProducts };
  return {
    ...recognition,
    otherProducts,
    guessedServices: [first],
    describedServices: [first],
    words: [...recognition.words, serviceTerm(first)],
    origins: [...recognition.origins, -1],
  };
}

/**
 * Whether a message names a place other than the services' origin, by its name, a city or a bank:
 * "io rumeno… lo posso usare da qua?" names none, as a nationality says who asks, not where "here" is.
 */
function namesAPlaceBeside(read: Recognition, origin: string): boolean {
  for (const code of read.regions) {
    if (code !== origin && (!read.impliedRegions.includes(code) || read.cityRegions.includes(code) || read.bankRegions.includes(code))) return true;
  }
  return false;
}

/** The service a question is about: a named one first, then one guessed from a generic word. */
export function namedService(recognition: Recognition): string | undefined {
  return recognition.services.find((id) => id !== COMPANY_SERVICE_ID) ?? recognition.guessedServices[0];
}
