/**
 * The start-up cache of `ask`: an assistant started from it answers exactly as one built afresh,
 * and any edit to the data is seen at the next start (the cache is keyed by the files' content).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAssistant } from "../../src/core/index.js";
import { loadDialogueSet, loadEvalSet } from "../../src/evaluation/evaluate.js";
import { cacheKey, loadCachedKnowledge } from "../../src/knowledge/knowledge-cache.js";
import { DEFAULT_DATA_DIR, KnowledgeError, loadKnowledge } from "../../src/knowledge/load-knowledge.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "xsb-cache-"));
  folders.push(folder);
  return folder;
}

function copyOfData(): string {
  const folder = temporaryFolder();
  cpSync(DEFAULT_DATA_DIR, folder, { recursive: true });
  return folder;
}

async function cachedAssistant(dataDir: string, file: string) {
  const prepared = await loadCachedKnowledge(dataDir, file);
  const assistant = createAssistant(prepared.knowledge, { today: "2026-11-30" }, prepared.cache);
  prepared.save();
  return { assistant, hit: prepared.hit };
}

describe("the start-up cache", () => {
  it("GIVEN a first start then a second THEN the second starts from the cache and both answer every evaluation message exactly as an assistant built afresh", async () => {
    const file = join(temporaryFolder(), "cache.json");
    const fresh = createAssistant(loadKnowledge(), { today: "2026-11-30" });
    const first = await cachedAssistant(DEFAULT_DATA_DIR, file);
    const second = await cachedAssistant(DEFAULT_DATA_DIR, file);
    expect([first.hit, second.hit]).toEqual([false, true]);

    const questions = [...loadEvalSet("dev"), ...loadEvalSet("chat-dev")].map((c) => c.question);
    for (const question of [...questions, ...questions.map((q) => q.replace(/([a-z])([a-z])/, "$2$1"))]) {
      const expected = fresh.ask(question);
      expect(first.assistant.ask(question)).toEqual(expected);
      expect(second.assistant.ask(question)).toEqual(expected);
    }
    for (const dialogue of loadDialogueSet("dialogue-dev")) {
      let contexts = [null, null, null] as Array<Parameters<typeof fresh.converse>[1]>;
      for (const turn of dialogue.turns) {
        const played = [fresh, first.assistant, second.assistant].map((assistant, i) => assistant.converse(turn.question, contexts[i]!));
        expect(played[1]).toEqual(played[0]);
        expect(played[2]).toEqual(played[0]);
        contexts = played.map((p) => p.context);
      }
    }
  });

  it("GIVEN a data file edited after the cache was written THEN the next start reads the edit", async () => {
    const dataDir = copyOfData();
    const file = join(temporaryFolder(), "cache.json");
    const faqFile = join(dataDir, "faq", "youpin.json");
    const entries = JSON.parse(readFileSync(faqFile, "utf8"));
    const question = entries[0].questions.en[0];
    expect((await cachedAssistant(dataDir, file)).assistant.ask(question).body).not.toContain("EDITED");
    expect((await cachedAssistant(dataDir, file)).hit).toBe(true);

    entries[0].answer.en = `EDITED: ${entries[0].answer.en}`;
    entries[0].questions.en.push("does youpin ship kettles to the moon");
    writeFileSync(faqFile, JSON.stringify(entries, null, 2));
    const edited = await cachedAssistant(dataDir, file);
    expect(edited.hit).toBe(false);
    expect(edited.assistant.ask(question).body).toMatch(/^EDITED/);
    expect(edited.assistant.ask("does youpin ship kettles to the moon")).toMatchObject({ kind: "answer", topic: entries[0].id });
    expect(await cachedAssistant(dataDir, file)).toMatchObject({ hit: true });
  });

  it("GIVEN an edit that breaks the data THEN the start fails as without a cache, naming file and path", async () => {
    const dataDir = copyOfData();
    const file = join(temporaryFolder(), "cache.json");
    await cachedAssistant(dataDir, file);
    const services = join(dataDir, "services.json");
    const json = JSON.parse(readFileSync(services, "utf8"));
    json[1].id = json[0].id;
    writeFileSync(services, JSON.stringify(json));
    await expect(loadCachedKnowledge(dataDir, file)).rejects.toThrow(KnowledgeError);
    await expect(loadCachedKnowledge(dataDir, file)).rejects.toThrow(/services\.json \$\[1\]\.id: duplicate service/);
  });

  it("GIVEN a new file in the data folder, or a changed one anywhere under it, THEN the key changes", () => {
    const dataDir = copyOfData();
    const before = cacheKey(dataDir);
    expect(cacheKey(dataDir)).toBe(before);
    writeFileSync(join(dataDir, "faq", "new.json"), "[]");
    const withNewFile = cacheKey(dataDir);
    expect(withNewFile).not.toBe(before);
    writeFileSync(join(dataDir, "README.md"), "changed");
    expect(cacheKey(dataDir)).not.toBe(withNewFile);
  });

  it("GIVEN a corrupt cache file, or one that cannot be written, THEN the start loads the knowledge as usual", async () => {
    const folder = temporaryFolder();
    const corrupt = join(folder, "cache.json");
    writeFileSync(corrupt, "{ not json");
    expect((await cachedAssistant(DEFAULT_DATA_DIR, corrupt)).hit).toBe(false);
    expect((await cachedAssistant(DEFAULT_DATA_DIR, corrupt)).hit).toBe(true);
    // A folder where the file should be: nothing can be written there.
    const unwritable = join(folder, "in-the-way");
    cpSync(DEFAULT_DATA_DIR, join(unwritable, "cache.json"), { recursive: true });
    const { assistant, hit } = await cachedAssistant(DEFAULT_DATA_DIR, join(unwritable, "cache.json"));
    expect(hit).toBe(false);
    expect(assistant.ask("Mi Pay funziona in Italia?")).toMatchObject({ kind: "answer", service: "mi-pay" });
  });
});
