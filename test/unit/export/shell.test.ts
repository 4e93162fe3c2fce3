import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellCommand, shellQuote, UnquotableValueError } from "@/lib/sync/export/shell";
import { runCommands } from "./export-harness";

const strange = [
  "plain",
  "it's",
  "'''",
  "$(touch /tmp/pwned) `id` $HOME ${HOME}",
  "a;b&&c||d|e>f<g",
  "glob * ? [a]",
  "~user",
  "line\nbreak",
  "back\\slash\\",
  "bidi \u202e and isolate \u2066x\u2069",
  "--flag-looking",
  "",
  "#comment",
];

describe("POSIX shell quoting", () => {
  it.each(strange)("a real shell reads back exactly the value: %j", (value) => {
    const printed = execFileSync("sh", ["-c", `printf '%s' ${shellQuote(value)}`], {
      encoding: "utf8",
    });
    expect(printed).toBe(value);
  });

  it("refuses a NUL character, which no command line can carry", () => {
    expect(() => shellQuote("a\u0000b")).toThrow(UnquotableValueError);
  });

  it("writes --flag=value so a value that looks like a flag stays a value", () => {
    const script = shellCommand(
      ["az", "rest"],
      [
        { flag: "--body", value: "--help" },
        { flag: "--url", value: "it's\nhere" },
        { flag: "--switch" },
      ],
    );
    expect(runCommands(script)).toEqual([
      ["az", "rest", "--body=--help", "--url=it's\nhere", "--switch"],
    ]);
  });
});
