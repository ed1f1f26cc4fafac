import { describe, expect, it } from "vitest";
import { consoleSession } from "../helpers/console.ts";

/** Runs the console demo over the given lines and returns everything it printed. */
const session = async (lines: string[]) => (await consoleSession()).type(...lines);

describe("the console demo's /tick", () => {
  it("says when messages will go out when the instant is outside working time", async () => {
    const printed = await session(["/tick 2026-12-05T08:00:00+07:00"]);
    expect(printed).toContain("0 tin nhắn mới");
    expect(printed).toContain("sẽ được soạn và gửi từ 07:30 07/12/2026");
  });

  it("says nothing more during working time", async () => {
    const printed = await session(["/tick 2026-12-07T09:00:00+07:00"]);
    expect(printed).toMatch(/: \d+ tin nhắn mới\./);
    expect(printed).not.toContain("ngoài giờ làm việc");
  });

  it("reads an instant with no offset as Vietnam time and refuses impossible dates", async () => {
    const { type, core } = await consoleSession();
    expect(await type("/tick 2026-12-07T09:00")).toContain(
      "Đã chạy quy tắc nhắc việc tại 2026-12-07T02:00:00.000Z",
    );
    const before = (await core.outbox.list()).length;
    for (const bad of ["2026-02-30T08:00", "2026-12-07T25:00", "2026-13-01T08:00:00+07:00", "mai"])
      expect(await type(`/tick ${bad}`)).toContain(`“${bad}” không phải thời điểm hợp lệ`);
    expect(await core.outbox.list()).toHaveLength(before);
  });
});
