import { describe, expect, it } from "vitest";
import { ensureDefaultAgencies } from "../../src/catalog/agency-import.ts";
import { lookupAgency } from "../../src/catalog/agency-lookup.ts";
import { foldAccents } from "../../src/text/normalize.ts";
import { config, storeOf, tempDatabase } from "../helpers/db.ts";

/** Names as they arrive when copied out of a Word or PDF document, or typed on a CJK keyboard. */
const PASTED = {
  "zero-width space inside a word": "Sở Y t\u200Bế",
  "zero-width joiner and non-joiner": "Sở\u200D Y\u200C tế",
  "byte order mark in front": "\uFEFFSở Y tế",
  "right-to-left embedding around it": "\u202BSở Y tế\u202C",
  "left-to-right marks": "\u200ESở\u200E Y tế\u200E",
  "soft hyphen": "Sở Y t\u00ADế",
  "fullwidth letters": "Ｓở Ｙ tế",
  "fullwidth, no accents": "ｓｏ ｙ ｔｅ",
  "no-break and ideographic spaces": "so\u00A0y\u3000te",
};

describe("agency lookups on text pasted from documents", async () => {
  const { db } = tempDatabase();
  await ensureDefaultAgencies(storeOf(db), config.AGENCY_FILES);

  for (const [what, typed] of Object.entries(PASTED)) {
    it(`finds Sở Y tế through ${what}`, async () => {
      expect((await lookupAgency(storeOf(db), typed)).id).toBe("so-y-te");
    });
  }

  it("folds every one of them to the same key", async () => {
    for (const typed of Object.values(PASTED))
      expect(foldAccents(typed).replace(/\s+/g, " ")).toBe("so y te");
  });
});
