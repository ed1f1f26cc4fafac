import { describe, expect, it } from "vitest";
import { group, type Person, person, sentBefore, textOf } from "../e2e/telegram/support.ts";
import { linkContact, startTestApp, type TestApp } from "../helpers/app.ts";

const coordinator = person(2001, "PC06");
const head = person(1002, "Giám đốc Y tế");
const focal = person(1001, "Đầu mối Y tế");

async function ask(t: TestApp, who: Person, text: string): Promise<string> {
  return textOf(await sentBefore(t, who.chat, who, () => t.emulator.sendText(who.user, who.chat, text)));
}

const linkIn = (text: string) => /http:\/\/127\.0\.0\.1:(\d+)\/web\/login\/(\S+)/.exec(text);

describe("/quanly (/web) in chat", () => {
  it("gives a coordinator and a head a one-time link to this server, and refuses a focal point", async () => {
    const t = await startTestApp();
    const coordinatorId = await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator");
    const headId = await linkContact(t, head.user.id, "so-y-te", "head");
    await linkContact(t, focal.user.id, "so-y-te", "focal");

    const answer = await ask(t, coordinator, "/quanly");
    expect(answer).toMatch(
      /^Liên kết đăng nhập trang quản lý \(dùng một lần, hết hạn lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\):/,
    );
    const link = linkIn(answer);
    expect(Number(link?.[1])).toBe(t.app.http.port);
    // The link the chat gave opens a session on this server, once.
    const login = (token: string) =>
      fetch(`http://127.0.0.1:${t.app.http.port}/web/login`, {
        method: "POST",
        body: new URLSearchParams({ token }),
        redirect: "manual",
      });
    expect((await login(link?.[2] ?? "")).status).toBe(303);
    expect((await login(link?.[2] ?? "")).status).toBe(410);

    expect(linkIn(await ask(t, head, "/web"))).not.toBeNull();
    const links = await t.core.store.audit.list({ action: "web.link" });
    expect(links.map((r) => [r.actorContactId, r.channel])).toEqual([
      [headId, "tg"],
      [coordinatorId, "tg"],
    ]);
    // Typed with accents, as a phone keyboard may.
    const refused = await ask(t, focal, "/quảnlý");
    expect(refused).toBe("Chỉ cán bộ điều phối và lãnh đạo đơn vị mới mở được trang quản lý.");
  });

  it("answers in private only: a link is never posted to a group", async () => {
    const t = await startTestApp();
    await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator");
    const room = group(-700, "Tổ công tác Đề án 06");
    const replies = await sentBefore(t, room, coordinator, () =>
      t.emulator.sendText(coordinator.user, room, "/quanly"),
    );
    expect(textOf(replies)).not.toContain("/web/login/");
  });
});
