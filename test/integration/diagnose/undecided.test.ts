// A binding whose answer Fedlens cannot tell: an AWS trust that also tests
// aws:SourceIp, which only the request carries and which may be absent
// (IAM global condition keys; CLOUDS.md 2.4). The diagnosis says so instead
// of claiming AWS's AccessDenied, and the history counts it as undecided.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as historyRoute from "@/app/api/v1/diagnoses/route";
import { isUndecided } from "@/lib/federation/types";
import type { TDiagnosisRecord } from "@/lib/schemas/diagnose";
import type { TIssuer } from "@/lib/schemas/issuer";
import {
  awsSpec,
  createTestBinding,
  createTestTarget,
  createTestWorkload,
  uniqueSuffix,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call } from "@/test/support/http";
import {
  githubActionsClaims,
  githubActionsIssuer,
  startOidcIssuer,
  type OidcIssuer,
} from "@/test/support/oidc-issuer";
import { allowLoopbackIssuers, catalogueIssuer, diagnose, resultFor } from "./support";

allowLoopbackIssuers();

let issuer: OidcIssuer;
let github: TIssuer;
let viewerToken: string;

beforeAll(async () => {
  issuer = await startOidcIssuer();
  github = await catalogueIssuer(issuer, {
    issuerUrl: githubActionsIssuer,
    kind: "github-actions",
    name: `GitHub Actions ${uniqueSuffix()}`,
  });
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
});

afterAll(() => issuer.stop());

describe("an AWS trust that also tests the caller's source IP", () => {
  it("is undecided, not refused, on the card and in the history", async () => {
    const repo = `ops-${uniqueSuffix()}`;
    const workload = await createTestWorkload({
      issuer: github,
      subjectSpec: { kind: "github", owner: "contoso", repo, trigger: "branch", name: "main" },
    });
    const gh = "token.actions.githubusercontent.com";
    const sid = `Sid${uniqueSuffix()}`;
    const binding = await createTestBinding({
      workload,
      target: await createTestTarget("aws-role"),
      spec: awsSpec(workload, {
        sid,
        mode: "raw",
        statement: {
          Sid: sid,
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${gh}` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com", [`${gh}:sub`]: workload.subject },
            IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
          },
        },
      }),
    });
    const token = await issuer.mint(
      githubActionsClaims({ owner: "contoso", repo, aud: "sts.amazonaws.com" }),
    );

    const { evaluation } = resultFor(await diagnose(token, viewerToken), binding.id);

    expect(evaluation.accepted).toBe(false);
    expect(isUndecided(evaluation.cloudError)).toBe(true);
    expect(evaluation.cloudError?.message).toContain("aws:SourceIp");

    const response = await call(historyRoute.GET, {
      path: "/api/v1/diagnoses?limit=1",
      token: viewerToken,
    });
    const [latest] = ((await response.json()) as { data: TDiagnosisRecord[] }).data;
    expect(latest).toMatchObject({ accepted: 0, rejected: 0, undecided: 1 });
  });
});
