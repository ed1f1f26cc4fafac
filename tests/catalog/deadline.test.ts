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

  it.each(["Sớm nhất có thể", "Tháng 13/2026", "Quý V/2026", "Thường xuyên hàng tuần", ""])(
    "rejects %j",
    (text) => {
      expect(() => parseDeadline(text)).toThrow(DeadlineError);
    },
  );
});
