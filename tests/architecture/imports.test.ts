import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { checkImports, extractImports, type Layer, type PackageRule, type SourceImports } from "./checker.ts";

/**
 * The direction of dependencies in src/, top to bottom (ARCHITECTURE.md explains the rooms).
 * A file may import anything in its own room and in lower layers. It may import another room of its
 * own layer only while the rooms of that layer stay acyclic. Every file under src/ must be in a room:
 * a new folder goes into this table before it goes into main.
 */
const LAYERS: readonly Layer[] = [
  { layer: 0, name: "composition root", rooms: ["main.ts", "app.ts", "core.ts", "shutdown.ts", "cli/"] },
  {
    layer: 1,
    name: "edges: chat channels, queues, HTTP, the web console, operations",
    rooms: ["channels/", "jobs/", "http/", "web/", "ops/"],
  },
  { layer: 2, name: "use cases: conversations and reports", rooms: ["conversation/", "reports/"] },
  {
    layer: 3,
    name: "model: reminder engine, people, plan catalogue",
    rooms: ["engine/", "people/", "catalog/"],
  },
  {
    layer: 4,
    name: "foundation",
    rooms: [
      ...[
        "domain/",
        "calendar/",
        "db/",
        "store/",
        "choice-data.ts",
        "text/",
        "i18n/",
        "messages.ts",
        "capabilities.ts",
        "config.ts",
        "errors.ts",
      ],
      ...["logger.ts", "metrics.ts", "metrics-registry.ts", "collections.ts"],
    ],
  },
];

const ROOT_ROOMS = LAYERS[0]?.rooms ?? [];

const PACKAGE_RULES: readonly PackageRule[] = [
  {
    packages: ["grammy", "@grammyjs/*"],
    only: ["channels/telegram/", ...ROOT_ROOMS],
    why: "Telegram's library belongs to the Telegram adapter (src/channels/telegram/) and the composition root",
  },
  {
    packages: ["bullmq", "ioredis"],
    not: ["engine/", "conversation/", "domain/", "catalog/", "people/", "reports/"],
    why: "queues and Redis stay at the edges (jobs/, ops/, channels/); the model is storage-agnostic",
  },
];

/**
 * Imports the test tolerates for now: empty since issue 12 closed. A tolerated import must still
 * occur (so the list can only shrink); never add one to get a change through, fix the import.
 */
const KNOWN_VIOLATIONS: readonly string[] = [];

const repoRoot = join(import.meta.dirname, "..", "..");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [relative(repoRoot, path).split(sep).join("/")];
  });
}

function readSources(): SourceImports[] {
  return filesUnder(join(repoRoot, "src")).map((file) => ({
    file,
    imports: /\.tsx?$/.test(file) ? extractImports(file, readFileSync(join(repoRoot, file), "utf8")) : [],
  }));
}

describe("import direction in src/", () => {
  const sources = readSources();
  const violations = checkImports(sources, LAYERS, PACKAGE_RULES);

  it("reads the imports of every source file", () => {
    expect(sources.length).toBeGreaterThan(100);
    const total = sources.reduce((n, s) => n + s.imports.length, 0);
    expect(total).toBeGreaterThan(500);
  });

  it("has no import against the layer table beyond the known violations", () => {
    const unexpected = violations
      .filter((v) => !KNOWN_VIOLATIONS.includes(v.key))
      .map((v) => `${v.key}  [${v.rule}]`);
    expect(unexpected).toEqual([]);
  });

  it("still has every known violation (the list only shrinks: delete fixed entries)", () => {
    const present = new Set(violations.map((v) => v.key));
    expect(KNOWN_VIOLATIONS.filter((k) => !present.has(k))).toEqual([]);
  });
});

describe("the checker itself", () => {
  const check = (...files: SourceImports[]) => checkImports(files, LAYERS, PACKAGE_RULES);

  it("finds every form of import in a file's text", () => {
    const text = [
      'import { a } from "./a.ts";',
      'import type { B } from "../b.ts";',
      'export { c } from "./c.ts";',
      'export * from "./d.ts";',
      'import "./e.ts";',
      'const f = await import("./f.ts");',
      'type G = typeof import("./g.ts");',
      '// import { h } from "./h.ts";',
      "const i = \"import('./i.ts')\";",
    ].join("\n");
    expect(extractImports("x.ts", text)).toEqual([
      "./a.ts",
      "../b.ts",
      "./c.ts",
      "./d.ts",
      "./e.ts",
      "./f.ts",
      "./g.ts",
    ]);
  });

  it("allows its own room, lower layers, and an acyclic sideways import", () => {
    expect(
      check(
        {
          file: "src/engine/tick.ts",
          imports: ["./rules.ts", "../domain/task.ts", "../catalog/plan.ts", "node:fs"],
        },
        { file: "src/catalog/plan.ts", imports: ["../db/schema.ts", "zod"] },
        {
          file: "src/channels/telegram/bot.ts",
          imports: ["grammy", "@grammyjs/auto-retry", "../../jobs/queue.ts"],
        },
        { file: "src/jobs/queue.ts", imports: ["bullmq", "ioredis"] },
      ),
    ).toEqual([]);
  });

  it("names an upward import with the layers it crosses", () => {
    expect(check({ file: "src/domain/task.ts", imports: ["../engine/tick.ts"] })).toEqual([
      {
        key: "src/domain/task.ts -> src/engine/tick.ts",
        rule: "layer 4 (domain/) imports upward into layer 3 (engine/)",
      },
    ]);
  });

  it("fails on a cycle between rooms of one layer, on both edges", () => {
    const keys = check(
      { file: "src/engine/tick.ts", imports: ["../people/person.ts"] },
      { file: "src/people/person.ts", imports: ["../catalog/plan.ts"] },
      { file: "src/catalog/plan.ts", imports: ["../engine/keys.ts"] },
    ).map((v) => v.key);
    expect(keys).toEqual([
      "src/engine/tick.ts -> src/people/person.ts",
      "src/people/person.ts -> src/catalog/plan.ts",
      "src/catalog/plan.ts -> src/engine/keys.ts",
    ]);
  });

  it("fails on a file in no room and on an import of a path in no room", () => {
    const keys = check(
      { file: "src/widgets/w.ts", imports: [] },
      { file: "src/db/x.ts", imports: ["../widgets/w.ts"] },
    );
    expect(keys.map((v) => v.key)).toEqual(["src/widgets/w.ts", "src/db/x.ts -> src/widgets/w.ts"]);
  });

  it("keeps grammY in the Telegram adapter and queues out of the model", () => {
    const keys = check(
      { file: "src/channels/zalo/bot.ts", imports: ["grammy/types"] },
      { file: "src/engine/outbox.ts", imports: ["@grammyjs/auto-retry"] },
      { file: "src/reports/export.ts", imports: ["bullmq"] },
      { file: "src/conversation/router.ts", imports: ["ioredis"] },
    ).map((v) => v.key);
    expect(keys).toEqual([
      "src/channels/zalo/bot.ts -> grammy/types",
      "src/engine/outbox.ts -> @grammyjs/auto-retry",
      "src/reports/export.ts -> bullmq",
      "src/conversation/router.ts -> ioredis",
    ]);
  });
});
