import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { Translate, Viewer, WebEnv } from "./deps.ts";
import { NAV } from "./nav.ts";
import { HTMX_PATH } from "./static.ts";

interface LayoutProps {
  t: Translate;
  lang: string;
  title: string;
  /** The path shown, for the nav's current page and the language switch's way back. */
  path: string;
  viewer?: Viewer;
  children?: Child;
}

/** Every console page: the header with the nav, the signed-in person and the language switch. */
export function Layout({ t, lang, title, path, viewer, children }: LayoutProps) {
  const other = lang === "vi" ? "en" : "vi";
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* htmx's own <style> would need 'unsafe-inline' in the CSP; style.css has its indicator rules. */}
        <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false}' />
        <title>{`${title} — ${t("web-title")}`}</title>
        <link rel="stylesheet" href="/web/static/style.css" />
        {/* No favicon: without this the browser asks for /favicon.ico and logs a 404. */}
        <link rel="icon" href="data:," />
        <script src={HTMX_PATH} defer />
      </head>
      <body hx-headers={viewer ? JSON.stringify({ "X-CSRF-Token": viewer.csrf }) : undefined}>
        <header class="top">
          <a class="brand" href="/web">
            {t("web-title")}
          </a>
          {viewer && (
            <nav aria-label={t("web-nav-label")}>
              {NAV.map((n) => (
                <a href={n.path} aria-current={n.path === path ? "page" : undefined}>
                  {t(n.key)}
                </a>
              ))}
            </nav>
          )}
          <div class="who">
            {viewer && <Who t={t} viewer={viewer} />}
            <a class="lang" href={`/web/lang/${other}?back=${encodeURIComponent(path)}`} hreflang={other}>
              {t("web-lang-switch")}
            </a>
          </div>
        </header>
        <main>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

function Who({ t, viewer }: { t: Translate; viewer: Viewer }) {
  return (
    <>
      <span>
        {t("web-signed-in-as", {
          name: viewer.name ?? `#${viewer.contactId}`,
          role: t(`role-${viewer.role}`),
          agency: viewer.agencyName,
        })}
        {!viewer.canEdit && <em class="badge">{t("web-read-only")}</em>}
      </span>
      <form method="post" action="/web/logout" class="inline">
        <input type="hidden" name="_csrf" value={viewer.csrf} />
        <button type="submit">{t("web-sign-out")}</button>
      </form>
    </>
  );
}

/**
 * A signed-in page: the layout around `body`, in the viewer's language, `path` marking the nav's
 * current page. Every page route ends with this.
 */
export function page(c: Context<WebEnv>, title: string, path: string, body: Child) {
  return c.html(
    <Layout t={c.get("t")} lang={c.get("lang")} title={title} path={path} viewer={c.get("viewer")}>
      {body}
    </Layout>,
  );
}

/** A titled block of the page; `count` lines beyond `max` are summed up in one line. */
export function ListSection(props: {
  t: Translate;
  title: string;
  lines: string[];
  max?: number;
  id?: string;
}) {
  const { t, title, lines, max = 50, id } = props;
  return (
    <section class="card" id={id}>
      <h2>{title}</h2>
      {lines.length === 0 ? (
        <p class="muted">{t("web-none")}</p>
      ) : (
        <ul>
          {lines.slice(0, max).map((l) => (
            <li>{l}</li>
          ))}
          {lines.length > max && <li class="muted">{t("web-more", { count: lines.length - max })}</li>}
        </ul>
      )}
    </section>
  );
}
