import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/operations/logger.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-x";

function capture(pretty: boolean) {
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk: Buffer) => (text += chunk));
  const logger = createLogger({ level: "info", pretty, secrets: [TOKEN], destination: out });
  return { logger, text: () => text };
}

describe("logger", () => {
  it("GIVEN a question event THEN writes one JSON line with its fields (not a terminal)", () => {
    const { logger, text } = capture(false);
    logger.info({ platform: "telegram", language: "it", kind: "answer", service: "mi-pay", confidence: 0.93, latencyMs: 0.05, user: "h4sh" }, "question");
    const lines = text().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: "question", platform: "telegram", language: "it", kind: "answer", service: "mi-pay", confidence: 0.93, user: "h4sh" });
  });

  it("GIVEN a token anywhere in a message, a field or an error THEN it never reaches the output", () => {
    for (const pretty of [false, true]) {
      const { logger, text } = capture(pretty);
      logger.error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`);
      logger.warn({ url: `https://api.telegram.org/bot${TOKEN}/sendMessage` }, "retrying");
      logger.error(new Error(`bad token ${TOKEN}`));
      expect(text()).not.toContain(TOKEN);
      expect(text()).not.toContain(TOKEN.split(":")[1]);
      expect(text()).toContain("<redacted>");
    }
  });

  it("GIVEN a level THEN quieter lines are left out", () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (chunk: Buffer) => (text += chunk));
    const logger = createLogger({ level: "warn", pretty: false, secrets: [], destination: out });
    logger.info("not shown");
    logger.warn("shown");
    expect(text).not.toContain("not shown");
    expect(text).toContain("shown");
  });
});
