import type { StatementContext } from "@/lib/clouds/aws/validate-statement";

// Shared by the validate-statement tests: a GitHub provider and a statement to vary.

export const gh = "token.actions.githubusercontent.com";
export const context: StatementContext = {
  providerKey: gh,
  providerArn: `arn:aws:iam::123456789012:oidc-provider/${gh}`,
  providerClientIds: ["sts.amazonaws.com"],
};
export const aud = `${gh}:aud`;
export const sub = `${gh}:sub`;

/** A statement as raw mode may hold it: any element, any value. */
export type Statement = {
  Sid?: unknown;
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  Condition: Record<string, unknown>;
  [element: string]: unknown;
};

/** CLOUDS.md 5.1's fix: aud and an exact environment subject. */
export const good = (): Statement => ({
  Sid: "GithubPaymentsProd",
  Effect: "Allow",
  Principal: { Federated: context.providerArn },
  Action: "sts:AssumeRoleWithWebIdentity",
  Condition: {
    StringEquals: {
      [aud]: "sts.amazonaws.com",
      [sub]: "repo:contoso/payments-api:environment:prod",
    },
  },
});
export const variant = (change: (statement: Statement) => void): Statement => {
  const statement = good();
  change(statement);
  return statement;
};
