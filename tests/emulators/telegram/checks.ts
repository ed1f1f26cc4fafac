/** Checks Telegram makes on text and keyboards, so formatting bugs fail here instead of in production. */
import { badRequest } from "./errors.ts";

const HTML_TAGS = new Set(
  "b strong i em u ins s strike del span tg-spoiler a code pre blockquote tg-emoji".split(" "),
);

export const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as " +
  "a current content and reply markup of the message";

const entityError = (what: string) => badRequest(`can't parse entities: ${what}`);

function decodeEntity(name: string): string {
  if (name.startsWith("#")) {
    const hex = name[1] === "x" || name[1] === "X";
    const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
    if (code > 0x10ffff) throw entityError(`Invalid Unicode code point &${name};`);
    return String.fromCodePoint(code);
  }
  const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
  return named[name.toLowerCase()] ?? `&${name};`;
}

function htmlToPlain(text: string): string {
  const open: string[] = [];
  let plain = "";
  let last = 0;
  for (const m of text.matchAll(/<(\/?)([^\s>/]*)[^>]*>|<|&([a-zA-Z]+|#\d+|#[xX][\da-fA-F]+);/g)) {
    plain += text.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[3] !== undefined) {
      plain += decodeEntity(m[3]);
      continue;
    }
    const at = Buffer.byteLength(text.slice(0, m.index));
    const name = (m[2] ?? "").toLowerCase();
    const closing = m[1] === "/";
    if (m[0] === "<" || !HTML_TAGS.has(name)) {
      throw entityError(`Unsupported ${closing ? "end" : "start"} tag "${name}" at byte offset ${at}`);
    }
    if (!closing) open.push(name);
    else if (open.at(-1) === name) open.pop();
    else throw entityError(`Unmatched end tag at byte offset ${at}, expected "</${open.at(-1) ?? ""}>"`);
  }
  if (open.length > 0) throw entityError(`Can't find end tag corresponding to start tag "${open.at(-1)}"`);
  return plain + text.slice(last);
}

function markdownV2ToPlain(text: string): string {
  let plain = "";
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === "\\") {
      plain += text.charAt(++i);
    } else if (c === "`") {
      inCode = !inCode;
    } else if (inCode) {
      plain += c;
    } else if (c === "]" && text.charAt(i + 1) === "(") {
      // A link URL only needs ")" escaped, so its dots are fine; skip to its end.
      const close = text.indexOf(")", i);
      i = close < 0 ? text.length : close;
    } else if ("*_~|[".includes(c)) {
      // formatting markers, invisible in the delivered text
    } else if (
      "#+-={}.()".includes(c) ||
      (c === "!" && text.charAt(i + 1) !== "[") ||
      (c === ">" && i > 0 && text.charAt(i - 1) !== "\n")
    ) {
      throw entityError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    } else if (c !== ">" && c !== "!") {
      plain += c;
    }
  }
  return plain;
}

/** What the user would see; Telegram measures the 4096/1024 limits on this, not on the markup. */
export function plainText(text: string, parseMode: string | undefined): string {
  const mode = parseMode?.toLowerCase() ?? "";
  if (mode === "") return text;
  if (mode === "html") return htmlToPlain(text);
  if (mode === "markdownv2") return markdownV2ToPlain(text);
  if (mode === "markdown") return text;
  throw badRequest("unsupported parse_mode");
}

const BUTTON_ACTIONS = [
  ..."callback_data url web_app login_url copy_text callback_game pay".split(" "),
  ..."switch_inline_query switch_inline_query_current_chat switch_inline_query_chosen_chat".split(" "),
];

export function checkReplyMarkup(markup: unknown): void {
  if (markup === undefined) return;
  if (typeof markup !== "object" || markup === null)
    throw badRequest("can't parse reply keyboard markup JSON object");
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (rows === undefined) return;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  }
  for (const button of rows.flat() as Record<string, unknown>[]) {
    if (typeof button?.text !== "string") {
      throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
    }
    if (!BUTTON_ACTIONS.some((k) => button[k] !== undefined)) {
      throw badRequest(
        "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
      );
    }
    const data = button.callback_data;
    if (data !== undefined && (typeof data !== "string" || data === "" || Buffer.byteLength(data) > 64)) {
      throw badRequest("BUTTON_DATA_INVALID");
    }
  }
}

export function callbackDataOf(markup: unknown): string[] {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return [];
  return (rows.flat() as Record<string, unknown>[])
    .map((b) => b.callback_data)
    .filter((d): d is string => typeof d === "string");
}

export const CHAT_ACTIONS = new Set([
  ..."typing upload_photo record_video upload_video record_voice upload_voice".split(" "),
  ..."upload_document choose_sticker find_location record_video_note upload_video_note".split(" "),
]);
