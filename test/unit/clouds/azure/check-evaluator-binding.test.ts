import { describe, expect, it, vi } from "vitest";
import { checkAzureEvaluatorBinding } from "@/lib/clouds/azure/check-evaluator-binding";
import {
  acceptedClaimsExpression,
  ZAzureEvaluatorBinding,
  ZAzureEvaluatorFields,
} from "@/lib/clouds/azure/evaluator-binding";
import { expectSchemaAnswer, variantsOf } from "@/test/unit/schemas/schema-variants";
import { exchange, github } from "./match/fixtures";

// The trust map checks Azure bindings with remembered field answers; every
// answer must still be exactly the schema's: success, output (values, key
// order, no extra or missing keys) and, on refusal, its issues.

const catalogueShape = {
  cloud: "azure",
  target: "userAssignedIdentity",
  name: "fic-0",
  issuer: github,
  audiences: [exchange],
  subject: "repo:contoso/api:environment:production",
};
const flexible = {
  cloud: "azure",
  target: "application",
  name: "gh-flexible",
  issuer: github,
  audiences: [exchange],
  claimsMatchingExpression: { value: "claims['sub'] matches 'repo:contoso/*'", languageVersion: 1 },
};

const bases: Record<string, unknown>[] = [
  catalogueShape,
  flexible,
  { ...catalogueShape, target: undefined, description: "deploys the API" },
  {
    cloud: "azure",
    federatedIdentityCredentials: [
      {
        name: "gh-main",
        issuer: github,
        audiences: [exchange],
        subject: "repo:contoso/api:ref:main",
      },
      {
        name: "gh-any",
        issuer: github,
        audiences: [exchange],
        subject: "repo:contoso/web:ref:main",
      },
    ],
  },
];

const shapeKeys = Object.keys(ZAzureEvaluatorFields.shape);

describe("checkAzureEvaluatorBinding", () => {
  it("answers as the schema does for inputs near valid bindings, whatever came before", () => {
    const inputs = bases.flatMap((base) => variantsOf(base, { shapeKeys }));
    let accepted = 0;
    for (const input of [...inputs, ...[...inputs].reverse()]) {
      if (expectSchemaAnswer(checkAzureEvaluatorBinding, ZAzureEvaluatorBinding, input)) {
        accepted += 1;
      }
    }
    expect(inputs.length).toBeGreaterThan(1500);
    expect(accepted).toBeGreaterThan(200);
  });

  it("answers as the schema does for an issuer's credentials checked one after another", () => {
    for (let index = 0; index < 50; index += 1) {
      const input = {
        ...(index % 4 ? catalogueShape : flexible),
        name: index % 9 ? `fic-${index}` : `-fic-${index}`,
        issuer: index % 5 ? github : "https://gitlab.com",
      };
      expectSchemaAnswer(checkAzureEvaluatorBinding, ZAzureEvaluatorBinding, input);
    }
  });

  it("reads a usual binding without the whole schema", () => {
    const whole = vi.spyOn(ZAzureEvaluatorBinding, "safeParse");
    expect(checkAzureEvaluatorBinding(catalogueShape).success).toBe(true);
    expect(checkAzureEvaluatorBinding(flexible).success).toBe(true);
    expect(whole).not.toHaveBeenCalled();
    whole.mockRestore();
  });

  it("gives every answer lists of its own", () => {
    const first = checkAzureEvaluatorBinding(catalogueShape);
    if (!first.success) throw new Error("refused");
    first.data.audiences?.push("changed");
    const second = checkAzureEvaluatorBinding(catalogueShape);
    expect(second.success && second.data.audiences).toEqual([exchange]);
  });

  it("reads an expression directly only as its schema would output it", () => {
    const schema = ZAzureEvaluatorFields.shape.claimsMatchingExpression;
    const values = ["claims['sub'] eq 'x'", "", " ", "x".repeat(2000), "x".repeat(2001), 1];
    const versions = [1, 2, -0, 1.5, Number.NaN, Infinity, 2 ** 53, -(2 ** 53) + 1, "1", null];
    const inputs: unknown[] = [
      null,
      [],
      "x",
      { value: "x" },
      { value: "x", languageVersion: 1, a: 1 },
    ];
    for (const value of values) {
      for (const languageVersion of versions) inputs.push({ value, languageVersion });
      inputs.push({ languageVersion: 1, value });
    }
    for (const input of inputs) {
      const parsed = schema.safeParse(input);
      const direct = acceptedClaimsExpression(input);
      if (direct !== undefined) {
        expect(parsed.success).toBe(true);
        expect(direct).toStrictEqual(parsed.data);
        expect(Object.keys(direct)).toEqual(Object.keys(parsed.data ?? {}));
      }
    }
    expect(acceptedClaimsExpression({ value: "x", languageVersion: 2 })).toBeDefined();
  });
});
