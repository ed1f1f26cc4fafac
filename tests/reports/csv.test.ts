import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { renderCsv } from "../../src/reports/csv.ts";
import { HEADERS } from "../../src/reports/labels.ts";
import { buildSynthesis } from "../../src/reports/synthesis.ts";
import { LINK, NOW, PERIOD, reportsFixture, TRICKY } from "./fixture.ts";

describe("the csv export", async () => {
  const fx = await reportsFixture();
  const csv = renderCsv(await buildSynthesis(fx.core, { period: PERIOD, now: NOW }));

  it("is UTF-8 with a byte order mark and the tasks sheet's header", async () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString("utf8");
    expect(text.slice(1).split("\r\n")[0]).toBe(HEADERS.tasks.join(","));
  });

  it("has one row per task and lead agency, quoted where needed", async () => {
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows).toHaveLength(1 + 964);
    expect(rows.every((r) => r.length === HEADERS.tasks.length)).toBe(true);
    const ii3 = rows.find((r) => r[0] === "II.3" && r[3] === "Văn phòng UBND tỉnh");
    expect(ii3).toEqual([
      "II.3",
      "II",
      expect.stringMatching(/^Rà soát, tái cấu trúc/),
      "Văn phòng UBND tỉnh",
      "31/10/2026",
      "",
      "Vướng mắc",
      "30",
      "Có",
      TRICKY,
      LINK,
      "20/11/2026 09:30",
      "40",
    ]);
    expect(csv.toString("utf8")).toContain(`"${TRICKY.replace(/"/g, '""')}"`);
    const ii2 = rows.find((r) => r[0] === "II.2" && r[3] === "Công an tỉnh");
    expect(ii2?.slice(4, 9)).toEqual(["30/09/2026", "Dự kiến", "Hoàn thành", "100", "Không"]);
    expect(rows.find((r) => r[0] === "I.2")?.slice(4, 7)).toEqual([
      "Thực hiện thường xuyên",
      "",
      "Chưa báo cáo",
    ]);
  });
});
