import { foldAccents, tidy } from "../text/normalize.ts";

/** A party named in a cell: one agency, or a group phrase standing for many. */
export type Party = { agencyId: string; groupId?: undefined } | { groupId: string; agencyId?: undefined };

export interface AliasEntry {
  alias: string;
  agencyId?: string | null;
  groupId?: string | null;
}

export class UnknownAgencyError extends Error {
  constructor(
    readonly cell: string,
    readonly rest: string,
  ) {
    super(`unknown agency "${rest}" in "${cell}"`);
    this.name = "UnknownAgencyError";
  }
}

/** The matching form of a name: accent- and case-insensitive, punctuation as separate tokens. */
export function aliasKey(text: string): string {
  return tokens(text).join(" ");
}

function tokens(text: string): string[] {
  return located(text).map((t) => t.word);
}

/** Tokens with their offsets in the tidied text; folding char by char keeps offsets aligned. */
function located(text: string): { word: string; at: number }[] {
  const chars = [...tidy(text)];
  const out: { word: string; at: number }[] = [];
  let offset = 0;
  let current: { word: string; at: number } | undefined;
  for (const ch of chars) {
    const f = foldAccents(ch);
    if (/^[a-z0-9&]$/.test(f)) {
      if (current) current.word += f;
      else {
        current = { word: f, at: offset };
        out.push(current);
      }
    } else {
      current = undefined;
      if (f.trim() !== "") out.push({ word: f, at: offset });
    }
    offset += ch.length;
  }
  return out;
}

/** Words between names: they separate, they never start a name. */
const SEPARATORS = new Set([",", ";", ".", "va"]);

/**
 * Splits an agency cell by matching known names, longest first, rather than by commas:
 * names and group phrases contain commas ("Sở Văn hóa, Thể thao và Du lịch",
 * "UBND các xã, phường"), and one cell runs two names together with no separator.
 */
export class Gazetteer {
  private readonly byFirst = new Map<string, { words: string[]; party: Party }[]>();

  constructor(entries: Iterable<AliasEntry>) {
    for (const e of entries) {
      const words = tokens(e.alias);
      const first = words[0];
      if (!first) continue;
      const party: Party = e.agencyId ? { agencyId: e.agencyId } : { groupId: e.groupId ?? "" };
      const list = this.byFirst.get(first) ?? [];
      list.push({ words, party });
      list.sort((a, b) => b.words.length - a.words.length);
      this.byFirst.set(first, list);
    }
  }

  /** Every party named in the cell, in order, without repeats; throws on any unmatched text. */
  resolve(cell: string): Party[] {
    const { parties, unknown } = this.scan(cell, true);
    const first = unknown[0];
    if (first) throw new UnknownAgencyError(tidy(cell), first);
    return parties;
  }

  /**
   * Like resolve, but returns the names it does not know instead of throwing: each run of
   * unmatched words up to the next known name or separator. A name printed twice in a row
   * ("Sở Sở Công thương") is read once, and words that qualify a name just read ("… với các
   * tiêu chuẩn …", "… trong lĩnh vực …") up to the next ";" are left out.
   */
  resolveLoose(cell: string): { parties: Party[]; unknown: string[] } {
    return this.scan(cell, false);
  }

  private scan(cell: string, strict: boolean): { parties: Party[]; unknown: string[] } {
    const text = tidy(cell);
    const toks = located(cell);
    const words = toks.map((t) => t.word);
    const found: Party[] = [];
    const unknown: string[] = [];
    const matchAt = (i: number) =>
      this.byFirst.get(words[i] ?? "")?.find((c) => c.words.every((w, k) => words[i + k] === w));
    let i = 0;
    let afterName = false;
    while (i < words.length) {
      const word = words[i] ?? "";
      const match = matchAt(i);
      if (match) {
        if (!found.some((p) => p.agencyId === match.party.agencyId && p.groupId === match.party.groupId)) {
          found.push(match.party);
        }
        i += match.words.length;
        afterName = true;
      } else if (SEPARATORS.has(word) || (!strict && BRACKETS.has(word))) {
        i++;
        afterName = word === "va" ? false : afterName;
      } else if (strict) {
        return { parties: found, unknown: [text.slice(toks[i]?.at ?? 0)] };
      } else if (words[i + 1] === word && matchAt(i + 1)) {
        i++;
      } else if (afterName && QUALIFIERS.has(word)) {
        while (i < words.length && words[i] !== ";") i++;
      } else {
        const from = i;
        while (i < words.length && !matchAt(i) && !STOPS.has(words[i] ?? "")) i++;
        const end = toks[i]?.at ?? text.length;
        const name = text
          .slice(toks[from]?.at ?? 0, end)
          .replace(/[\s,;.]+$/, "")
          .trim();
        if (name) unknown.push(name);
        afterName = false;
      }
    }
    return { parties: found, unknown };
  }
}

const BRACKETS = new Set(["(", ")", ":", "-", "–"]);
/** Where an unknown name ends: a separator, never "và" (it sits inside names). */
const STOPS = new Set([",", ";", "(", ")"]);
/** Words that start a qualification of the name before them rather than a new name. */
const QUALIFIERS = new Set(["voi", "trong", "ve", "theo", "de", "cho", "tai", "doi"]);
