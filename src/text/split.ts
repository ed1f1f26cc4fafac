/**
 * Splits text into parts no longer than `limit`, at line ends where it can, then at spaces,
 * and only as a last resort inside a word. Lengths count UTF-16 units, as Telegram does.
 */
export function splitText(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = "";
  const flush = () => {
    if (current.trim() !== "") parts.push(current.replace(/\n+$/, ""));
    current = "";
  };
  for (const line of text.split("\n")) {
    const candidate = current === "" ? line : `${current}\n${line}`;
    if (candidate.length <= limit) {
      current = candidate;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > limit) {
      const cut = rest.lastIndexOf(" ", limit);
      let at = cut > limit / 2 ? cut : limit;
      if (/[\uD800-\uDBFF]/.test(rest.charAt(at - 1))) at--; // never split an emoji's surrogate pair
      parts.push(rest.slice(0, at));
      rest = rest.slice(at).replace(/^ /, "");
    }
    current = rest;
  }
  flush();
  return parts;
}
