import { describe, expect, it } from "vitest";
import type { Evaluation } from "@/lib/federation/types";
import { evaluate, gh, githubClaims, policy, statement } from "./fixtures";

// The trust map judges the bindings of many accounts and providers one after
// another, and the evaluator keeps what it worked out for the account and
// provider asked about last (provider.ts, broad.ts). Each binding must still
// be judged by its own account, partition and provider.

const sub = "repo:octo-org/octo-repo:ref:refs/heads/main";
const failing = (evaluation: Evaluation) => evaluation.checks.find((check) => !check.ok);

function trustOf(arn: string, key: string, extra: Record<string, unknown> = {}) {
  return policy(
    statement({
      Principal: { Federated: arn },
      Condition: {
        StringEquals: { [`${key}:aud`]: "sts.amazonaws.com", [`${key}:sub`]: sub, ...extra },
      },
    }),
  );
}

describe("bindings judged in turn", () => {
  it("names the provider ARN of each binding's own account and partition (CLOUDS.md 2.3, 2.8)", () => {
    const roles = [
      ["aws", "111111111111"],
      ["aws", "222222222222"],
      ["aws-cn", "222222222222"],
    ] as const;
    for (const [partition, account] of roles) {
      const arn = `arn:${partition}:iam::${account}:oidc-provider/${gh}`;
      const fields = { roleArn: `arn:${partition}:iam::${account}:role/deploy` };
      const accepted = evaluate(githubClaims({ sub }), {
        ...fields,
        trustPolicy: trustOf(arn, gh),
      });
      expect(accepted.accepted).toBe(true);
      const other = `arn:aws:iam::333333333333:oidc-provider/${gh}`;
      const refused = evaluate(githubClaims({ sub }), {
        ...fields,
        trustPolicy: trustOf(other, gh),
      });
      expect(failing(refused)?.expected).toBe(arn);
    }
  });

  it("calls a trust broad only for a multi-tenant provider, whichever was judged before (CLOUDS.md 5.1)", () => {
    const eks = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
    const eksArn = `arn:aws:iam::123456789012:oidc-provider/${eks}`;
    const ghArn = `arn:aws:iam::123456789012:oidc-provider/${gh}`;
    const audOnly = (arn: string, key: string) =>
      policy(
        statement({
          Principal: { Federated: arn },
          Condition: { StringEquals: { [`${key}:aud`]: "sts.amazonaws.com" } },
        }),
      );
    const github = () => evaluate(githubClaims(), { trustPolicy: audOnly(ghArn, gh) });
    const cluster = () =>
      evaluate(githubClaims({ iss: `https://${eks}` }), {
        providerUrl: `https://${eks}`,
        trustPolicy: audOnly(eksArn, eks),
      });
    expect(github().broad?.reason).toMatch(/any GitHub Actions repository/);
    expect(cluster().accepted).toBe(true);
    expect(cluster().broad).toBeUndefined();
    expect(github().broad?.reason).toMatch(/any GitHub Actions repository/);
  });
});
