/**
 * Two `npm start` processes in Telegram webhook mode behind a round-robin balancer, sharing one
 * Redis and one PostgreSQL, as a busy bot is deployed: a flood split across them is limited as
 * by one instance; a button made by A works on B; a follow-up on B uses the context A left;
 * `npm run report` counts both; SIGKILL of A in
 * the middle of a flood loses none of B's recorded answers, and B keeps answering.
 */
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { userHasher } from "../../src/operations/user-hash.js";
import { BotApiEmulator, textMessage } from "../adapters/telegram/bot-api-emulator.js";
import { SERVICE_URLS, shouldRun } from "../support/needs.js";
import { createDatabase } from "../support/postgres.js";
import { RoundRobin } from "../support/round-robin.js";
import { startMain } from "../support/start-main.js";
import { until } from "../support/until.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-x";
const SALT = "two-instances-test-salt";
const LONG_QUESTION = "cos'è Youpin, la piattaforma di crowdfunding e vendita online dell'ecosistema Xiaomi?";

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** The knowledge with one phrasing too long for Telegram's 64-byte button data, offered as a suggestion. */
function dataWithLongSuggestion(): string {
  const dir = mkdtempSync(join(tmpdir(), "data-"));
  cpSync("data", dir, { recursive: true });
  const file = join(dir, "faq", "youpin.json");
  const entries = JSON.parse(readFileSync(file, "utf8")) as Array<{ id: string; questions: { it: string[] } }>;
  entries.find((entry) => entry.id === "youpin-what-is")!.questions.it.unshift(LONG_QUESTION);
  writeFileSync(file, JSON.stringify(entries, null, 2));
  return dir;
}

