/** Task titles run to several lines; on a phone the first 120 characters identify the task. */
export function shortTitle(title: string, max = 120): string {
  return title.length <= max
    ? title
    : `${title.slice(0, title.lastIndexOf(" ", max - 1) > max / 2 ? title.lastIndexOf(" ", max - 1) : max - 1)}…`;
}
