import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { dayLabel } from "../domain/period.ts";
import type { DigestModel } from "../engine/digest.ts";
import { isClosed, type WorkItem } from "../engine/snapshot.ts";

export interface ChartBar {
  label: string;
  done: number;
  overdue: number;
}

/** What the chart draws; every text in it comes from the caller (see digestChartModel). */
export interface ChartModel {
  title: string;
  subtitle?: string;
  legend: { done: string; overdue: string };
  /** Shown instead of bars when there are none. */
  empty?: string;
  bars: ChartBar[];
}

export type Translate = (key: string, args?: Record<string, string | number>) => string;

const fontDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../assets/fonts");
/** Be Vietnam Pro (SIL OFL 1.1), shipped in assets/fonts: full Vietnamese coverage, no system fonts needed. */
const FONT_FILES = ["BeVietnamPro-Regular.ttf", "BeVietnamPro-Bold.ttf"].map((f) => resolve(fontDir, f));
const FAMILY = "Be Vietnam Pro";

export const CHART_WIDTH = 1080;
export const MAX_BARS = 15;
const PAD = 48;
const TOP = 220;
const GROUP = 82;
const BAR = 16;
const COLORS = { done: "#2e7d32", overdue: "#c62828", text: "#1f1f1f", muted: "#5f5f5f" };

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

function text(x: number, y: number, size: number, s: string, opts: { bold?: boolean; fill?: string } = {}) {
  return `<text x="${x}" y="${y}" font-size="${size}" font-weight="${opts.bold ? 700 : 400}" fill="${opts.fill ?? COLORS.text}">${esc(s)}</text>`;
}

/** The chart as SVG: a title, a legend, then per bar a label over two horizontal bars. */
export function chartSvg(model: ChartModel): string {
  const bars = model.bars.slice(0, MAX_BARS);
  const height = bars.length === 0 ? TOP + 160 : TOP + bars.length * GROUP + 40;
  const max = Math.max(1, ...bars.flatMap((b) => [b.done, b.overdue]));
  const span = CHART_WIDTH - 2 * PAD - 80;
  const parts = [
    `<rect width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(PAD, 78, 44, clip(model.title, 40), { bold: true }),
    model.subtitle ? text(PAD, 124, 28, clip(model.subtitle, 62), { fill: COLORS.muted }) : "",
    `<rect x="${PAD}" y="156" width="28" height="28" rx="4" fill="${COLORS.done}"/>`,
    text(PAD + 40, 180, 28, clip(model.legend.done, 26)),
    `<rect x="${CHART_WIDTH / 2}" y="156" width="28" height="28" rx="4" fill="${COLORS.overdue}"/>`,
    text(CHART_WIDTH / 2 + 40, 180, 28, clip(model.legend.overdue, 26)),
  ];
  if (bars.length === 0 && model.empty)
    parts.push(text(PAD, TOP + 80, 32, model.empty, { fill: COLORS.muted }));
  bars.forEach((b, i) => {
    const y = TOP + i * GROUP;
    parts.push(text(PAD, y + 28, 27, clip(b.label, 62)));
    for (const [k, value, dy] of [
      ["done", b.done, 40],
      ["overdue", b.overdue, 40 + BAR + 4],
    ] as const) {
      const w = Math.round((span * value) / max);
      parts.push(
        `<rect x="${PAD}" y="${y + dy}" width="${Math.max(w, 3)}" height="${BAR}" fill="${COLORS[k]}"/>`,
      );
      parts.push(text(PAD + Math.max(w, 3) + 10, y + dy + BAR - 1, 21, String(value), { bold: true }));
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" font-family="${FAMILY}">${parts.join("")}</svg>`;
}

/** The chart as a PNG, rendered without a browser; 1080 px wide, readable on a phone. */
export function renderChart(model: ChartModel): Buffer {
  // Loaded on first use (synchronously: the tick that draws a digest is synchronous), not at every start.
  const { Resvg } = createRequire(import.meta.url)("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
  const resvg = new Resvg(chartSvg(model), {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FAMILY },
  });
  return resvg.render().asPng();
}

function late(w: WorkItem, day: string): boolean {
  return w.role === "lead" && !isClosed(w) && w.kind !== "milestones" && w.due !== null && w.due < day;
}

/**
 * The weekly digest as a chart: tasks completed in the past week and overdue ones, by agency
 * (the 15 worst), or by section when the digest's scope is sections and the plan's lead `work`
 * (Snapshot.work) is given, since the digest model counts overdue tasks by agency only.
 */
export function digestChartModel(
  m: DigestModel,
  names: Map<string, string>,
  t: Translate,
  work?: WorkItem[],
): ChartModel {
  const base = {
    legend: { done: t("report-chart-done"), overdue: t("report-chart-overdue") },
    empty: t("report-chart-empty"),
  };
  if (m.scope.kind === "sections" && work) {
    const sectionOf = new Map(work.map((w) => [w.ref, w.section]));
    return {
      ...base,
      title: t("report-chart-title-sections", { day: dayLabel(m.day) }),
      bars: m.scope.sections.map((numeral) => ({
        label: t("report-chart-section", { numeral }),
        done: m.completed.filter((c) => sectionOf.get(c.ref) === numeral).length,
        overdue: work.filter((w) => w.section === numeral && late(w, m.day)).length,
      })),
    };
  }
  const rows = new Map<string, ChartBar & { worst: number }>();
  const entry = (id: string) => {
    const e = rows.get(id) ?? { label: names.get(id) ?? id, done: 0, overdue: 0, worst: 0 };
    rows.set(id, e);
    return e;
  };
  for (const o of m.overdue) Object.assign(entry(o.agencyId), { overdue: o.count, worst: o.worstDays });
  for (const c of m.completed) entry(c.agencyId).done++;
  const bars = [...rows.values()]
    .sort((a, b) => b.overdue - a.overdue || b.worst - a.worst || a.done - b.done)
    .slice(0, MAX_BARS)
    .map(({ label, done, overdue }) => ({ label, done, overdue }));
  return { ...base, title: t("report-chart-title-agencies", { day: dayLabel(m.day) }), bars };
}
