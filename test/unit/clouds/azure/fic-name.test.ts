import { describe, expect, it } from "vitest";
import { ficNamePattern, ZFicName } from "@/lib/clouds/azure/fic-name";
import { issuesOf, parseOk } from "../../schemas/zod-issues";

// CLOUDS.md 1.1 (ARM spec regex ^[a-zA-Z0-9]{1}[a-zA-Z0-9-_]{2,119}$) and 1.5
// (3–120 characters, letters, digits, '-', '_', first character alphanumeric).

const startMessage = (what: string) =>
  `must start with a letter or digit: Entra refuses names that start with ${what}`;
const charactersMessage = (what: string) =>
  `may contain only letters, digits, '-' and '_' (found ${what})`;

describe("ZFicName", () => {
  it.each([
    ["a typical name", "github-payments-prod"],
    ["the shortest name", "a1b"],
    ["a leading digit", "0-deploy"],
    ["underscores and hyphens", "gh_env-prod_2"],
    ["exactly 120 characters", "a".repeat(120)],
  ])("accepts %s", (_label, name) => {
    expect(parseOk(ZFicName, name)).toBe(name);
  });

  it.each([
    ["an empty string", "", "is required"],
    ["a number", 42, "is required"],
    ["two characters", "ab", "must be at least 3 characters"],
    ["121 characters", "a".repeat(121), "must be at most 120 characters"],
    ["a leading hyphen", "-deploy", startMessage("'-'")],
    ["a leading underscore", "_deploy", startMessage("'_'")],
    ["a leading space", " deploy", startMessage("a space")],
    ["a dot inside", "deploy.prod", charactersMessage("'.'")],
    ["a space inside", "deploy prod", charactersMessage("a space")],
    ["a trailing newline", "deploy\n", charactersMessage("a line break or tab")],
    ["a slash inside", "repo/env", charactersMessage("'/'")],
  ])("rejects %s with one operator message", (_label, input, message) => {
    expect(issuesOf(ZFicName, input)).toEqual([{ path: "", message }]);
  });

  it("reports a short name that also starts badly with both messages", () => {
    expect(issuesOf(ZFicName, "-a").map((issue) => issue.message)).toEqual([
      "must be at least 3 characters",
      startMessage("'-'"),
    ]);
  });

  it.each([
    "abc",
    "ab",
    "-abc",
    "a-c",
    "a_c",
    "a.c",
    "Ab9",
    "é-prod",
    "prod-é",
    "a".repeat(120),
    "a".repeat(121),
  ])("agrees with the ARM spec's regex on %j", (name) => {
    expect(ZFicName.safeParse(name).success).toBe(ficNamePattern.test(name));
  });
});
