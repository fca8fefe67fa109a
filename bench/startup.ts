/**
 * `npm run bench:startup`: cold start to first answer as a whole process, the way the README
 * measures it: `npm run --silent ask -- --json "ciao"` minus `npm run --silent env` (npm's own
 * start-up), both run alternately in the same session so machine load hits both alike. Then where
 * the time goes inside the process, phase by phase, in fresh processes running the compiled code
 * as ask runs it (from its start-up caches), and what loading and building cost without them.
 * Last, many questions through one process (`ask --json < questions.txt`), per question beyond
 * a start with one question: the README's 20,000 dev questions (271 distinct, asked over and
 * over), and every distinct question of the tuning sets with a typo variant of each.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RUNS = Number(process.env.RUNS ?? 15);

function timeOnce(command: string, args: string[], inputFile?: string): number {
  const input = inputFile === undefined ? "ignore" : openSync(inputFile, "r");
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: [input, "ignore", "inherit"] });
  const elapsed = performance.now() - started;
  if (typeof input === "number") closeSync(input);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
  return elapsed;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
const ask: number[] = [];
const npmAlone: number[] = [];
const nodeAlone: number[] = [];
// One unmeasured round warms the file cache, as a second start on a server would find it.
timeOnce("npm", ["run", "--silent", "ask", "--", "--json", "ciao"]);
for (let i = 0; i < RUNS; i++) {
  ask.push(timeOnce("npm", ["run", "--silent", "ask", "--", "--json", "ciao"]));
  npmAlone.push(timeOnce("npm", ["run", "--silent", "env"]));
  nodeAlone.push(timeOnce(process.execPath, ["-e", "0"]));
}

// Each phase timed inside one fresh process, as ask runs them (from the start-up caches that the
// build and the first round wrote); then, for reference, loading and building without the caches
// as npm start does. The medians over RUNS processes are reported.
const PHASES = `
const t0 = performance.now();
const core = await import("./dist/core/index.js");
const t1 = performance.now();
const { checkedDataDir } = await import("./dist/cli/config-check.js");
const dataDir = await checkedDataDir();
const t2 = performance.now();
const { loadCachedKnowledge } = await import("./dist/knowledge/knowledge-cache.js");
const prepared = await loadCachedKnowledge(dataDir);
const t3 = performance.now();
const assistant = core.createAssistant(prepared.knowledge, {}, prepared.cache);
const t4 = performance.now();
assistant.ask("ciao");
const t5 = performance.now();
process.stdout.write(JSON.stringify({ importCore: t1 - t0, checkConfig: t2 - t1, loadCached: t3 - t2, createAssistant: t4 - t3, firstAsk: t5 - t4, cacheHit: prepared.hit ? 1 : 0 }));
`;
const UNCACHED = `
const core = await import("./dist/core/index.js");
const t0 = performance.now();
const { loadKnowledge } = await import("./dist/knowledge/load-knowledge.js");
const knowledge = loadKnowledge();
const t1 = performance.now();
core.createAssistant(knowledge);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ "loadKnowledge, uncached": t1 - t0, "createAssistant, uncached": t2 - t1 }));
`;
const phases: Array<Record<string, number>> = [];
for (let i = 0; i < RUNS; i++) {
  const cached = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", PHASES], { encoding: "utf8" }));
  const uncached = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", UNCACHED], { encoding: "utf8" }));
  phases.push({ ...cached, ...uncached });
}

// Many questions through one process, alternating with a start that answers one question.
const folder = mkdtempSync(join(tmpdir(), "bench-startup-"));
const questionsOf = (set: string): string[] =>
  (JSON.parse(readFileSync(`tests/eval/${set}.json`, "utf8")) as Array<{ question: string }>).map((c) => c.question.replace(/\s+/g, " ").trim());
const dev = questionsOf("dev-set");
const repeated = Array.from({ length: 20_000 }, (_, i) => dev[i % dev.length]!);
const tuning = [...new Set(["dev-set", "holdout-set", "chat-dev-set", "chat-dev-2-set"].flatMap(questionsOf))];
// A typo a person makes: two neighbouring letters swapped in the middle of the message.
const withTypo = (q: string) => (q.length < 4 ? q : `${q.slice(0, q.length >> 1)}${q[(q.length >> 1) + 1]}${q[q.length >> 1]}${q.slice((q.length >> 1) + 2)}`);
const distinct = [...new Set([...tuning, ...tuning.map(withTypo)])];
const batches = { repeated, distinct };
const batchTimes: Record<keyof typeof batches, number[]> = { repeated: [], distinct: [] };
const startTimes: number[] = [];
for (const [name, lines] of Object.entries(batches)) writeFileSync(join(folder, `${name}.txt`), `${lines.join("\n")}\n`);
for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 3)); i++) {
  for (const name of Object.keys(batches) as Array<keyof typeof batches>) {
    batchTimes[name].push(timeOnce("npm", ["run", "--silent", "ask", "--", "--json"], join(folder, `${name}.txt`)));
  }
  startTimes.push(timeOnce("npm", ["run", "--silent", "ask", "--", "--json", "ciao"]));
}
const perQuestion = (name: keyof typeof batches) => `${(((median(batchTimes[name]) - median(startTimes)) * 1000) / batches[name].length).toFixed(0)} µs`;

const ms = (value: number) => `${value.toFixed(0)} ms`;
const lines = [
  `runs: ${RUNS} of each, alternating`,
  `npm run --silent ask -- --json "ciao"   median ${ms(median(ask))}`,
  `npm run --silent env                    median ${ms(median(npmAlone))}`,
  `node -e 0                               median ${ms(median(nodeAlone))}`,
  `start-up beyond npm (median of the pairwise differences): ${ms(median(ask.map((t, i) => t - npmAlone[i]!)))}`,
  `inside the process (medians; start-up caches hit in ${phases.filter((p) => p.cacheHit === 1).length} of ${RUNS} runs):`,
  ...Object.keys(phases[0]!)
    .filter((phase) => phase !== "cacheHit")
    .map((phase) => `  ${phase.padEnd(26)} ${ms(median(phases.map((p) => p[phase]!)))}`),
  "many questions through one process (npm run --silent ask -- --json < file), per question beyond a start with one:",
  `  ${repeated.length} dev questions (${dev.length} distinct)`.padEnd(52) + ` ${perQuestion("repeated")}   (whole run ${ms(median(batchTimes.repeated))})`,
  `  ${distinct.length} distinct questions (tuning sets, with typos)`.padEnd(52) + ` ${perQuestion("distinct")}   (whole run ${ms(median(batchTimes.distinct))})`,
];
process.stdout.write(`${lines.join("\n")}\n`);
