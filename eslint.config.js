// Lint: TypeScript rules plus the import boundaries of docs/ARCHITECTURE.md.
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";

const SERVER_LAYERS = [
  { type: "config", pattern: "server/config" },
  { type: "lib", pattern: "server/lib" },
  { type: "db", pattern: "server/db" },
  { type: "channels", pattern: "server/channels" },
  { type: "domain-shared", pattern: "server/domain/shared" },
  { type: "domain", pattern: "server/domain/*", capture: ["module"] },
  { type: "events", pattern: "server/events" },
  { type: "jobs", pattern: "server/jobs" },
  { type: "http", pattern: "server/http" },
  { type: "ingest", pattern: "server/ingest" },
  { type: "test-support", pattern: "server/test" },
  { type: "cli", pattern: "server/cli" },
  { type: "demo", pattern: "server/demo" },
  { type: "root", pattern: "server/*.ts", mode: "file" },
];

const LAYER_RULES = [
  { from: "common", allow: ["common"] },
  { from: "web", allow: ["web", "common"] },
  { from: "config", allow: ["config", "common"] },
  { from: "lib", allow: ["lib", "common"] },
  { from: "db", allow: ["db", "lib", "common"] },
  { from: "channels", allow: ["channels", "lib", "common"] },
  { from: "domain-shared", allow: ["domain-shared", "db", "lib", "common"] },
  { from: "domain", allow: ["domain", "domain-shared", "db", "events", "lib", "common"] },
  { from: "events", allow: ["events", "domain-shared", "db", "lib", "common"] },
  { from: "jobs", allow: ["jobs", "domain", "domain-shared", "channels", "events", "db", "lib", "common"] },
  { from: "http", allow: ["http", "ingest", "domain", "domain-shared", "channels", "jobs", "events", "db", "lib", "config", "common"] },
  // Non-HTTP edges (SMTP receiver, IMAP poller): the same rights as http.
  { from: "ingest", allow: ["ingest", "http", "domain", "domain-shared", "channels", "jobs", "events", "db", "lib", "config", "common"] },
  { from: ["root", "cli", "demo", "test-support", "e2e", "bench"], allow: ["*"] },
];

/** The import rules of docs/ARCHITECTURE.md; tests may also use the test harness. */
function boundaryRules(extra) {
  return {
    default: "disallow",
    message: "${file.type} must not import ${dependency.type} (see docs/ARCHITECTURE.md, import rules)",
    rules: LAYER_RULES.map((r) => ({ ...r, allow: [...r.allow, ...extra] })),
  };
}

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "data/**", ".tmp/**", "**/*.js", "!eslint.config.js", "server/db/migrations/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" } },
      "boundaries/include": ["server/**/*", "common/**/*", "web/**/*", "e2e/**/*", "bench/**/*"],
      "boundaries/elements": [
        { type: "common", pattern: "common" },
        { type: "web", pattern: "web" },
        ...SERVER_LAYERS,
        { type: "e2e", pattern: "e2e" },
        { type: "bench", pattern: "bench" },
      ],
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "boundaries/element-types": ["error", boundaryRules([])],
      // One module reaches another only through its index.ts.
      "boundaries/entry-point": [
        "error",
        {
          default: "allow",
          rules: [{ target: ["domain"], disallow: ["*"] }, { target: ["domain"], allow: ["index.ts"] }],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through server/config only.",
        },
      ],
    },
  },
  {
    files: ["vitest.config.ts", "server/config/**", "server/test/**", "**/*.test.ts", "e2e/**", "bench/**", "server/cli/**", "server/main.ts", "scripts/**"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "boundaries/element-types": ["error", boundaryRules(["test-support", "root"])] },
  },
);
