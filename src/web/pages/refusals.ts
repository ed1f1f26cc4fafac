import type { Context } from "hono";
import type { WebEnv } from "../deps.ts";
import { notice } from "./notice.tsx";

/**
 * A change posted by a read-only session (an agency head): the page never offers the form, so
 * this is a forged or stale post; it is refused before anything is read from it.
 */
export const readOnlyRefused = (c: Context<WebEnv>) => notice(c, 403, "web-title", ["web-read-only-refused"]);
