import { describe, expect, it } from "vitest";
import { DeadlineError, parseDeadline } from "../../src/catalog/deadline.ts";

describe("parseDeadline", () => {
  it.each([
    ["Tháng 3/2027", "month", "2027-03-31"],
    ["Tháng 09/2026", "month", "2026-09-30"],
    ["Tháng 2/2028", "month", "2028-02-29"],
    ["Quý II/2026", "quarter", "2026-06-30"],
    ["Quý III/2026", "quarter", "2026-09-30"],
    ["Quý I/2027", "quarter", "2027-03-31"],
    ["Quý IV/2026", "quarter", "2026-12-31"],
    ["Năm 2026", "year", "2026-12-31"],
  ])("%s is a firm %s deadline on %s", (text, kind, due) => {
    expect(parseDeadline(text)).toEqual({
      kind,
      due,
      indicative: false,
      milestones: null,
      condition: null,
      quota: null,
      text,
    });
  });

  it("reads recurring tasks, with and without a quota", () => {
    expect(parseDeadline("Thực hiện thường xuyên")).toMatchObject({
      kind: "recurring",
      due: null,
      quota: null,
    });
    expect(parseDeadline("Thường xuyên")).toMatchObject({ kind: "recurring", due: null });
    expect(parseDeadline("Thực hiện thường xuyên (Mỗi đơn vị ít nhất 1 khóa học/năm)").quota).toEqual({
      count: 1,
      per: "year",
      item: "khóa học",
    });
    expect(
      parseDeadline("Thực hiện thường xuyên (Mỗi đơn vị ít nhất 1 tài liệu (học liệu)/năm)").quota,
    ).toEqual({
      count: 1,
      per: "year",
      item: "tài liệu (học liệu)",
    });
  });

  it("keeps the condition of a dependent task and its bracketed date as indicative", () => {
    expect(parseDeadline("Sau khi có hướng dẫn của Bộ Công an")).toMatchObject({
      kind: "dependent",
      due: null,
      indicative: false,
      condition: "Sau khi có hướng dẫn của Bộ Công an",
    });
    expect(parseDeadline("Theo tiến độ của Bộ Công an ( <i>Tháng 9/2026</i> )")).toMatchObject({
      kind: "dependent",
      due: "2026-09-30",
      indicative: true,
      condition: "Theo tiến độ của Bộ Công an",
      text: "Theo tiến độ của Bộ Công an (Tháng 9/2026)",
    });
    expect(parseDeadline("Ngay sau khi Bộ Công an ban hành tài liệu hướng dẫn (Quý II/2027)")).toMatchObject({
      kind: "dependent",
      due: "2027-06-30",
      indicative: true,
    });
    for (const text of [
      "Theo văn bản triển khai của Bộ Công an",
      "Theo Kế hoạch triển khai của Trung ương",
      "Theo hướng dẫn, tiến độ triển khai của Bộ Công an",
      "Theo văn bản hướng dẫn của Bộ Y tế, Bảo hiểm xã hội Việt Nam",
    ]) {
      expect(parseDeadline(text)).toMatchObject({ kind: "dependent", due: null, condition: text });
    }
  });

  it("turns assessment milestones into one date per year, due at the first", () => {
    expect(parseDeadline("Đánh giá theo các mốc năm 2027, 2030")).toMatchObject({
      kind: "milestones",
      due: "2027-12-31",
      milestones: ["2027-12-31", "2030-12-31"],
    });
  });

  it.each(["Sớm nhất có thể", "Tháng 13/2026", "Quý V/2026", "Thường xuyên hàng tuần", "31/02/2026"])(
    "rejects %j",
    (text) => {
      expect(() => parseDeadline(text)).toThrow(DeadlineError);
    },
  );
});

describe("deadline forms of other plans", () => {
  it.each([
    ["2025", "year", "2025-12-31"],
    ["Năm 2025", "year", "2025-12-31"],
    ["12/2025", "month", "2025-12-31"],
    ["06/2025", "month", "2025-06-30"],
    ["Tháng 10/2025", "month", "2025-10-31"],
    ["Quý II/2025", "quarter", "2025-06-30"],
    ["Quí IV-2025", "quarter", "2025-12-31"],
    ["Quý IV/2025", "quarter", "2025-12-31"],
    ["Trước ngày 30/11/2025", "date", "2025-11-30"],
    ["30/09/2025", "date", "2025-09-30"],
  ])("%s is a %s deadline on %s", (text, kind, due) => {
    const d = parseDeadline(text);
    expect(d).toMatchObject({ kind, due, indicative: false, text });
    expect(d.start).toBeUndefined();
  });

  it.each([
    ["Quý IV/2025 - Quý II/2026", "2025-10-01", "2026-06-30"],
    ["2025 - 2026", "2025-01-01", "2026-12-31"],
    ["2026-2030", "2026-01-01", "2030-12-31"],
    ["Năm 2025-2030", "2025-01-01", "2030-12-31"],
    ["Quí IV-2025 - Quí II-2026", "2025-10-01", "2026-06-30"],
    ["Từ tháng 3/2026 đến tháng 6/2026", "2026-03-01", "2026-06-30"],
  ])("%s is a range from %s, due %s", (text, start, due) => {
    expect(parseDeadline(text)).toMatchObject({ kind: "range", start, due, text });
  });

  it("reads yearly and open-ended tasks as recurring", () => {
    expect(parseDeadline("Hằng năm")).toMatchObject({ kind: "recurring", due: null, every: "year" });
    expect(parseDeadline("hang nam")).toMatchObject({ kind: "recurring", every: "year" });
    expect(parseDeadline("Nhiệm vụ thường xuyên")).toMatchObject({ kind: "recurring", due: null });
    expect(parseDeadline("Nhiệm vụ thường xuyên").every).toBeUndefined();
    expect(parseDeadline("2025 và những năm tiếp theo")).toMatchObject({
      kind: "recurring",
      start: "2025-01-01",
      every: "year",
    });
    expect(parseDeadline("Bắt đầu triển khai từ năm 2026")).toMatchObject({
      kind: "recurring",
      start: "2026-01-01",
      every: "year",
    });
  });

  it("reads a roadmap set elsewhere as dependent, and an empty cell as no date", () => {
    const text = "Theo lộ trình được giao tại Kế hoạch số 02-KH/BCĐTW";
    expect(parseDeadline(text)).toMatchObject({ kind: "dependent", due: null, condition: text });
    expect(parseDeadline("")).toMatchObject({ kind: "none", due: null, text: "" });
  });
});
