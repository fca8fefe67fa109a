import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Process tests run dist/ as `npm start` does: built once from the current sources. Tests
    // that need Redis or PostgreSQL learn whether they are there.
    globalSetup: ["tests/support/build-dist.ts", "tests/support/services.ts"],
    // Two cores on CI: one worker per core keeps the property tests from starving each other.
    maxWorkers: 2,
    // On two shared cores, a spawned process or a property test can take several seconds when the
    // machine is busy; 30 s still catches a hang.
    testTimeout: 30_000,
  },
});
