import { describe, expect, it } from "vitest";
import { rowsOf } from "../helpers/engine-choice.ts";
import { channelHarness } from "./harness.ts";

const COORDINATOR = "tg:2001";
const HEAD = "tg:1002";
const AWAY =
  "🏖 Lãnh đạo Sở Y tế (Giám đốc Y tế) nghỉ phép đến hết 29/01/2027 và không ủy quyền ai: tin gửi lãnh đạo chưa có người đọc, anh/chị nên liên hệ người khác của đơn vị.";

describe("the coordinators' lists while a head is on leave", () => {
  it("/trehan and /chuabaocao say the head is away until when, until a deputy is named", async () => {
    const h = await channelHarness("telegram");
    h.setNow(new Date("2027-01-18T09:00:00+07:00"));
    expect(await h.send("/nghiphep giam doc y te 18/1 29/1", COORDINATOR)).toContain(
      "Đã ghi nghỉ phép của Giám đốc Y tế từ 18/01/2027 đến hết 29/01/2027.",
    );
    h.setNow(new Date("2027-01-20T09:00:00+07:00"));
    const overdue = await h.send("/trehan so y te", COORDINATOR);
    expect(overdue).toMatch(/^❗ \d+ nhiệm vụ quá hạn/);
    expect(overdue.endsWith(`\n\n${AWAY}`)).toBe(true);
    const missing = await h.send("/chuabaocao", COORDINATOR);
    expect(missing).toContain(`\n\n${AWAY}`);
    expect(missing.match(/🏖/g)).toHaveLength(1);

    // The head names the focal point as deputy: the lists say nothing more.
    expect(await h.send("anh uy quyen cho dau moi y te", HEAD)).toContain(
      "Đầu mối Y tế sẽ nhận nhắc việc thay",
    );
    const [leave] = await rowsOf(h.core)<{ deputy_contact_id: number | null }>(
      "select deputy_contact_id from leaves",
    );
    expect(leave?.deputy_contact_id).not.toBeNull();
    expect(await h.send("/trehan so y te", COORDINATOR)).not.toContain("🏖");
    expect(await h.send("/chuabaocao", COORDINATOR)).not.toContain("🏖");
  });
});
