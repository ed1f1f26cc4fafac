import type { ReportStatus } from "../../db/schema.ts";
import { prepared } from "../../db/statements.ts";
import { dayLabel, periodDeadline, periodLabel, periodOf } from "../../domain/period.ts";
import { shortTitle } from "../../engine/compose.ts";
import { countReport } from "../../metrics.ts";
import { reportingContact } from "../actor.ts";
import { type FlowDefinition, flowChoice, type StepInput, type Turn } from "../context.ts";
import { assignmentFor, assignmentsOf, isOpen, type OpenAssignment } from "../queries.ts";
import type { FlowState } from "../state.ts";
import type { Evidence, Reply } from "../types.ts";

interface ReportData {
  agencyId: string;
  assignmentId?: number;
  page: number;
  first?: number;
  status?: ReportStatus;
  percent?: number | null;
  count?: number | null;
  description?: string | null;
  evidence?: Evidence[];
}

const PAGE = 6;
const MAX_DESCRIPTION = 2000;
const STATUSES: [string, ReportStatus][] = [
  ["ns", "not_started"],
  ["ip", "in_progress"],
  ["dn", "done"],
  ["bl", "blocked"],
  ["na", "not_applicable"],
];

type S = FlowState<ReportData>;

/** Starts a report for the actor's agency; `assignmentId` (from a reminder) is preselected. */
export function startReport(turn: Turn, assignmentId?: number): Reply[] {
  const contact = turn.actor ? reportingContact(turn.actor) : undefined;
  if (!contact) return [{ text: turn.t("report-not-linked") }];
  const open = assignmentsOf(turn.deps.sqlite, contact.agencyId).filter(isOpen);
  if (open.length === 0) return [{ text: turn.t("report-nothing-open", { agency: contact.agencyName }) }];
  const pre = assignmentId !== undefined ? open.find((a) => a.assignmentId === assignmentId) : undefined;
  // askStatus and askTask store the flow: one write for the first step, not two.
  const state = turn.flows.begin(turn.incoming.chatId, contact.id, "report", pre ? "status" : "task", {
    agencyId: contact.agencyId,
    page: 0,
    assignmentId: pre?.assignmentId,
    first: pre?.assignmentId,
  }) as unknown as S;
  return pre ? askStatus(turn, state, pre) : askTask(turn, state, open);
}

function current(turn: Turn, s: S): OpenAssignment | undefined {
  return s.data.assignmentId === undefined
    ? undefined
    : assignmentFor(turn.deps.sqlite, s.data.agencyId, s.data.assignmentId);
}

function askTask(turn: Turn, s: S, known?: OpenAssignment[]): Reply[] {
  const open = known ?? assignmentsOf(turn.deps.sqlite, s.data.agencyId).filter(isOpen);
  const first = open.find((a) => a.assignmentId === s.data.first);
  const ordered = first ? [first, ...open.filter((a) => a !== first)] : open;
  const pages = Math.max(1, Math.ceil(ordered.length / PAGE));
  const page = Math.min(Math.max(0, s.data.page), pages - 1);
  const rows = ordered
    .slice(page * PAGE, page * PAGE + PAGE)
    .map((a) => [flowChoice(s, `${a.ref} · ${shortTitle(a.title, 48)}`, `a${a.assignmentId}`)]);
  const nav = [
    ...(page > 0 ? [flowChoice(s, turn.t("report-prev"), `p${page - 1}`)] : []),
    ...(page < pages - 1 ? [flowChoice(s, turn.t("report-next"), `p${page + 1}`)] : []),
  ];
  s.step = "task";
  s.data.page = page;
  turn.flows.save(s, turn.now);
  return [
    {
      text: turn.t("report-ask-task", { page: page + 1, pages }),
      choices: [...rows, ...(nav.length ? [nav] : []), [flowChoice(s, turn.t("flow-cancel"), "x")]],
    },
  ];
}

function askStatus(turn: Turn, s: S, a: OpenAssignment): Reply[] {
  s.step = "status";
  turn.flows.save(s, turn.now);
  const buttons = STATUSES.map(([code, status]) => flowChoice(s, turn.t(`status-${status}`), `s${code}`));
  return [
    {
      text: turn.t("report-ask-status", { ref: a.ref, title: shortTitle(a.title, 200) }),
      choices: [
        buttons.slice(0, 2),
        buttons.slice(2, 4),
        buttons.slice(4),
        [flowChoice(s, turn.t("report-other-task"), "chg"), flowChoice(s, turn.t("flow-cancel"), "x")],
      ],
    },
  ];
}

