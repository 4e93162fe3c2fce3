import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateWhatIf } from "@/lib/diagnose/evaluate-what-if";
import { isAppError } from "@/lib/errors";
import { evaluateExamples } from "@/lib/http/openapi-evaluate";
import { ZEvaluateInput } from "@/lib/schemas/diagnose";
import { assertPlainWords, evaluationTexts } from "@/test/support/plain-words";

// The what-if behind POST /api/v1/evaluate and `fedlens evaluate`, with the
// bodies users write: the documented examples, a trust in a built-in AWS
// provider, and a GCP provider named as gcloud prints it.

const noVerify = async () => {
  throw new Error("claims bodies are never verified");
};

async function whatIf(body: unknown) {
  return evaluateWhatIf(ZEvaluateInput.parse(body), noVerify);
}

async function problemOf(body: unknown) {
  try {
    await whatIf(body);
  } catch (error) {
    if (isAppError(error)) return { message: error.message, invalidParams: error.invalidParams };
    throw error;
  }
  throw new Error("expected the binding to be refused");
}

const at = "2026-06-01T12:00:00Z";
const iat = Date.parse(at) / 1000 - 60;
const googleTrust = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: "accounts.google.com" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          "accounts.google.com:aud": "32555940559.apps.googleusercontent.com",
          "accounts.google.com:sub": "110169484474386276334",
        },
      },
    },
  ],
};
const googleClaims = {
  iss: "https://accounts.google.com",
  aud: "32555940559.apps.googleusercontent.com",
  sub: "110169484474386276334",
  iat,
  exp: iat + 3600,
};
const role = "arn:aws:iam::123456789012:role/google-app";

describe("the documented evaluate examples", () => {
  it.each(Object.entries(evaluateExamples))("accepts the %s example", async (_cloud, example) => {
    const evaluation = await whatIf(example.value);
    expect(evaluation.checks.filter((check) => !check.ok)).toEqual([]);
    expect(evaluation.accepted).toBe(true);
    assertPlainWords(evaluationTexts(evaluation), "example");
  });
});

describe("the README's evaluate example", () => {
  it("is a body the API takes, answered as the README says", async () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");
    const block = /POST \/api\/v1\/evaluate`[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    const evaluation = await whatIf(JSON.parse(block ?? "null"));
    expect(evaluation.cloudError?.code).toBe("AADSTS700213");
    expect(evaluation.checks.find((check) => !check.ok)?.check).toBe("subject");
  });
});

describe("an AWS trust in a built-in provider", () => {
  it("needs no providerUrl or clientIds for accounts.google.com", async () => {
    const evaluation = await whatIf({
      binding: { cloud: "aws", roleArn: role, trustPolicy: googleTrust },
      claims: googleClaims,
      at,
    });
    expect(evaluation.accepted).toBe(true);
    expect(evaluation.checks.find((check) => check.check === "provider")?.message).toMatch(
      /accounts\.google\.com is a built-in identity provider/,
    );
  });

  it("takes the built-in provider's URL without client ids", async () => {
    const evaluation = await whatIf({
      binding: {
        cloud: "aws",
        providerUrl: "https://accounts.google.com",
        roleArn: role,
        trustPolicy: googleTrust,
      },
      claims: googleClaims,
      at,
    });
    expect(evaluation.accepted).toBe(true);
  });

  it("still refuses a token from another issuer, naming the built-in provider", async () => {
    const evaluation = await whatIf({
      binding: { cloud: "aws", roleArn: role, trustPolicy: googleTrust },
      claims: { ...googleClaims, iss: "https://token.actions.githubusercontent.com" },
      at,
    });
    expect(evaluation.accepted).toBe(false);
    expect(evaluation.checks.find((check) => !check.ok)).toMatchObject({
      check: "provider",
      expected: "https://accounts.google.com",
    });
  });

  it("still requires providerUrl when the policy trusts a registered provider", async () => {
    const trust = structuredClone(googleTrust);
    trust.Statement[0]!.Principal.Federated =
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    const problem = await problemOf({
      binding: { cloud: "aws", roleArn: role, trustPolicy: trust },
      claims: googleClaims,
    });
    expect(problem.invalidParams).toEqual([
      {
        name: "binding.providerUrl",
        reason: expect.stringMatching(/^is required, unless the trust policy names a built-in/),
      },
    ]);
  });

  it("still requires client ids for a registered provider's URL", async () => {
    const problem = await problemOf({
      binding: {
        cloud: "aws",
        providerUrl: "https://token.actions.githubusercontent.com",
        roleArn: role,
        trustPolicy: googleTrust,
      },
      claims: googleClaims,
    });
    expect(problem.invalidParams).toEqual([
      { name: "binding.clientIds", reason: expect.stringMatching(/^is required/) },
    ]);
  });
});

describe("a GCP provider named as gcloud prints it", () => {
  const example = evaluateExamples.gcp.value;
  const relative = example.binding.poolProviderResource;

  it("accepts projects/N/locations/global/workloadIdentityPools/P/providers/X", async () => {
    expect(relative).toMatch(/^projects\//);
    expect((await whatIf(example)).accepted).toBe(true);
  });

  it("judges it exactly as the full //iam.googleapis.com/ name", async () => {
    const full = {
      ...example,
      binding: { ...example.binding, poolProviderResource: `//iam.googleapis.com/${relative}` },
    };
    expect(await whatIf(full)).toEqual(await whatIf(example));
  });

  it("still refuses a name that is neither form", async () => {
    const problem = await problemOf({
      ...example,
      binding: { ...example.binding, poolProviderResource: `iam.googleapis.com/${relative}` },
    });
    expect(problem.invalidParams?.[0]).toMatchObject({
      name: "binding.poolProviderResource",
      reason: expect.stringContaining("as gcloud prints it"),
    });
  });
});
