import type { Reply } from "../../messages.ts";
import { foldAccents } from "../../text/normalize.ts";
import type { Turn } from "../context.ts";
import { startErase } from "../flows/erase.ts";
import { startExtension } from "../flows/extend.ts";
import { startKpi } from "../flows/kpi.ts";
import { startCommand } from "../flows/onboarding.ts";
import { startReport } from "../flows/report.ts";
import { startSettings } from "../flows/settings.ts";
import { auditCommand } from "./audit.ts";
import { askCommand } from "./clarify.ts";
import {
  inviteCommand,
  missingCommand,
  overdueCommand,
  setDueCommand,
  statusCommand,
  subscribeCommand,
  unsubscribeCommand,
} from "./coordinator.ts";
import { digestCommand, exportCommand } from "./export.ts";
import { helpCommand, tasksCommand } from "./focal.ts";
import { deputyCommand, leaveCommand } from "./leave.ts";
import { myDataCommand } from "./privacy.ts";
import { remindCommand } from "./remind.ts";
import { taskCommand } from "./task-detail.ts";
import { webCommand } from "./web.ts";

type Access = "anyone" | "linked" | "coordinator";
interface Command {
  name: string;
  aliases: string[];
  access: Access;
  /** Commands that also work in a group chat; every other command answers in private only. */
  group?: boolean;
  run(turn: Turn, arg: string): Reply[] | Promise<Reply[]>;
}

/** English names, and the Vietnamese words people type (accents optional). */
export const commands: Command[] = [
  { name: "start", aliases: ["batdau"], access: "anyone", run: startCommand },
  { name: "help", aliases: ["trogiup", "huongdan"], access: "anyone", group: true, run: helpCommand },
  { name: "cancel", aliases: ["huy"], access: "anyone", run: () => [] },
  { name: "report", aliases: ["baocao"], access: "linked", run: (t, arg) => startReport(t, undefined, arg) },
  { name: "tasks", aliases: ["nhiemvu"], access: "linked", run: tasksCommand },
  { name: "kpi", aliases: ["chitieu"], access: "linked", run: startKpi },
  {
    name: "extend",
    aliases: ["giahan", "xingiahan"],
    access: "linked",
    run: (t, arg) => startExtension(t, arg),
  },
  { name: "lang", aliases: ["ngonngu", "settings", "caidat"], access: "linked", run: startSettings },
  { name: "mydata", aliases: ["dulieucuatoi", "dulieu"], access: "linked", run: myDataCommand },
  { name: "erasemydata", aliases: ["xoadulieu"], access: "linked", run: startErase },
  { name: "overdue", aliases: ["trehan", "quahan"], access: "coordinator", group: true, run: overdueCommand },
  { name: "missing", aliases: ["chuabaocao"], access: "coordinator", group: true, run: missingCommand },
  { name: "status", aliases: ["tinhhinh"], access: "coordinator", group: true, run: statusCommand },
  { name: "task", aliases: ["chitiet"], access: "coordinator", group: true, run: taskCommand },
  { name: "setdue", aliases: ["dathan"], access: "coordinator", group: true, run: setDueCommand },
  // Private only: the question flow and its answer belong to the coordinator who asked.
  { name: "ask", aliases: ["hoilai"], access: "coordinator", run: askCommand },
  { name: "remind", aliases: ["nhac"], access: "coordinator", group: true, run: remindCommand },
  { name: "digest", aliases: ["bantin"], access: "coordinator", group: true, run: digestCommand },
  { name: "export", aliases: ["xuatbaocao"], access: "coordinator", group: true, run: exportCommand },
  { name: "invite", aliases: ["moi"], access: "coordinator", run: inviteCommand },
  { name: "web", aliases: ["quanly"], access: "linked", run: webCommand },
  { name: "leave", aliases: ["nghiphep"], access: "linked", run: leaveCommand },
  { name: "deputy", aliases: ["uyquyen"], access: "linked", run: deputyCommand },
  { name: "subscribe", aliases: ["dangky"], access: "coordinator", group: true, run: subscribeCommand },
  // Private only: the trail names people and what they did.
  { name: "audit", aliases: ["nhatky"], access: "coordinator", run: auditCommand },
  {
    name: "unsubscribe",
    aliases: ["huydangky"],
    access: "coordinator",
    group: true,
    run: unsubscribeCommand,
  },
];

const byName = new Map(commands.flatMap((c) => [c.name, ...c.aliases].map((n) => [n, c] as const)));

/**
 * "/baocao", "/report@NhacViecBot 2026-11", and, where the platform has no command menu
 * (Zalo), the bare word: "baocao", "báo cáo".
 */
export function parseCommand(
  text: string,
  allowBare: boolean,
): { command: Command; arg: string; word: string } | undefined {
  const trimmed = text.trim();
  const slash = trimmed.startsWith("/");
  if (!slash && !allowBare) return undefined;
  const body = slash ? trimmed.slice(1) : trimmed;
  const [head = "", ...rest] = body.split(/\s+/);
  const name = foldAccents(head.split("@")[0] ?? "");
  let command = byName.get(name);
  let arg = rest.join(" ");
  let word = name;
  if (!command && !slash) {
    // Two-word Vietnamese commands typed with a space: "báo cáo", "nhiệm vụ", "trễ hạn".
    word = foldAccents(`${head}${rest[0] ?? ""}`);
    command = byName.get(word);
    arg = rest.slice(1).join(" ");
  }
  return command ? { command, arg: arg.trim(), word } : undefined;
}

export type { Command };
