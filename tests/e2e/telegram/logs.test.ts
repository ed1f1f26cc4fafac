import { describe, expect, it } from "vitest";
import { chatRef, createLogger } from "../../../src/logger.ts";
import { linkContact, startTestApp } from "../../helpers/app.ts";
import { rowsOf } from "../../helpers/engine-choice.ts";
import { until } from "../../helpers/redis.ts";
import { countOf } from "../../helpers/saved.ts";
import { person, say } from "./support.ts";

/** Ids long enough that no timestamp or counter in a log line holds them by chance. */
const focal = person(987_654_321, "Nguyễn Thị Lan");
const gone = person(876_543_219, "Lê Văn Khuất");
const coordinator = person(765_432_198, "Trần Văn Phối");
const PHONE = "0912345678";

describe("logs without personal data", () => {
  for (const level of ["debug", "info"] as const) {
    it(`carry no names, chat ids, phone numbers or message text at ${level}`, async () => {
      const lines: string[] = [];
      const log = createLogger(level, { write: (line: string) => void lines.push(line) });
      const t = await startTestApp({ log });
      await linkContact(t, focal.user.id, "so-y-te", "focal", focal.user.first_name);
      await linkContact(t, gone.user.id, "so-tu-phap", "focal", gone.user.first_name);
      await linkContact(t, coordinator.user.id, "cong-an-tinh", "coordinator", coordinator.user.first_name);
      t.emulator.blockChat(gone.user.id);

      // The month's broadcast to every focal point; one of them has blocked the bot.
      await t.app.runner.tick(new Date("2026-12-01T08:00:00+07:00"));
      await t.emulator.waitForMessages(focal.chat.id, 2);
      const rows = rowsOf(t.core);
      await until(
        async () =>
          (await countOf(rows, "select count(*) n from chats where unreachable_at is not null")) > 0,
        "the blocked chat marked unreachable",
      );
      // A report flow, answered with a phone number typed where text is not expected.
      await say(t, focal, "/baocao");
      await say(t, focal, `em so ${PHONE} a`);
      await say(t, coordinator, "/nhac so y te");

      const text = lines.join("");
      expect(text).toContain('"msg":"started"');
      expect(text).toContain(`"chat":"${chatRef(`tg:${gone.user.id}`)}"`);
      for (const secret of [
        ...[focal, gone, coordinator].flatMap((p) => [p.user.first_name, String(p.user.id)]),
        PHONE,
        "Kỳ báo cáo",
        "Sở Y tế",
      ])
        expect(text, `the log holds "${secret}"`).not.toContain(secret);
    });
  }
});
