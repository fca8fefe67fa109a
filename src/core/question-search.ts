/**
 * Questions from the knowledge that fuzzily match what a user is typing (autocomplete, inline
 * mode): Fuse.js over the FAQ phrasings; for empty input, popular questions, one per service in turn.
 */
import { createRequire } from "node:module";
import type Fuse from "fuse.js";
import { normalize } from "./normalize.js";
import { LANGUAGES } from "./languages/codes.js";
import type { Knowledge, Language, Suggestion } from "./schema.js";

export class QuestionSearch {
  private readonly fuse: Fuse<{ question: string; language: Language; service: string; normalized: string }>;
  private readonly popularOrder: Knowledge["faq"];

  constructor(knowledge: Pick<Knowledge, "faq">) {
    const searchable = knowledge.faq.flatMap((entry) =>
      LANGUAGES.flatMap((language) =>
        entry.questions[language].map((question) => ({ question, language, service: entry.service, normalized: normalize(question) })),
      ),
    );
    // Extended search ANDs a fuzzy match per word, which suits a question typed halfway with typos.
    // Normalised text has no operator characters (' ! ^ $ = |), so a query cannot inject one.
    // Loaded here, on the first search: answering a question never needs Fuse.js.
    const FuseSearch = createRequire(import.meta.url)("fuse.js") as typeof Fuse;
    this.fuse = new FuseSearch(searchable, { keys: ["normalized"], threshold: 0.4, ignoreLocation: true, useExtendedSearch: true });
    // One question per service in turn, so a short list of examples shows the range of topics.
    this.popularOrder = roundRobin(knowledge.faq, (entry) => entry.service);
  }

  search(partial: string, language: Language, limit: number): Suggestion[] {
    const query = normalize(partial);
    if (query === "") return this.popularOrder.slice(0, limit).map((entry) => ({ question: entry.questions[language][0]!, service: entry.service }));
    const seen = new Set<string>();
    const results: Suggestion[] = [];
    for (const { item } of this.fuse.search(query)) {
      if (item.language !== language || seen.has(item.question)) continue;
      seen.add(item.question);
      results.push({ question: item.question, service: item.service });
      if (results.length === limit) break;
    }
    return results;
  }
}

/** Items grouped by key, then taken one per group in turn, groups in order of first appearance. */
function roundRobin<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  const result: T[] = [];
  for (let round = 0; result.length < items.length; round++) {
    for (const group of groups.values()) if (round < group.length) result.push(group[round]!);
  }
  return result;
}
