import type { Command } from "commander";
import { instantLabel } from "../domain/period.ts";
import { UserError } from "../errors.ts";
import type { ApiTokenRow } from "../store/api-tokens.ts";
import { operatorActor } from "../store/audit-actor.ts";
import { hashApiToken, newApiToken } from "../web/api-token.ts";
import type { CliContext } from "./context.ts";

/** `api token create|list|revoke`: the bearer tokens other systems read /api/status with. */
export function registerApiCommands(program: Command, ctx: CliContext): void {
  const token = program
    .command("api")
    .description(ctx.t("cli-api"))
    .command("token")
    .description(ctx.t("cli-api-token"));
  token
    .command("create")
    .description(ctx.t("cli-api-token-create"))
    .requiredOption("--name <name>", ctx.t("cli-api-token-name"))
    .option("--json", ctx.t("cli-opt-json"))
    .action((o: { name: string; json?: boolean }) => createToken(ctx, o));
  token
    .command("list")
    .description(ctx.t("cli-api-token-list"))
    .option("--json", ctx.t("cli-opt-json"))
    .action((o: { json?: boolean }) => listTokens(ctx, o.json));
  token
    .command("revoke <id>")
    .description(ctx.t("cli-api-token-revoke"))
    .action((id: string) => revokeToken(ctx, id));
}

async function createToken(ctx: CliContext, o: { name: string; json?: boolean }): Promise<void> {
  const name = o.name.trim();
  if (!name || name.length > 100) throw new UserError("err-api-token-name", { value: o.name });
  const secret = newApiToken();
  const store = await ctx.store();
  const row = await store.transaction(async (tx) => {
    const created = await tx.apiTokens.create({ name, tokenHash: hashApiToken(secret) }, new Date());
    await tx.audit.record({
      ...operatorActor(),
      action: "api.token.create",
      targetKind: "token",
      targetId: created.id,
      after: { name },
    });
    return created;
  });
  if (o.json) return ctx.out(JSON.stringify({ id: row.id, name: row.name, token: secret }));
  ctx.out(ctx.t("cli-api-token-created", { id: row.id, name: row.name, token: secret }));
}

async function listTokens(ctx: CliContext, json?: boolean): Promise<void> {
  const rows = await (await ctx.store()).apiTokens.list();
  if (json) return ctx.out(JSON.stringify(rows, null, 2));
  if (rows.length === 0) return ctx.out(ctx.t("cli-api-token-none"));
  for (const r of rows) ctx.out(tokenLine(ctx, r));
}

function tokenLine(ctx: CliContext, r: ApiTokenRow): string {
  const at = (iso: string | null) => (iso ? instantLabel(new Date(iso)) : ctx.t("cli-api-token-never"));
  return ctx.t(r.revokedAt ? "cli-api-token-line-revoked" : "cli-api-token-line", {
    id: r.id,
    name: r.name,
    created: at(r.createdAt),
    used: at(r.lastUsedAt),
    revoked: at(r.revokedAt),
  });
}

async function revokeToken(ctx: CliContext, value: string): Promise<void> {
  const id = Number(value);
  const store = await ctx.store();
  const row = Number.isSafeInteger(id)
    ? await store.transaction(async (tx) => {
        const revoked = await tx.apiTokens.revoke(id, new Date());
        if (revoked)
          await tx.audit.record({
            ...operatorActor(),
            action: "api.token.revoke",
            targetKind: "token",
            targetId: id,
            before: { name: revoked.name, revokedAt: null },
            after: { revokedAt: revoked.revokedAt },
          });
        return revoked;
      })
    : undefined;
  if (!row) throw new UserError("err-api-token-unknown", { id: value });
  ctx.out(ctx.t("cli-api-token-revoked", { id: row.id, name: row.name }));
}
