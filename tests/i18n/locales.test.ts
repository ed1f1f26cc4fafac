import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { I18n, languages, localeFiles } from "../../src/i18n/index.ts";

const i18n = new I18n();

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Words in code that look like message keys but are outbox kinds, rule steps and plan-format reasons. */
const NOT_KEYS = new Set([
  "missing-coordinator",
  "overdue-focal",
  "overdue-head",
  "overdue-coordinator",
  "missing-column",
]);

/**
 * Every quoted "family-name" in src/ whose family is one the locales use: the keys passed to
 * t() and UserError, directly, in a ternary or through a table.
 */
function keysInCode(): Map<string, string> {
  const families = new Set(i18n.keys("vi").map((k) => k.split("-")[0]));
  const found = new Map<string, string>();
  for (const file of sources("src"))
    for (const m of readFileSync(file, "utf8").matchAll(/"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"/g)) {
      const key = m[1] ?? "";
      if (families.has(key.split("-")[0]) && !NOT_KEYS.has(key)) found.set(key, file);
    }
  return found;
}

describe("the locales", () => {
  it("have the same keys in Vietnamese and English", () => {
    const [vi, en] = languages.map((l) => new Set(i18n.keys(l)));
    expect(
      [...(vi ?? [])].filter((k) => !en?.has(k)),
      "missing in en.ftl",
    ).toEqual([]);
    expect(
      [...(en ?? [])].filter((k) => !vi?.has(k)),
      "missing in vi.ftl",
    ).toEqual([]);
  });

  it("have every key the code uses, in both languages", () => {
    const used = keysInCode();
    expect(used.size).toBeGreaterThan(200);
    for (const lang of languages) {
      const missing = [...used].filter(([k]) => !i18n.has(lang, k)).map(([k, file]) => `${k} (${file})`);
      expect(missing, `missing in ${lang}.ftl`).toEqual([]);
    }
    // Keys built from a value: every value they can take.
    const built = [
      ...["not_started", "in_progress", "done", "blocked", "not_applicable", "none"].map(
        (s) => `status-${s}`,
      ),
      ...["focal", "head", "coordinator", "admin"].map((r) => `role-${r}`),
      ...["recurring", "dependent", "milestones", "month", "quarter", "year", "date", "range", "none"].map(
        (d) => `deadline-${d}`,
      ),
      ...[
        "no-lead",
        "bad-deadline",
        "no-title",
        "second-column",
        "missing-column",
        "too-many-columns",
        "bad-line",
        "orphan-continuation",
      ].map((r) => `plan-format-${r}`),
    ];
    for (const lang of languages) expect(built.filter((k) => !i18n.has(lang, k))).toEqual([]);
  });

  it("never tell anyone to press a button: Zalo and the console have none", () => {
    // The messages' text as written (keys and comments aside), placeholders and all.
    const says = (lang: "vi" | "en", pattern: RegExp) =>
      localeFiles("locales", lang)
        .map((f) => readFileSync(f, "utf8"))
        .join("\n")
        .split("\n")
        .filter((line) => !line.startsWith("#"))
        .map((line) => line.replace(/^[a-z][a-z0-9-]* =/, ""))
        .filter((text) => pattern.test(text));
    expect(says("vi", /\b(bấm|nhấn|nút)\b/iu)).toEqual([]);
    expect(says("en", /\b(press|tap|click|button)\b/i)).toEqual([]);
  });

  it("load each feature's file under locales/<lang>/ and refuse a key defined twice", () => {
    const dir = mkdtempSync(join(tmpdir(), "ftl-"));
    for (const lang of languages) {
      writeFileSync(join(dir, `${lang}.ftl`), "hello = xin chao\n");
      mkdirSync(join(dir, lang));
      writeFileSync(join(dir, lang, "leave.ftl"), "leave-set = ok\n");
    }
    expect(new I18n(dir).t("vi", "leave-set")).toBe("ok");
    writeFileSync(join(dir, "vi", "zz.ftl"), "hello = again\n");
    expect(() => new I18n(dir)).toThrow(/zz\.ftl/);
  });
});
