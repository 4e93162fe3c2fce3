import { describe, expect, it } from "vitest";
import { isUndecided, type Evaluation } from "@/lib/federation/types";
import { checkClaims } from "@/lib/tokens/claim-checks";
import * as aws from "./aws/match/fixtures";
import * as azure from "./azure/match/fixtures";
import * as gcp from "./gcp/match/fixtures";

// Issue 10 item 4: every cloud's verdict on the time claims follows what the
// cloud documents (CLOUDS.md 1.4, 2.7/2.8, 3.5) and is undecided where it
// documents nothing (CLOUDS.md 6). No card says "would accept" a token whose
// exp, nbf or iat the pipeline's claim checks find invalid.

const now = azure.now;
type Times = { iat?: unknown; nbf?: unknown; exp?: unknown };
/** An error code, or "undecided", or "accepted". */
type Verdict = string;
type Row = { name: string; times: Times; azure: Verdict; aws: Verdict; gcp: Verdict };

const rows: Row[] = [
  {
    name: "iat an hour in the future",
    times: { iat: now + 3600, nbf: now - 60, exp: now + 3900 },
    azure: "undecided",
    aws: "undecided",
    gcp: "invalid_grant",
  },
  {
    name: "iat 9.2e18",
    times: { iat: 9.2e18, nbf: now - 60, exp: now + 240 },
    azure: "undecided",
    aws: "undecided",
    gcp: "invalid_grant",
  },
  {
    name: "iat 30 s ahead, within the pipeline's clock skew",
    times: { iat: now + 30, nbf: now - 60, exp: now + 240 },
    azure: "accepted",
    aws: "accepted",
    gcp: "invalid_grant",
  },
  {
    name: "iat within the skew but exp not after it",
    times: { iat: now + 30, nbf: now - 60, exp: now + 20 },
    azure: "undecided",
    aws: "undecided",
    gcp: "invalid_grant",
  },
  {
    name: "iat an hour in the future and a lifetime over 1 day 1 hour",
    times: { iat: now + 3600, nbf: now - 60, exp: now + 3600 + 90_001 },
    azure: "AADSTS70023",
    aws: "undecided",
    gcp: "invalid_grant",
  },
  {
    name: "iat -0",
    times: { iat: -0, nbf: now - 60, exp: now + 240 },
    azure: "AADSTS70023",
    aws: "undecided",
    gcp: "invalid_grant",
  },
  {
    name: "nbf two minutes in the future",
    times: { iat: now - 60, nbf: now + 120, exp: now + 240 },
    azure: "AADSTS700024",
    aws: "undecided",
    gcp: "undecided",
  },
  {
    name: 'nbf "now" (a string)',
    times: { iat: now - 60, nbf: "now", exp: now + 240 },
    azure: "undecided",
    aws: "undecided",
    gcp: "undecided",
  },
  {
    name: "nbf before 1970",
    times: { iat: now - 60, nbf: -5, exp: now + 240 },
    azure: "undecided",
    aws: "undecided",
    gcp: "undecided",
  },
  {
    name: "exp 9.2e18",
    times: { iat: now - 60, nbf: now - 60, exp: 9.2e18 },
    azure: "AADSTS70023",
    aws: "undecided",
    gcp: "invalid_grant",
  },
  {
    name: "exp 1e999 (Infinity once parsed)",
    times: { iat: now - 60, nbf: now - 60, exp: Number.POSITIVE_INFINITY },
    azure: "AADSTS70023",
    aws: "undecided",
    gcp: "invalid_grant",
  },
  {
    name: "exp -1e999",
    times: { iat: now - 60, nbf: now - 60, exp: Number.NEGATIVE_INFINITY },
    azure: "AADSTS700024",
    aws: "ExpiredTokenException",
    gcp: "invalid_grant",
  },
  {
    name: "exp a second ago",
    times: { iat: now - 60, nbf: now - 60, exp: now - 1 },
    azure: "AADSTS700024",
    aws: "ExpiredTokenException",
    gcp: "invalid_grant",
  },
];

function withTimes(claims: Record<string, unknown>, times: Times): Record<string, unknown> {
  return { ...claims, ...times };
}

const evaluators = {
  azure: (times: Times) =>
    azure.evaluate(
      azure.token(withTimes(azure.githubClaims(azure.envSub), times)),
      azure.single(azure.envFic),
    ),
  aws: (times: Times) => aws.evaluate(withTimes(aws.githubClaims(), times)),
  gcp: (times: Times) => gcp.evaluate(gcp.token(withTimes(gcp.githubClaims(), times))),
};
const clouds = ["azure", "aws", "gcp"] as const;

function verdictOf(evaluation: Evaluation): Verdict {
  if (evaluation.accepted) return "accepted";
  if (isUndecided(evaluation.cloudError)) return "undecided";
  return evaluation.cloudError?.code ?? "refused";
}

describe("time claims: each cloud's documented rule, undecided where it has none", () => {
  it.each(rows.flatMap((row) => clouds.map((cloud) => [row.name, cloud, row] as const)))(
    "%s on %s",
    (_name, cloud, row) => {
      expect(verdictOf(evaluators[cloud](row.times))).toBe(row[cloud]);
    },
  );

  it.each(rows.map((row) => [row.name, row] as const))(
    "no cloud accepts a token the claim checks refuse for its times: %s",
    (_name, row) => {
      const issues = checkClaims(withTimes(aws.githubClaims(), row.times), { now: aws.at });
      const timeErrors = issues.filter(
        (issue) => issue.severity === "error" && ["exp", "nbf", "iat"].includes(issue.claim),
      );
      if (timeErrors.length === 0) return;
      for (const cloud of clouds)
        expect(verdictOf(evaluators[cloud](row.times))).not.toBe("accepted");
    },
  );

  it("explains an undecided Entra verdict: iat in the future is undocumented", () => {
    const evaluation = evaluators.azure({ iat: now + 3600, nbf: now - 60, exp: now + 3900 });
    expect(evaluation.cloudError).toEqual({
      code: "FedlensUndecided",
      message:
        "Entra may accept or refuse this token: its iat is in the future, and Entra does not document how it treats that.",
    });
    const issuedAt = evaluation.checks.find((check) => check.check === "issuedAt");
    expect(issuedAt).toMatchObject({
      ok: false,
      message: expect.stringMatching(/issued in the future/),
    });
  });

  it("lets a definite refusal answer over an earlier undecided check", () => {
    const evaluation = evaluators.azure({
      iat: now + 3600,
      nbf: now - 60,
      exp: now + 3600 + 90_001,
    });
    const failing = evaluation.checks.filter((check) => !check.ok).map((check) => check.check);
    expect(failing).toEqual(["issuedAt", "lifetime"]);
    expect(evaluation.cloudError?.code).toBe("AADSTS70023");
  });

  it("accepts on AWS a token without iat, with the caveat that STS's rule is undocumented", () => {
    const claims = aws.githubClaims();
    delete claims.iat;
    const evaluation = aws.evaluate(claims);
    expect(evaluation.accepted).toBe(true);
    expect(evaluation.caveats).toEqual([
      "AWS does not document whether STS requires iat; this token has none.",
    ]);
  });
});
