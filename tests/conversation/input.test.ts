import { describe, expect, it } from "vitest";
import { looseKey, matchLabel, readNumber, readRef } from "../../src/conversation/input.ts";

describe("reading what people type", () => {
  it.each([
    ["85,5", 85.5, false],
    ["1.234", 1234, false],
    ["1.234,5", 1234.5, false],
    ["1,234,567", 1234567, false],
    ["1.5", 1.5, false],
    ["85,5%", 85.5, true],
    ["60 phần trăm", 60, true],
    ["đạt 72 %", 72, true],
    ["１２", 12, false],
    ["hai", 2, false],
  ])("reads %j as %d", (text, value, percent) => {
    expect(readNumber(text)).toMatchObject({ value, percent });
  });

  it.each(["abc", "khoảng vài chục", "năm mươi", "1..2", "12-3", "", "%"])(
    "reads no number in %j",
    (text) => {
      expect(readNumber(text)).toBeUndefined();
    },
  );

  it.each([
    ["ii.1", "II.1"],
    ["II 1", "II.1"],
    ["Ⅱ.1", "II.1"],
    ["Ⅳ.3", "IV.3"],
    ["nv ii-10", "II.10"],
    ["chỉ tiêu v,2", "V.2"],
    ["X.04", "X.4"],
  ])("reads the ref %j as %s", (text, ref) => {
    expect(readRef(text)).toBe(ref);
  });

  it.each(["II", "1", "hoàn thành", "II.1.2", "ABC.1"])("reads no ref in %j", (text) => {
    expect(readRef(text)).toBeUndefined();
  });

  it("compares labels without accents, emoji, case or Telex keys", () => {
    expect(looseKey("✅ Hoàn thành!")).toBe(looseKey("hoanf thanhf"));
    expect(looseKey("Vướng mắc")).toBe(looseKey("vuowngs macws"));
    expect(looseKey("Đang thực hiện")).toBe(looseKey("ddang thuwcj hieenj"));
  });

  it("matches a label exactly, then by a prefix that fits one, and returns the candidates otherwise", () => {
    const labels = ["Chưa bắt đầu", "Đang thực hiện", "Hoàn thành", "Đang chờ"];
    expect(matchLabel("hoan", labels, (l) => l)).toEqual({ one: "Hoàn thành" });
    expect(matchLabel("dang", labels, (l) => l)).toEqual({ many: ["Đang thực hiện", "Đang chờ"] });
    expect(matchLabel("ho", labels, (l) => l)).toBeUndefined();
    expect(matchLabel("xong", labels, (l) => l)).toBeUndefined();
  });
});
