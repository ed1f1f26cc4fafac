import type { Command } from "commander";
import { createInvite } from "../conversation/invites.ts";
import { dayLabel } from "../domain/period.ts";
import { operatorActor } from "../store/index.ts";
import type { CliContext } from "./context.ts";

async function botUsername(ctx: CliContext): Promise<string | undefined> {
  const { TELEGRAM_BOT_USERNAME, TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT } = ctx.config;
  if (TELEGRAM_BOT_USERNAME) return TELEGRAM_BOT_USERNAME;
  if (!TELEGRAM_BOT_TOKEN) return undefined;
  try {
    const { Api } = await import("grammy");
    return (await new Api(TELEGRAM_BOT_TOKEN, { apiRoot: TELEGRAM_API_ROOT }).getMe()).username;
  } catch {
    return undefined;
  }
}

export function registerInviteCommands(program: Command, ctx: CliContext): void {
  const invite = program.command("invite").description(ctx.t("cli-invite"));
  invite
    .command("create")
    .description(ctx.t("cli-invite-create"))
    .requiredOption("--agency <agency>", ctx.t("cli-opt-agency"))
    .option("--role <role>", "focal | head | coordinator", "focal")
    .option("--expires <duration>", ctx.t("cli-invite-expires"), "7d")
    .option("--json", ctx.t("cli-opt-json"))
    .action(async (o: { agency: string; role: string; expires: string; json?: boolean }) => {
      const core = await ctx.core();
      const inv = await createInvite(core.store, { ...o, createdBy: "cli" }, new Date(), operatorActor());
      const username = await botUsername(ctx);
      const telegramLink = username ? `https://t.me/${username}?start=${inv.code}` : null;
      const zalo = ctx.t("cli-invite-zalo", { code: inv.code });
      if (o.json) {
        return ctx.out(
          JSON.stringify({
            code: inv.code,
            telegramLink,
            zalo,
            agency: inv.agencyId,
            role: inv.role,
            expiresAt: inv.expiresAt,
          }),
        );
      }
      ctx.out(
        ctx.t("invite-created", {
          agency: inv.agencyName,
          role: ctx.t(`role-${inv.role}`),
          code: inv.code,
          link: telegramLink ?? "none",
          expires: dayLabel(core.calendar.localDate(new Date(inv.expiresAt))),
        }),
      );
    });
}
