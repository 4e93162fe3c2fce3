import { describe, expect, it } from "vitest";
import { parsePolicyJson, policyJsonMaxLength } from "@/lib/clouds/aws/policy-json";

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("parsePolicyJson", () => {
  it.each([
    [
      "a GitHub trust statement",
      `{
  "Sid": "GithubDeploy",
  "Effect": "Allow",
  "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
  "Action": "sts:AssumeRoleWithWebIdentity",
  "Condition": {
    "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
    "StringLike": { "token.actions.githubusercontent.com:sub": ["repo:contoso/api:environment:*"] }
  }
}`,
    ],
    ["the same key in sibling objects", '{"StringEquals":{"a":"1"},"StringLike":{"a":"2"}}'],
    ["the same key in two statements", '{"Statement":[{"Sid":"A"},{"Sid":"B"}]}'],
    ["scalars", '[true,false,null,-1.5e3,0,"\\u00e9\\n"]'],
    ["a bare string", '"sts:AssumeRoleWithWebIdentity"'],
    ["32 levels of nesting", nested(32)],
  ])("parses %s as JSON.parse does", (_label, text) => {
    expect(parsePolicyJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it.each([
    [
      "two StringEquals blocks, which lost the sub check in alphagov#879 (CLOUDS.md 2.5, 5.4)",
      '{"Condition":{\n  "StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},\n  "StringEquals":{"token.actions.githubusercontent.com:sub":"repo:contoso/api:ref:refs/heads/main"}}}',
      'duplicate key "StringEquals" in Condition at line 3, column 3',
    ],
    [
      "a duplicate at the top level",
      '{"Effect":"Allow","Effect":"Deny"}',
      'duplicate key "Effect" at the top level at line 1, column 19',
    ],
    [
      "a duplicate inside a statement list",
      '{"Statement":[{"Condition":{"StringLike":{"k":"a","k":"b"}}}]}',
      'duplicate key "k" in Statement.0.Condition.StringLike at line 1, column 51',
    ],
    [
      "a duplicate spelled with an escape",
      '{"StringEquals":{},"Str\\u0069ngEquals":{}}',
      'duplicate key "StringEquals" at the top level at line 1, column 20',
    ],
    ["33 levels of nesting", nested(33), "nested deeper than 32 levels at line 1, column 33"],
    [
      "a trailing comma",
      '{"a":1,}',
      'expected a key in double quotes, found "}" at line 1, column 8',
    ],
    ["single quotes", "{'a':1}", 'expected a key in double quotes, found "\'" at line 1, column 2'],
    ["a comment", '{"a":1 // why\n}', "expected ',' or '}', found \"/\" at line 1, column 8"],
    ["an unterminated string", '{"a":"b', "unterminated string at line 1, column 8"],
    [
      "a raw line break in a string",
      '{"a":"b\nc"}',
      "control character in a string; escape it at line 1, column 8",
    ],
    ["a bad escape", '{"a":"\\x41"}', "invalid escape in a string at line 1, column 7"],
    [
      "an unclosed list",
      '{"a":[1,2',
      "expected ',' or ']', found the end of the text at line 1, column 10",
    ],
    [
      "text after the value",
      '{"a":1} {"b":2}',
      'unexpected "{" after the JSON value at line 1, column 9',
    ],
    ["an empty text", "  ", "expected a JSON value, found nothing at line 1, column 3"],
    ["a leading zero", "[01]", "expected ',' or ']', found \"1\" at line 1, column 3"],
    ["a bare word", '{"Effect": Allow}', 'expected a value, found "A" at line 1, column 12'],
  ])("refuses %s", (_label, text, message) => {
    expect(parsePolicyJson(text)).toEqual({ ok: false, message });
  });

  it("shortens a long duplicate key in the message", () => {
    const key = "k".repeat(100);
    const result = parsePolicyJson(`{"${key}":1,"${key}":2}`);
    expect(result).toEqual({
      ok: false,
      message: `duplicate key "${"k".repeat(59)}…" at the top level at line 1, column 107`,
    });
  });

  it("accepts text of exactly the limit and refuses one character more", () => {
    const fits = `"${"a".repeat(policyJsonMaxLength - 2)}"`;
    expect(parsePolicyJson(fits).ok).toBe(true);
    expect(parsePolicyJson(`${fits} `)).toEqual({
      ok: false,
      message: "is 10,241 characters; at most 10,240 are accepted",
    });
  });

  it("keeps a __proto__ key as data without touching prototypes", () => {
    const result = parsePolicyJson('{"__proto__":{"polluted":"yes"}}');
    expect(result.ok).toBe(true);
    const value = (result as { value: Record<string, unknown> }).value;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
