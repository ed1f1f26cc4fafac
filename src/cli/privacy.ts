import type { Command } from "commander";
import { UserError } from "../errors.ts";
import { describePerson } from "../people/privacy-text.ts";
import type { Store } from "../store/index.ts";
import type { CliContext } from "./context.ts";

/** The operator answering a person's request: `people show|forget --contact ID`, each one audited. */
export function registerPrivacyCommands(program: Command, ctx: CliContext): void {
  const people = program.command("people").description(ctx.t("cli-people"));
  people
    .command("show")
    .description(ctx.t("cli-people-show"))
    .requiredOption("--contact <id>", ctx.t("cli-opt-contact"))
    .option("--json", ctx.t("cli-opt-json"))
    .action(async (o: { contact: string; json?: boolean }) => {
      const core = await ctx.core();
      const ids = await personOf(core.store, o.contact);
      const data = await core.store.privacy.personData(ids);
      for (const id of ids) await audit(core.store, "privacy.show", id, null);
      if (o.json) return ctx.out(JSON.stringify(data, null, 2));
      ctx.out(describePerson(ctx.t, data, (iso) => core.calendar.localDate(new Date(iso))));
    });
  people
    .command("forget")
    .description(ctx.t("cli-people-forget"))
    .requiredOption("--contact <id>", ctx.t("cli-opt-contact"))
    .action(async (o: { contact: string }) => {
      const store = (await ctx.core()).store;
      const ids = await personOf(store, o.contact);
      const done = await store.transaction(async (tx) => {
        const forgotten = await tx.privacy.forget(ids, new Date().toISOString());
        for (const id of ids) {
          await audit(tx, "person.forget", id, forgotten);
          await tx.audit.anonymizeActor(id);
        }
        return forgotten;
      });
      ctx.out(ctx.t("cli-people-forgotten", { ids: ids.map((id) => `#${id}`).join(", "), ...done }));
    });
}

/** The contact and the others of the same person; an unknown or erased one is a polite error. */
async function personOf(store: Store, typed: string): Promise<number[]> {
  const id = /^#?\d{1,9}$/.test(typed.trim()) ? Number(typed.trim().replace("#", "")) : Number.NaN;
  const ids = Number.isNaN(id) ? [] : await store.privacy.personOf({ contactId: id });
  if (ids.length === 0) throw new UserError("err-people-unknown", { id: typed });
  return ids;
}

function audit(store: Store, action: string, contactId: number, after: unknown): Promise<void> {
  return store.audit.record({
    actorKind: "operator",
    actorLabel: "cli",
    action,
    targetKind: "contact",
    targetId: contactId,
    after,
    channel: "cli",
  });
}
