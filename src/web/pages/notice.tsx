import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { WebEnv } from "../deps.ts";
import { Layout } from "../layout.tsx";

/**
 * A page that only explains something (signed out, a used link, a refusal): a title and
 * paragraphs of text from locales/, with the way forward.
 */
export function notice(c: Context<WebEnv>, status: ContentfulStatusCode, titleKey: string, keys: string[]) {
  const t = c.get("t");
  return c.html(
    <Layout t={t} lang={c.get("lang")} title={t(titleKey)} path={c.req.path}>
      <section class="card notice">
        {keys.map((k) => (
          <p>{t(k)}</p>
        ))}
      </section>
    </Layout>,
    status,
  );
}

export const signedOut = (c: Context<WebEnv>) =>
  notice(c, 401, "web-signin-title", ["web-signin-how", "web-signin-who"]);

export const roleRefused = (c: Context<WebEnv>) =>
  notice(c, 403, "web-signin-title", ["web-role-refused", "web-link-again"]);

export const csrfRefused = (c: Context<WebEnv>) => notice(c, 403, "web-title", ["web-csrf-refused"]);

/** The page a link that did not work gets: why, and how to get a new one. */
export function linkRefused(c: Context<WebEnv>, reason: "used" | "expired" | "invalid" | "limited") {
  return notice(c, reason === "limited" ? 429 : 410, "web-signin-title", [
    `web-link-${reason}`,
    "web-link-again",
  ]);
}

/** The page a sign-in link opens: a form that posts the token, sent at once by login.js. */
export function loginPage(c: Context<WebEnv>, token: string) {
  const t = c.get("t");
  return c.html(
    <Layout t={t} lang={c.get("lang")} title={t("web-login-title")} path="/web">
      <form id="login" method="post" action="/web/login" class="card notice">
        <input type="hidden" name="token" value={token} />
        <button type="submit" class="primary">
          {t("web-login-button")}
        </button>
      </form>
      <script src="/web/static/login.js" defer />
    </Layout>,
  );
}
