/**
 * Validates the knowledge base as parsed JSON, file by file, then across files (ids that must
 * exist, ids that must be unique). Pure: the caller reads the files. Every problem is reported
 * with the file, the JSON path inside it and the reason, so a maintainer can fix a bad edit
 * without reading a stack trace.
 */
import { z } from "zod";
import {
  AvailabilityFactSchema,
  ComposedIntentSchema,
  ConceptsSchema,
  FaqEntrySchema,
  OtherProductsSchema,
  RegionSchema,
  ServiceSchema,
  SmalltalkEntrySchema,
  SourceSchema,
  type Knowledge,
} from "../core/schema.js";
import { COMPANY_SERVICE_ID } from "../core/entities.js";
import { conceptPhraseProblem } from "../core/concepts.js";
import { COMPOSED_SLOTS } from "../core/index.js";
import { STALE_AFTER_MONTHS, isDated, monthsBetween, newestDate, newestSourceDate } from "./freshness.js";

/** The files of the knowledge base, relative to its folder. FAQ entries may span several files. */
export const KNOWLEDGE_FILES = {
  sources: "sources.json",
  services: "services.json",
  regions: "regions.json",
  availability: "availability.json",
  smalltalk: "smalltalk.json",
  composed: "composed-questions.json",
  otherProducts: "other-products.json",
  concepts: "concepts.json",
} as const;
export const FAQ_FOLDER = "faq";

const FILE_SCHEMAS = {
  sources: z.array(SourceSchema),
  services: z.array(ServiceSchema),
  regions: z.array(RegionSchema),
  availability: z.array(AvailabilityFactSchema),
  smalltalk: z.array(SmalltalkEntrySchema),
  composed: ComposedIntentSchema,
  otherProducts: OtherProductsSchema,
  concepts: ConceptsSchema,
} as const;

export interface KnowledgeIssue {
  file: string;
  /** JSONPath-like location inside the file: `$[3].questions.it`. */
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; knowledge: Knowledge } | { ok: false; issues: KnowledgeIssue[] };

export interface KnowledgeFilesContent {
  /** Parsed JSON per fixed file, keyed like KNOWLEDGE_FILES. */
  files: Record<keyof typeof KNOWLEDGE_FILES, unknown>;
  /** Parsed JSON per FAQ file, keyed by its path (e.g. "faq/mi-pay.json"). */
  faqFiles: Record<string, unknown>;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : `${text}.${String(key)}`), "$");
}

export function formatIssues(issues: readonly KnowledgeIssue[]): string {
  return issues.map((issue) => `${issue.file} ${issue.path}: ${issue.message}`).join("\n");
}

