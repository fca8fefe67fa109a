/**
 * Insights in PostgreSQL (node-postgres), for several instances writing to one database: the
 * tables and columns of the SQLite store, versioned migrations applied under an advisory lock
 * (instances starting together migrate once), the same report and retention.
 *
 * Writes leave the answer path: a question's row is written in the background, its id returned
 * at once for the vote buttons. A database that is unreachable at start or goes away later is
 * logged once; the bot answers without recording (and without vote buttons) meanwhile, tries
 * again at the next question, and logs when writing works again.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { normalize } from "../core/index.js";
import { LOW_CONFIDENCE, type AnswerRecord, type InsightsOptions, type Report } from "./insights.js";
import type { InsightsStore } from "./insights-store.js";
import { userHasher, type UserHasher } from "./user-hash.js";

const DAY_MS = 86_400_000;

export const POSTGRES_DEFAULTS = Object.freeze({
  /** A few connections suffice: one insert per question, each a millisecond. */
  poolSize: 4,
  /** A database that does not answer within this is treated as away. */
  connectTimeoutMs: 2_000,
  queryTimeoutMs: 5_000,
  /** Two instances must not migrate at once: both take this advisory lock first. */
  migrationLock: 72_657_301,
});

/** Same tables and columns as SQLITE_MIGRATIONS; `at` is milliseconds since 1970 in both. */
export const POSTGRES_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS questions (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  platform TEXT NOT NULL,
  language TEXT NOT NULL,
  kind TEXT NOT NULL,
  topic TEXT,
  service TEXT,
  confidence DOUBLE PRECISION NOT NULL,
  text TEXT,
  normalized TEXT,
  user_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_at ON questions (at);
CREATE INDEX IF NOT EXISTS questions_unanswered ON questions (normalized) WHERE normalized IS NOT NULL;
CREATE TABLE IF NOT EXISTS votes (
  answer_id TEXT NOT NULL,
  user_hash TEXT NOT NULL,
  vote SMALLINT NOT NULL CHECK (vote IN (-1, 1)),
  at BIGINT NOT NULL,
  PRIMARY KEY (answer_id, user_hash)
);
`,
  },
];

export class PostgresInsights implements InsightsStore {
  private readonly pool: pg.Pool;
  private readonly now: () => number;
  private hash: UserHasher;
  private migrated = false;
  private failed = false;
  private readonly pending = new Set<Promise<unknown>>();

  private constructor(private readonly options: InsightsOptions) {
    this.now = options.now ?? Date.now;
    this.pool = new pg.Pool({
      connectionString: options.path,
      max: POSTGRES_DEFAULTS.poolSize,
      connectionTimeoutMillis: POSTGRES_DEFAULTS.connectTimeoutMs,
      query_timeout: POSTGRES_DEFAULTS.queryTimeoutMs,
    });
    // An idle connection cut by the server emits 'error' on the pool: without a listener it
    // would crash the process. The next query notices and logs.
    this.pool.on("error", () => {});
    // Until the stored salt is read (or when it cannot be), logs still need a hash.
    this.hash = userHasher(options.salt);
  }

  /** Never throws: unreachable, it is logged once and tried again at the next write. */
  static async open(options: InsightsOptions): Promise<PostgresInsights> {
    const insights = new PostgresInsights(options);
    await insights.attempt("open", () => insights.prepare());
    if (insights.migrated) await insights.purge();
    return insights;
  }

  userHash(platform: string, userId: string): string {
    return this.hash(platform, userId);
  }

  recordAnswer({ platform, userId, answer, at = this.now() }: AnswerRecord): string | undefined {
    const id = randomBytes(9).toString("base64url");
    const keepText = answer.kind === "fallback" || (answer.kind === "answer" && answer.confidence < LOW_CONFIDENCE);
    const user = this.hash(platform, userId);
    const writing = this.attempt("record a question", async () => {
      await this.prepare();
      await this.pool.query(
        `INSERT INTO questions (id, at, platform, language, kind, topic, service, confidence, text, normalized, user_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [id, at, platform, answer.language, answer.kind, answer.topic, answer.service, answer.confidence, keepText ? answer.question.slice(0, 600) : null, keepText ? normalize(answer.question).slice(0, 600) : null, user],
      );
    });
    this.pending.add(writing);
    void writing.finally(() => this.pending.delete(writing));
    // While the database is away no vote could be recorded: offer no buttons.
    return this.failed ? undefined : id;
  }

  async recordVote(platform: string, userId: string, answerId: string, vote: 1 | -1): Promise<boolean> {
    const result = await this.attempt("record a vote", async () => {
      await this.prepare();
      const { rowCount } = await this.pool.query(
        `INSERT INTO votes (answer_id, user_hash, vote, at)
         SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM questions WHERE id = $1)
         ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
        [answerId, this.hash(platform, userId), vote, this.now()],
      );
      return rowCount === 1;
    });
    return result ?? false;
  }

  async purge(): Promise<number> {
    const before = this.now() - this.options.retentionDays * DAY_MS;
    const removed = await this.attempt("purge old rows", async () => {
      await this.prepare();
      const votes = await this.pool.query("DELETE FROM votes WHERE at < $1 OR answer_id IN (SELECT id FROM questions WHERE at < $1)", [before]);
      const questions = await this.pool.query("DELETE FROM questions WHERE at < $1", [before]);
      return (votes.rowCount ?? 0) + (questions.rowCount ?? 0);
    });
    return removed ?? 0;
  }

  async report(limit = 20): Promise<Report> {
    const empty: Report = { unanswered: [], disliked: [], answerRate: [] };
    const report = await this.attempt("read the report", async () => {
      await this.prepare();
      // COLLATE "C" and UTC days: the same order and days as the SQLite report.
      const unanswered = await this.pool.query<{ question: string; example: string; count: number; languages: string }>(
        `SELECT normalized AS question, MIN(text) AS example, COUNT(*)::int AS count, string_agg(DISTINCT language, ',') AS languages
         FROM questions WHERE normalized IS NOT NULL AND kind = 'fallback'
         GROUP BY normalized ORDER BY count DESC, normalized COLLATE "C" LIMIT $1`,
        [limit],
      );
      const disliked = await this.pool.query<Report["disliked"][number]>(
        `SELECT q.topic AS topic, COUNT(*) FILTER (WHERE v.vote < 0)::int AS dislikes, COUNT(*) FILTER (WHERE v.vote > 0)::int AS likes
         FROM votes v JOIN questions q ON q.id = v.answer_id WHERE q.topic IS NOT NULL
         GROUP BY q.topic HAVING COUNT(*) FILTER (WHERE v.vote < 0) > 0 ORDER BY dislikes DESC, likes, q.topic COLLATE "C" LIMIT $1`,
        [limit],
      );
      const answerRate = await this.pool.query<Omit<Report["answerRate"][number], "rate">>(
        `SELECT to_char(to_timestamp(at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, platform, language,
                COUNT(*)::int AS questions, COUNT(*) FILTER (WHERE kind <> 'fallback')::int AS answered
         FROM questions GROUP BY 1, 2, 3 ORDER BY day DESC, platform COLLATE "C", language COLLATE "C"`,
      );
      return {
        unanswered: unanswered.rows.map((row) => ({ ...row, languages: row.languages.split(",").sort() })),
        disliked: disliked.rows,
        answerRate: answerRate.rows.map((row) => ({ ...row, rate: row.questions === 0 ? 0 : row.answered / row.questions })),
      };
    });
    return report ?? empty;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await this.pool.end().catch(() => {});
  }

  /** Brings the schema up to date once per process, and reads the salt every instance shares. */
  private async prepare(): Promise<void> {
    if (this.migrated) return;
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [POSTGRES_DEFAULTS.migrationLock]);
      await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
      const applied = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((row) => row.version));
      for (const migration of POSTGRES_MIGRATIONS.filter((m) => !applied.has(m.version))) {
        await client.query(migration.sql);
        await client.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", [migration.version, this.now()]);
      }
      if (!this.options.salt) {
        await client.query("INSERT INTO meta (key, value) VALUES ('salt', $1) ON CONFLICT (key) DO NOTHING", [randomBytes(24).toString("base64url")]);
        const { rows } = await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'salt'");
        this.hash = userHasher(rows[0]!.value);
      }
      await client.query("COMMIT");
      this.migrated = true;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Runs a database step; a failure is logged the first time only, and the bot carries on. */
  private async attempt<T>(what: string, step: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await step();
      if (this.failed) {
        this.failed = false;
        this.options.log("info", `insights: writing works again (${what})`);
      }
      return result;
    } catch (error) {
      if (!this.failed) {
        this.failed = true;
        const reason = error instanceof Error ? error.message : String(error);
        this.options.log("error", `insights: cannot ${what} in PostgreSQL at ${describeServer(this.options.path)} (${reason}); the bot keeps answering without recording`);
      }
      return undefined;
    }
  }
}

/** Host, port and database: never the user's password. */
function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "the configured address";
  }
}