describe.runIf(shouldRun("redis") && shouldRun("postgres"))("two instances behind a load balancer", () => {
  it("GIVEN one Redis and one PostgreSQL THEN they act as one bot, and losing one loses nothing the other recorded", async () => {
    const database = await createDatabase();
    cleanup.push(database.drop);
    const telegram = await new BotApiEmulator(TOKEN).start();
    cleanup.push(() => telegram.stop());
    const env = {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg",
      TELEGRAM_WEBHOOK_SECRET: "shared-webhook-secret",
      PORT: "0",
      REDIS_URL: SERVICE_URLS.redis,
      INSIGHTS_DB: database.url,
      INSIGHTS_SALT: SALT,
      DATA_DIR: dataWithLongSuggestion(),
    };
    const instances = [startMain(env), startMain(env)];
    cleanup.push(() => instances.forEach((instance) => instance.child.kill("SIGKILL")));
    const ports: number[] = [];
    for (const instance of instances) {
      await until(() => /serving its webhook on port \d+/.test(instance.output()), 20_000);
      ports.push(Number(/serving its webhook on port (\d+)/.exec(instance.output())![1]));
    }
    const balancer = await new RoundRobin(ports).start();
    cleanup.push(() => balancer.stop());
    telegram.webhookPort = balancer.port;
    const base = randomInt(1_000_000, 900_000_000); // users new to this Redis
    const repliesTo = (chatId: number) => telegram.callsOf("sendMessage").filter((call) => call.body.chat_id === chatId);
    const user = (id: number) => ({ id, first_name: "Utente", language_code: "it" });

    // 1. One user floods; the balancer alternates the messages between A and B.
    const flooder = base;
    const flood = Array.from({ length: 8 }, () => telegram.pushUpdate(textMessage(user(flooder), "cos'è youpin?")));
    await until(() => flood.every((id) => balancer.answeredBy.has(id)), 15_000);
    expect(new Set(flood.map((id) => balancer.answeredBy.get(id)))).toEqual(new Set([0, 1]));
    expect(repliesTo(flooder).filter((call) => /Youpin/.test(call.body.text))).toHaveLength(5);
    expect(repliesTo(flooder).filter((call) => /velocemente/.test(call.body.text))).toHaveLength(1);
    expect(repliesTo(flooder)).toHaveLength(6);

    // 2. A answers a near miss with a suggestion button too long to carry its question; B gets the press.
    const asker = base + 1;
    balancer.pin(0);
    const nearMiss = telegram.pushUpdate(textMessage(user(asker), "youpin spedizione"));
    await until(() => repliesTo(asker).length === 1 && balancer.answeredBy.has(nearMiss), 10_000);
    expect(balancer.answeredBy.get(nearMiss)).toBe(0);
    const button = (repliesTo(asker)[0]!.body.reply_markup.inline_keyboard.flat() as Array<{ text: string; callback_data: string }>).find((b) => b.callback_data.startsWith("h:"))!;
    expect(button.text).toContain("crowdfunding"); // the long suggestion's button, keyed by hash
    balancer.pin(1);
    const press = telegram.pushUpdate({
      callback_query: { id: "press-1", from: user(asker), chat_instance: "x", data: button.callback_data, message: { message_id: 5, chat: { id: asker, type: "private" }, date: 0 } },
    });
    await until(() => repliesTo(asker).length === 2 && balancer.answeredBy.has(press), 10_000);
    expect(balancer.answeredBy.get(press)).toBe(1);
    expect(repliesTo(asker)[1]!.body.text).toMatch(/Youpin/);

    // 2b. A answers a question; the follow-up reaches B, which reads it in the context A left in Redis.
    const talker = base + 2;
    balancer.pin(0);
    const question = telegram.pushUpdate(textMessage(user(talker), "Xiaomi Pay funziona in Italia?"));
    await until(() => repliesTo(talker).length === 1 && balancer.answeredBy.has(question), 10_000);
    balancer.pin(1);
    const followUp = telegram.pushUpdate(textMessage(user(talker), "e in Grecia?"));
    await until(() => repliesTo(talker).length === 2 && balancer.answeredBy.has(followUp), 10_000);
    expect([balancer.answeredBy.get(question), balancer.answeredBy.get(followUp)]).toEqual([0, 1]);
    expect(repliesTo(talker)[1]!.body.text).toMatch(/^Xiaomi Pay – Grecia/);

    // 3. npm run report counts what both recorded: 5 flood answers, the near miss, the pressed
    // question, the question and its follow-up.
    let total = 0;
    for (let i = 0; i < 50 && total < 9; i++) {
      const report = spawnSync(process.execPath, ["dist/cli/report.js", "--json"], { encoding: "utf8", env: { ...process.env, INSIGHTS_DB: database.url } });
      expect(report.status).toBe(0);
      total = (JSON.parse(report.stdout).answerRate as Array<{ questions: number }>).reduce((sum, row) => sum + row.questions, 0);
      if (total < 9) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(total).toBe(9);

    // 4. Forty users ask; A is killed while their messages are in flight.
    const askerOf = new Map<number, number>(); // update_id → user
    const ask = (id: number) => askerOf.set(telegram.pushUpdate(textMessage(user(id), "mi cloud cos'è?")), id);
    const askers = Array.from({ length: 40 }, (_, i) => base + 100 + i);
    askers.slice(0, 20).forEach(ask);
    await until(() => [...askerOf.keys()].filter((updateId) => balancer.answeredBy.has(updateId)).length >= 4, 10_000);
    instances[0]!.child.kill("SIGKILL");
    askers.slice(20).forEach(ask);
    // B keeps answering: every user gets an answer (the balancer sends B what A can no longer take).
    await until(() => askers.every((id) => repliesTo(id).length >= 1), 20_000);
    const answeredByB = [...askerOf].filter(([updateId]) => balancer.answeredBy.get(updateId) === 1).map(([, id]) => userHasher(SALT)("telegram", String(id)));
    expect(answeredByB.length).toBeGreaterThanOrEqual(20);
    let stored = new Set<string>();
    for (let i = 0; i < 50; i++) {
      stored = await storedUsers(database.url);
      if (answeredByB.every((hash) => stored.has(hash))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answeredByB.filter((hash) => !stored.has(hash))).toEqual([]);
    telegram.pushUpdate(textMessage(user(base + 999), "ciao"));
    await until(() => repliesTo(base + 999).length === 1, 10_000);

    instances[1]!.child.kill("SIGTERM");
    expect(await instances[1]!.exited).toBe(0);
    for (const instance of instances) expect(instance.output()).not.toContain(TOKEN.split(":")[1]);
  }, 90_000);
});

async function storedUsers(url: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return new Set((await client.query<{ user_hash: string }>("SELECT user_hash FROM questions")).rows.map((row) => row.user_hash));
  } finally {
    await client.end();
  }
}
