import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { afterAll } from "vitest";

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM = "/usr/bin/chromium";

const open: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

/**
 * A headless Chromium quiet on the network (no updates, sync or QUIC), closed after the test file.
 * Playwright gives each launch a fresh profile of its own (it refuses --user-data-dir here). One
 * browser per file; each test takes a new context.
 */
export async function browser(): Promise<Browser> {
  const b = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
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
