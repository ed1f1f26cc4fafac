import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { registerPlatforms } from "../../src/channels/platforms.ts";
import { UserError } from "../../src/errors.ts";
import { addContact, importContactsFile } from "../../src/people/contacts.ts";
import { tempDir } from "../helpers/db.ts";
import { engines, type Seeded } from "../store/engines.ts";

// Chat ids are checked against the platforms the channel registry knows.
registerPlatforms();

const csv = (body: string) => {
  const file = join(tempDir(), "contacts.csv");
  writeFileSync(file, `agency,role,chat,name,lang\n${body}`);
  return file;
};
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof UserError ? e.key : e),
  );

describe.each(engines())("contacts over the store ($name)", (engine) => {
  let o: Seeded;
  beforeAll(async () => {
    o = await engine.seeded();
  });
  const live = async () =>
    (await o.store.people.listContacts()).map((c) => `${c.agencyId}/${c.role}/${c.chatId}`);

  it("links a chat to an agency found as typed, once per agency, role and chat", async () => {
    const first = await addContact(o.store, { agency: "so y te", role: "focal", chat: "tg:11", name: "An" });
    expect(first.created).toBe(true);
    const again = await addContact(o.store, { agency: "so-y-te", role: "focal", chat: "tg:11", lang: "en" });
    expect(again).toEqual({ id: first.id, created: false });
    expect((await o.store.people.listContacts()).find((c) => c.id === first.id)).toMatchObject({
      name: "An",
      lang: "en",
    });
  });

  it("refuses an agency outside the province, an unknown role, chat or language, and writes nothing", async () => {
    const before = await live();
    const add = (input: Partial<Parameters<typeof addContact>[1]>) =>
      refusal(addContact(o.store, { agency: "so-y-te", role: "focal", chat: "tg:12", ...input }));
    expect(await add({ agency: "bo-cong-an" })).toBe("err-agency-external");
    expect(await add({ agency: "khong co don vi nay" })).toBe("err-agency-unknown");
    expect(await add({ role: "boss" })).toBe("err-role");
    expect(await add({ chat: "fax:1" })).toBe("err-chat-id");
    expect(await add({ lang: "fr" })).toBe("err-lang");
    expect(await live()).toEqual(before);
  });

  it("imports a CSV all or nothing, counting new and updated contacts", async () => {
    const before = await live();
    const bad = csv("so-y-te,focal,tg:21,Bình,vi\ncong-an-tinh,focal,tg:22,,\nso-tu-phap,chief,tg:23,,\n");
    const e = await importContactsFile(o.store, bad).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).key).toBe("err-csv-row");
    expect((e as UserError).args.line).toBe(4);
    expect(await live()).toEqual(before);

    const good = csv("so-y-te,focal,tg:21,Bình,vi\ncong-an-tinh,focal,tg:22,,\nso-y-te,focal,tg:11,An,en\n");
    expect(await importContactsFile(o.store, good)).toEqual({ created: 2, updated: 1 });
    expect(await live()).toEqual(
      expect.arrayContaining(["so-y-te/focal/tg:21", "cong-an-tinh/focal/tg:22", "so-y-te/focal/tg:11"]),
    );
    expect(await importContactsFile(o.store, good)).toEqual({ created: 0, updated: 3 });
  });
});
