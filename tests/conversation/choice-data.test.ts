import { describe, expect, it } from "vitest";
import { flowData, isCancelData, readFlowData, readReportData, reportData } from "../../src/choice-data.ts";

describe("button data", () => {
  it("reads back what it writes, and nothing else", () => {
    expect(readFlowData(flowData("k3x9", "a42"))).toEqual({ nonce: "k3x9", value: "a42" });
    expect(readFlowData("rp:5")).toBeUndefined();
    expect(readFlowData("f::x")).toBeUndefined();
    expect(isCancelData(flowData("k3x9", "x"))).toBe(true);
    expect(isCancelData(flowData("k3x9", "skip"))).toBe(false);
    expect(readReportData(reportData())).toBeNull();
    expect(readReportData(reportData(17))).toBe(17);
    expect(readReportData("rp:abc")).toBeUndefined();
    expect(readReportData("f:k3x9:ok")).toBeUndefined();
  });

  it("fits Telegram's 64 bytes for any flow answer the flows write", () => {
    expect(Buffer.byteLength(flowData("a".repeat(16), `a${Number.MAX_SAFE_INTEGER}`))).toBeLessThanOrEqual(
      64,
    );
  });
});
