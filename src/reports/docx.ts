import { AlignmentType, Document, Packer, type Paragraph, type Table } from "docx";
import { groupBy } from "../collections.ts";
import { dayLabel, periodLabel } from "../domain/period.ts";
import { counted } from "../domain/tally.ts";
import {
  BODY,
  body,
  dataTable,
  FONT,
  heading,
  item,
  LARGE,
  line,
  PAGE,
  run,
  twoColumns,
} from "./docx-parts.ts";
import { DOC, TEXT } from "./labels.ts";
import type { SynthesisModel, TaskRow } from "./model.ts";
import { statusLabel } from "./tables.ts";

const percent = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

function headerBlock(): Table {
  return twoColumns(
    [line(DOC.agency, { bold: true }), line("――――――", { after: 80 }), line(DOC.number)],
    [
      line(DOC.nation, { bold: true }),
      line(DOC.motto, { bold: true, size: LARGE }),
      line("――――――――――――", { after: 80 }),
      line(DOC.placeDate, { italics: true, size: LARGE }),
    ],
  );
}

function general(m: SynthesisModel): Paragraph[] {
  const t = m.totals;
  return DOC.general({
    tasks: t.tasks,
    assigned: t.assigned,
    agencies: t.agencies,
    month: periodLabel(m.period),
    deadline: dayLabel(m.asOf),
    complete: t.completeAgencies,
    reported: t.reportedRequired,
    required: t.required,
    rate: percent.format(100 * t.rate),
    done: t.done,
    inProgress: t.inProgress,
    blocked: t.blocked,
    overdue: t.overdue,
  })
    .concat(onTimeSentence(m))
    .map((s) => body(s));
}

/** The tally sentence: on time, late, within and past the deadline, and the on-time share. */
function onTimeSentence(m: SynthesisModel): string {
  const c = m.tally.total;
  const n = counted(c);
  return DOC.onTime({ ...c, counted: n, onTimeRate: percent.format(n === 0 ? 0 : (100 * c.doneOnTime) / n) });
}

function sections(m: SynthesisModel): Paragraph[] {
  return m.sections.map((s) => {
    const rows = m.tasks.filter((t) => t.section === s.numeral);
    const figures = DOC.sectionFigures({
      tasks: new Set(rows.map((r) => r.taskId)).size,
      assigned: rows.length,
      done: rows.filter((r) => r.status === "done").length,
      inProgress: rows.filter((r) => r.status === "in_progress").length,
      overdue: rows.filter((r) => r.daysOverdue !== null).length,
    });
    return body(run(DOC.section(s.numeral, s.title), { bold: true }), figures);
  });
}

/** Names a few agencies in full; a task late in 135 communes is one row, not 135. */
function agenciesCell(names: string[]): string {
  return names.length <= 5
    ? names.join(", ")
    : `${names.slice(0, 3).join(", ")} ${DOC.andOthers(names.length - 3)}`;
}

/** One status, or how many agencies are at each, most first. */
function statusesCell(rows: TaskRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(statusLabel(r), (counts.get(statusLabel(r)) ?? 0) + 1);
  if (counts.size === 1) return [...counts.keys()][0] ?? "";
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([label, n]) => `${label}: ${n}`)
    .join("; ");
}

function overdue(m: SynthesisModel): (Paragraph | Table)[] {
  const byTask = groupBy(m.tasks, (t) =>
    t.daysOverdue === null ? undefined : `${t.taskId}|${t.deadline.due}`,
  );
  if (byTask.size === 0) return [body(DOC.noOverdue)];
  return [
    dataTable(
      DOC.overdueHeaders,
      [...byTask.values()].map((rows, i) => {
        const t = rows[0] as TaskRow;
        return [
          String(i + 1),
          t.ref,
          t.title,
          agenciesCell(rows.map((r) => r.agencyName)),
          t.deadline.due
            ? `${dayLabel(t.deadline.due)}${t.deadline.indicative ? ` (${TEXT.indicative.toLowerCase()})` : ""}`
            : t.deadline.text,
          String(t.daysOverdue ?? ""),
          statusesCell(rows),
        ];
      }),
      [0.07, 0.08, 0.31, 0.2, 0.15, 0.09, 0.1],
    ),
  ];
}

function missing(m: SynthesisModel): Paragraph[] {
  if (m.missing.length === 0) return [body(DOC.noMissing)];
  return m.missing.map((a, i) => item(DOC.missingLine(i + 1, a.name, a.reported, a.required)));
}

function targets(m: SynthesisModel): Table {
  return dataTable(
    DOC.targetHeaders,
    m.targets.map((t) => [
      t.ref,
      t.title,
      t.unit,
      t.target2026,
      t.target2030,
      t.latest?.value ?? "",
      t.latest?.agencyName ?? "",
    ]),
    [0.07, 0.35, 0.09, 0.13, 0.13, 0.1, 0.13],
  );
}

function signature(): Table {
  return twoColumns(
    [
      line(DOC.recipients, { bold: true, italics: true, align: AlignmentType.LEFT }),
      ...DOC.recipientLines.map((l) => line(l, { align: AlignmentType.LEFT })),
    ],
    [line(DOC.signer, { bold: true, size: LARGE })],
    0.5,
  );
}

/** The draft monthly report ("Báo cáo kết quả thực hiện Kế hoạch Đề án 06 tháng MM/YYYY") as .docx. */
export async function renderDocx(m: SynthesisModel): Promise<Buffer> {
  const month = periodLabel(m.period);
  const doc = new Document({
    creator: "nhacviec",
    title: `${DOC.kind} ${DOC.title(month)}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        children: [
          headerBlock(),
          line("", { after: 240 }),
          line(DOC.kind, { bold: true, size: LARGE }),
          line(DOC.title(month), { bold: true, size: LARGE, after: 360 }),
          heading(DOC.partGeneral),
          ...general(m),
          heading(DOC.partSections),
          ...sections(m),
          heading(DOC.partOverdue),
          ...overdue(m),
          heading(DOC.partMissing),
          ...missing(m),
          heading(DOC.partTargets),
          targets(m),
          line("", { after: 240 }),
          signature(),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
