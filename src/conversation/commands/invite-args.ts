import { lookupAgency } from "../../catalog/agency-lookup.ts";
import { UserError } from "../../errors.ts";
import type { Store } from "../../store/index.ts";
import { foldAccents } from "../../text/normalize.ts";

/** Role words as coordinators type them, accents optional, longest first when matching. */
const ROLE_WORDS: [string, string][] = [
  ["can bo dau moi", "focal"],
  ["dau moi", "focal"],
  ["focal", "focal"],
  ["lanh dao don vi", "head"],
  ["lanh dao", "head"],
  ["thu truong", "head"],
  ["head", "head"],
  ["can bo dieu phoi", "coordinator"],
  ["dieu phoi", "coordinator"],
  ["coordinator", "coordinator"],
];

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** The role named by these words exactly, if any. */
function roleOf(text: string): string | undefined {
  const folded = words(foldAccents(text).replace(/[^a-z0-9 ]+/g, " ")).join(" ");
  return ROLE_WORDS.find(([w]) => w === folded)?.[1];
}

/**
 * "/moi so y te", "/moi Sở Y tế lãnh đạo", "/moi dieu phoi cong an tinh": the agency and the
 * role (focal point by default), the role words before or after the agency. What cannot be
 * read is named back: an unknown agency, or the words after a known agency that are no role.
 */
export async function parseInviteArgs(store: Store, arg: string): Promise<{ agency: string; role: string }> {
  const all = words(arg);
  if (all.length === 0) throw new UserError("usage-invite");
  // A role phrase at either end, the longest first.
  for (let n = Math.min(4, all.length - 1); n >= 1; n--) {
    const tail = roleOf(all.slice(-n).join(" "));
    if (tail) return { agency: all.slice(0, -n).join(" "), role: tail };
    const head = roleOf(all.slice(0, n).join(" "));
    if (head) return { agency: all.slice(n).join(" "), role: head };
  }
  // No role words: the agency is the longest start that names one; the rest was meant as a role.
  let first: unknown;
  for (let n = all.length; n >= 1; n--) {
    let agency: { name: string };
    try {
      agency = await lookupAgency(store, all.slice(0, n).join(" "));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      first ??= e;
      continue;
    }
    if (n === all.length) return { agency: arg.trim(), role: "focal" };
    throw new UserError("err-invite-role", { agency: agency.name, value: all.slice(n).join(" ") });
  }
  throw first;
}
