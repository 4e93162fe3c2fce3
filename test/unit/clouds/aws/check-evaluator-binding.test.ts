import { describe, expect, it, vi } from "vitest";
import { checkAwsEvaluatorBinding } from "@/lib/clouds/aws/check-evaluator-binding";
import {
  isRoleArn,
  ZAwsEvaluatorBinding,
  ZAwsEvaluatorFields,
  ZRoleArn,
} from "@/lib/clouds/aws/evaluator-binding";
import { expectSchemaAnswer, variantsOf } from "@/test/unit/schemas/schema-variants";
import { account, gh, ghArn, ghIssuer, githubTrust, roleArn } from "./match/fixtures";

// The trust map checks AWS bindings with remembered field answers; every
// answer must still be exactly the schema's: success, output (values, key
// order, no extra or missing keys) and, on refusal, its issues.

const trustPolicy = (sub: string) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "GitHub",
      Effect: "Allow",
      Principal: { Federated: ghArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com", [`${gh}:sub`]: [sub] },
      },
    },
  ],
});

const catalogueShape = {
  cloud: "aws",
  providerUrl: ghIssuer,
  clientIds: ["sts.amazonaws.com"],
  thumbprints: [],
  roleArn,
  trustPolicy: trustPolicy("repo:octo-org/octo-repo:environment:production"),
  additionalProviders: [],
};

const bases: Record<string, unknown>[] = [
  catalogueShape,
  {
    cloud: "aws",
    providerUrl: ghIssuer,
    clientIds: ["sts.amazonaws.com"],
    roleArn,
    trustPolicy: githubTrust(),
  },
  {
    ...catalogueShape,
    thumbprints: ["6938FD4D98BAB03FAADB97B34396831E3780AEA1"],
    additionalProviders: [
      { providerUrl: "https://gitlab.com", clientIds: ["https://gitlab.com", "sts"] },
    ],
  },
  {
    cloud: "aws",
    roleArn: `arn:aws-cn:iam::${account}:role/ci/deploy`,
    trustPolicy: {
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Principal: { Federated: "accounts.google.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "accounts.google.com:aud": "123" } },
      },
    },
  },
  {
    cloud: "aws",
    providerUrl: ghIssuer,
    clientIds: ["sts.amazonaws.com"],
    roleArn,
    trustPolicyRaw: JSON.stringify(githubTrust()),
  },
];

const shapeKeys = Object.keys(ZAwsEvaluatorFields.shape);

describe("checkAwsEvaluatorBinding", () => {
  it("answers as the schema does for inputs near valid bindings, whatever came before", () => {
    const inputs = bases.flatMap((base) => variantsOf(base, { shapeKeys }));
    let accepted = 0;
    for (const input of [...inputs, ...[...inputs].reverse()]) {
      if (expectSchemaAnswer(checkAwsEvaluatorBinding, ZAwsEvaluatorBinding, input)) accepted += 1;
    }
    expect(inputs.length).toBeGreaterThan(2000);
    expect(accepted).toBeGreaterThan(200);
  });

  it("answers as the schema does for a role's bindings checked one after another", () => {
    for (let index = 0; index < 50; index += 1) {
      const input = {
        ...catalogueShape,
        roleArn: `${roleArn}-${index % 7}`,
        trustPolicy: trustPolicy(`repo:octo-org/repo-${index}:ref:refs/heads/main`),
        ...(index % 5 === 0 ? { thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"] } : {}),
      };
      expectSchemaAnswer(checkAwsEvaluatorBinding, ZAwsEvaluatorBinding, input);
    }
  });

  it("reads a usual binding without the whole schema", () => {
    const whole = vi.spyOn(ZAwsEvaluatorBinding, "safeParse");
    expect(checkAwsEvaluatorBinding(catalogueShape).success).toBe(true);
    expect(checkAwsEvaluatorBinding({ ...catalogueShape }).success).toBe(true);
    expect(whole).not.toHaveBeenCalled();
    whole.mockRestore();
  });

  it("gives every answer lists of its own", () => {
    const first = checkAwsEvaluatorBinding(catalogueShape);
    if (!first.success) throw new Error("refused");
    first.data.clientIds?.push("changed");
    first.data.thumbprints?.push("changed");
    const second = checkAwsEvaluatorBinding(catalogueShape);
    expect(second.success && second.data.clientIds).toEqual(["sts.amazonaws.com"]);
    expect(second.success && second.data.thumbprints).toEqual([]);
  });

  it("matches a role ARN only when ZRoleArn accepts it as it is", () => {
    const path = `/${"p".repeat(2020)}/`;
    const arns = [
      roleArn,
      `arn:aws:iam::${account}:role${path}deploy`,
      `arn:aws:iam::${account}:role${path.slice(0, 1900)}/deploy`,
      `arn:aws:iam::${account}:role/${"d".repeat(64)}`,
      `arn:aws:iam::${account}:role/${"d".repeat(65)}`,
      `${roleArn}\n`,
      ` ${roleArn}`,
      "",
      42,
      null,
    ];
    for (const arn of arns) {
      const parsed = ZRoleArn.safeParse(arn);
      expect(isRoleArn(arn), String(arn).slice(0, 80)).toBe(parsed.success && parsed.data === arn);
    }
  });
});
