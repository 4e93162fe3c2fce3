import { beforeAll, describe, expect, it } from "vitest";
import type { TBinding } from "@/lib/schemas/binding";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  awsSpec,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { created, expectProblem, postItem, type ExpectedParam } from "./catalog-api";

// Condition operators and keys, and raw statement JSON, as IAM and STS treat
// them (CLOUDS.md 2.4, 2.5; issue 3 item 4), through POST /api/v1/bindings.

let operatorToken: string;
let workload: TWorkload;

const key = "token.actions.githubusercontent.com";
const providerArn = `arn:aws:iam::123456789012:oidc-provider/${key}`;

beforeAll(async () => {
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
  workload = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
});

const postStatement = (target: TTarget, spec: Record<string, unknown>) =>
  postItem("bindings", operatorToken, {
    workloadId: workload.id,
    targetId: target.id,
    spec: awsSpec(workload, spec),
  });

const builder = (overrides: Record<string, unknown>) => ({
  builder: {
    audiences: ["sts.amazonaws.com"],
    subjectOperator: "StringEquals",
    subjects: [workload.subject],
    extraConditions: [],
    ...overrides,
  },
});

const raw = (sid: string, statement: unknown) => ({ sid, mode: "raw", statement });

function rawStatement(sid: string | undefined, condition: Record<string, unknown>) {
  return {
    ...(sid === undefined ? {} : { Sid: sid }),
    Effect: "Allow",
    Principal: { Federated: providerArn },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: condition,
  };
}

describe("AWS trust statement conditions and raw JSON", () => {
  it.each<[string, Record<string, unknown>, ExpectedParam[]]>([
    [
      "a misspelt operator",
      { operator: "StringEqual", claim: "repository", values: ["contoso/x"] },
      [
        {
          name: "spec.statement.Condition.StringEqual",
          reason: "unknown condition operator 'StringEqual'",
        },
      ],
    ],
    [
      "an operator in the wrong case",
      { operator: "stringLike", claim: "repository", values: ["contoso/x"] },
      [
        {
          name: "spec.statement.Condition.stringLike",
          reason:
            "unknown condition operator 'stringLike'; IAM operator names are case-sensitive: StringLike",
        },
      ],
    ],
    [
      "an unknown set operator",
      { operator: "ForAnyValues:StringLike", claim: "repository", values: ["contoso/x"] },
      [
        {
          name: "spec.statement.Condition.ForAnyValues:StringLike",
          reason: "unknown set operator 'ForAnyValues'; use ForAnyValue: or ForAllValues:",
        },
      ],
    ],
    [
      "a claim STS does not expose",
      { operator: "StringEquals", claim: "repository_owner", values: ["contoso"] },
      [
        {
          name: `spec.statement.Condition.StringEquals.${key}:repository_owner`,
          reason:
            "STS does not expose the claim 'repository_owner' as a condition key (only aud, sub, amr, azp, oaud, email); the key is always absent, so the condition is false (true under a negated operator).",
        },
      ],
    ],
  ])("refuses %s in a condition", async (_label, condition, params) => {
    const target = await createTestTarget("aws-role");
    await expectProblem(
      await postStatement(target, builder({ extraConditions: [condition] })),
      422,
      params,
    );
  });

  it("accepts GitHub's documented extra keys (job_workflow_ref, environment, repository_id)", async () => {
    const target = await createTestTarget("aws-role");
    const extraConditions = [
      { operator: "StringEquals", claim: "repository_id", values: ["821093847"] },
      { operator: "StringEquals", claim: "environment", values: ["production"] },
      { operator: "StringLike", claim: "job_workflow_ref", values: ["contoso/infra/*"] },
    ];
    const binding = await created<TBinding>(
      await postStatement(target, builder({ extraConditions })),
    );
    expect(binding.spec.statement).toMatchObject({
      Condition: {
        StringEquals: {
          [`${key}:repository_id`]: "821093847",
          [`${key}:environment`]: "production",
        },
        StringLike: { [`${key}:job_workflow_ref`]: "contoso/infra/*" },
      },
    });
  });

  it("warns about ForAllValues: on the single-valued sub", async () => {
    const target = await createTestTarget("aws-role");
    const statement = rawStatement("AllValues", {
      StringEquals: { [`${key}:aud`]: "sts.amazonaws.com" },
      "ForAllValues:StringLike": { [`${key}:sub`]: `${workload.subject}` },
    });
    const binding = await created<TBinding>(
      await postStatement(target, raw("AllValues", statement)),
    );
    expect(binding.warnings).toContainEqual({
      path: `spec.statement.Condition.ForAllValues:StringLike.${key}:sub`,
      message:
        "ForAllValues: is true when the token lacks the key, and :sub holds one value; drop the prefix.",
      rule: "aws-forallvalues-single-valued",
    });
  });

  it("warns about a statement with no sub condition", async () => {
    const target = await createTestTarget("aws-role");
    const binding = await created<TBinding>(await postStatement(target, builder({ subjects: [] })));
    expect(binding.warnings).toContainEqual({
      path: "spec.statement.Condition",
      message: `No condition on ${key}:sub, so STS does not check the subject: any repository or tenant of this issuer could assume the role.`,
      rule: "aws-trust-no-sub",
    });
  });

  it("refuses raw JSON with a duplicate key, naming the key and where it is", async () => {
    const target = await createTestTarget("aws-role");
    const text = JSON.stringify(
      rawStatement("Dup", { StringEquals: { [`${key}:sub`]: workload.subject } }),
    ).replace(`"${key}:sub":`, `"${key}:sub":"repo:contoso/*","${key}:sub":`);
    const column = text.lastIndexOf(`"${key}:sub"`) + 1;
    await expectProblem(await postStatement(target, raw("Dup", text)), 422, [
      {
        name: "spec.statement",
        reason: `duplicate key "${key}:sub" in Condition.StringEquals at line 1, column ${column}`,
      },
    ]);
  });

  it.each<[string, string | undefined]>([
    ["differs from the binding's", "SomethingElse"],
    ["is missing", undefined],
  ])("refuses a raw statement whose Sid %s", async (_label, sid) => {
    const target = await createTestTarget("aws-role");
    const statement = rawStatement(sid, { StringEquals: { [`${key}:sub`]: workload.subject } });
    await expectProblem(await postStatement(target, raw("BindingSid", statement)), 422, [
      {
        name: "spec.statement",
        reason:
          "The statement's Sid must be \"BindingSid\": it is how Fedlens finds this binding's statement in the role's trust policy.",
      },
    ]);
  });
});
