import { describe, expect, it } from "vitest";
import { csrfOf, form, webFixture } from "./fixture.ts";

const at = "2027-01-20T01:00:00.000Z";

describe("web console: the delivery log", () => {
  it("shows who got what by agency and name, never the chat id; filters; a coordinator sends a failed one again", async () => {
    const f = await webFixture();
    const msg = (key: string, state: string) => ({
      dedupeKey: key,
      chatId: "tg:1001",
      contactId: f.people.ytFocal,
      agencyId: "so-y-te",
      kind: state === "failed" ? "deadline-reminder" : "digest",
      text: `Nhắc ${key}`,
      sendAfter: at,
    });
    const [failed, ok] = await f.core.store.outbox.add([msg("a", "failed"), msg("b", "sent")], at);
    await f.core.store.outbox.markFailed(failed as number, "Forbidden: bot was blocked");
    await f.core.store.outbox.markSent(ok as number, "77", at);

    const head = await f.signIn(f.people.ytHead);
    const readOnly = await (await f.request("/web/messages", { cookie: head.cookie })).text();
    expect(readOnly).toContain("Đầu mối Y tế, Sở Y tế");
    expect(readOnly).not.toContain("1001");
    expect(readOnly).not.toContain("/retry");
    const forged = await f.request(`/web/messages/${failed}/retry`, {
      method: "POST",
      cookie: head.cookie,
      body: form({ _csrf: csrfOf(readOnly) }),
    });
    expect(forged.status).toBe(403);
    expect((await f.core.store.outbox.get(failed as number))?.state).toBe("failed");

    const { cookie } = await f.signIn(f.people.coordinator);
    const onlyFailed = await (
      await f.request("/web/messages?state=failed&agency=so-y-te", { cookie })
    ).text();
    expect(onlyFailed).toContain(`data-message="${failed}"`);
    expect(onlyFailed).not.toContain(`data-message="${ok}"`);
    expect(onlyFailed).toContain("Lý do: Forbidden: bot was blocked");
    const _csrf = csrfOf(onlyFailed);
    const retry = await f.request(`/web/messages/${failed}/retry`, {
      method: "POST",
      cookie,
      body: form({ _csrf }),
    });
    expect(retry.status).toBe(303);
    expect(await f.core.store.outbox.get(failed as number)).toMatchObject({ state: "pending", attempts: 0 });
    expect((await f.core.store.audit.list({ action: "outbox.retry" }))[0]).toMatchObject({
      targetId: String(failed),
      channel: "web",
    });
    // A sent message is never sent twice.
    const again = await f.request(`/web/messages/${ok}/retry`, {
      method: "POST",
      cookie,
      body: form({ _csrf }),
    });
    expect(again.status).toBe(409);
    expect((await f.core.store.outbox.get(ok as number))?.state).toBe("sent");
  });
});
