import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { renderDocx } from "../../src/reports/docx.ts";
import { buildSynthesis } from "../../src/reports/synthesis.ts";
import { NOW, PERIOD, reportsFixture } from "./fixture.ts";

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
const texts = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1] ?? ""));
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>/g)].map((p) => texts(p[0]).join("")).filter(Boolean);

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file("word/document.xml")?.async("string");
  if (!xml) throw new Error("no word/document.xml");
  return xml;
}

describe("the docx report", async () => {
  const fx = await reportsFixture();
  const m = await buildSynthesis(fx.core, { period: PERIOD, now: NOW });
  const xml = renderDocx(m).then(documentXml);

  it("has the administrative header and the title", async () => {
    const p = paragraphs(await xml);
    expect(p.slice(0, 7)).toEqual([
      "CÔNG AN TỈNH GIA LAI",
      "――――――",
      "Số: …/BC-CAT",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "――――――――――――",
      "Gia Lai, ngày … tháng … năm …",
    ]);
    expect(p).toContain("BÁO CÁO");
    expect(p).toContain("Kết quả thực hiện Kế hoạch Đề án 06 tháng 11/2026");
    expect(await xml).toContain('w:ascii="Times New Roman"');
  });

  it("gives the figures, then one paragraph per section I–X", async () => {
    const p = paragraphs(await xml);
    expect(p).toContain("Kế hoạch có 62 nhiệm vụ, giao chủ trì 964 lượt cho 153 cơ quan, đơn vị.");
    expect(p.find((x) => x.startsWith("Kỳ báo cáo tháng 11/2026"))).toContain("1/153 cơ quan, đơn vị");
    const sections = p.filter((x) => /^Mục [IVX]+\. /.test(x));
    expect(sections.map((x) => x.split(".")[0])).toEqual(
      ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"].map((n) => `Mục ${n}`),
    );
    expect(sections[1]).toMatch(
      /^Mục II\. Phục vụ giải quyết TTHC, cung cấp dịch vụ công trực tuyến: 10 nhiệm vụ/,
    );
  });

  it("has a table of overdue tasks, the agencies that did not report and a table of targets", async () => {
    const doc = await xml;
    const tables = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) => t[0]);
    expect(tables).toHaveLength(4); // header block, overdue, targets, signature
    const rows = (table: string) =>
      [...table.matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((r) => texts(r[0]));
    const overdue = rows(tables[1] ?? "");
    // One row per late task, however many agencies share it.
    const late = m.tasks.filter((t) => t.daysOverdue !== null);
    expect(overdue).toHaveLength(1 + new Set(late.map((t) => t.taskId)).size);
    expect(overdue.length).toBeLessThan(1 + late.length);
    expect(overdue[0]).toEqual([
      "STT",
      "Mã",
      "Nhiệm vụ",
      "Cơ quan chủ trì",
      "Thời hạn",
      "Số ngày quá hạn",
      "Trạng thái",
    ]);
    const ii3 = overdue.find((r) => r[1] === "II.3" && r[3] === "Văn phòng UBND tỉnh");
    expect(ii3?.slice(4)).toEqual(["31/10/2026", "40", "Vướng mắc"]);
    const crowded = overdue.find((r) => /và \d+ cơ quan, đơn vị khác$/.test(r[3] ?? ""));
    const sharing = late.filter((t) => t.ref === crowded?.[1]).length;
    expect(crowded?.[3]).toMatch(new RegExp(`và ${sharing - 3} cơ quan, đơn vị khác$`));
    expect(crowded?.[6]).toMatch(/^Chưa báo cáo/);
    const targets = rows(tables[2] ?? "");
    expect(targets).toHaveLength(1 + 54);
    expect(targets.find((r) => r[0] === "I.2")?.slice(2)).toEqual([
      "%",
      "50",
      "80",
      "62,5",
      "Văn phòng UBND tỉnh",
    ]);
    const p = paragraphs(doc);
    expect(p).toContain("IV. CƠ QUAN, ĐƠN VỊ CHƯA BÁO CÁO ĐẦY ĐỦ");
    expect(p.filter((x) => /^\d+\. .+: đã báo cáo \d+\/\d+ nhiệm vụ\.$/.test(x))).toHaveLength(152);
    expect(p.some((x) => /^\d+\. Văn phòng UBND tỉnh: đã báo cáo 1\/11 nhiệm vụ\.$/.test(x))).toBe(true);
  });
});
