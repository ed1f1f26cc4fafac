import type { LeaveSpan } from "../../domain/leave.ts";
import { dayLabel } from "../../domain/period.ts";
import { UserError } from "../../errors.ts";
import type { Reply } from "../../messages.ts";
import type { LeaveContact } from "../../store/leave.ts";
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
import { readLeaveWords } from "../leave-text.ts";

/**
 * /nghiphep [who] [dates|hôm nay|tuần này|hủy]: one's own leave, or, for the agency's head and
 * the coordinators, someone else's named in the message. Bare: a menu.
 */
export async function leaveCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const words = readLeaveWords(arg, today(turn));
  if (!words) throw new UserError("leave-err-date");
  const target = await whoseLeave(turn, words.rest);
  if (words.cancel) return endLeave(turn, target);
  if (!words.from || !words.to) return startLeaveMenu(turn, target.id, nameOf(turn, target));
  return setLeave(turn, target, { from: words.from, to: words.to });
}

/**
 * /uyquyen <colleague> [dates]: names a deputy for one's leave (the current or next one, or a
 * leave for the dates given); /uyquyen hủy takes the deputy off.
 */
export async function deputyCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const words = readLeaveWords(arg, today(turn));
  if (!words) throw new UserError("leave-err-date");
  const me = await self(turn);
  const leave = await turn.deps.store.leave.ofContact(me.id, today(turn));
  if (words.cancel) return setDeputy(turn, me, leave, undefined);
  const colleagues = (await turn.deps.store.leave.contacts(me.agencyId)).filter(
    (c) => !turn.actor?.contacts.some((m) => m.id === c.id),
  );
  if (!words.rest)
    throw new UserError("deputy-usage", { names: colleagues.map((c) => nameOf(turn, c)).join("; ") || "—" });
  const found = matchContacts(colleagues, words.rest);
  if (found.length > 1)
    throw new UserError("leave-err-which", { names: found.map((c) => nameOf(turn, c)).join("; ") });
  const deputy = found[0];
  if (!deputy) throw new UserError("deputy-err-nobody", { name: words.rest, agency: me.agencyName });
  if (words.from && words.to) {
    const days = { from: words.from, to: words.to };
    await setLeave(turn, me, days, deputy);
    return [
      {
        text: turn.t("deputy-set", {
          deputy: nameOf(turn, deputy),
          from: dayLabel(days.from),
          to: dayLabel(days.to),
        }),
      },
    ];
  }
  return setDeputy(turn, me, leave, deputy);
}

async function setDeputy(
  turn: Turn,
  me: LeaveContact,
  leave: LeaveSpan | undefined,
  deputy: LeaveContact | undefined,
): Promise<Reply[]> {
  if (!leave) throw new UserError(deputy ? "deputy-no-leave" : "leave-none", { name: nameOf(turn, me) });
  await turn.deps.store.transaction(async (tx) => {
    await tx.leave.setDeputy(leave.id, deputy?.id ?? null);
    await recordLeave(tx, turn, "leave.deputy", me.id, {
      before: { deputy: leave.deputyId },
      after: { deputy: deputy?.id ?? null },
    });
  });
  const args = { from: dayLabel(leave.from), to: dayLabel(leave.to) };
  if (!deputy) return [{ text: turn.t("deputy-removed", args) }];
  await tellPerson(turn, deputy, leave.id, "deputy-told", { ...args, name: nameOf(turn, me) });
  return [{ text: turn.t("deputy-set", { ...args, deputy: nameOf(turn, deputy) }) }];
}
