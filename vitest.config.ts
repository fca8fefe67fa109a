import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Process tests run dist/ as `npm start` does: built once from the current sources.
    globalSetup: ["tests/support/build-dist.ts"],
    // Two cores on CI: one worker per core keeps the property tests from starving each other.
    maxWorkers: 2,
  },
});
