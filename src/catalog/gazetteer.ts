import { foldAccents, tidy } from "./text.ts";

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
    const toks = located(cell);
    const words = toks.map((t) => t.word);
    const found: Party[] = [];
    let i = 0;
    while (i < words.length) {
      const word = words[i] ?? "";
      const match = this.byFirst.get(word)?.find((c) => c.words.every((w, k) => words[i + k] === w));
      if (match) {
        if (!found.some((p) => p.agencyId === match.party.agencyId && p.groupId === match.party.groupId)) {
          found.push(match.party);
        }
        i += match.words.length;
      } else if (SEPARATORS.has(word)) {
        i++;
      } else {
        throw new UnknownAgencyError(tidy(cell), tidy(cell).slice(toks[i]?.at ?? 0));
      }
    }
    return found;
  }
}
