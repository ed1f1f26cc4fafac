import { type Argument, type Command, Help, type Option } from "commander";
import type { Args } from "../i18n/index.ts";

type T = (key: string, args?: Args) => string;

/** Commander writes its titles, usage words and option notes in English; these keys say them. */
const TITLES: Record<string, string> = {
  "Usage:": "cli-help-usage",
  "Options:": "cli-help-options",
  "Commands:": "cli-help-commands",
  "Arguments:": "cli-help-arguments",
  "Global Options:": "cli-help-global-options",
};

/** Commander's error lines (commander 14), each with the message that says it to the operator. */
const ERRORS: [RegExp, string, string[]][] = [
  [/^error: unknown option '(.+?)'/, "cli-err-unknown-option", ["option"]],
  [/^error: unknown command '(.+?)'/, "cli-err-unknown-command", ["command"]],
  [/^error: required option '(.+?)' not specified/, "cli-err-required-option", ["option"]],
  [/^error: missing required argument '(.+?)'/, "cli-err-missing-argument", ["argument"]],
  [/^error: option '(.+?)' argument missing/, "cli-err-option-argument", ["option"]],
  [/^error: option '(.+?)' argument '(.*?)' is invalid/, "cli-err-invalid-value", ["option", "value"]],
  [
    /^error: too many arguments.*Expected (\d+) arguments? but got (\d+)/,
    "cli-err-too-many",
    ["expected", "got"],
  ],
];

/** One of commander's error messages in the operator's language; unknown ones pass through. */
export function translateCommanderError(message: string, t: T): string {
  const [first = "", ...rest] = message.trim().split("\n");
  const suggestion = /\(Did you mean (?:one of )?(.+?)\?\)/.exec(rest.join(" "))?.[1];
  for (const [pattern, key, names] of ERRORS) {
    const m = pattern.exec(first);
    if (!m) continue;
    const args = Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? ""]));
    const line = t(key, args);
    return `${suggestion ? `${line} ${t("cli-err-did-you-mean", { suggestion })}` : line}\n`;
  }
  return message;
}

/**
 * Help and errors in the operator's language, commander's own words included. Set on the
 * program before its commands are added: subcommands inherit both settings.
 */
export function localizeCommander(program: Command, t: T): Command {
  const words = (text: string) =>
    text.replace("[options]", t("cli-help-usage-options")).replace("[command]", t("cli-help-usage-command"));
  const notes = (text: string) =>
    text
      .replace(/\bdefault: /g, `${t("cli-help-default")}: `)
      .replace(/\bchoices: /g, `${t("cli-help-choices")}: `);
  return program
    .helpCommand("help [command]", t("cli-help-command"))
    .configureHelp({
      styleTitle: (title: string) => (TITLES[title] ? t(TITLES[title]) : title),
      commandUsage(this: Help, cmd: Command) {
        return words(Help.prototype.commandUsage.call(this, cmd));
      },
      subcommandTerm(this: Help, cmd: Command) {
        return words(Help.prototype.subcommandTerm.call(this, cmd));
      },
      optionDescription(this: Help, option: Option) {
        return notes(Help.prototype.optionDescription.call(this, option));
      },
      argumentDescription(this: Help, argument: Argument) {
        return notes(Help.prototype.argumentDescription.call(this, argument));
      },
    })
    .configureOutput({ outputError: (text, write) => write(translateCommanderError(text, t)) });
}
