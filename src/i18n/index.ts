import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

export const languages = ["vi", "en"] as const;
export type Lang = (typeof languages)[number];
export type Args = Record<string, FluentVariable>;

const localesDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../locales");

/**
 * Every user-visible string lives in locales/*.ftl. Vietnamese is the default; a message
 * missing in the chosen language falls back to the other one, then to its key, so a gap in
 * a translation shows something rather than nothing.
 */
export class I18n {
  private readonly bundles = new Map<Lang, FluentBundle>();

  constructor(dir = localesDir) {
    for (const lang of languages) {
      // useIsolating off: the bidi isolation marks show up as junk in chat clients.
      const bundle = new FluentBundle(lang, { useIsolating: false });
      for (const file of localeFiles(dir, lang)) {
        const errors = bundle.addResource(new FluentResource(readFileSync(file, "utf8")));
        if (errors.length > 0) throw new Error(`${file}: ${errors[0]?.message}`);
      }
      this.bundles.set(lang, bundle);
    }
  }

  t(lang: Lang, key: string, args?: Args): string {
    for (const l of [lang, lang === "vi" ? "en" : "vi"] as Lang[]) {
      const bundle = this.bundles.get(l);
      const message = bundle?.getMessage(key);
      if (bundle && message?.value) return bundle.formatPattern(message.value, args);
    }
    return key;
  }

  has(lang: Lang, key: string): boolean {
    return this.bundles.get(lang)?.hasMessage(key) ?? false;
  }

  keys(lang: Lang): string[] {
    const bundle = this.bundles.get(lang);
    return bundle ? [...bundle._messages.keys()] : [];
  }
}

/**
 * `locales/vi.ftl`, then every `locales/vi/*.ftl` by name: one file per feature keeps a
 * feature's strings together. A key defined twice is an error, not a silent override.
 */
export function localeFiles(dir: string, lang: Lang): string[] {
  const extra = resolve(dir, lang);
  const more = existsSync(extra)
    ? readdirSync(extra)
        .filter((f) => f.endsWith(".ftl"))
        .sort()
        .map((f) => resolve(extra, f))
    : [];
  return [resolve(dir, `${lang}.ftl`), ...more];
}

export function parseLang(value: string | undefined, fallback: Lang = "vi"): Lang {
  const v = (value ?? "").toLowerCase();
  if (v.startsWith("en")) return "en";
  if (v.startsWith("vi")) return "vi";
  return fallback;
}
