import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { rulesFor } from "../../src/domain/rules.ts";
import { buildDigest } from "../../src/engine/digest.ts";
import { type ChartModel, digestChartModel } from "../../src/engine/digest-chart.ts";
import { Snapshot } from "../../src/engine/snapshot.ts";
import { CHART_WIDTH, chartSvg, renderChart } from "../../src/reports/chart.ts";
import { reportsFixture } from "./fixture.ts";

const model: ChartModel = {
  title: "Tiến độ theo cơ quan — 30/12/2026",
  legend: { done: "Hoàn thành 7 ngày qua", overdue: "Quá hạn" },
  bars: [
    { label: "Ủy ban nhân dân xã Ia Hrú", done: 0, overdue: 12 },
    { label: "Sở Khoa học và Công nghệ", done: 3, overdue: 4 },
  ],
};

function pixels(png: Buffer) {
  const image = PNG.sync.read(png);
  const at = (x: number, y: number) => {
    const i = (image.width * y + x) * 4;
    return [image.data[i], image.data[i + 1], image.data[i + 2]].map((v) => v ?? 0);
  };
  let other = 0;
  let red = 0;
  let green = 0;
  for (let y = 0; y < image.height; y += 2)
    for (let x = 0; x < image.width; x += 2) {
      const [r = 0, g = 0, b = 0] = at(x, y);
      if (r !== 255 || g !== 255 || b !== 255) other++;
      if (r > 180 && g < 70 && b < 70) red++;
      if (g > 100 && r < 70 && b < 70) green++;
    }
  return { width: image.width, height: image.height, background: at(1, 1), other, red, green };
}

const t = (key: string, args: Record<string, string | number> = {}) =>
  args.numeral ? `Mục ${args.numeral}` : args.day ? `${key} ${args.day}` : key;

describe("the chart", () => {
  it("renders a PNG, phone-sized, with bars in both colours on a white background", () => {
    const p = pixels(renderChart(model));
    expect(p.width).toBe(CHART_WIDTH);
    expect(p.height).toBeGreaterThan(400);
    expect(p.background).toEqual([255, 255, 255]);
    expect(p.other).toBeGreaterThan(2000);
    expect(p.red).toBeGreaterThan(1000);
    expect(p.green).toBeGreaterThan(100);
  });

  it("draws text with the shipped Vietnamese font, escaped, and caps the bars at 15", () => {
    const many = {
      ...model,
      bars: Array.from({ length: 20 }, (_, i) => ({ label: `A&B <${i}>`, done: i, overdue: 1 })),
    };
    const svg = chartSvg(many);
    expect(svg).toContain('font-family="Be Vietnam Pro"');
    expect(svg).toContain("A&amp;B &lt;14&gt;");
    expect(svg).not.toContain("&lt;15&gt;");
    // Only letters outside Latin-1: drawn only if the shipped font loaded (no system fonts are used).
    const labelled = (label: string) =>
      pixels(renderChart({ ...model, bars: model.bars.map((b) => ({ ...b, label })) }));
    expect(labelled("ỦỶỸỠẶ ĐỀ ữựằ").other - labelled("").other).toBeGreaterThan(300);
    const empty = pixels(renderChart({ ...model, bars: [], empty: "Không có số liệu" }));
    expect(empty.red).toBeGreaterThan(0); // the legend swatch
  });

  it("builds its model from the weekly digest, by agency or by section", async () => {
    const fx = await reportsFixture();
    const snapshot = await new Snapshot(fx.core.store).load({ shared: true });
    const rules = rulesFor(undefined, fx.planId);
    const names = snapshot.agencyNames();
    const digest = await buildDigest(
      snapshot,
      fx.core.store,
      fx.planId,
      { kind: "plan" },
      "2026-12-30",
      rules,
    );
    const byAgency = digestChartModel(digest, names, t);
    expect(byAgency.title).toBe("report-chart-title-agencies 30/12/2026");
    expect(byAgency.legend).toEqual({ done: "report-chart-done", overdue: "report-chart-overdue" });
    expect(byAgency.bars).toHaveLength(15);
    const overdue = byAgency.bars.map((b) => b.overdue);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    expect(byAgency.bars.find((b) => b.label === "Văn phòng UBND tỉnh")).toEqual({
      label: "Văn phòng UBND tỉnh",
      done: 0,
      overdue: 2,
    });

    const scope = { kind: "sections" as const, sections: ["II", "V"] };
    const sections = await buildDigest(snapshot, fx.core.store, fx.planId, scope, "2026-12-30", rules);
    const bySection = digestChartModel(sections, names, t, snapshot.work(fx.planId));
    expect(bySection.title).toBe("report-chart-title-sections 30/12/2026");
    expect(bySection.bars).toEqual([
      { label: "Mục II", done: 1, overdue: 2 },
      { label: "Mục V", done: 2, overdue: 138 },
    ]);
    expect(pixels(renderChart(bySection)).width).toBe(CHART_WIDTH);
  });
});
