import type { LeaveSpan } from "../../domain/leave.ts";
import { dayLabel } from "../../domain/period.ts";
import { UserError } from "../../errors.ts";
import type { Reply } from "../../messages.ts";
import type { LeaveContact } from "../../store/leave.ts";
import { foldAccents } from "../../text/normalize.ts";
import type { Turn } from "../context.ts";
import { startLeaveMenu } from "../flows/leave.ts";
import {
  endLeave,
  matchContacts,
  nameOf,
  recordLeave,
  self,
  setLeave,
  tellPerson,
  today,
  whoseLeave,
} from "../leave-actions.ts";
import { asTyped, readLeaveWords } from "../leave-text.ts";

/**
 * /nghiphep [who] [dates|hôm nay|tuần này|hủy]: one's own leave, or, for the agency's head and
 * the coordinators, someone else's named in the message. Bare: a menu.
 */
export async function leaveCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const words = readLeaveWords(arg, today(turn));
  if (!words) throw new UserError("leave-err-date");
  const target = await whoseLeave(turn, words.rest, arg);
  if (words.cancel) return endLeave(turn, target);
  if (!words.from || !words.to) return startLeaveMenu(turn, target.id, nameOf(turn, target));
  return setLeave(turn, target, { from: words.from, to: words.to });
}

/**
 * /uyquyen <colleague> [dates]: names a deputy for one's leave (the current or next one, or a
 * leave for the dates given); /uyquyen hủy takes the deputy off. "/uyquyen Lan thay Hoa": the
 * agency's head, or a coordinator, names one for a colleague's leave (Hoa falls ill, the head
 * arranges who stands in).
 */
export async function deputyCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const day = today(turn);
  const words = readLeaveWords(arg, day);
  if (!words) throw new UserError("leave-err-date");
  const me = await self(turn);
  // "Lan thay Hoa": the words before "thay" name the deputy, those after it the one away.
  const split = standIn(arg);
  const asked = split ? (readLeaveWords(split.deputy, day)?.rest ?? "") : words.rest;
  const away = split ? (readLeaveWords(split.away, day)?.rest ?? "") : "";
  const principal = away ? await whoseLeave(turn, away, split?.away) : me;
  // whoseLeave falls back on the speaker for a name it does not know; here a name was meant.
  if (away && principal.id === me.id && matchContacts([me], away).length === 0)
    throw new UserError("leave-err-nobody", { name: asTyped(split?.away ?? away, away) });
  const leave = await turn.deps.store.leave.ofContact(principal.id, day);
  if (words.cancel) return setDeputy(turn, principal, leave, undefined);
  const colleagues = (await turn.deps.store.leave.contacts(principal.agencyId)).filter(
    (c) =>
      c.id !== principal.id && !(principal.id === me.id && turn.actor?.contacts.some((m) => m.id === c.id)),
  );
  // "toi thay Hoa": the speaker stands in, when of Hoa's agency.
  const found = split && !asked ? colleagues.filter((c) => c.id === me.id) : matchContacts(colleagues, asked);
  if (!asked && !split)
    throw new UserError("deputy-usage", { names: colleagues.map((c) => nameOf(turn, c)).join("; ") || "—" });
  if (found.length > 1)
    throw new UserError("leave-err-which", { names: found.map((c) => nameOf(turn, c)).join("; ") });
  const deputy = found[0];
  if (!deputy)
    throw new UserError("deputy-err-nobody", {
      name: asked ? asTyped(split?.deputy ?? arg, asked) : nameOf(turn, me),
      agency: principal.agencyName,
    });
  if (words.from && words.to) {
    const days = { from: words.from, to: words.to };
    await setLeave(turn, principal, days, deputy);
    return [{ text: deputySet(turn, principal, deputy, days) }];
  }
  return setDeputy(turn, principal, leave, deputy);
}

/**
 * "Lan thay Hoa", "Lan thay cho anh Hoa", "Lan for Hoa": the words as typed on either side of
 * the first "thay" (accents optional), so a reply can quote a name the way it was written.
 */
function standIn(arg: string): { deputy: string; away: string } | undefined {
  const words = arg.trim().split(/\s+/);
  const folded = words.map((w) => foldAccents(w));
  const at = folded.findIndex(
    (w, i) => w === "thay" || w === "for" || (w === "instead" && folded[i + 1] === "of"),
  );
  if (at < 0) return undefined;
  const after = folded[at] === "instead" ? at + 2 : at + 1;
  return { deputy: words.slice(0, at).join(" "), away: words.slice(after).join(" ") };
}

function deputySet(
  turn: Turn,
  principal: LeaveContact,
  deputy: LeaveContact,
  days: { from: string; to: string },
): string {
  const args = { deputy: nameOf(turn, deputy), from: dayLabel(days.from), to: dayLabel(days.to) };
  return turn.actor?.contacts.some((c) => c.id === principal.id)
    ? turn.t("deputy-set", args)
    : turn.t("deputy-set-for", { ...args, name: nameOf(turn, principal) });
}

async function setDeputy(
  turn: Turn,
  principal: LeaveContact,
  leave: LeaveSpan | undefined,
  deputy: LeaveContact | undefined,
): Promise<Reply[]> {
  if (!leave)
    throw new UserError(deputy ? "deputy-no-leave" : "leave-none", { name: nameOf(turn, principal) });
  await turn.deps.store.transaction(async (tx) => {
    await tx.leave.setDeputy(leave.id, deputy?.id ?? null);
    await recordLeave(tx, turn, "leave.deputy", principal.id, {
      before: { deputy: leave.deputyId },
      after: { deputy: deputy?.id ?? null },
    });
  });
  const args = { from: dayLabel(leave.from), to: dayLabel(leave.to) };
  if (!deputy) return [{ text: turn.t("deputy-removed", args) }];
  await tellPerson(turn, deputy, leave.id, "deputy-told", { ...args, name: nameOf(turn, principal) });
  return [{ text: deputySet(turn, principal, deputy, leave) }];
}
