import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Two cores on CI: one worker per core keeps the property tests from starving each other.
    maxWorkers: 2,
  },
});
