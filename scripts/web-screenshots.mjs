// The README's console screenshots: starts the demo (`npm start`, no tokens) on a scratch database,
// opens the sign-in link it prints in Debian's Chromium, and saves every page of the console at desktop
// and phone widths under docs/screenshots/ (web-<page>.png, web-<page>-390.png).
// Usage: node scripts/web-screenshots.mjs
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./chromium.mjs";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const scratch = mkdtempSync(join(tmpdir(), "nhacviec-shots-"));
const port = process.env.SHOTS_PORT ?? "18790";
const env = {
  ...process.env,
  DB_PATH: join(scratch, "demo.db"),
  QUEUE_PREFIX: `shots-${process.pid}`,
  HTTP_PORT: port,
  LOG_LEVEL: "warn",
};
const demo = spawn(process.execPath, ["scripts/launch.mjs", "main"], { cwd: root, env });
let out = "";
const link = await new Promise((resolve, reject) => {
  demo.stdout.on("data", (d) => {
    out += d;
    const m = /https?:\/\/\S+\/web\/login\/\S+/.exec(out);
    if (m) resolve(m[0]);
  });
  demo.on("exit", () => reject(new Error(`the demo stopped:\n${out}`)));
});
const browser = await launchChromium();
try {
  const dir = join(root, "docs", "screenshots");
  mkdirSync(dir, { recursive: true });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
  const page = await ctx.newPage();
  await page.goto(link);
  await page.waitForURL(/\/web$/);
  const base = new URL(link).origin;
  await page.goto(`${base}/web/tasks`);
  const task = await page.locator('#task-list a[href^="/web/tasks/"]').first().getAttribute("href");
  const pages = {
    overview: "/web",
    tasks: "/web/tasks",
    task,
    targets: "/web/targets",
    reports: "/web/reports",
    messages: "/web/messages",
    people: "/web/people",
    settings: "/web/settings",
  };
  for (const [name, path] of Object.entries(pages)) {
    for (const [width, suffix] of [
      [1280, ""],
      [390, "-390"],
    ]) {
      await page.setViewportSize({ width, height: width > 400 ? 900 : 844 });
      await page.goto(`${base}${path}`);
      await page.screenshot({ path: join(dir, `web-${name}${suffix}.png`) });
    }
  }
  // Đơn vị và cán bộ on a phone: an agency with a fresh invite (its QR code).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/web/people/a/so-y-te`);
  await page.click("#invite-one button[type=submit]");
  await page.waitForSelector("#invites .code");
  await page.locator("#invites").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(dir, "web-people-agency-390.png") });
  process.stdout.write(`saved in ${dir}\n`);
} finally {
  await browser.close();
  demo.stdin.end("/quit\n");
  demo.kill("SIGTERM");
  rmSync(scratch, { recursive: true, force: true });
}
