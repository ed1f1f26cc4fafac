import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Sentinel keys outside every test prefix, checked after the suite (see the README, "Tests").
    globalSetup: ["tests/setup/redis-sentinels.ts"],
    // Tests share one Redis and spawn CLIs; two workers match the 2-core machines.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
