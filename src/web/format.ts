import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { dayLabel } from "../domain/period.ts";
import { DEFAULT_TIME_ZONE } from "../domain/working-time.ts";

/** "03/12/2026 09:05": an instant as Vietnam reads it, whatever the server's zone. */
export function instantLabel(at: Date): string {
  return format(new TZDate(at.getTime(), DEFAULT_TIME_ZONE), "dd/MM/yyyy HH:mm");
}

/** "03/12/2026": a calendar day (YYYY-MM-DD) as the bot prints it. */
export { dayLabel };

/** A chat line ("• V.9 …") as a list item's text: the bullet is the list's. */
export function unbullet(line: string): string {
  return line.replace(/^•\s*/, "");
}
