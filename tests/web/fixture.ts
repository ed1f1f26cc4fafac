import { Hono } from "hono";
import { Redis } from "ioredis";
import { afterAll } from "vitest";
import { conversationDeps } from "../../src/core.ts";
import { createLogger } from "../../src/logger.ts";
import { createWebConsole } from "../../src/web/app.ts";
import { engineFixture } from "../helpers/engine.ts";
import { REDIS_URL, testPrefix } from "../helpers/redis.ts";

const clients: Redis[] = [];
afterAll(() => {
  for (const r of clients.splice(0)) r.disconnect();
});

/** The console alone (no chat channels) over the engine fixture's cast, on Redis under a prefix of its own. */
export async function webFixture(opts: { now?: string; env?: Record<string, string> } = {}) {
  const prefix = testPrefix();
  const fx = await engineFixture({ QUEUE_PREFIX: prefix, ...opts.env });
  const now = new Date(opts.now ?? "2027-01-20T09:00:00+07:00");
  const make = () => {
    const redis = new Redis(REDIS_URL);
    clients.push(redis);
    const deps = conversationDeps(fx.core, () => now);
    const web = createWebConsole({ ...deps, config: fx.core.config, log: createLogger("silent"), redis });
    return { web, app: new Hono().route("/web", web.app).route("/api", web.api) };
  };
  const { web, app } = make();
  const request = (path: string, init: RequestInit & { cookie?: string } = {}) =>
    app.request(path, {
      ...init,
      headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.headers as object) },
    });
  /** Redeems a fresh link for the contact; the session cookie, or the refusal's response. */
  const signIn = async (contactId: number) => {
    const { url } = await web.links.issue(contactId);
    const token = new URL(url).pathname.split("/").at(-1) ?? "";
    const res = await request("/web/login", { method: "POST", body: form({ token }) });
    const cookie = res.headers.get("set-cookie")?.split(";")[0];
    return { res, cookie };
  };
  return { ...fx, web, app, request, signIn, make, now };
}

export function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

/** The CSRF token the page carries for htmx (on <body>). */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error("no CSRF token on the page");
  return m[1];
}
