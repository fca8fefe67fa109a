/**
 * The conversation layer on plain objects, as any platform adapter uses it: conversations are
 * kept apart by key, every answer is recorded and can be voted on, a flood gets one notice.
 */
import { describe, expect, it } from "vitest";
import { createAssistant } from "../../src/core/index.js";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { createConversations } from "../../src/adapters/shared/conversation.js";
import type { AnswerEvent } from "../../src/adapters/shared/running-adapter.js";

const assistant = createAssistant(loadKnowledge());

function layer(options: { burst?: number } = {}) {
  const answered: AnswerEvent[] = [];
  const votes: Array<{ userId: string; answerId: string; vote: 1 | -1 }> = [];
  const logs: string[] = [];
  const conversations = createConversations(
    "telegram",
    {
      assistant,
      log: (level, message) => logs.push(`${level} ${message}`),
      answered: (event) => (answered.push(event), `answer-${answered.length}`),
      voted: (event) => (votes.push(event), true),
    },
    { buttonDataLimit: 64, ...(options.burst ? { rateLimit: { burst: options.burst, refillMs: 60_000 } } : {}) },
  );
  return { conversations, answered, votes, logs };
}

describe("conversation layer", () => {
  it("GIVEN a follow-up in the same conversation THEN it uses the context; in another conversation THEN it does not", async () => {
    const { conversations } = layer();
    await conversations.answer("chat-1", "u1", "Xiaomi Pay funziona in Italia?", "it");
    const followUp = await conversations.answer("chat-1", "u1", "e in Grecia?", "it");
    expect(followUp.answer.body).toMatch(/^Xiaomi Pay – Grecia/);
    expect(followUp.inherited).toContain("service");
    const stranger = await conversations.answer("chat-2", "u2", "e in Grecia?", "it");
    expect(stranger.answer.kind).toBe("fallback");
    expect(stranger.inherited).toEqual([]);
  });

  it("GIVEN two messages of one conversation at once THEN the second is read in the context the first leaves", async () => {
    const { conversations } = layer();
    const [, second] = await Promise.all([
      conversations.answer("chat", "u1", "Xiaomi Pay funziona in Italia?", "it"),
      conversations.answer("chat", "u1", "e in Grecia?", "it"),
    ]);
    expect(second.answer.availability).toMatchObject({ service: "mi-pay", region: "GR" });
  });

  it("GIVEN an answer THEN it is recorded and carries vote buttons; a fallback carries none", async () => {
    const { conversations, answered, votes } = layer();
    const reply = await conversations.answer("chat", "u1", "cos'è youpin?", "it");
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ platform: "telegram", userId: "u1" });
    const [up] = conversations.voteButtons(reply.voteId!, "it");
    expect(up!.label).toMatch(/👍 Utile/);
    expect(await conversations.vote("u1", up!.data, "it")).toBe("Grazie del parere!");
    expect(votes).toEqual([{ platform: "telegram", userId: "u1", answerId: reply.voteId, vote: 1 }]);
    expect(await conversations.vote("u1", "q:cos'è youpin?", "it")).toBeUndefined(); // not a vote

    const fallback = await conversations.answer("another chat", "u1", "che tempo fa a Roma?", "it");
    expect(fallback.voteId).toBeUndefined();
  });

  it("GIVEN one user flooding THEN one notice in their language, then silence; others are let in", async () => {
    const { conversations } = layer({ burst: 2 });
    const admissions = [];
    for (let i = 0; i < 4; i++) admissions.push(await conversations.admit("u1", "en"));
    expect(admissions).toEqual([{ admitted: true }, { admitted: true }, { admitted: false, notice: expect.stringMatching(/writing very fast/) }, { admitted: false }]);
    expect(await conversations.admit("u2", "en")).toEqual({ admitted: true });
  });

  it("GIVEN a handler that fails THEN it is logged, the user gets an apology, and nothing escapes", async () => {
    const { conversations, logs } = layer();
    const said: string[] = [];
    await conversations.guard("update 7", "it", async () => { throw new Error("boom"); }, async (text) => said.push(text));
    expect(said).toEqual([expect.stringMatching(/^Scusa/)]);
    expect(logs).toEqual([expect.stringMatching(/^error update 7 failed: Error: boom/)]);
    // An apology that cannot be sent is logged, not thrown.
    await conversations.guard("update 8", "en", async () => { throw new Error("boom"); }, async () => { throw new Error("offline"); });
    expect(logs.at(-1)).toMatch(/could not apologise for update 8: Error: offline/);
  });

  it("GIVEN a button press THEN an 'ask this' button gives its question back and an unknown one has expired", async () => {
    const { conversations } = layer();
    const data = conversations.questionKeys.keyFor("cos'è youpin?");
    expect(await conversations.pressed(data)).toBe("cos'è youpin?");
    expect(await conversations.pressed("h:unknownhash")).toBeUndefined();
    expect(conversations.texts("en").expiredButton).toMatch(/expired/);
  });
});
