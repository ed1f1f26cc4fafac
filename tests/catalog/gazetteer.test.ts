import { describe, expect, it } from "vitest";
import { ensureDefaultAgencies } from "../../src/catalog/agency-import.ts";
import { UnknownAgencyError } from "../../src/catalog/gazetteer.ts";
import { loadGazetteer } from "../../src/catalog/plan-import.ts";
import { config, storeOf, tempDatabase } from "../helpers/db.ts";

async function gazetteer() {
  const { db } = tempDatabase();
  await ensureDefaultAgencies(storeOf(db), config.AGENCY_FILES);
  return await loadGazetteer(storeOf(db));
}

const ids = (parties: { agencyId?: string; groupId?: string }[]) =>
  parties.map((p) => p.agencyId ?? `group:${p.groupId}`);

describe("the agency gazetteer", async () => {
  const g = await gazetteer();

  it("keeps commas inside names", async () => {
    expect(ids(g.resolve("Sở Văn hóa, Thể thao và Du lịch"))).toEqual(["so-van-hoa-the-thao-va-du-lich"]);
  });

  it("reads group phrases that contain commas", async () => {
    expect(ids(g.resolve("Các sở, ngành tỉnh"))).toEqual(["group:departments"]);
    expect(ids(g.resolve("UBND các xã, phường"))).toEqual(["group:communes"]);
    expect(ids(g.resolve("các sở, ban, ngành tỉnh"))).toEqual(["group:departments"]);
    expect(ids(g.resolve("các sở, ngành tỉnh, UBND các xã, phường và cơ quan, đơn vị có liên quan"))).toEqual(
      ["group:departments", "group:communes", "group:related"],
    );
    expect(ids(g.resolve("Các sở, ngành, địa phương"))).toEqual(["group:departments", "group:communes"]);
  });

  it("splits two names written with no separator", async () => {
    expect(ids(g.resolve("Văn phòng UBND tỉnh Công an tỉnh"))).toEqual([
      "van-phong-ubnd-tinh",
      "cong-an-tinh",
    ]);
  });

  it("knows one agency under all its spellings", async () => {
    for (const name of [
      "Ngân hàng Nhà nước Việt Nam chi nhánh khu vực 11",
      "Ngân hàng nhà Việt Nam Chi nhánh khu vực 11",
      "NHNN Khu vực 11",
      "Ngân hàng Nhà nước khu vực 11",
    ]) {
      expect(ids(g.resolve(name))).toEqual(["nhnn-kv11"]);
    }
    expect(ids(g.resolve("Thuế tỉnh"))).toEqual(["thue-tinh"]);
    expect(ids(g.resolve("Thuế tỉnh Gia Lai"))).toEqual(["thue-tinh"]);
    expect(ids(g.resolve("Sở Công thương"))).toEqual(["so-cong-thuong"]);
    expect(ids(g.resolve("Sở Công Thương"))).toEqual(["so-cong-thuong"]);
  });

  it("lists external bodies and communes", async () => {
    expect(ids(g.resolve("Bộ Y tế, C06"))).toEqual(["bo-y-te", "cuc-c06"]);
    expect(ids(g.resolve("UBND phường Pleiku"))).toEqual(["phuong-pleiku"]);
  });

  it("fails on a name it does not know, quoting the rest of the cell", async () => {
    try {
      g.resolve("Sở Y tế, Sở Kế hoạch và Đầu tư");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnknownAgencyError);
      expect((e as UnknownAgencyError).rest).toBe("Sở Kế hoạch và Đầu tư");
    }
  });
});
