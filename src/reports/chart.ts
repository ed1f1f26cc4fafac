import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type ChartModel, MAX_BARS } from "../engine/digest-chart.ts";

const fontDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../assets/fonts");
/** Be Vietnam Pro (SIL OFL 1.1), shipped in assets/fonts: full Vietnamese coverage, no system fonts needed. */
const FONT_FILES = ["BeVietnamPro-Regular.ttf", "BeVietnamPro-Bold.ttf"].map((f) => resolve(fontDir, f));
const FAMILY = "Be Vietnam Pro";

export const CHART_WIDTH = 1080;
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

/**
 * The engine's way to draw a chart (EngineDeps.drawChart): the PNG is written under `dir`, named
 * after `stem`, and the outbox keeps its path until a channel sends it.
 */
export function chartFileWriter(dir: string) {
  return (model: ChartModel, stem: string): { path: string; name: string } => {
    const png = renderChart(model);
    const name = `${stem}.png`;
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    writeFileSync(path, png);
    return { path, name };
  };
}
