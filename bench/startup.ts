/**
 * `npm run bench:startup`: cold start to first answer as a whole process, the way the README
 * measures it: `npm run --silent ask -- --json "ciao"` minus `npm run --silent env` (npm's own
 * start-up), both run alternately in the same session so machine load hits both alike. Then where
 * the time goes inside the process, phase by phase, in fresh processes running the compiled code.
 */
import { execFileSync, spawnSync } from "node:child_process";

const RUNS = Number(process.env.RUNS ?? 15);

function timeOnce(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
  return performance.now() - started;
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

// Each phase timed inside one fresh process; the medians over RUNS processes are reported.
const PHASES = `
const t0 = performance.now();
const core = await import("./dist/core/index.js");
const t1 = performance.now();
const { loadKnowledge } = await import("./dist/knowledge/load-knowledge.js");
const knowledge = loadKnowledge();
const t2 = performance.now();
const assistant = core.createAssistant(knowledge);
const t3 = performance.now();
assistant.ask("ciao");
const t4 = performance.now();
process.stdout.write(JSON.stringify({ importCore: t1 - t0, loadKnowledge: t2 - t1, createAssistant: t3 - t2, firstAsk: t4 - t3 }));
`;
const phases: Array<Record<string, number>> = [];
for (let i = 0; i < RUNS; i++) {
  phases.push(JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", PHASES], { encoding: "utf8" })));
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const lines = [
  `runs: ${RUNS} of each, alternating`,
  `npm run --silent ask -- --json "ciao"   median ${ms(median(ask))}`,
  `npm run --silent env                    median ${ms(median(npmAlone))}`,
  `node -e 0                               median ${ms(median(nodeAlone))}`,
  `start-up beyond npm (median of the pairwise differences): ${ms(median(ask.map((t, i) => t - npmAlone[i]!)))}`,
  "inside the process (medians):",
  ...Object.keys(phases[0]!).map((phase) => `  ${phase.padEnd(16)} ${ms(median(phases.map((p) => p[phase]!)))}`),
];
process.stdout.write(`${lines.join("\n")}\n`);
