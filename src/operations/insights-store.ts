/**
 * Insights as the bot and `npm run report` use them, whichever database holds them: SQLite, the
 * embedded default (one file, one machine), or PostgreSQL when INSIGHTS_DB is a postgres:// URL
 * (several instances writing to one database). Both keep the same schema, the same retention and
 * the same promise: a database that fails never stops the bot answering.
 */
import { Insights, type AnswerRecord, type InsightsOptions, type Report } from "./insights.js";
import { PostgresInsights } from "./insights-postgres.js";

export interface InsightsStore {
  /** The salted hash logs use for a user, the same one stored. */
  userHash(platform: string, userId: string): string;
  /** Records one answered question; the id users vote under, or undefined when votes cannot be recorded now. */
  recordAnswer(record: AnswerRecord): string | undefined;
  /** One vote per user per answer; voting again replaces it. False when not recorded. */
  recordVote(platform: string, userId: string, answerId: string, vote: 1 | -1): Promise<boolean>;
  /** Deletes what is older than the retention period; how many rows went. */
  purge(): Promise<number>;
  report(limit?: number): Promise<Report>;
  /** Finishes the writes in flight, then closes. */
  close(): Promise<void>;
}

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

/** Never throws: a database that cannot be opened is logged once, and the bot answers without it. */
export async function openInsights(options: InsightsOptions): Promise<InsightsStore> {
  if (isPostgresUrl(options.path)) return PostgresInsights.open(options);
  const sqlite = Insights.open(options);
  return {
    userHash: (platform, userId) => sqlite.userHash(platform, userId),
    recordAnswer: (record) => sqlite.recordAnswer(record),
    recordVote: async (platform, userId, answerId, vote) => sqlite.recordVote(platform, userId, answerId, vote),
    purge: async () => sqlite.purge(),
    report: async (limit) => sqlite.report(limit),
    close: async () => sqlite.close(),
  };
}
