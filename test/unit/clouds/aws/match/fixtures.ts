import {
  normaliseAwsEvaluatorBinding,
  ZAwsEvaluatorBinding,
  type NormalisedAwsBinding,
} from "@/lib/clouds/aws/evaluator-binding";
import { evaluateAws } from "@/lib/clouds/aws/match";
import type { Check, Evaluation, ExchangeRequest, TokenFacts } from "@/lib/federation/types";
import { inPlainWords } from "@/test/support/plain-words";

// Tokens as plain claim objects (signature "valid"), bindings as the evaluate
// API takes them, parsed and normalised the way the route would.

export const gh = "token.actions.githubusercontent.com";
export const ghIssuer = `https://${gh}`;
export const account = "123456789012";
export const ghArn = `arn:aws:iam::${account}:oidc-provider/${gh}`;
export const roleArn = `arn:aws:iam::${account}:role/deploy`;

/** 2026-09-01T12:00:00Z, the evaluation time of every case. */
export const at = new Date("2026-09-01T12:00:00Z");
export const now = Math.floor(at.getTime() / 1000);

export function githubClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: ghIssuer,
    aud: "sts.amazonaws.com",
    sub: "repo:octo-org/octo-repo:ref:refs/heads/main",
    repository: "octo-org/octo-repo",
    repository_id: "821093847",
    repository_owner: "octo-org",
    ref: "refs/heads/main",
    event_name: "push",
    job_workflow_ref: "octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main",
    iat: now - 60,
    nbf: now - 60,
    exp: now + 240,
    ...overrides,
  };
}

export function token(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: "RS256", kid: "k1", typ: "JWT" },
  signature: TokenFacts["signature"] = "valid",
  signatureReason?: string,
): TokenFacts {
  return { header, claims, signature, ...(signatureReason ? { signatureReason } : {}) };
}

export type StatementSpec = {
  Sid?: string;
  Effect?: "Allow" | "Deny";
  Principal?: unknown;
  Action?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  [element: string]: unknown;
};

export function statement(spec: StatementSpec = {}): StatementSpec {
  return {
    Effect: "Allow",
    Principal: { Federated: ghArn },
    Action: "sts:AssumeRoleWithWebIdentity",
    ...spec,
  };
}

export function policy(...statements: StatementSpec[]) {
  return { Version: "2012-10-17", Statement: statements };
}

/** The usual GitHub trust: aud and one exact sub. */
export function githubTrust(sub = "repo:octo-org/octo-repo:ref:refs/heads/main") {
  return policy(
    statement({
      Sid: "GitHubDeploy",
      Condition: {
        StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com", [`${gh}:sub`]: sub },
      },
    }),
  );
}

export function binding(fields: Record<string, unknown> = {}): NormalisedAwsBinding {
  const parsed = ZAwsEvaluatorBinding.parse({
    cloud: "aws",
    providerUrl: ghIssuer,
    clientIds: ["sts.amazonaws.com"],
    roleArn,
    ...(fields.trustPolicyRaw === undefined && fields.trustPolicy === undefined
      ? { trustPolicy: githubTrust() }
      : {}),
    ...fields,
  });
  return normaliseAwsEvaluatorBinding(parsed);
}

export function evaluate(
  claims: Record<string, unknown>,
  fields: Record<string, unknown> = {},
  options: { facts?: TokenFacts; request?: ExchangeRequest; at?: Date } = {},
): Evaluation {
  return inPlainWords(
    evaluateAws({
      token: options.facts ?? token(claims),
      binding: binding(fields),
      ...(options.request ? { request: options.request } : {}),
      at: options.at ?? at,
    }),
  );
}

export function checkOf(evaluation: Evaluation, name: Check["check"]): Check {
  const found = evaluation.checks.find((check) => check.check === name);
  if (!found) throw new Error(`no ${name} check in ${JSON.stringify(evaluation.checks)}`);
  return found;
}

export function firstFailure(evaluation: Evaluation): Check | undefined {
  return evaluation.checks.find((check) => !check.ok);
}
