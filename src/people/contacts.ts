import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { platformOf } from "../capabilities.ts";
import { lookupAgency } from "../catalog/agency-lookup.ts";
import { type Role, roles } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { AuditActor, Store } from "../store/index.ts";

const LOCAL_ID = /^[A-Za-z0-9_.@-]{1,64}$/;

/** A chat id of a known platform ("tg:123"), else the user is told the accepted shape. */
export function parseChatId(value: string): string {
  const v = value.trim();
  if (!platformOf(v) || !LOCAL_ID.test(v.slice(v.indexOf(":") + 1)))
    throw new UserError("err-chat-id", { value: v });
  return v;
}

export function parseRole(value: string): Role {
  if (!(roles as readonly string[]).includes(value))
    throw new UserError("err-role", { value, roles: roles.join(", ") });
  return value as Role;
}

/** Each platform says which of its ids are groups; every other chat is private. */
export function chatType(chatId: string): "private" | "group" {
  const platform = platformOf(chatId);
  return platform?.isGroupId(chatId.slice(platform.prefix.length + 1)) ? "group" : "private";
}

export interface NewContact {
  agency: string;
  role: string;
  chat: string;
  name?: string | null;
  lang?: string | null;
}

/**
 * Links a chat to a person acting for an agency in a role, the agency found as typed. The same
 * agency, role and chat again is the same contact (nothing is duplicated); a chat once
 * unreachable and linked anew becomes reachable again. Recorded as `by`'s action, by contact id
 * (the name and chat stay out of the trail).
 */
export async function addContact(
  store: Store,
  input: NewContact,
  now = new Date().toISOString(),
  by?: AuditActor,
): Promise<{ id: number; created: boolean }> {
  const agency = await lookupAgency(store, input.agency);
  if (agency.kind === "external") throw new UserError("err-agency-external", { agency: agency.name });
  const role = parseRole(input.role);
  const chatId = parseChatId(input.chat);
  const lang = input.lang === "en" ? "en" : input.lang && input.lang !== "vi" ? null : "vi";
  if (!lang) throw new UserError("err-lang", { value: input.lang ?? "" });
  return store.transaction(async (tx) => {
    const r = await tx.people.addContact({ agencyId: agency.id, role, chatId, name: input.name, lang }, now);
    if (by)
      await tx.audit.record({
        ...by,
        at: new Date(now),
        action: "contact.add",
        targetKind: "contact",
        targetId: r.id,
        after: { agencyId: agency.id, role, lang, created: r.created },
      });
    return r;
  });
}

/** CSV with header agency,role,chat[,name,lang]; all rows or none. */
export async function importContactsFile(
  store: Store,
  file: string,
  by?: AuditActor,
): Promise<{ created: number; updated: number }> {
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(file, "utf8"), {
      bom: true,
      columns: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (e) {
    throw new UserError("err-csv", { file, reason: e instanceof Error ? e.message : String(e) });
  }
  return store.transaction(async (tx) => {
    let created = 0;
    for (const [i, r] of records.entries()) {
      try {
        const res = await addContact(
          tx,
          {
            agency: r.agency ?? "",
            role: r.role ?? "",
            chat: r.chat ?? "",
            name: r.name,
            lang: r.lang || "vi",
          },
          undefined,
          by,
        );
        created += res.created ? 1 : 0;
      } catch (e) {
        if (e instanceof UserError)
          throw new UserError("err-csv-row", { file, line: i + 2, reason: e.message });
        throw e;
      }
    }
    return { created, updated: records.length - created };
  });
}
