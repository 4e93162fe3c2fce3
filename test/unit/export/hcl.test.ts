import { describe, expect, it } from "vitest";
import { hclBlock, hclString, resourceNamer } from "@/lib/sync/export/hcl";
import { literal, parseTerraform } from "./export-harness";

const strange = [
  "plain",
  'quote " and backslash \\ and \\"',
  "template ${var.x} and directive %{ if true }x%{ endif }",
  "already doubled $${x} %%{y}",
  "$ alone, { alone, $$ and %%",
  "line\nbreak\r\nand\ttab",
  "bidi \u202e override \u2066 isolate \u2069 zero\u200bwidth \ufeff",
  "nul \u0000 and bell \u0007 and del \u007f",
  "emoji 🙂 and é",
  "ends with backslash \\",
  "",
];

describe("HCL strings", () => {
  it.each(strange)("reads back exactly as written: %j", async (value) => {
    const text = hclBlock("resource", ["t_type", "n"], [{ attribute: "value", value }]);
    const parsed = await parseTerraform(text);
    expect(literal(parsed.t_type?.n?.value)).toBe(value);
  });

  it("never leaves a character that changes how the line reads", () => {
    for (const value of strange) {
      expect(hclString(value)).not.toMatch(/[\u0000-\u001f\u202e\u2066\u2069\u200b\ufeff]/u);
    }
  });

  it("keeps object keys literal too", async () => {
    const text = hclBlock(
      "resource",
      ["t_type", "n"],
      [{ attribute: "map", value: { "${key}": "v", 'k"q': "%{x}" } }],
    );
    const parsed = await parseTerraform(text);
    expect(literal(parsed.t_type?.n?.map)).toEqual({ "${key}": "v", 'k"q': "%{x}" });
  });
});

describe("resource names", () => {
  it("are valid identifiers, unique, from any wanted name", () => {
    const name = resourceNamer();
    const names = [
      "9lives",
      "a b",
      "a b",
      "token.actions.example.com",
      "",
      "ok-name",
      "ok-name",
    ].map(name);
    expect(names).toEqual([
      "_9lives",
      "a_b",
      "a_b_2",
      "token_actions_example_com",
      "resource",
      "ok-name",
      "ok-name_2",
    ]);
    for (const each of names) expect(each).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
  });
});
