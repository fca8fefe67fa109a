/**
 * What users asked that the bot could not answer well, and what they thought of its answers, in
 * an embedded SQLite database (better-sqlite3, WAL mode: a crash loses at most the write in
 * flight, and readers never block the bot). The bot must keep answering whatever happens to the
 * database: opening or writing failures are logged once and recording stops or skips, nothing
 * is thrown at the adapters.
 *
 * Stored per question: when, platform, language, kind, topic, service, confidence and the user's
 * salted hash; the question's text only for fallbacks and low-confidence answers (what the
 * knowledge base should learn from). Votes: one per user per answer, changeable.
 */
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { normalize, type Answer } from "../core/index.js";
import { userHasher, type UserHasher } from "./user-hash.js";

/** Answers below this confidence are kept with their text: they are where the bot guesses. */
export const LOW_CONFIDENCE = 0.75;
const DAY_MS = 86_400_000;

export interface AnswerRecord {
  platform: string;
  userId: string;
  answer: Answer;
  at?: number;
}

export interface InsightsOptions {
  path: string;
  retentionDays: number;
  /** Salt for user hashes; without one, a random salt is kept in the database itself. */
  salt?: string | undefined;
  log: (level: "info" | "warn" | "error", message: string) => void;
  now?: () => number;
}

export interface Report {
  unanswered: Array<{ question: string; example: string; count: number; languages: string[] }>;
  disliked: Array<{ topic: string; dislikes: number; likes: number }>;
  answerRate: Array<{ day: string; platform: string; language: string; questions: number; answered: number; rate: number }>;
}

export class Insights {
  private db: Database.Database | undefined;
  private hash: UserHasher = userHasher();
  private failed = false;
  private readonly now: () => number;
  private statements: ReturnType<Insights["prepare"]> | undefined;

