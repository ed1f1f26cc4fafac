import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { Lang } from "../i18n/index.ts";
import { hashApiToken } from "./api-token.ts";
import type { WebDeps } from "./deps.ts";
import { periodStatus } from "./status-data.ts";

export type ApiEnv = { Variables: { lang: Lang } };

/** Errors in Vietnamese unless the caller asks for English: another office's system reads them too. */
const langOf = (c: Context): Lang => (/^en\b/i.test(c.req.header("accept-language") ?? "") ? "en" : "vi");

/**
 * The figures for other systems, at /api on the one HTTP server: `GET /api/status?period=YYYY-MM`
 * behind `Authorization: Bearer <token>` (tokens from `npm run cli -- api token create`). No
 * cookie, no session: a token is checked against its stored hash on every request.
 */
export function apiRoutes(deps: WebDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use("*", async (c, next) => {
    c.set("lang", langOf(c));
    await next();
    c.header("cache-control", "no-store");
  });
  app.use("*", bearer(deps));
  app.get("/status", async (c) => {
    const lang = c.get("lang");
    const r = await periodStatus(deps, c.req.query("period") ?? "", lang);
    if (!r.ok) return c.json({ error: "bad_period", message: r.message }, 400);
    return c.json(r.status);
  });
  app.notFound((c) => c.json({ error: "not_found" }, 404));
  return app;
}

/** Refuses, before anything is read, a request without a live token; records when a token was last used. */
function bearer(deps: WebDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const m = /^Bearer ([\w-]{10,200})$/.exec(c.req.header("authorization") ?? "");
    const token = m?.[1] ? await deps.store.apiTokens.use(hashApiToken(m[1]), new Date()) : undefined;
    if (!token) {
      deps.log.info({ path: c.req.path, given: Boolean(m) }, "api request refused");
      c.header("www-authenticate", 'Bearer realm="nhacviec"');
      return c.json({ error: "unauthorized", message: deps.i18n.t(c.get("lang"), "api-unauthorized") }, 401);
    }
    await next();
  };
}
