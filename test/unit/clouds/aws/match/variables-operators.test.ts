import { describe, expect, it } from "vitest";
import { evaluateCondition } from "@/lib/clouds/aws/match/conditions";
import { at, gh, githubClaims } from "./fixtures";

// IAM policy elements: "Variables and tags", "Where you can use policy
// variables": in a Condition, only the string and ARN operators replace
// ${…}; under Numeric*, Date*, Bool, Binary and IP operators it is literal
// text, so it never equals the request's value.

const id = `\${${gh}:repository_id}`;
const context = { providerKey: gh, claims: githubClaims(), at, version: "2012-10-17" };

describe("evaluateCondition: where policy variables are replaced", () => {
  it.each([
    ["NumericEquals reads ${…} as text", "NumericEquals", `${gh}:repository_id`, id, false],
    ["DateEquals reads ${…} as text", "DateEquals", "aws:CurrentTime", "${aws:CurrentTime}", false],
    ["Bool reads ${…} as text", "Bool", `${gh}:repository_id`, id, false],
    ["IpAddress reads ${…} as text", "IpAddress", `${gh}:repository_id`, id, false],
    ["BinaryEquals reads ${…} as text", "BinaryEquals", `${gh}:repository_id`, id, false],
    ["NumericNotEquals reads ${…} as text", "NumericNotEquals", `${gh}:repository_id`, id, true],
    ["StringEquals replaces ${…}", "StringEquals", `${gh}:repository_id`, id, true],
  ] as const)('%s (IAM "Variables and tags")', (_rule, operator, key, value, ok) => {
    const [result] = evaluateCondition({ [operator]: { [key]: value } }, context);
    expect(result?.ok).toBe(ok);
    expect(result?.undecided).toBeUndefined();
  });
});
