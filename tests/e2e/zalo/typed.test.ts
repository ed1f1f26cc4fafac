import { describe, it } from "vitest";
import { allSent, typedReportScenario } from "../typed-scenario.ts";
import { an, link, say, start } from "./support.ts";

describe("typed answers on Zalo", () => {
  it("keeps a report on the right task through a reminder, a command, free text and an edit", async () => {
    const { emulator, app, store, rows } = await start();
    await link(store, { agency: "so-y-te", role: "focal", chat: `zalo:${an.id}` });
    await typedReportScenario({
      numbered: true,
      chatId: `zalo:${an.id}`,
      rows,
      say: (text) => say(emulator, an, text),
      async remind() {
        const before = emulator.messages(an.id).length;
        await app.runner.tick(new Date("2026-12-01T08:00:00+07:00"));
        await allSent(rows, `zalo:${an.id}`);
        return emulator
          .messages(an.id)
          .slice(before)
          .map((m) => m.text)
          .join("\n");
      },
    });
  });
});
