import { describe, expect, it } from "vitest";
import { evaluateGcp } from "@/lib/clouds/gcp/match";
import type { Evaluation } from "@/lib/federation/types";
import {
  at,
  binding,
  github,
  githubClaims,
  member,
  policy,
  providerResource,
  subjectMember,
  token,
} from "./fixtures";

// The API returns evaluations as JSON, so each check's keys keep the order
// they have always had (passing checks are built field by field, not by
// spreading a template). Each line: a check and its keys, in order.

function fields(evaluation: Evaluation): string[] {
  return evaluation.checks.map((check) => `${check.check}: ${Object.keys(check).join(" ")}`);
}

const sub = "repo:octo-org/octo-repo:ref:refs/heads/main";

describe("GCP check fields", () => {
  it("keep their order in an accepted evaluation of claims alone", () => {
    const evaluation = evaluateGcp({
      token: token(githubClaims(), {}, "skipped"),
      binding: binding(policy([subjectMember(sub)])),
      at,
    });
    expect(evaluation.accepted).toBe(true);
    expect(fields(evaluation)).toEqual([
      "target: check expected message source ok",
      "target: check expected actual source message ok",
      "algorithm: check expected message source ok",
      "issuer: check expected actual source message ok",
      "signature: check message source ok",
      "issuedAt: check expected actual message source ok",
      "lifetime: check expected source actual message ok",
      "expiry: check expected source actual message ok",
      "notBefore: check expected source actual message ok",
      "claims: check expected actual source message ok",
      "audience: check expected actual message source ok",
      "attributeMapping: check expected actual source message ok",
      "attributeCondition: check expected source actual message ok",
      "principal: check expected actual message source ok",
    ]);
  });

  it("keep their order with hints and unconfirmed readings on passing checks", () => {
    const evaluation = evaluateGcp({
      token: token(githubClaims({ aud: [`https:${providerResource}`, "other"] })),
      binding: binding({
        attributeMapping: {
          "google.subject": "assertion.sub",
          "google.groups": "assertion.repository_owner",
          "attribute.missing": "assertion.nope",
        },
        attributeCondition: null,
        ...policy([member("group/octo-org")], "roles/iam.serviceAccountTokenCreator"),
      }),
      request: { gcp: { stsAudience: providerResource } },
      at,
    });
    expect(evaluation.accepted).toBe(true);
    expect(fields(evaluation)).toEqual([
      "target: check expected actual message source ok",
      "target: check expected actual source message ok",
      "algorithm: check expected actual message source ok",
      "issuer: check expected actual source message ok",
      "signature: check message source ok",
      "issuedAt: check expected actual message source ok",
      "lifetime: check expected source actual message ok",
      "expiry: check expected source actual message ok",
      "notBefore: check expected source actual message ok",
      "claims: check expected actual source message ok",
      "audience: check expected actual message hint unconfirmed source ok",
      "attributeMapping: check expected actual source message hint ok",
      "attributeCondition: check expected message source ok",
      "principal: check expected actual message hint unconfirmed source ok",
    ]);
  });

  it("keep their order on refusals", () => {
    const evaluation = evaluateGcp({
      token: token(githubClaims({ iss: `${github}/`, sub: undefined, aud: "nope" })),
      binding: binding({ disabled: true }),
      at,
    });
    expect(evaluation.accepted).toBe(false);
    expect(
      fields(evaluation).filter((line) => !/^(issuedAt|lifetime|expiry|notBefore)/.test(line)),
    ).toEqual([
      "target: check expected message source ok",
      "target: check expected actual source message ok",
      "algorithm: check expected actual message source ok",
      "issuer: check expected actual source message hint ok",
      "signature: check message source ok",
      "claims: check expected actual source message ok",
      "audience: check expected actual message source ok",
      "attributeMapping: check expected actual source message hint ok",
      "attributeCondition: check expected source actual message ok",
      "principal: check expected actual message source ok",
    ]);
  });

  it("keep their order when the condition and the policy refuse", () => {
    const evaluation = evaluateGcp({
      token: token(githubClaims()),
      binding: binding({
        attributeMapping: { "google.subject": "assertion.sub" },
        attributeCondition: "assertion.repository_owner == 'Octo-org'",
        ...policy([subjectMember("repo:octo-org/octo-repo:ref:refs/heads/mian")]),
      }),
      at,
    });
    expect(fields(evaluation).slice(-3)).toEqual([
      "attributeMapping: check expected actual source message ok",
      "attributeCondition: check expected source actual message hint ok",
      "principal: check actual expected hint message source ok",
    ]);
  });
});
