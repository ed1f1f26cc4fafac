// How the console's browser tests and the README's screenshots start Chromium: Debian's package
// (`apt-get install chromium`; .ci/run installs it when missing), headless and quiet on the network
// (no updates, sync or QUIC). Plain JavaScript so that scripts/web-screenshots.mjs runs without tsx.
import { chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A fresh headless Chromium: Playwright gives each launch its own profile (it refuses --user-data-dir). */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
