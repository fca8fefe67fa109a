/**
 * A platform added as the README says, with nothing else edited: an entry of the same type as
 * those in PLATFORMS (here in the test, not in src/) and an adapter that maps messages in and
 * replies out through the shared conversation layer. The configuration reads its variable, the
 * composition root starts it, and the conversation flow serves it as it serves Telegram and Discord.
 */
import { describe, expect, it } from "vitest";
import { createConversations } from "../../src/adapters/shared/conversation.js";
import { definePlatform, optionalMatching } from "../../src/adapters/shared/platform.js";
import type { AdapterContext, AnswerEvent, RunningAdapter } from "../../src/adapters/shared/running-adapter.js";
import { ConfigError, readConfig } from "../../src/config.js";
import { configuredPlatforms, startPlatforms } from "../../src/serve.js";
import { assistant } from "../fixtures/assistant.js";

/** The whole adapter: a message from a user in a chat in, the texts the bot replies out. */
interface FakeChat extends RunningAdapter {
  say(chat: string, user: string, text: string): Promise<string[]>;
}

const FAKE = definePlatform({
  name: "fake",
  env: { FAKE_TOKEN: optionalMatching(/^fake-[\w-]+$/, "fake- and letters") },
  token: "FAKE_TOKEN",
  secrets: ["FAKE_TOKEN"],
  settings: (values) => ({ token: values.FAKE_TOKEN }),
  start: async (_settings, context, config): Promise<FakeChat> => {
    const conversations = createConversations("fake", context, { buttonDataLimit: 64, defaultLanguage: config.defaultLanguage, rateLimit: { burst: 3, refillMs: 60_000 } });
    return {
      name: "fake",
      connected: () => true,
      stop: async () => {},
      async say(chat, user, text) {
        const replies: string[] = [];
        const language = conversations.languageOf("it");
        const handle = async () => {
          const admission = await conversations.admit(user, language);
          if (!admission.admitted) return void (admission.notice && replies.push(admission.notice));
          replies.push((await conversations.answer(chat, user, text, "it")).answer.body);
        };
        await conversations.guard("fake message", language, handle, async (apology) => replies.push(apology));
        return replies;
      },
    };
  },
});

const TOKEN = "fake-s3cret-t0ken";

describe("a platform registered by its entry alone", () => {
  it("GIVEN its variable THEN the configuration validates it, keeps its settings under its name, and blanks its token from logs", () => {
    const config = readConfig({ FAKE_TOKEN: TOKEN }, [FAKE]);
    expect(config.fake).toEqual({ token: TOKEN });
    expect(config.secrets).toContain(TOKEN);
    expect(readConfig({}, [FAKE]).fake).toBeUndefined();
    expect(() => readConfig({ FAKE_TOKEN: "not the format, but secret" }, [FAKE])).toThrow(new ConfigError("Invalid FAKE_TOKEN: expected fake- and letters"));
  });

  it("GIVEN its token THEN it is started and answers through the shared flow: the answer, a follow-up in context, the flood gate", async () => {
    const config = readConfig({ FAKE_TOKEN: TOKEN }, [FAKE]);
    const answered: AnswerEvent[] = [];
    const rateLimited: string[] = [];
    const context: AdapterContext = {
      assistant,
      log: () => {},
      answered: (event) => void answered.push(event),
      observer: { handled: () => {}, failed: () => {}, reconnecting: () => {}, rateLimited: (platform) => rateLimited.push(platform) },
    };
    const configured = configuredPlatforms(config, [FAKE]);
    expect(configured.map(({ platform }) => platform.name)).toEqual(["fake"]);
    const [chat] = (await startPlatforms(configured, context, config)) as FakeChat[];

    expect(await chat!.say("room", "ada", "Xiaomi Pay funziona in Italia?")).toEqual([expect.stringMatching(/^Xiaomi Pay – Italia/)]);
    expect(await chat!.say("room", "ada", "e in Grecia?")).toEqual([expect.stringMatching(/^Xiaomi Pay – Grecia/)]);
    expect(answered.map((event) => event.platform)).toEqual(["fake", "fake"]);

    await chat!.say("room", "ada", "e in Francia?");
    expect(await chat!.say("room", "ada", "e in Spagna?")).toEqual([expect.stringMatching(/molto velocemente/)]);
    expect(await chat!.say("room", "ada", "e in Spagna?")).toEqual([]);
    expect(rateLimited).toEqual(["fake", "fake"]);
    await chat!.stop("test");
  });
});
