import { beforeAll, describe, expect, it } from "vitest";
import type { TBinding } from "@/lib/schemas/binding";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  awsSpec,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  githubIssuerUrl,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { created, expectProblem, getItem, ok, patchItem, postItem } from "./catalog-api";

// IAM's rules for a role's trust policy as a whole: size, Sids, providers
// (CLOUDS.md 2.1-2.6; issue 3 item 4), through POST /api/v1/bindings and
// PATCH /api/v1/targets. Conditions and raw JSON: bindings-aws-conditions.

let operatorToken: string;
let viewerToken: string;
let workload: TWorkload;

const key = "token.actions.githubusercontent.com";
const providerArn = `arn:aws:iam::123456789012:oidc-provider/${key}`;
const action = "sts:AssumeRoleWithWebIdentity";

beforeAll(async () => {
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
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

describe("AWS trust statements", () => {
  it("builds the statement, and shows the provider and the whole trust policy with its siblings", async () => {
    const target = await createTestTarget("aws-role");
    const first = await created<TBinding>(await postStatement(target, { sid: "AlphaDeploy" }));
    const second = await created<TBinding>(
      await postStatement(target, {
        sid: "BravoDeploy",
        ...builder({
          extraConditions: [
            {
              operator: "StringEquals",
              claim: "job_workflow_ref",
              values: ["contoso/x/.github/workflows/d.yml@refs/heads/main"],
            },
          ],
        }),
      }),
    );
    const statement = (sid: string, extra: Record<string, string> = {}) => ({
      Sid: sid,
      Effect: "Allow",
      Principal: { Federated: providerArn },
      Action: action,
      Condition: {
        StringEquals: {
          [`${key}:aud`]: "sts.amazonaws.com",
          [`${key}:sub`]: workload.subject,
          ...extra,
        },
      },
    });
    const bravo = statement("BravoDeploy", {
      [`${key}:job_workflow_ref`]: "contoso/x/.github/workflows/d.yml@refs/heads/main",
    });
    const got = await ok<TBinding>(await getItem("bindings", viewerToken, second.id));
    expect(got).toMatchObject({
      name: "BravoDeploy",
      issuerUrl: githubIssuerUrl,
      subject: workload.subject,
    });
    expect(got.cloudObject).toEqual({
      roleArn: String(target.externalId),
      providerUrl: githubIssuerUrl,
      providerArn,
      clientIds: ["sts.amazonaws.com"],
      thumbprints: [],
      statement: bravo,
      trustPolicy: { Version: "2012-10-17", Statement: [statement("AlphaDeploy"), bravo] },
    });
    expect(first.spec.statement).toEqual(statement("AlphaDeploy"));
  });

  it("warns past 2,048 characters of trust policy and refuses past 4,096", async () => {
    const target = await createTestTarget("aws-role");
    const outcomes: string[] = [];
    const sizes: number[] = [];
    for (let index = 0; index < 40 && !outcomes.includes("refused"); index += 1) {
      const response = await postStatement(target, {
        sid: `Grow${String(index).padStart(2, "0")}`,
        ...builder({ subjects: [`repo:contoso/app:environment:${"e".repeat(150)}-${index}`] }),
      });
      if (response.status !== 201) {
        const problem = await expectProblem(response, 422, [
          {
            name: "spec.statement",
            reason:
              /^The role's trust policy would be \d,\d{3} characters; IAM refuses more than 4,096 even with a raised quota\. Move some bindings to another role\.$/,
          },
        ]);
        sizes.push(
          Number(
            /be (\d,\d{3})/.exec(problem.invalid_params?.[0]?.reason ?? "")?.[1]?.replace(",", ""),
          ),
        );
        outcomes.push("refused");
        continue;
      }
      const binding = (await response.json()) as TBinding;
      const size = binding.warnings?.find((warning) => warning.path === "spec.statement");
      if (size) {
        expect(size.message).toMatch(
          /^The role's trust policy would be \d,\d{3} characters; IAM's default quota is 2,048, which can be raised to 4,096 in Service Quotas\.$/,
        );
        sizes.push(Number(/be (\d,\d{3})/.exec(size.message)?.[1]?.replace(",", "")));
      }
      outcomes.push(size ? "warned" : "ok");
    }
    expect(outcomes.join(" ")).toMatch(/^(ok )+(warned )+refused$/);
    expect(sizes.slice(0, -1).every((size) => size > 2048 && size <= 4096)).toBe(true);
    expect(sizes.at(-1)).toBeGreaterThan(4096);
  });

  it("refuses a Sid already used in the role's trust policy, but not in another role's", async () => {
    const target = await createTestTarget("aws-role");
    await created<TBinding>(await postStatement(target, { sid: "Shared" }));
    await expectProblem(await postStatement(target, { sid: "Shared" }), 422, [
      {
        name: "spec.sid",
        reason:
          "Another statement of this role's trust policy has this Sid; IAM requires them to be unique.",
      },
    ]);
    await created<TBinding>(
      await postStatement(await createTestTarget("aws-role"), { sid: "Shared" }),
    );
  });

  it("refuses a provider URL the role's account does not have", async () => {
    const target = await createTestTarget("aws-role");
    await expectProblem(await postStatement(target, { providerUrl: "https://gitlab.com" }), 422, [
      {
        name: "spec.providerUrl",
        reason:
          "The role's account has no IAM OIDC provider with this URL; add it to the target first (IAM refuses a Principal.Federated that does not exist).",
      },
    ]);
  });

  it("refuses removing a provider a binding uses from the target, but removes an unused one", async () => {
    const gitlab = { url: "https://gitlab.com", clientIds: ["sts.amazonaws.com"], thumbprints: [] };
    const target = await createTestTarget("aws-role", {
      config: {
        oidcProviders: [
          { url: githubIssuerUrl, clientIds: ["sts.amazonaws.com"], thumbprints: [] },
          gitlab,
        ],
      },
    });
    const binding = await created<TBinding>(await postStatement(target, { sid: "UsesGithub" }));
    const withoutGithub = { ...target.config, oidcProviders: [gitlab] };
    await expectProblem(
      await patchItem("targets", operatorToken, target.id, { config: withoutGithub }),
      409,
      [{ name: "config.oidcProviders", reason: `still used by binding "${binding.name}"` }],
    );
    const withoutGitlab = {
      ...target.config,
      oidcProviders: [(target.config.oidcProviders as unknown[])[0]],
    };
    const patched = await ok<TTarget>(
      await patchItem("targets", operatorToken, target.id, { config: withoutGitlab }),
    );
    expect(patched.config.oidcProviders).toHaveLength(1);
  });
});
