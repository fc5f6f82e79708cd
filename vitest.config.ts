import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@server": r("./server"),
      "@common": r("./common"),
      "@web": r("./web/src"),
    },
  },
  test: {
    include: ["server/**/*.test.ts", "common/**/*.test.ts", "web/**/*.test.ts", "e2e/**/*.test.ts"],
    // *.pg.test.ts exercise PostgreSQL-only behaviour (LISTEN connections): collected on the PostgreSQL run only.
    exclude: ["**/node_modules/**", ...(process.env.TEST_DB === "postgres" ? [] : ["**/*.pg.test.ts"])],
    globalSetup: ["./server/test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default", "./server/test/count-reporter.ts"],
  },
});
