/**
 * The questions answered from availability facts ("is {service} available in {region}?"), in one
 * table: their topic ids, the slots they need, whose topic they are and how each is composed.
 * Topics, answers, `answerAs` and the data validator all read it.
 */
import type { Composer, Reply } from "./compose.js";
import type { Recognition } from "./entities.js";
import type { Topic } from "./matcher.js";
import type { Knowledge, Language } from "./schema.js";
import { namedService } from "./slots.js";

export type ComposedKey = keyof Knowledge["composed"];

/** What a composed question is about; `untilYear`: a past year asked about ("e nel 2020?"). */
export interface ComposedSlots {
  service: string;
  region: string;
  untilYear?: number;
}

/**
 * The questions answered from availability facts, keyed like data/composed-questions.json: each
 * with its topic id, the slots it needs, whose topic it is, and how it is composed. The one place
 * that knows them: topics, answers and `answerAs` all read this table.
 */
export const COMPOSED_INTENTS: Record<
  ComposedKey,
  {
    id: string;
    needs: { service: boolean; region: boolean };
    /** The company's own topic ("which services are in Italy?"), or one about the service asked. */
    companyTopic: boolean;
    compose: (composer: Composer, slots: ComposedSlots, language: Language) => Reply;
  }
> = {
  serviceInRegion: {
    id: "service-in-region",
    needs: { service: true, region: true },
    companyTopic: false,
    compose: (composer, { service, region, untilYear }, language) => composer.serviceInRegion(service, region, language, untilYear),
  },
  serviceWhere: {
    id: "service-where",
    needs: { service: true, region: false },
    companyTopic: false,
    compose: (composer, { service }, language) => composer.serviceWhere(service, language),
  },
  servicesInRegion: {
    id: "services-in-region",
    needs: { service: false, region: true },
    companyTopic: true,
    compose: (composer, { region }, language) => composer.servicesInRegion(region, language),
  },
  servicesList: {
    id: "services-list",
    needs: { service: false, region: false },
    companyTopic: true,
    compose: (composer, _slots, language) => composer.servicesList(language),
  },
};
export const COMPOSED_KEYS = Object.keys(COMPOSED_INTENTS) as ComposedKey[];
export const composedIntentOf = (topicId: string) => COMPOSED_KEYS.find((key) => COMPOSED_INTENTS[key].id === topicId);

/** The slots each composed question needs, for validating its phrasings' placeholders. */
export const COMPOSED_SLOTS = Object.freeze(
  Object.fromEntries(COMPOSED_KEYS.map((key) => [key, COMPOSED_INTENTS[key].needs])) as Record<ComposedKey, { service: boolean; region: boolean }>,
);

/** Topic ids of the composed questions, keyed like data/composed-questions.json. */
export const COMPOSED_TOPICS = Object.freeze(
  Object.fromEntries(COMPOSED_KEYS.map((key) => [key, COMPOSED_INTENTS[key].id])) as Record<ComposedKey, string>,
);

/** Whether the question names what a composed topic needs: a service, a region, or both. */
export function canFill(topic: Topic, recognition: Recognition): boolean {
  if (topic.kind !== "composed") return true;
  const { needs } = COMPOSED_INTENTS[composedIntentOf(topic.id)!];
  return (!needs.service || namedService(recognition) !== undefined) && (!needs.region || recognition.regions.length > 0);
}
