import type { Command } from "commander";
import { instantLabel } from "../domain/period.ts";
import { UserError } from "../errors.ts";
import { canSignIn } from "../people/web-roles.ts";
import { operatorActor } from "../store/audit-actor.ts";
import { SignInLinks } from "../web/links.ts";
import { secretSource } from "../web/secret.ts";
import type { CliContext } from "./context.ts";

/** `web link --contact ID [--json]`: a one-time sign-in link for the operator to hand over. */
export function registerWebCommands(program: Command, ctx: CliContext): void {
  const web = program.command("web").description(ctx.t("cli-web"));
  web
    .command("link")
    .description(ctx.t("cli-web-link"))
    .requiredOption("--contact <id>", ctx.t("cli-web-contact"))
    .option("--json", ctx.t("cli-opt-json"))
    .action(async (o: { contact: string; json?: boolean }) => {
      const id = Number(o.contact);
      const contact = Number.isSafeInteger(id) ? await (await ctx.store()).people.contactById(id) : undefined;
      if (!contact) throw new UserError("err-web-contact", { id: o.contact });
      if (!canSignIn(contact.role))
        throw new UserError("err-web-role", { id, role: ctx.t(`role-${contact.role}`) });
      // The link's nonce goes to the same Redis (and QUEUE_PREFIX) the running bot reads;
      // ioredis loads for this command only, not at every CLI start.
      const { connectNow, redactUrl } = await import("../jobs/redis.ts");
      const redis = await connectNow(ctx.config.REDIS_URL).catch(() => {
        throw new UserError("err-web-redis", { url: redactUrl(ctx.config.REDIS_URL) });
      });
      try {
        const links = new SignInLinks(redis, ctx.config, secretSource(redis, ctx.config));
        const { url, expiresAt } = await links.issue(id);
        const store = await ctx.store();
        await store.audit.record({
          ...operatorActor(),
          action: "web.link",
          targetKind: "contact",
          targetId: id,
        });
        if (o.json) return ctx.out(JSON.stringify({ url, expiresAt }));
        ctx.out(ctx.t("cli-web-link-done", { id, url, expires: instantLabel(new Date(expiresAt)) }));
      } finally {
        redis.disconnect();
      }
    });
}
