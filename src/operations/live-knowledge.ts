/**
 * Knowledge that can change while the bot runs. The adapters hold one `Assistant` whose calls go
 * to the current one; a reload builds a complete new assistant from files that validated, then
 * swaps a single reference, so no answer ever comes from half-loaded knowledge. An invalid edit
 * is logged with its precise error and the previous knowledge keeps serving.
 */
import { watch, type FSWatcher } from "node:fs";
import { createAssistant, type Assistant, type CoreOverrides } from "../core/index.js";
import { DEFAULT_DATA_DIR, KnowledgeError, loadKnowledge } from "../knowledge/load-knowledge.js";

export interface LiveKnowledge {
  readonly assistant: Assistant;
  /** Loads and validates `dataDir` again; true when the new knowledge is now serving. */
  reload(reason: string): boolean;
  /** Reloads shortly after files in `dataDir` change (editors write in bursts). */
  watch(): void;
  close(): void;
  readonly generation: number;
}

export interface LiveKnowledgeOptions {
  dataDir?: string | undefined;
  core?: CoreOverrides;
  log: (level: "info" | "warn" | "error", message: string) => void;
  /** Told of every reload attempt after the first load: true when new knowledge is serving. */
  onReload?: (ok: boolean) => void;
  debounceMs?: number;
}

export function liveKnowledge(options: LiveKnowledgeOptions): LiveKnowledge {
  let current = createAssistant(loadKnowledge(options.dataDir), options.core);
  let generation = 1;
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;

  const assistant: Assistant = {
    ask: (question, askOptions) => current.ask(question, askOptions),
    converse: (question, context, askOptions) => current.converse(question, context, askOptions),
    explain: (question, askOptions) => current.explain(question, askOptions),
    answerAs: (question, topicId, confidence, askOptions) => current.answerAs(question, topicId, confidence, askOptions),
    get topicIds() {
      return current.topicIds;
    },
    smalltalk: (intent, language) => current.smalltalk(intent, language),
    regionName: (code, language) => current.regionName(code, language),
    services: (language) => current.services(language),
    searchQuestions: (partial, language, limit) => current.searchQuestions(partial, language, limit),
    get stats() {
      return current.stats;
    },
  };

  function reload(reason: string): boolean {
    let next: Assistant;
    try {
      next = createAssistant(loadKnowledge(options.dataDir), options.core);
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      options.log("error", `knowledge not reloaded (${reason}), the previous knowledge keeps serving: ${error.message}`);
      options.onReload?.(false);
      return false;
    }
    current = next;
    generation++;
    options.log("info", `knowledge reloaded (${reason}): ${next.stats.topics} topics, ${next.stats.phrasings} phrasings, ${next.stats.facts} facts`);
    options.onReload?.(true);
    return true;
  }

  return {
    assistant,
    reload,
    get generation() {
      return generation;
    },
    watch() {
      if (watcher) return;
      const dir = options.dataDir ?? DEFAULT_DATA_DIR;
      watcher = watch(dir, { recursive: true }, (_event, file) => {
        if (file !== null && !String(file).endsWith(".json")) return;
        clearTimeout(timer);
        timer = setTimeout(() => reload(`${file ?? "data"} changed`), options.debounceMs ?? 200);
      });
      watcher.on("error", (error) => options.log("warn", `knowledge watcher: ${error.message}; send SIGHUP to reload`));
    },
    close() {
      clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
    },
  };
}
