/** Dates as the bot prints them: dd/mm/yyyy, instants in Asia/Ho_Chi_Minh (src/domain/period.ts). */
export { dayLabel, instantLabel } from "../domain/period.ts";

/** A chat line ("• V.9 …") as a list item's text: the bullet is the list's. */
export function unbullet(line: string): string {
  return line.replace(/^•\s*/, "");
}
