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
  /** What each key asked for resolved to, per language (`null`: in neither language). */
  private readonly found = new Map<Lang, Map<string, Found | null>>();
  /** Entries held in every key's `said` together: a bound on what the memo can take. */
  private said = 0;

  constructor(dir = localesDir) {
    for (const lang of languages) {
      // useIsolating off: the bidi isolation marks show up as junk in chat clients.
      const bundle = new FluentBundle(lang, { useIsolating: false });
      for (const file of localeFiles(dir, lang)) {
        const errors = bundle.addResource(new FluentResource(readFileSync(file, "utf8")));
        if (errors.length > 0) throw new Error(`${file}: ${errors[0]?.message}`);
      }
      this.bundles.set(lang, bundle);
      this.found.set(lang, new Map());
    }
  }

  /**
   * Every step of a conversation says several messages, most of them the same words with the
   * same arguments (buttons, questions): a message is looked up once per language, and its text
   * for plain arguments (strings, numbers) kept, as Fluent gives the same text for the same ones.
   */
  t(lang: Lang, key: string, args?: Args): string {
    const byKey = this.found.get(lang);
    let found = byKey?.get(key);
    if (found === undefined) {
      found = this.lookup(lang, key);
      if (byKey && byKey.size < MAX_KEYS) byKey.set(key, found);
    }
    if (found === null) return key;
    const sig = signature(args);
    if (sig === undefined) return found.bundle.formatPattern(found.pattern, args);
    const kept = found.said.get(sig);
    if (kept !== undefined) return kept;
    const text = found.bundle.formatPattern(found.pattern, args);
    if (this.said < MAX_SAID) {
      found.said.set(sig, text);
      this.said++;
    }
    return text;
  }

  private lookup(lang: Lang, key: string): Found | null {
    for (const l of [lang, lang === "vi" ? "en" : "vi"] as Lang[]) {
      const bundle = this.bundles.get(l);
      const message = bundle?.getMessage(key);
      if (bundle && message?.value) return { bundle, pattern: message.value, said: new Map() };
    }
    return null;
  }

  has(lang: Lang, key: string): boolean {
    return this.bundles.get(lang)?.hasMessage(key) ?? false;
  }

  keys(lang: Lang): string[] {
    const bundle = this.bundles.get(lang);
    return bundle ? [...bundle._messages.keys()] : [];
  }
}

/** A message's value: Fluent exports the type only through the message. */
type Pattern = NonNullable<NonNullable<ReturnType<FluentBundle["getMessage"]>>["value"]>;

interface Found {
  bundle: FluentBundle;
  pattern: Pattern;
  /** The text for each signature of arguments said so far. */
  said: Map<string, string>;
}

/** Keys are the code's own, a few hundred; a bound all the same, as a key can be built. */
const MAX_KEYS = 5_000;
/** Texts kept over all keys: enough for every button and question in both languages. */
const MAX_SAID = 20_000;
/** Longer arguments (a report's description) are a person's own words, seldom said twice. */
const MAX_SIGNATURE = 200;

/**
 * The arguments as one string, or undefined when they are not all strings and numbers (a date,
 * a Fluent type) or too long to be worth keeping. Each value's type is part of it: Fluent writes
 * the number 2000 as "2.000" in Vietnamese and the string "2000" as it is.
 */
function signature(args: Args | undefined): string | undefined {
  if (args === undefined) return "";
  let sig = "";
  for (const name in args) {
    const v = args[name];
    if (typeof v === "string" && v.length > MAX_SIGNATURE) return undefined;
    if (typeof v === "string") sig += `${name}\u0000s${v}\u0001`;
    else if (typeof v === "number" && !Object.is(v, -0)) sig += `${name}\u0000n${v}\u0001`;
    else return undefined;
    if (sig.length > MAX_SIGNATURE) return undefined;
  }
  return sig;
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
