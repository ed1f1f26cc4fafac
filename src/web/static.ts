import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Context } from "hono";

const require = createRequire(import.meta.url);
const HTMX_VERSION = (require("htmx.org/package.json") as { version: string }).version;
/** Versioned, so the year-long cache below never serves an old copy after an upgrade. */
export const HTMX_PATH = `/web/static/htmx.min.js?v=${HTMX_VERSION}`;

const assetsDir = join(dirname(fileURLToPath(import.meta.url)), "assets");

/** What /web/static serves: htmx from its npm package (never a CDN), and the console's own files. */
const FILES: Record<string, { path: () => string; type: string; immutable: boolean }> = {
  "htmx.min.js": {
    path: () => require.resolve("htmx.org/dist/htmx.min.js"),
    type: "text/javascript; charset=utf-8",
    immutable: true,
  },
  "style.css": {
    path: () => join(assetsDir, "style.css"),
    type: "text/css; charset=utf-8",
    immutable: false,
  },
  "login.js": {
    path: () => join(assetsDir, "login.js"),
    type: "text/javascript; charset=utf-8",
    immutable: false,
  },
};

const cache = new Map<string, Buffer>();

export function serveStatic(c: Context): Response {
  const name = c.req.param("file") ?? "";
  const file = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (!file) return c.body(null, 404);
  let data = cache.get(name);
  if (!data) {
    data = readFileSync(file.path());
    cache.set(name, data);
  }
  return c.body(new Uint8Array(data), 200, {
    "content-type": file.type,
    "cache-control": file.immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600",
  });
}
