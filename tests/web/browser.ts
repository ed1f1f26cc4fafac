import type { Browser, BrowserContext } from "playwright-core";
import { afterAll } from "vitest";
import { launchChromium } from "../../scripts/chromium.mjs";

export { CHROMIUM } from "../../scripts/chromium.mjs";

const open: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

/** Chromium as scripts/chromium.mjs starts it, closed after the test file. One browser per file; each test takes a new context. */
export async function browser(): Promise<Browser> {
  const b = await launchChromium();
  open.push(() => b.close());
  return b;
}

/**
 * A phone-sized or desktop context that records the page's script errors (a CSP refusal shows
 * there); a refused request's status is the test's to check, so those are left out.
 */
export async function context(b: Browser, width = 1280): Promise<BrowserContext & { errors: string[] }> {
  const ctx = Object.assign(await b.newContext({ viewport: { width, height: 900 }, locale: "vi-VN" }), {
    errors: [] as string[],
  });
  ctx.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) ctx.errors.push(m.text());
  });
  return ctx;
}
