import { beforeAll, describe, expect, it } from "vitest";
import type { TBinding } from "@/lib/schemas/binding";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  azureSpec,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { created, expectProblem, postItem, type ExpectedParam } from "./catalog-api";

// Flexible federated identity credentials: claimsMatchingExpression language
// version 1 (CLOUDS.md 1.6; issue 3 item 4), through POST /api/v1/bindings.

let operatorToken: string;
let workload: TWorkload;

beforeAll(async () => {
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
  workload = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
});

const postFic = (target: TTarget, spec: Record<string, unknown>) =>
  postItem("bindings", operatorToken, {
    workloadId: workload.id,
    targetId: target.id,
    spec: azureSpec(workload, spec),
  });

describe("Azure flexible credentials", () => {
  const flexible = (value: string, languageVersion = 1) => ({
    subject: undefined,
    claimsMatchingExpression: { value, languageVersion },
  });
  const valueRule = (reason: string): ExpectedParam[] => [
    { name: "spec.claimsMatchingExpression.value", reason },
  ];

  it.each<[string, ExpectedParam[]]>([
    ["claims['sub'] eq 'a' or claims['sub'] eq 'b'", valueRule("'or' is not supported")],
    [
      "claims['sub']  eq 'a'",
      valueRule("extra space at position 15; use exactly one space before the operator"),
    ],
    ["claims['sub'] equals 'a'", valueRule("unknown operator 'equals'; use matches or eq")],
    ["claims['sub'] eq 'a", valueRule("unterminated quote starting at position 18")],
    ["(claims['sub'] eq 'a')", valueRule("parentheses are not supported")],
    [
      "claims['sub'] eq 'a' AND claims['x'] eq 'b'",
      valueRule("write 'and' in lower case at position 22"),
    ],
    ["sub eq 'a'", valueRule("expected claims['<name>'] at position 1")],
  ])("refuses the expression %s", async (value, params) => {
    const target = await createTestTarget("azure-app");
    await expectProblem(await postFic(target, flexible(value)), 422, params);
  });

  it("refuses a language version other than 1", async () => {
    const target = await createTestTarget("azure-app");
    await expectProblem(await postFic(target, flexible("claims['sub'] eq 'x'", 2)), 422, [
      {
        name: "spec.claimsMatchingExpression.languageVersion",
        reason: "must be 1, the only language version Entra documents",
      },
    ]);
  });

  it("accepts a well-formed expression and stores it as the binding's subject pattern", async () => {
    const target = await createTestTarget("azure-app");
    const value = "claims['sub'] matches 'repo:contoso/web:ref:refs/tags/v*'";
    const binding = await created<TBinding>(await postFic(target, flexible(value)));
    expect(binding.subject).toBe(value);
    expect(binding.cloudObject).toMatchObject({
      claimsMatchingExpression: { value, languageVersion: 1 },
    });
    expect(binding.cloudObject).not.toHaveProperty("subject");
  });

  it("puts a broad pattern's warning under the expression's field", async () => {
    const target = await createTestTarget("azure-app");
    const binding = await created<TBinding>(
      await postFic(target, flexible("claims['sub'] matches 'repo:contoso/*'")),
    );
    expect(binding.warnings).toContainEqual({
      path: "spec.claimsMatchingExpression.value",
      message: expect.stringMatching(/^This pattern /),
      rule: "azure-flexible-broad",
    });
  });

  it("warns that flexible credentials on a managed identity are preview-only", async () => {
    const target = await createTestTarget("azure-uami");
    const binding = await created<TBinding>(
      await postFic(target, flexible("claims['sub'] eq 'repo:contoso/web:environment:prod'")),
    );
    expect(binding.warnings).toContainEqual({
      path: "spec.claimsMatchingExpression.value",
      message: expect.stringMatching(
        /^Flexible credentials are documented for app registrations only/,
      ),
    });
  });

  it.each<[string, Record<string, unknown>]>([
    [
      "both a subject and an expression",
      { claimsMatchingExpression: { value: "claims['sub'] eq 'x'", languageVersion: 1 } },
    ],
    ["neither a subject nor an expression", { subject: undefined }],
  ])("refuses %s", async (_label, spec) => {
    const target = await createTestTarget("azure-app");
    await expectProblem(await postFic(target, spec), 422, [
      {
        name: "spec.subject",
        reason: "set either a subject or a claims-matching expression, not both",
      },
    ]);
  });

  it("warns about a FIC any pull request can use", async () => {
    const target = await createTestTarget("azure-uami");
    const binding = await created<TBinding>(
      await postFic(target, { subject: "repo:contoso/payments-api:pull_request" }),
    );
    expect(binding.warnings).toContainEqual({
      path: "spec.subject",
      message: expect.stringMatching(/^Any pull-request run in the repository gets this identity/),
      rule: "azure-fic-pull-request",
    });
  });
});
