import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseNotice } from "../../src/people/consent.ts";
import { tempDir } from "../helpers/db.ts";
import { CHANNELS, type ChannelName, channelHarness } from "./harness.ts";

/** The agency replaced the notice: everyone linked answers it again before anything else. */
function noticeFile(): string {
  const path = join(tempDir(), "notice.txt");
  writeFileSync(path, "version: 2027-01\nThông báo mới của Công an tỉnh Gia Lai về dữ liệu cá nhân.\n");
  return path;
}

describe("a notice file, versioned", () => {
  it("reads the version line, or hashes the text so any edit is a new version", () => {
    expect(parseNotice("phiên bản: 3\nNội dung").version).toBe("3");
    const a = parseNotice("Nội dung thông báo").version;
    expect(a).toMatch(/^sha256-[0-9a-f]{12}$/);
    expect(parseNotice("Nội dung thông báo đã sửa").version).not.toBe(a);
  });
});

describe.each(Object.keys(CHANNELS) as ChannelName[])("consent on %s", (name) => {
  it("asks again for a new notice, lets nothing else through until answered, and records the answer", async () => {
    const h = await channelHarness(name, { CONSENT_NOTICE_FILE: noticeFile() });
    const bare = name !== "telegram";
    const asked = await h.send(bare ? "nhiem vu" : "/nhiemvu");
    expect(asked).toContain("Thông báo mới của Công an tỉnh Gia Lai");
    expect(asked).not.toContain("Nhiệm vụ của Sở Y tế");
    // Their rights work before answering.
    expect(await h.send(bare ? "dulieucuatoi" : "/dulieucuatoi")).toContain(
      "Dữ liệu nhacviec đang lưu về bạn:",
    );
    await h.send("/baocao");
    expect((await h.flow())?.kind).toBe("consent");
    const thanks = bare ? await h.send("1") : await h.press("yes");
    expect(thanks).toContain("Đã ghi nhận sự đồng ý");
    const rows = await h.core.store.privacy.personData(
      await h.core.store.privacy.personOf({ chatId: h.chat }),
    );
    expect(rows.contacts.map((c) => c.consentVersion)).toEqual(["2027-01"]);
    expect(await h.send(bare ? "nhiem vu" : "/nhiemvu")).toContain("Nhiệm vụ của Sở Y tế");
  });

  it("erases a person who confirms /xoadulieu, typed as people type", async () => {
    const h = await channelHarness(name);
    const [before] = await h.core.store.privacy.personOf({ chatId: h.khcn });
    expect(await h.send(name === "telegram" ? "/xoadulieu" : "xoadulieu", h.khcn)).toContain("Xác nhận xóa");
    expect(await h.send("xoa di", h.khcn)).toContain("Đã xóa dữ liệu của bạn.");
    expect(await h.core.store.privacy.personOf({ chatId: h.khcn })).toEqual([]);
    const kept = await h.core.store.privacy.personData([before as number]);
    expect(kept.contacts.map((c) => c.name)).toEqual([null]);
    expect(kept.chats).toEqual([]);
  });
});