function askPercent(turn: Turn, s: S): Reply[] {
  s.step = "percent";
  turn.flows.save(s, turn.now);
  return [
    {
      text: turn.t("report-ask-percent"),
      freeNumber: true,
      choices: [
        [0, 25, 50, 75, 90].map((p) => flowChoice(s, `${p}%`, `%${p}`)),
        [flowChoice(s, turn.t("flow-cancel"), "x")],
      ],
    },
  ];
}

function askCount(turn: Turn, s: S, a: OpenAssignment): Reply[] {
  const quota = a.quota ? (JSON.parse(a.quota) as { count: number; item: string }) : undefined;
  s.step = "count";
  turn.flows.save(s, turn.now);
  return [
    {
      text: turn.t("report-ask-count", {
        item: quota?.item ?? "",
        count: quota?.count ?? 1,
        year: String(turn.now.getUTCFullYear()),
      }),
      choices: [[flowChoice(s, turn.t("flow-skip"), "skip"), flowChoice(s, turn.t("flow-cancel"), "x")]],
    },
  ];
}

function askDescription(turn: Turn, s: S): Reply[] {
  s.step = "description";
  turn.flows.save(s, turn.now);
  const required = s.data.status === "blocked";
  return [
    {
      text: turn.t(required ? "report-ask-description-required" : "report-ask-description", {
        max: MAX_DESCRIPTION,
      }),
      choices: [
        [
          ...(required ? [] : [flowChoice(s, turn.t("flow-skip"), "skip")]),
          flowChoice(s, turn.t("flow-cancel"), "x"),
        ],
      ],
    },
  ];
}

function askEvidence(turn: Turn, s: S): Reply[] {
  s.step = "evidence";
  turn.flows.save(s, turn.now);
  return [
    {
      text: turn.t("report-ask-evidence"),
      choices: [[flowChoice(s, turn.t("flow-skip"), "skip"), flowChoice(s, turn.t("flow-cancel"), "x")]],
    },
  ];
}

function summary(turn: Turn, s: S, a: OpenAssignment): Reply[] {
  s.step = "confirm";
  turn.flows.save(s, turn.now);
  const d = s.data;
  const lines = [
    turn.t("report-summary", { ref: a.ref, title: shortTitle(a.title, 200) }),
    turn.t("report-summary-status", { status: turn.t(`status-${d.status}`) }),
    ...(d.percent !== null && d.percent !== undefined
      ? [turn.t("report-summary-percent", { percent: d.percent })]
      : []),
    ...(d.count !== null && d.count !== undefined
      ? [turn.t("report-summary-count", { count: d.count })]
      : []),
    ...(d.description ? [turn.t("report-summary-description", { description: d.description })] : []),
    ...(d.evidence?.length ? [turn.t("report-summary-evidence", { count: d.evidence.length })] : []),
  ];
  return [
    {
      text: lines.join("\n"),
      choices: [
        [flowChoice(s, turn.t("report-confirm"), "ok")],
        [flowChoice(s, turn.t("report-edit"), "edit"), flowChoice(s, turn.t("flow-cancel"), "x")],
      ],
    },
  ];
}

/** After the status (and the percent it implies), the next question to ask. */
function afterPercent(turn: Turn, s: S, a: OpenAssignment): Reply[] {
  if (a.kind === "recurring" && a.quota && s.data.count === undefined) return askCount(turn, s, a);
  return askDescription(turn, s);
}

