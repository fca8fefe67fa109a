/** A new empty database on the test PostgreSQL server for one test; `drop` removes it. */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { SERVICE_URLS } from "./services.js";

export async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `insights_${randomBytes(5).toString("hex")}`;
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: SERVICE_URLS.postgres });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(SERVICE_URLS.postgres);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
