import type { Reply } from "../../messages.ts";
import { describePerson } from "../../people/privacy-text.ts";
import type { Turn } from "../context.ts";
import { auditPrivacy } from "../privacy-audit.ts";

/** /dulieucuatoi: everything kept about the person writing, and how to have it erased. */
export async function myDataCommand(turn: Turn): Promise<Reply[]> {
  const store = turn.deps.store;
  const ids = await store.privacy.personOf({ chatId: turn.incoming.userId });
  const data = await store.privacy.personData(ids);
  for (const id of ids) await auditPrivacy(store, turn, "privacy.show", id, null);
  const localDay = (iso: string) => turn.deps.calendar.localDate(new Date(iso));
  return [{ text: `${describePerson(turn.t, data, localDay)}\n\n${turn.t("mydata-rights")}` }];
}