export function validateKnowledge(content: KnowledgeFilesContent): ValidationResult {
  const issues: KnowledgeIssue[] = [];
  const parse = <S extends z.ZodType>(schema: S, value: unknown, file: string): z.infer<S> | undefined => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) issues.push({ file, path: formatPath(issue.path), message: issue.message });
    return undefined;
  };

  const parsed = {} as { [K in keyof typeof FILE_SCHEMAS]?: z.infer<(typeof FILE_SCHEMAS)[K]> };
  for (const key of Object.keys(FILE_SCHEMAS) as Array<keyof typeof FILE_SCHEMAS>) {
    (parsed as Record<string, unknown>)[key] = parse(FILE_SCHEMAS[key], content.files[key], KNOWLEDGE_FILES[key]);
  }
  const faqFiles = Object.entries(content.faqFiles).map(([file, value]) => ({ file, entries: parse(z.array(FaqEntrySchema), value, file) }));
  if (Object.keys(content.faqFiles).length === 0) {
    issues.push({ file: `${FAQ_FOLDER}/`, path: "$", message: "no FAQ files found: expected at least one faq/<service>.json" });
  }
  if (issues.length > 0) return { ok: false, issues };

  const { sources, services, regions, availability, smalltalk, composed, otherProducts, concepts } = parsed as Required<typeof parsed>;
  const faq = faqFiles.flatMap(({ entries }) => entries ?? []);

  const sourceIds = uniqueIds(sources, (s) => s.id, KNOWLEDGE_FILES.sources, "id", "source", issues);
  const serviceIds = uniqueIds(services, (s) => s.id, KNOWLEDGE_FILES.services, "id", "service", issues);
  uniqueIds(regions, (r) => r.code, KNOWLEDGE_FILES.regions, "code", "region", issues);
  uniqueIds(smalltalk, (s) => s.id, KNOWLEDGE_FILES.smalltalk, "id", "small-talk intent", issues);
  const seenFaqIds = new Map<string, string>();

  if (!serviceIds.has(COMPANY_SERVICE_ID)) {
    issues.push({ file: KNOWLEDGE_FILES.services, path: "$", message: `missing the company-level service '${COMPANY_SERVICE_ID}'` });
  }

  const checkSources = (ref: string | string[], file: string, path: string) => {
    for (const [i, id] of (Array.isArray(ref) ? ref : [ref]).entries()) {
      if (!sourceIds.has(id)) {
        issues.push({ file, path: Array.isArray(ref) ? `${path}[${i}]` : path, message: `unknown source '${id}' (not in ${KNOWLEDGE_FILES.sources})` });
      }
    }
  };
  const checkService = (id: string, file: string, path: string) => {
    if (!serviceIds.has(id)) {
      issues.push({ file, path, message: `unknown service '${id}' (known: ${[...serviceIds].join(", ")})` });
    }
  };

  services.forEach((service, i) => checkSources(service.source, KNOWLEDGE_FILES.services, `$[${i}].source`));
  availability.forEach((fact, i) => {
    checkService(fact.service, KNOWLEDGE_FILES.availability, `$[${i}].service`);
    checkSources(fact.source, KNOWLEDGE_FILES.availability, `$[${i}].source`);
  });
  for (const { file, entries } of faqFiles) {
    entries!.forEach((entry, i) => {
      checkService(entry.service, file, `$[${i}].service`);
      entry.alsoAbout?.forEach((service, k) => checkService(service, file, `$[${i}].alsoAbout[${k}]`));
      checkSources(entry.source, file, `$[${i}].source`);
      const firstFile = seenFaqIds.get(entry.id);
      if (firstFile) issues.push({ file, path: `$[${i}].id`, message: `duplicate FAQ id '${entry.id}' (first defined in ${firstFile})` });
      else seenFaqIds.set(entry.id, file);
    });
  }

  concepts.services.forEach((entry, i) => checkService(entry.service, KNOWLEDGE_FILES.concepts, `$.services[${i}].service`));
  const brands = new Set(otherProducts.brands);
  (otherProducts.likeOurs ?? []).forEach((entry, i) => {
    checkService(entry.service, KNOWLEDGE_FILES.otherProducts, `$.likeOurs[${i}].service`);
    entry.products.forEach((product, k) => {
      if (!brands.has(product)) issues.push({ file: KNOWLEDGE_FILES.otherProducts, path: `$.likeOurs[${i}].products[${k}]`, message: `'${product}' is not among the brands` });
    });
  });
  const checkPhrases = (entry: { it: string[]; en: string[] }, path: string) => {
    for (const language of ["it", "en"] as const) {
      entry[language].forEach((phrase, k) => {
        const problem = conceptPhraseProblem(phrase);
        if (problem) issues.push({ file: KNOWLEDGE_FILES.concepts, path: `${path}.${language}[${k}]`, message: problem });
      });
    }
  };
  concepts.services.forEach((entry, i) => checkPhrases(entry, `$.services[${i}]`));
  concepts.questionTypes.forEach((entry, i) => checkPhrases(entry, `$.questionTypes[${i}]`));
  checkPhrases(concepts.offTopic, "$.offTopic");
  checkPhrases(concepts.homeRegion, "$.homeRegion");

  checkDatedTexts(sources, services, faqFiles, issues);

  const requiredSlots = (key: keyof typeof composed) => [
    ...(COMPOSED_SLOTS[key].service ? ["{service}"] : []),
    ...(COMPOSED_SLOTS[key].region ? ["{region}"] : []),
  ];
  for (const key of Object.keys(COMPOSED_SLOTS) as Array<keyof typeof composed>) {
    for (const language of ["it", "en"] as const) {
      composed[key][language].forEach((phrasing, i) => {
        const missing = requiredSlots(key).filter((slot) => !phrasing.includes(slot));
        if (missing.length > 0) {
          issues.push({ file: KNOWLEDGE_FILES.composed, path: `$.${key}.${language}[${i}]`, message: `phrasing must contain ${missing.join(" and ")}` });
        }
      });
    }
  }

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, knowledge: { sources, services, regions, availability, faq, smalltalk, composed, otherProducts, concepts } };
}

/**
 * "Now" is never older than it says. The clock-free reference is the knowledge base's own newest
 * source: a FAQ answer or service summary whose sources are all more than three years older than
 * that must place itself in time (a year, "as of", "according to", "secondo") in both languages,
 * so a 2018 fact is never read as today's. Availability notes are exempt: the bot always prints
 * their date beside them.
 */
function checkDatedTexts(
  sources: ReadonlyArray<{ id: string; date: string }>,
  services: ReadonlyArray<{ source: string | string[]; summary: { it: string; en: string } }>,
  faqFiles: ReadonlyArray<{ file: string; entries?: ReadonlyArray<{ source: string | string[]; answer: { it: string; en: string } }> }>,
  issues: KnowledgeIssue[],
): void {
  const sourceDates = new Map(sources.map((source) => [source.id, source.date]));
  const reference = newestDate(sources.map((source) => source.date));
  if (reference === undefined) return;
  const check = (ref: string | string[], texts: { it: string; en: string }, file: string, path: string) => {
    const newest = newestSourceDate(ref, sourceDates);
    if (newest === undefined || monthsBetween(newest, reference) <= STALE_AFTER_MONTHS) return;
    for (const language of ["it", "en"] as const) {
      if (isDated(texts[language])) continue;
      issues.push({
        file,
        path: `${path}.${language}`,
        message: `its newest source is from ${newest}, more than ${STALE_AFTER_MONTHS / 12} years before the newest source in the knowledge base (${reference}): say when it was true (a year, "as of", "according to", "secondo") instead of a bare present tense`,
      });
    }
  };
  services.forEach((service, i) => check(service.source, service.summary, KNOWLEDGE_FILES.services, `$[${i}].summary`));
  for (const { file, entries } of faqFiles) entries?.forEach((entry, i) => check(entry.source, entry.answer, file, `$[${i}].answer`));
}

function uniqueIds<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  file: string,
  field: string,
  what: string,
  issues: KnowledgeIssue[],
): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const id = idOf(item);
    if (seen.has(id)) issues.push({ file, path: `$[${i}].${field}`, message: `duplicate ${what} '${id}'` });
    seen.add(id);
  });
  return seen;
}