  private constructor(private readonly options: InsightsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Never throws: a database that cannot be opened leaves insights off, logged once. */
  static open(options: InsightsOptions): Insights {
    const insights = new Insights(options);
    try {
      // Writes happen on the answer path (better-sqlite3 is synchronous): never wait long for a lock.
      const db = new Database(options.path, { timeout: 100 });
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      migrate(db);
      insights.db = db;
      insights.statements = insights.prepare(db);
      insights.hash = userHasher(options.salt ?? insights.storedSalt(db));
      insights.purge();
    } catch (error) {
      insights.db?.close();
      insights.db = undefined;
      insights.fail("cannot open", error);
    }
    return insights;
  }

  get recording(): boolean {
    return this.db !== undefined;
  }

  /** The salted hash logs use for a user, the same one stored here. */
  userHash(platform: string, userId: string): string {
    return this.hash(platform, userId);
  }

  /** Records one answered question; returns the id users vote under, or undefined if not recorded. */
  recordAnswer({ platform, userId, answer, at = this.now() }: AnswerRecord): string | undefined {
    if (!this.statements) return undefined;
    const id = randomBytes(9).toString("base64url");
    const keepText = answer.kind === "fallback" || (answer.kind === "answer" && answer.confidence < LOW_CONFIDENCE);
    return this.attempt("record a question", () => {
      this.statements!.insertQuestion.run({
        id,
        at,
        platform,
        language: answer.language,
        kind: answer.kind,
        topic: answer.topic,
        service: answer.service,
        confidence: answer.confidence,
        text: keepText ? answer.question.slice(0, 600) : null,
        normalized: keepText ? normalize(answer.question).slice(0, 600) : null,
        user: this.hash(platform, userId),
      });
      return id;
    });
  }

  /** One vote per user per answer; voting again replaces it. False when not recorded. */
  recordVote(platform: string, userId: string, answerId: string, vote: 1 | -1): boolean {
    if (!this.statements) return false;
    return (
      this.attempt("record a vote", () => {
        const known = this.statements!.questionExists.get(answerId);
        if (!known) return false;
        this.statements!.upsertVote.run({ answerId, user: this.hash(platform, userId), vote, at: this.now() });
        return true;
      }) ?? false
    );
  }

  /** Deletes what is older than the retention period. */
  purge(): number {
    if (!this.statements) return 0;
    const before = this.now() - this.options.retentionDays * DAY_MS;
    return (
      this.attempt("purge old rows", () => {
        const votes = this.statements!.purgeVotes.run({ before }).changes;
        return votes + this.statements!.purgeQuestions.run({ before }).changes;
      }) ?? 0
    );
  }

  report(limit = 20): Report {
    if (!this.db) return { unanswered: [], disliked: [], answerRate: [] };
    const unanswered = this.db
      .prepare(
        `SELECT normalized AS question, MIN(text) AS example, COUNT(*) AS count, GROUP_CONCAT(DISTINCT language) AS languages
         FROM questions WHERE normalized IS NOT NULL AND kind = 'fallback'
         GROUP BY normalized ORDER BY count DESC, question LIMIT ?`,
      )
      .all(limit) as Array<{ question: string; example: string; count: number; languages: string }>;
    const disliked = this.db
      .prepare(
        `SELECT q.topic AS topic, SUM(v.vote < 0) AS dislikes, SUM(v.vote > 0) AS likes
         FROM votes v JOIN questions q ON q.id = v.answer_id WHERE q.topic IS NOT NULL
         GROUP BY q.topic HAVING dislikes > 0 ORDER BY dislikes DESC, likes, topic LIMIT ?`,
      )
      .all(limit) as Report["disliked"];
    const answerRate = this.db
      .prepare(
        `SELECT date(at / 1000, 'unixepoch') AS day, platform, language, COUNT(*) AS questions, SUM(kind != 'fallback') AS answered
         FROM questions GROUP BY day, platform, language ORDER BY day DESC, platform, language`,
      )
      .all() as Array<Omit<Report["answerRate"][number], "rate">>;
    return {
      unanswered: unanswered.map((row) => ({ ...row, languages: row.languages.split(",").sort() })),
      disliked,
      answerRate: answerRate.map((row) => ({ ...row, rate: row.questions === 0 ? 0 : row.answered / row.questions })),
    };
  }

  close(): void {
    try {
      this.db?.close();
    } catch (error) {
      this.fail("cannot close", error);
    }
    this.db = undefined;
    this.statements = undefined;
  }

  private prepare(db: Database.Database) {
    return {
      insertQuestion: db.prepare(
        `INSERT INTO questions (id, at, platform, language, kind, topic, service, confidence, text, normalized, user_hash)
         VALUES (@id, @at, @platform, @language, @kind, @topic, @service, @confidence, @text, @normalized, @user)`,
      ),
      questionExists: db.prepare("SELECT 1 FROM questions WHERE id = ?"),
      upsertVote: db.prepare(
        `INSERT INTO votes (answer_id, user_hash, vote, at) VALUES (@answerId, @user, @vote, @at)
         ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
      ),
      purgeVotes: db.prepare("DELETE FROM votes WHERE at < @before OR answer_id IN (SELECT id FROM questions WHERE at < @before)"),
      purgeQuestions: db.prepare("DELETE FROM questions WHERE at < @before"),
    };
  }

  private storedSalt(db: Database.Database): string {
    db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)").run(randomBytes(24).toString("base64url"));
    return (db.prepare("SELECT value FROM meta WHERE key = 'salt'").get() as { value: string }).value;
  }

  /** Runs a write; a failure is logged the first time only, and the bot carries on. */
  private attempt<T>(what: string, write: () => T): T | undefined {
    try {
      const result = write();
      if (this.failed) {
        this.failed = false;
        this.options.log("info", `insights: writing works again (${what})`);
      }
      return result;
    } catch (error) {
      this.fail(`cannot ${what}`, error);
      return undefined;
    }
  }

  private fail(what: string, error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.options.log("error", `insights: ${what} in ${this.options.path} (${reason}); the bot keeps answering without recording`);
  }
}

/**
 * Versioned like the PostgreSQL schema (insights-postgres.ts), with the same tables and columns:
 * the version reached is kept in SQLite's user_version, and each later migration runs once, in a
 * transaction. Version 1 uses IF NOT EXISTS: databases made before versioning started at 0.
 */
export const SQLITE_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS questions (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  platform TEXT NOT NULL,
  language TEXT NOT NULL,
  kind TEXT NOT NULL,
  topic TEXT,
  service TEXT,
  confidence REAL NOT NULL,
  text TEXT,
  normalized TEXT,
  user_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_at ON questions (at);
CREATE INDEX IF NOT EXISTS questions_unanswered ON questions (normalized) WHERE normalized IS NOT NULL;
CREATE TABLE IF NOT EXISTS votes (
  answer_id TEXT NOT NULL,
  user_hash TEXT NOT NULL,
  vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
  at INTEGER NOT NULL,
  PRIMARY KEY (answer_id, user_hash)
);
`,
  },
];

function migrate(db: Database.Database): void {
  const reached = db.pragma("user_version", { simple: true }) as number;
  for (const migration of SQLITE_MIGRATIONS.filter((m) => m.version > reached)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
