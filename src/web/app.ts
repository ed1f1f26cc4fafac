import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { parseLang } from "../i18n/index.ts";
import { canSignIn } from "../people/web-roles.ts";
import { webActor } from "./actor.ts";
import { type ApiEnv, apiRoutes } from "./api.ts";
import type { WebDeps, WebEnv } from "./deps.ts";
import { publicUrl, SignInLinks } from "./links.ts";
import { messagesRoutes } from "./pages/messages.tsx";
import { csrfRefused, linkRefused, loginPage, notice, roleRefused, signedOut } from "./pages/notice.tsx";
import { overviewRoutes } from "./pages/overview.tsx";
import { peopleRoutes } from "./pages/people-routes.tsx";
import { reportsRoutes } from "./pages/reports.tsx";
import { settingsRoutes } from "./pages/settings.tsx";
import { targetsRoutes } from "./pages/targets.tsx";
import { tasksRoutes } from "./pages/tasks-routes.tsx";
import { seeOther } from "./redirect.ts";
import { secretSource } from "./secret.ts";
import { closeSession, csrfGuard, openSession, requireViewer } from "./session.ts";
import { serveStatic } from "./static.ts";

export const LANG_COOKIE = "nv_lang";

export interface WebConsole {
  /** The routes, to mount at /web. */
  app: Hono<WebEnv>;
  /** One-time sign-in links (the /web command, the CLI, the demo). */
  links: SignInLinks;
  /** The bearer-token API for other systems, to mount at /api. */
  api: Hono<ApiEnv>;
}

/**
 * The web console: sign-in by one-time link, a signed cookie session, and the pages. Mounted at
 * /web on the process's one HTTP server (src/http/server.ts).
 */
export function createWebConsole(deps: WebDeps): WebConsole {
  const secret = secretSource(deps.redis, deps.config);
  const links = new SignInLinks(deps.redis, deps.config, secret, () => publicUrl(deps.config, deps.port?.()));
  const app = new Hono<WebEnv>();

  app.use("*", async (c, next) => {
    const lang = parseLang(getCookie(c, LANG_COOKIE), "vi");
    c.set("lang", lang);
    c.set("t", (key, args) => deps.i18n.t(lang, key, args));
    await next();
    c.header("x-frame-options", "DENY");
    c.header("x-content-type-options", "nosniff");
    // Sign-in tokens are in URLs: never send them on as a Referer.
    c.header("referrer-policy", "no-referrer");
    c.header(
      "content-security-policy",
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    );
    if (!c.res.headers.has("cache-control")) c.header("cache-control", "no-store");
  });
  app.get("/static/:file", serveStatic);
  app.get("/lang/:lang", (c) => {
    setCookie(c, LANG_COOKIE, parseLang(c.req.param("lang")), {
      path: "/web",
      sameSite: "Lax",
      maxAge: 365 * 86400,
    });
    const back = c.req.query("back") ?? "/web";
    // Only a path of the console: never an open redirect.
    return c.redirect(/^\/web(\/[\w\-/.]*)?(\?[\w=&%.-]*)?$/.test(back) ? back : "/web", 303);
  });
  app.get("/login/:token", (c) => loginPage(c, c.req.param("token")));
  app.post("/login", async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === "string" ? form.token.slice(0, 200) : "";
    const result = await links.redeem(token, clientAddress(c, deps));
    if (!result.ok) {
      deps.log.info({ reason: result.reason }, "web sign-in link refused");
      return linkRefused(c, result.reason);
    }
    const contact = await deps.store.people.contactById(result.contactId);
    if (!contact || !canSignIn(contact.role)) return roleRefused(c);
    await openSession(c, deps, await secret(), contact.id);
    await deps.store.audit.record({
      ...webActor(contact.id),
      action: "web.signin",
      targetKind: "contact",
      targetId: contact.id,
    });
    deps.log.info({ contactId: contact.id }, "web sign-in");
    return c.redirect("/web", 303);
  });

  app.use(
    "*",
    requireViewer(deps, secret, (c, why) => {
      // A fragment asked for by htmx would put the sign-in page inside the page: reload it whole.
      if (c.req.header("hx-request")) return seeOther(c, "/web");
      return why === "role" ? roleRefused(c) : signedOut(c);
    }),
  );
  app.use("*", csrfGuard(csrfRefused));
  app.post("/logout", async (c) => {
    const { contactId } = c.get("viewer");
    await deps.store.audit.record({
      ...webActor(contactId),
      action: "web.signout",
      targetKind: "contact",
      targetId: contactId,
    });
    closeSession(c);
    return seeOther(c, "/web");
  });
  app.route("/", overviewRoutes(deps));
  app.route("/", tasksRoutes(deps));
  app.route("/", targetsRoutes(deps));
  app.route("/", reportsRoutes(deps));
  app.route("/", messagesRoutes(deps));
  app.route("/", settingsRoutes(deps));
  app.route("/", peopleRoutes(deps));
  app.notFound((c) => notice(c, 404, "web-title", ["web-not-found"]));
  app.onError((e, c) => {
    deps.log.error({ err: e.message, path: c.req.path }, "web request failed");
    return notice(c as Context<WebEnv>, 500, "web-title", ["web-error"]);
  });
  return { app, links, api: apiRoutes(deps) };
}

/** Who is asking, for the failed-link limit: the socket's address, or the proxy's word when trusted. */
function clientAddress(c: Context, deps: WebDeps): string {
  if (deps.config.WEB_TRUST_PROXY) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request in tests has no socket
  }
}
