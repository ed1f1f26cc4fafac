import { beforeAll, describe, expect, it } from "vitest";
import { engines, person, type Seeded } from "./engines.ts";

const now = new Date("2026-12-01T03:00:00Z");
const at = now.toISOString();

describe.each(engines())("store: a turn's start ($name)", (engine) => {
  let o: Seeded;
  beforeAll(async () => {
    o = await engine.seeded();
  });

  it("reads nobody and no flow for a stranger", async () => {
    expect(await o.store.turns.start("tg:501", "tg:501", now)).toEqual({ actor: undefined, flow: undefined });
  });

  it("reads the speaker's live contacts in order and the flow of the chat written in", async () => {
    const s = o.store.people;
    const focal = await s.addContact(
      { agencyId: "so-y-te", role: "focal", chatId: "tg:502", lang: "en" },
      at,
    );
    await person(o.q, { agency: "so-tai-chinh", role: "head", chat: "tg:502", removed: true });
    const head = await s.addContact({ agencyId: "so-y-te", role: "head", chatId: "tg:502", lang: "vi" }, at);
    // The consent gate reads the version from here on PostgreSQL: it must come through.
    await o.store.privacy.recordConsent([focal.id], "v2", at);
    const offered = [{ label: "Xong", data: "f:abc:sdn" }];
    const flow = await o.store.flows.start("tg:-9", focal.id, "report", "status", { page: 1 }, now);
    await o.store.flows.offer("tg:-9", flow.nonce, offered);
    await o.store.flows.start("tg:502", null, "settings", "lang", {}, now);

    const read = await o.store.turns.start("tg:502", "tg:-9", now);
    expect(read.actor).toEqual({
      contacts: [
        { id: focal.id, agencyId: "so-y-te", agencyName: "Sở Y tế", role: "focal", consentVersion: "v2" },
        { id: head.id, agencyId: "so-y-te", agencyName: "Sở Y tế", role: "head", consentVersion: null },
      ],
      lang: "en",
    });
    expect(read.actor).toEqual(await s.actor("tg:502"));
    expect(read.flow).toEqual({ ...flow, choices: offered });
    expect(read.flow).toEqual(await o.store.flows.get("tg:-9", now));
  });

  it("clears an expired flow and reads none", async () => {
    await o.store.flows.start("tg:503", null, "report", "task", {}, now);
    const later = new Date(now.getTime() + 86_400_000);
    expect((await o.store.turns.start("tg:503", "tg:503", later)).flow).toBeUndefined();
    // Gone, not only hidden: the next read a second earlier finds nothing either.
    expect(await o.store.flows.get("tg:503", now)).toBeUndefined();
  });

  it("brings a report flow's assignment on PostgreSQL, as reports.assignmentFor reads it", async () => {
    const [mine] = await o.store.reports.assignmentsOf("so-y-te");
    const [theirs] = await o.store.reports.assignmentsOf("so-tai-chinh");
    if (!mine || !theirs) throw new Error("the seeded plan gives both agencies assignments");
    const data = (assignmentId: unknown) => ({ agencyId: "so-y-te", page: 0, assignmentId });
    await o.store.flows.start("tg:504", null, "report", "status", data(mine.assignmentId), now);
    await o.store.flows.start("tg:505", null, "report", "status", data(theirs.assignmentId), now);
    await o.store.flows.start("tg:506", null, "report", "task", { agencyId: "so-y-te", page: 0 }, now);
    await o.store.flows.start("tg:507", null, "settings", "lang", data(mine.assignmentId), now);
    const read = async (chat: string) => (await o.store.turns.start(chat, chat, now)).reportAssignment;
    if (o.q.dialect !== "postgres") {
      // SQLite reads it in the step, as before: nothing read here.
      expect(await read("tg:504")).toBeUndefined();
      return;
    }
    expect(await read("tg:504")).toEqual({ value: mine });
    expect(await read("tg:504")).toEqual({
      value: await o.store.reports.assignmentFor("so-y-te", mine.assignmentId),
    });
    // Another agency's assignment is not this flow's to report on.
    expect(await read("tg:505")).toEqual({ value: undefined });
    expect(await read("tg:506")).toBeUndefined();
    expect(await read("tg:507")).toBeUndefined();
  });
});
