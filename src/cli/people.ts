import type { Command } from "commander";
import { scopeText } from "../engine/digest.ts";
import { addContact, importContactsFile } from "../people/contacts.ts";
import { subscribe, unsubscribe } from "../people/subscriptions.ts";
import { operatorActor } from "../store/index.ts";
import type { CliContext } from "./context.ts";
import { registerPrivacyCommands } from "./privacy.ts";

export function registerPeopleCommands(program: Command, ctx: CliContext): void {
  registerContactCommands(program, ctx);
  registerGroupCommands(program, ctx);
  registerPrivacyCommands(program, ctx);
}

function registerContactCommands(program: Command, ctx: CliContext): void {
  const contacts = program.command("contacts").description(ctx.t("cli-contacts"));
  contacts
    .command("add")
    .description(ctx.t("cli-contacts-add"))
    .requiredOption("--agency <agency>", ctx.t("cli-opt-agency"))
    .requiredOption("--role <role>", "focal | head | coordinator | admin")
    .requiredOption("--chat <chat>", ctx.t("cli-opt-chat"))
    .option("--name <name>", ctx.t("cli-opt-name"))
    .option("--lang <lang>", "vi | en", "vi")
    .action(async (o: { agency: string; role: string; chat: string; name?: string; lang: string }) => {
      const r = await addContact((await ctx.core()).store, o, undefined, operatorActor());
      ctx.out(ctx.t(r.created ? "cli-contact-added" : "cli-contact-updated", { id: r.id, chat: o.chat }));
    });
  contacts
    .command("import <file>")
    .description(ctx.t("cli-contacts-import"))
    .action(async (file: string) => {
      const r = await importContactsFile((await ctx.core()).store, file, operatorActor());
      ctx.out(ctx.t("cli-contacts-imported", { created: r.created, updated: r.updated, file }));
    });
  contacts
    .command("list")
    .description(ctx.t("cli-contacts-list"))
    .option("--json", ctx.t("cli-opt-json"))
    .action(async (o: { json?: boolean }) => {
      const rows = await (await ctx.store()).people.listContacts();
      if (o.json) return ctx.out(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return ctx.out(ctx.t("cli-none"));
      for (const r of rows) {
        const flag = r.unreachableAt ? ` ⚠ ${ctx.t("cli-unreachable")}` : "";
        ctx.out(
          `#${r.id}  ${r.agencyId}  ${r.role.padEnd(11)} ${r.chatId}  ${r.name ?? ""} [${r.lang}]${flag}`,
        );
      }
    });
}

function registerGroupCommands(program: Command, ctx: CliContext): void {
  const groups = program.command("groups").description(ctx.t("cli-groups"));
  groups
    .command("subscribe <chat>")
    .description(ctx.t("cli-groups-subscribe"))
    .option("--scope <scope>", ctx.t("cli-opt-scope"), "plan")
    .option("--plan <id>", ctx.t("cli-opt-plan"))
    .option("--lang <lang>", "vi | en", "vi")
    .action(async (chat: string, o: { scope: string; plan?: string; lang: string }) => {
      const scope = await subscribe(
        (await ctx.core()).store,
        {
          chat,
          planId: o.plan,
          scope: o.scope,
          lang: o.lang === "en" ? "en" : "vi",
        },
        undefined,
        operatorActor(),
      );
      const names = await (await ctx.core()).store.snapshot.agencyNames();
      ctx.out(ctx.t("cli-subscribed", { chat, scope: scopeText(ctx.i18n, ctx.lang, scope, names) }));
    });
  groups
    .command("unsubscribe <chat>")
    .description(ctx.t("cli-groups-unsubscribe"))
    .action(async (chat: string) => {
      const gone = await unsubscribe((await ctx.core()).store, chat, operatorActor());
      ctx.out(ctx.t(gone ? "cli-unsubscribed" : "cli-not-subscribed", { chat }));
    });
}
