import type { Context } from "hono";

/**
 * After a change, go to `path`: a 303 for a plain form, or HX-Redirect for htmx (which would
 * otherwise follow the 303 itself and swap the whole next page into the fragment it targets).
 */
export function seeOther(c: Context, path: string): Response {
  if (c.req.header("hx-request")) {
    c.header("hx-redirect", path);
    return c.body(null, 204);
  }
  return c.redirect(path, 303);
}
