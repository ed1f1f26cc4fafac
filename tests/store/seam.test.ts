import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The storage seam holds: SQL text, prepared statements and query building live in src/store/
 * (and the connection code in src/db/); everything else calls the store's named functions.
 */
const ROOT = join(import.meta.dirname, "../../src");
const ALLOWED = ["store/", "db/"];

const RULES: [string, RegExp][] = [
  [
    "SQL text",
    /["'`]\s*(select\s[\s\S]{0,400}?\sfrom\s|insert\s+(or\s+\w+\s+)?into\s|delete\s+from\s|update\s+\w+\s+set\s|pragma\s)/i,
  ],
  ["prepare", /\.prepare\(|\bprepared\(/],
  ["query building", /from\s+"drizzle-orm(\/[\w-]+)*"/],
  ["a raw connection", /from\s+"better-sqlite3"|from\s+"pg"|\.exec\(\s*["'`]/],
];

/**
 * Files still to move behind the seam (issue 13 is under way): this list may only shrink, and
 * every entry must still need to be here.
 */
const NOT_YET: string[] = [];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name))
      : e.name.endsWith(".ts") || e.name.endsWith(".tsx")
        ? [join(dir, e.name)]
        : [],
  );
}

function breaches(entries: { path: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { path, text } of entries) {
    if (ALLOWED.some((a) => path.startsWith(a))) continue;
    for (const [rule, re] of RULES) if (re.test(text)) found.push(`${path}: ${rule}`);
  }
  return found;
}

const all = files(ROOT).map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, "utf8") }));

describe("the storage seam", () => {
  it("keeps SQL, prepared statements and query building inside src/store and src/db", () => {
    const found = breaches(all).filter((b) => !NOT_YET.includes(b.split(":")[0] ?? ""));
    expect(found).toEqual([]);
  });

  it("lists only files that still need to move", () => {
    const stillBreaching = new Set(breaches(all).map((b) => b.split(":")[0]));
    expect(NOT_YET.filter((f) => !stillBreaching.has(f))).toEqual([]);
  });

  it("catches each kind of breach", () => {
    const samples = [
      'const r = sqlite.prepare("x").get();',
      "const q = `select id from contacts where x`;",
      'import { eq } from "drizzle-orm";',
      'import Database from "better-sqlite3";',
      "db.insert(x); const s = 'insert into flows values (1)';",
    ];
    for (const text of samples) expect(breaches([{ path: "engine/x.ts", text }])).not.toEqual([]);
    expect(breaches([{ path: "store/x.ts", text: samples[0] ?? "" }])).toEqual([]);
    expect(
      breaches([{ path: "engine/x.ts", text: 'const label = "Selected tasks from the plan";' }]),
    ).toEqual([]);
  });
});
