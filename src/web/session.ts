import { randomBytes } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { canSignIn } from "../people/web-roles.ts";
import type { Viewer, WebDeps, WebEnv } from "./deps.ts";
import { sameText } from "./links.ts";

export const SESSION_COOKIE = "nv_session";
export const SESSION_MS = 8 * 3600_000;
const PATH = "/web";

function secure(deps: WebDeps): boolean {
  return deps.config.PUBLIC_URL?.startsWith("https://") ?? false;
}

/**
 * The session is the cookie itself (contact, expiry, CSRF token, signed): nothing to store or to
 * share between instances. What it may do is not in it: the role is read again on every request.
 */
export async function openSession(c: Context, deps: WebDeps, secret: string, contactId: number) {
  const expires = Date.now() + SESSION_MS;
  const csrf = randomBytes(18).toString("base64url");
  await setSignedCookie(c, SESSION_COOKIE, `${contactId}.${expires}.${csrf}`, secret, {
    path: PATH,
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(deps),
    maxAge: SESSION_MS / 1000,
  });
}

export function closeSession(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: PATH });
}

async function readSession(c: Context, secret: string) {
  const value = await getSignedCookie(c, secret, SESSION_COOKIE);
  if (!value) return undefined;
  const [contact = "", expires = "", csrf = ""] = value.split(".");
  if (!csrf || Number(expires) <= Date.now()) return undefined;
  return { contactId: Number(contact), csrf };
}

/** Loads the viewer, or answers with the sign-in page (no session) or a refusal (no longer allowed). */
export function requireViewer(
  deps: WebDeps,
  secret: () => Promise<string>,
  refuse: (c: Context<WebEnv>, reason: "signed-out" | "role") => Response | Promise<Response>,
): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const session = await readSession(c, await secret());
    if (!session) return refuse(c, "signed-out");
    const contact = await deps.store.people.contactById(session.contactId);
    if (!contact || !canSignIn(contact.role)) {
      closeSession(c);
      return refuse(c, "role");
    }
    const viewer: Viewer = {
      contactId: contact.id,
      role: contact.role,
      agencyId: contact.agencyId,
      agencyName: contact.agencyName,
      name: contact.name,
      canEdit: contact.role !== "head",
      csrf: session.csrf,
    };
    c.set("viewer", viewer);
    await next();
  };
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every change carries the session's CSRF token: forms in a `_csrf` field, htmx in the
 * X-CSRF-Token header the layout sets on <body>. SameSite=Lax alone would still let a
 * same-site page post.
 */
export function csrfGuard(
  refuse: (c: Context<WebEnv>) => Response | Promise<Response>,
): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    let sent = c.req.header("x-csrf-token");
    if (!sent) {
      const type = c.req.header("content-type") ?? "";
      const form = /form/.test(type) ? await c.req.parseBody() : {};
      sent = typeof form._csrf === "string" ? form._csrf : "";
    }
    if (!sameText(sent, c.get("viewer").csrf)) return refuse(c);
    await next();
  };
}
