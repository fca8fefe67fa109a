/**
 * Vitest global setup: are Redis and PostgreSQL listening where the tests expect them? Tests that
 * need a server skip without it, announced in one line, unless REQUIRE_SERVICES=1 (as in CI),
 * where they run and fail.
 */
import { connect } from "node:net";
import type { TestProject } from "vitest/node";

export const SERVICE_URLS = {
  redis: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
  postgres: process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test",
};

declare module "vitest" {
  export interface ProvidedContext {
    services: { redis: boolean; postgres: boolean; required: boolean };
  }
}

function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export default async function probeServices(project: TestProject): Promise<void> {
  const required = process.env.REQUIRE_SERVICES === "1";
  const [redis, postgres] = await Promise.all([listening(SERVICE_URLS.redis), listening(SERVICE_URLS.postgres)]);
  const missing = [!redis && `Redis (${SERVICE_URLS.redis})`, !postgres && `PostgreSQL (${SERVICE_URLS.postgres})`].filter(Boolean);
  if (missing.length > 0) {
    process.stdout.write(
      required
        ? `REQUIRE_SERVICES=1 and no server for ${missing.join(" and ")}: their tests will fail\n`
        : `Skipping the tests that need ${missing.join(" and ")}: no server there (REQUIRE_SERVICES=1 makes them fail instead)\n`,
    );
  }
  project.provide("services", { redis, postgres, required });
}
