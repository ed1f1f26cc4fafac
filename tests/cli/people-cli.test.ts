import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { createContext } from "../../src/cli/context.ts";
import { registerPeopleCommands } from "../../src/cli/people.ts";
import { I18n } from "../../src/i18n/index.ts";
import { config, seededDatabase } from "../helpers/db.ts";

/** `people show|forget` in-process on a seeded SQLite file, collecting what it prints. */
function peopleCli() {
  const db = seededDatabase();
  const lines: string[] = [];
  const program = new Command("nhacviec").exitOverride();
  const ctx = { ...createContext({ ...config, DB_PATH: db.path }, new I18n(), "vi", program) };
  ctx.out = (line) => lines.push(line);
  registerPeopleCommands(program, ctx);
  const run = async (...args: string[]) => {
    lines.length = 0;
    await program.parseAsync(args, { from: "user" });
    return lines.join("\n");
  };
  return { run, ctx };
}

describe("people show and forget", () => {
  it("shows a person as text or JSON, forgets them, and audits each request", async () => {
    const { run, ctx } = peopleCli();
    await run(
      "contacts",
      "add",
      "--agency",
      "so y te",
      "--role",
      "focal",
      "--chat",
      "zalo:u-an",
      "--name",
      "An",
    );
    const store = await ctx.store();
    const [id] = await store.privacy.personOf({ chatId: "zalo:u-an" });
    expect(await run("people", "show", "--contact", String(id))).toContain(`Hồ sơ #${id}: An — Sở Y tế`);
    const json = JSON.parse(await run("people", "show", "--contact", String(id), "--json"));
    expect(json.chats.map((c: { id: string }) => c.id)).toEqual(["zalo:u-an"]);
    expect(json.contacts[0].consentVersion).toBeNull();
    expect(await run("people", "forget", "--contact", String(id))).toContain(
      `Đã xóa dữ liệu của hồ sơ #${id}`,
    );
    expect((await store.privacy.personData([id as number])).contacts[0]?.name).toBeNull();
    await expect(run("people", "show", "--contact", String(id))).rejects.toThrow("err-people-unknown");
    const audited = await store.audit.list({ targetKind: "contact", targetId: String(id) });
    expect(audited.map((a) => [a.action, a.actorKind, a.channel])).toEqual([
      ["person.forget", "operator", "cli"],
      ["privacy.show", "operator", "cli"],
      ["privacy.show", "operator", "cli"],
      ["contact.add", "operator", "cli"],
    ]);
  });
});
