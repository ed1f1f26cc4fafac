import { describe, expect, it } from "vitest";
import { conversationDeps } from "../../src/core.ts";
import { cli } from "../helpers/cli.ts";
import { consoleSession } from "../helpers/console.ts";
import { reportAll } from "../helpers/engine.ts";
import { databaseEnv } from "../helpers/engine-choice.ts";
import { webFixture } from "./fixture.ts";

type Fixture = Awaited<ReturnType<typeof webFixture>>;

/** `npm run cli -- api token …` beside the fixture's database, as the operator runs it. */
const apiCli = (f: Fixture, ...args: string[]) => cli(["api", "token", ...args], databaseEnv(f.core));

const status = (f: Fixture, query: string, authorization?: string) =>
  f.request(`/api/status${query}`, authorization ? { headers: { authorization } } : {});

// Two CLI processes per test: slow on a loaded two-core machine, not a speed measure.
describe("GET /api/status with tokens", { timeout: 120_000 }, () => {
  it("gives a month's figures to a live token only, the same as /chuabaocao and the export", async () => {
    const f = await webFixture();
    await reportAll(f.core, "van-phong-ubnd-tinh", "2026-12");
    await reportAll(f.core, "so-y-te", "2026-12", "done");

    const created = apiCli(f, "create", "--name", "Cổng dữ liệu tỉnh", "--json");
    expect(created.stderr).toBe("");
    const { id, token } = JSON.parse(created.stdout) as { id: number; token: string };
    expect(token).toMatch(/^nv_[\w-]{43}$/);

    expect((await status(f, "?period=2026-12")).status).toBe(401);
    const wrong = await status(f, "?period=2026-12", `Bearer nv_${"x".repeat(43)}`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await wrong.json()).toMatchObject({ error: "unauthorized" });
    expect((await status(f, "?period=2026-12", `Basic ${token}`)).status).toBe(401);

    const res = await status(f, "?period=2026-12", `Bearer ${token}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    const { model } = await conversationDeps(f.core).exportSynthesis({
      period: "2026-12",
      now: f.now,
      format: "csv",
    });
    expect(body.period).toBe("2026-12");
    expect(body.deadline).toBe("2027-01-10");
    expect(body.notReported.map((a: { agencyId: string }) => a.agencyId)).toEqual(
      model.missing.map((m) => m.agencyId),
    );
    expect(body.notReported.map((a: { agencyId: string }) => a.agencyId)).not.toContain("so-y-te");
    expect(body.assignments.done).toBe(model.totals.done);
    expect(body.assignments.done).toBeGreaterThan(0);
    expect(body.rate.required - body.rate.reported).toBe(model.missing.length);
    // No person's name or chat id leaves through the API.
    expect(JSON.stringify(body)).not.toMatch(/tg:|Đầu mối|PC06/);

    const chat = await consoleSession({ now: f.now.toISOString(), fixture: f });
    const said = await chat.type("/as cong-an-tinh coordinator", "/chuabaocao 12/2026");
    const count = Number(/: (\d+) đơn vị chưa báo cáo đầy đủ/.exec(said)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(count).toBe(body.notReported.length);

    const [row] = await f.core.store.apiTokens.list();
    expect(row).toMatchObject({ id, name: "Cổng dữ liệu tỉnh", revokedAt: null });
    expect(row?.lastUsedAt).not.toBeNull();
  });

  it("answers 400 with the reason for a month that is malformed or has no report", async () => {
    const f = await webFixture();
    const { token } = JSON.parse(apiCli(f, "create", "--name", "thu", "--json").stdout) as { token: string };
    const auth = `Bearer ${token}`;
    for (const query of ["", "?period=2026-13", "?period=12/2026", "?period=2026-1"]) {
      const res = await status(f, query, auth);
      expect(res.status).toBe(400);
      expect((await res.json()).message).toContain("YYYY-MM");
    }
    const future = await status(f, "?period=2027-02", auth);
    expect(future.status).toBe(400);
    expect((await future.json()).message).toContain("“2027-02” không phải tháng hợp lệ");
    const before = await f.request("/api/status?period=2025-12", {
      headers: { authorization: auth, "accept-language": "en" },
    });
    expect(before.status).toBe(400);
    expect((await before.json()).message).toMatch(/2026/);
  });

  it("lists tokens without them, revokes one at once, and keeps both in the audit trail", async () => {
    const f = await webFixture();
    const { id, token } = JSON.parse(apiCli(f, "create", "--name", "Bao cao Bo", "--json").stdout) as {
      id: number;
      token: string;
    };
    const plain = apiCli(f, "create", "--name", "Thong ke");
    expect(plain.stdout).toMatch(/Đã tạo mã truy cập #\d+ \(Thong ke\)\. Mã chỉ hiện một lần/);
    const listed = apiCli(f, "list");
    expect(listed.stdout).toContain(`#${id} Bao cao Bo: tạo `);
    expect(listed.stdout).toContain("dùng lần cuối chưa");
    expect(listed.stdout).not.toContain(token);
    expect(listed.stdout).not.toContain(token.slice(3, 20));

    expect((await status(f, "?period=2026-12", `Bearer ${token}`)).status).toBe(200);
    const revoked = apiCli(f, "revoke", String(id));
    expect(revoked.stdout).toContain(`Đã thu hồi mã truy cập #${id} (Bao cao Bo).`);
    expect((await status(f, "?period=2026-12", `Bearer ${token}`)).status).toBe(401);
    const again = apiCli(f, "revoke", String(id));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Không có mã truy cập #${id} còn hiệu lực.`);
    expect(apiCli(f, "list").stdout).toMatch(new RegExp(`#${id} Bao cao Bo: .*đã thu hồi`));

    const trail = await f.core.store.audit.list({ action: "api.*" });
    expect(trail.map((r) => [r.action, r.targetId, r.channel])).toEqual([
      ["api.token.revoke", String(id), "cli"],
      ["api.token.create", String(id + 1), "cli"],
      ["api.token.create", String(id), "cli"],
    ]);
    expect(JSON.stringify(trail)).not.toContain(token);
  });
});
