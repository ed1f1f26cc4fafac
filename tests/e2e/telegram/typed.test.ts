import { describe, it } from "vitest";
import { linkContact, startTestApp } from "../../helpers/app.ts";
import { sqliteOf } from "../../helpers/engine-choice.ts";
import { allSent, typedReportScenario } from "../typed-scenario.ts";
import { expectNoStackTrace, person, say, textOf } from "./support.ts";

const focal = person(1001, "Đầu mối Y tế");

describe("typed answers on Telegram", () => {
  it("keeps a report on the right task through a reminder, a command, free text and an edit", async () => {
    const t = await startTestApp();
    await linkContact(t, focal.user.id, "so-y-te", "focal", "Đầu mối Y tế");
    await typedReportScenario({
      numbered: false,
      chatId: "tg:1001",
      sqlite: sqliteOf(t.core).sqlite,
      say: async (text) => textOf(await say(t, focal, text)),
      async remind() {
        const before = t.emulator.messages(focal.chat.id).length;
        await t.app.runner.tick(new Date("2026-12-01T08:00:00+07:00"));
        await allSent(sqliteOf(t.core).sqlite, "tg:1001");
        return textOf(t.emulator.messages(focal.chat.id).slice(before));
      },
    });
    expectNoStackTrace(t);
  });
});
