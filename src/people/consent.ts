import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { I18n, Lang } from "../i18n/index.ts";

/**
 * The notice a person agrees to before anything is kept about them. Its version is stored
 * with their consent: a different version asks everyone again at their next message.
 */
export interface ConsentNotice {
  version: string;
  text(lang: Lang): string;
}

/** "version: 2026-01" (or "phiên bản: …") on the first line of the operator's file. */
const VERSION_LINE = /^\s*(?:version|phi[eê]n\s*b[aả]n)\s*:\s*(\S.{0,60}?)\s*$/iu;

function hashOf(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

/**
 * The deployment's notice: CONSENT_NOTICE_FILE when set (one text for every language, the
 * agency's own words), else the default in locales/ (`consent-notice`). A file without a
 * version line is versioned by a hash of its text, so any edit asks again.
 */
export function loadConsentNotice(file: string | undefined, i18n: I18n): ConsentNotice {
  if (!file) {
    const version = `default-${hashOf(`${i18n.t("vi", "consent-notice")}\n${i18n.t("en", "consent-notice")}`)}`;
    return { version, text: (lang) => i18n.t(lang, "consent-notice") };
  }
  return parseNotice(readFileSync(file, "utf8"));
}

export function parseNotice(content: string): ConsentNotice {
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  const named = VERSION_LINE.exec(lines[0] ?? "");
  const body = (named ? lines.slice(1) : lines).join("\n").trim();
  const version = named?.[1] ?? `sha256-${hashOf(body)}`;
  return { version, text: () => body };
}