function save(turn: Turn, s: S, a: OpenAssignment): Reply[] {
  const { sqlite, calendar, config: _config } = turn.deps;
  const contact = turn.actor?.contacts.find((c) => c.id === s.contactId);
  if (!contact || contact.agencyId !== s.data.agencyId) return [{ text: turn.t("err-not-allowed") }];
  const period = periodOf(calendar.localDate(turn.now));
  const at = turn.now.toISOString();
  sqlite.transaction(() => {
    prepared(
      sqlite,
      "update reports set superseded_at = ? where assignment_id = ? and period = ? and superseded_at is null",
    ).run(at, a.assignmentId, period);
    prepared(
      sqlite,
      `insert into reports (assignment_id, task_id, agency_id, period, status, percent, description, count, evidence,
           contact_id, chat_id, channel, submitted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      a.assignmentId,
      a.taskId,
      s.data.agencyId,
      period,
      s.data.status,
      s.data.percent ?? null,
      s.data.description ?? null,
      s.data.count ?? null,
      s.data.evidence?.length ? JSON.stringify(s.data.evidence) : null,
      contact.id,
      turn.incoming.chatId,
      turn.incoming.channel,
      at,
    );
    // The flow ends in the same commit as the report it produced.
    turn.flows.clear(turn.incoming.chatId);
  })();
  countReport("task", turn.incoming.channel);
  return [
    {
      text: turn.t("report-saved", {
        ref: a.ref,
        period: periodLabel(period),
        deadline: dayLabel(periodDeadline(period)),
      }),
      choices: [[{ label: turn.t("report-another"), data: "rp" }]],
    },
  ];
}

function percentOf(text: string | undefined): number | undefined {
  const m = /^\s*(\d{1,3})\s*%?\s*$/.exec(text ?? "");
  const n = m ? Number(m[1]) : Number.NaN;
  return n >= 0 && n <= 100 ? n : undefined;
}

function step(turn: Turn, state: FlowState, input: StepInput): Reply[] {
  const s = state as unknown as S;
  const again = (key: string, args = {}) => [{ text: turn.t(key, args) }];
  const v = input.value;
  if (s.step === "task") {
    if (v?.startsWith("p")) {
      s.data.page = Number(v.slice(1)) || 0;
      return askTask(turn, s);
    }
    const a = v?.startsWith("a")
      ? assignmentFor(turn.deps.sqlite, s.data.agencyId, Number(v.slice(1)))
      : undefined;
    if (!a) return [...again("report-pick-task"), ...askTask(turn, s)];
    s.data.assignmentId = a.assignmentId;
    return askStatus(turn, s, a);
  }
  const a = current(turn, s);
  if (!a) {
    turn.flows.clear(turn.incoming.chatId);
    return again("report-task-gone");
  }
  switch (s.step) {
    case "status": {
      if (v === "chg") return askTask(turn, s);
      const status = STATUSES.find(([code]) => v === `s${code}`)?.[1];
      if (!status) return [...again("flow-use-buttons"), ...askStatus(turn, s, a)];
      s.data.status = status;
      const implied = { done: 100, not_started: 0, not_applicable: null } as Record<string, number | null>;
      if (status in implied) {
        s.data.percent = implied[status];
        return afterPercent(turn, s, a);
      }
      return askPercent(turn, s);
    }
    case "percent": {
      const p = v?.startsWith("%") ? percentOf(v.slice(1)) : percentOf(input.text);
      if (p === undefined) return again("report-bad-percent");
      s.data.percent = p;
      return afterPercent(turn, s, a);
    }
    case "count": {
      if (v === "skip") s.data.count = null;
      else {
        const n = /^\s*\d{1,5}\s*$/.test(input.text ?? "") ? Number(input.text) : Number.NaN;
        if (Number.isNaN(n)) return again("report-bad-count");
        s.data.count = n;
      }
      return askDescription(turn, s);
    }
    case "description": {
      if (v === "skip" && s.data.status !== "blocked") {
        s.data.description = null;
        return askEvidence(turn, s);
      }
      const text = input.text?.trim() ?? "";
      if (text.length > MAX_DESCRIPTION)
        return again("report-too-long", { max: MAX_DESCRIPTION, length: text.length });
      if (text === "")
        return again(s.data.status === "blocked" ? "report-description-required" : "report-ask-description", {
          max: MAX_DESCRIPTION,
        });
      s.data.description = text;
      return askEvidence(turn, s);
    }
    case "evidence": {
      if (v === "skip") return summary(turn, s, a);
      const url = /^https?:\/\/\S+$/i.exec(input.text?.trim() ?? "")?.[0];
      const evidence = input.attachment ?? (url ? { kind: "link" as const, url } : undefined);
      if (!evidence) return again("report-bad-evidence");
      s.data.evidence = [...(s.data.evidence ?? []), evidence];
      return summary(turn, s, a);
    }
    case "confirm": {
      if (v === "ok") return save(turn, s, a);
      if (v === "edit") {
        s.data = { agencyId: s.data.agencyId, page: 0, assignmentId: a.assignmentId, first: s.data.first };
        return askStatus(turn, s, a);
      }
      return [...again("flow-use-buttons"), ...summary(turn, s, a)];
    }
  }
  return again("flow-use-buttons");
}

export const reportFlow: FlowDefinition = { kind: "report", numericSteps: ["percent", "count"], step };
