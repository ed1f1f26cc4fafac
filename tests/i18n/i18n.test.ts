import { describe, expect, it } from "vitest";
import { I18n } from "../../src/i18n/index.ts";

// I18n keeps what it said for plain arguments; these say the same message again and again.
describe("saying a message again", () => {
  it("gives the text of these very arguments, not of the last ones", () => {
    const i18n = new I18n();
    const said = [1, 2, 1, 2].map((page) => i18n.t("vi", "report-ask-task", { page, pages: 3 }));
    expect(said).toEqual([
      "Chọn nhiệm vụ cần báo cáo (trang 1/3):",
      "Chọn nhiệm vụ cần báo cáo (trang 2/3):",
      "Chọn nhiệm vụ cần báo cáo (trang 1/3):",
      "Chọn nhiệm vụ cần báo cáo (trang 2/3):",
    ]);
    expect(i18n.t("en", "report-ask-task", { page: 1, pages: 3 })).toBe(
      "Pick the task to report on (page 1/3):",
    );
  });

  it("tells a number from the same digits as text, as Fluent does", () => {
    const i18n = new I18n();
    const number = i18n.t("vi", "report-ask-description", { max: 2000 });
    const text = i18n.t("vi", "report-ask-description", { max: "2000" });
    expect(number).toContain("2.000");
    expect(text).toContain("(tối đa 2000 ký tự)");
    expect(i18n.t("vi", "report-ask-description", { max: 2000 })).toBe(number);
    expect(i18n.t("vi", "report-ask-description", { max: "2000" })).toBe(text);
  });

  it("tells arguments apart by name and by where one value ends", () => {
    const i18n = new I18n();
    const a = i18n.t("vi", "report-too-long", { length: 12, max: 3 });
    const b = i18n.t("vi", "report-too-long", { length: 1, max: 23 });
    expect(a).toContain("dài 12 ký tự, vượt quá 3");
    expect(b).toContain("dài 1 ký tự, vượt quá 23");
  });

  it("still falls back to the other language, then to the key", () => {
    const i18n = new I18n();
    expect(i18n.t("en", "no-such-key")).toBe("no-such-key");
    expect(i18n.t("en", "no-such-key")).toBe("no-such-key");
    expect(i18n.t("vi", "flow-cancel")).toBe(i18n.t("vi", "flow-cancel"));
  });
});
