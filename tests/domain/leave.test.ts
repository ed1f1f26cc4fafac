import { describe, expect, it } from "vitest";
import { leaveProblem, readLeaveWords } from "../../src/conversation/leave-text.ts";
import { countedLateDays, workWeekOf } from "../../src/domain/leave.ts";
import { rulesSchema } from "../../src/domain/rules.ts";
import { overdueStepOn } from "../../src/domain/schedule.ts";

const TODAY = "2026-12-03"; // a Thursday

describe("reading a leave as people type it", () => {
  it.each([
    ["10/12 20/12", { from: "2026-12-10", to: "2026-12-20", rest: "" }],
    ["em nghi phep tu 10/12 den 20/12 a", { from: "2026-12-10", to: "2026-12-20", rest: "" }],
    ["Em xin nghỉ phép từ 10/12 đến 20/12 ạ.", { from: "2026-12-10", to: "2026-12-20", rest: "" }],
    ["nghi phep ngay 12/12", { from: "2026-12-12", to: "2026-12-12", rest: "" }],
    ["hom nay", { from: TODAY, to: TODAY, rest: "" }],
    ["tuan nay", { from: TODAY, to: "2026-12-04", rest: "" }],
    ["ngay mai", { from: "2026-12-04", to: "2026-12-04", rest: "" }],
    // Weeks and weekdays, as people say them on Thursday 3 December.
    ["tuan sau", { from: "2026-12-07", to: "2026-12-11", rest: "" }],
    ["em nghi phep tu thu 2 den thu 6 tuan sau", { from: "2026-12-07", to: "2026-12-11", rest: "" }],
    ["Em xin nghỉ thứ 3 đến thứ 4 tuần tới ạ", { from: "2026-12-08", to: "2026-12-09", rest: "" }],
    ["nghi thu 6", { from: "2026-12-04", to: "2026-12-04", rest: "" }],
    ["tu thu 5 den thu 3", { from: "2026-12-03", to: "2026-12-08", rest: "" }],
    ["thu 7 chu nhat", { from: "2026-12-05", to: "2026-12-06", rest: "" }],
    ["I'm on leave next week", { from: "2026-12-07", to: "2026-12-11", rest: "" }],
    ["I will be on leave from 10/12 to 20/12", { from: "2026-12-10", to: "2026-12-20", rest: "" }],
    // Thu is a given name: without a digit it is one.
    ["chi Thu tuan sau", { from: "2026-12-07", to: "2026-12-11", rest: "thu" }],
    // Typed in December, early January is next year's; so is a second date before the first.
    ["28/12 05/01", { from: "2026-12-28", to: "2027-01-05", rest: "" }],
    ["2026-12-10 2026-12-11", { from: "2026-12-10", to: "2026-12-11", rest: "" }],
    ["Nguyen Van A 10/12 20/12", { from: "2026-12-10", to: "2026-12-20", rest: "nguyen van a" }],
    [
      "cho chi Tran Thi Lan tu 10/12 den 12/12 nhe",
      { from: "2026-12-10", to: "2026-12-12", rest: "tran thi lan" },
    ],
  ])("%s", (text, want) => {
    expect(readLeaveWords(text, TODAY)).toEqual({ ...want, cancel: false });
  });

  it("reads a cancel, with or without a name, and refuses a day that does not exist", () => {
    expect(readLeaveWords("huy", TODAY)).toEqual({ cancel: true, rest: "" });
    expect(readLeaveWords("hủy Nguyễn Văn A", TODAY)).toEqual({ cancel: true, rest: "nguyen van a" });
    // "Huy" with dates is someone's name.
    expect(readLeaveWords("Huy 10/12 11/12", TODAY)?.cancel).toBe(false);
    expect(readLeaveWords("31/02 05/03", TODAY)).toBeUndefined();
    expect(readLeaveWords("", TODAY)).toEqual({ cancel: false, rest: "" });
  });

  it("finds what is wrong with a leave", () => {
    expect(leaveProblem("2026-12-10", "2026-12-20", TODAY)).toBeUndefined();
    expect(leaveProblem("2026-12-20", "2026-12-10", TODAY)).toBe("leave-err-order");
    expect(leaveProblem("2026-11-20", "2026-11-30", TODAY)).toBe("leave-err-past");
    expect(leaveProblem("2026-12-10", "2027-06-20", TODAY)).toBe("leave-err-long");
  });

  it("takes this week from today to Friday, and on a weekend the coming week", () => {
    expect(workWeekOf("2026-12-07")).toEqual({ from: "2026-12-07", to: "2026-12-11" });
    expect(workWeekOf("2026-12-05")).toEqual({ from: "2026-12-07", to: "2026-12-11" });
  });
});

describe("the overdue ladder around days nobody could answer", () => {
  const rules = rulesSchema.parse({});
  const away = (day: string) => day >= "2027-01-02" && day <= "2027-01-05";

  it("counts only the days someone could answer", () => {
    expect(countedLateDays("2026-12-31", "2027-01-08")).toBe(8);
    expect(countedLateDays("2026-12-31", "2027-01-08", away)).toBe(4);
    expect(countedLateDays("2027-01-10", "2027-01-08", away)).toBe(-2);
  });

  it("fires each step once, on the first day that counts", () => {
    const days = [
      "2027-01-01",
      "2027-01-02",
      "2027-01-05",
      "2027-01-06",
      "2027-01-10",
      "2027-01-11",
      "2027-01-12",
    ];
    const steps = days.map((d) => [d, overdueStepOn(d, "2026-12-31", rules, away)]);
    expect(steps.filter(([, s]) => s)).toEqual([
      ["2027-01-01", "focal"],
      ["2027-01-11", "head"],
    ]);
    // Without leave the head hears on the 7th day.
    expect(overdueStepOn("2027-01-07", "2026-12-31", rules)).toBe("head");
  });
});
