import { describe, expect, it } from "vitest";
import { evaluateGcp } from "@/lib/clouds/gcp/match";
import {
  normaliseGcpEvaluatorBinding,
  ZGcpEvaluatorBinding,
} from "@/lib/clouds/gcp/evaluator-binding";
import { checkNames } from "@/lib/federation/types";
import {
  at,
  evaluate,
  firstFailure,
  githubClaims,
  now,
  poolPath,
  serviceAccount,
  token,
} from "./fixtures";

// The seed scenarios of issue 4 item 6 as they meet a GCP provider.

const aksIssuer =
  "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-0000000000aa/11111111-2222-3333-4444-555555555555/";
const aksPool = "projects/123456789012/locations/global/workloadIdentityPools/aks-pool";
const aksProvider = `//iam.googleapis.com/${aksPool}/providers/aks-eastus`;

function aksBinding(issuerUri: string) {
  return normaliseGcpEvaluatorBinding(
    ZGcpEvaluatorBinding.parse({
      cloud: "gcp",
      poolProviderResource: aksProvider,
      issuerUri,
      allowedAudiences: [],
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.namespace": "assertion['kubernetes.io'].namespace",
        "attribute.service_account": "assertion['kubernetes.io'].serviceaccount.name",
      },
      attributeCondition: "assertion['kubernetes.io'].namespace == 'wkldid'",
      disabled: false,
      serviceAccountIamPolicy: {
        serviceAccount,
        role: "roles/iam.workloadIdentityUser",
        members: [`principalSet://iam.googleapis.com/${aksPool}/attribute.namespace/wkldid`],
      },
    }),
  );
}

// CLOUDS.md §4 Kubernetes: sub system:serviceaccount:<ns>:<name>, aud an
// array, nested kubernetes.io claims, AKS issuer with a trailing slash.
const aksClaims = {
  iss: aksIssuer,
  sub: "system:serviceaccount:wkldid:sawkldid",
  aud: [`https:${aksProvider}`],
  "kubernetes.io": {
    namespace: "wkldid",
    serviceaccount: { name: "sawkldid", uid: "6f1c3a52-0000-4000-8000-00000000abcd" },
    pod: { name: "app-7d9f", uid: "9a8b7c6d-0000-4000-8000-00000000ef01" },
  },
  iat: now - 30,
  nbf: now - 30,
  exp: now + 3570,
};

describe("seed scenarios against GCP", () => {
  it("accepts GitHub Actions into a pool through a principalSet, checks in Google's order [CLOUDS.md 3.5-3.7]", () => {
    const evaluation = evaluate(token(githubClaims()));
    expect(evaluation.accepted).toBe(true);
    expect(evaluation.broad).toBeUndefined();
    expect(evaluation.checks.map((check) => check.check)).toEqual([
      "target",
      "target",
      "algorithm",
      "issuer",
      "signature",
      "issuedAt",
      "lifetime",
      "expiry",
      "notBefore",
      "claims",
      "audience",
      "attributeMapping",
      "attributeCondition",
      "principal",
    ]);
    for (const check of evaluation.checks) {
      expect(checkNames).toContain(check.check);
      expect(check.source).toMatch(/CLOUDS\.md/);
    }
  });

  it("accepts a GitHub environment token by repository principalSet and an owner-id condition [CLOUDS.md §4, 3.4, 5.7]", () => {
    const evaluation = evaluate(
      token(
        githubClaims({
          sub: "repo:octo-org/octo-repo:environment:production",
          environment: "production",
        }),
      ),
      { attributeCondition: "assertion.repository_owner_id == '5544123'" },
    );
    expect(evaluation.accepted).toBe(true);
    expect(evaluation.checks.at(-1)?.expected).toBe(
      `principalSet://iam.googleapis.com/${poolPath}/attribute.repository/octo-org/octo-repo`,
    );
  });

  it("evaluates every check after the first failure, the first deciding the error [issue 4 item 3]", () => {
    const evaluation = evaluate(
      token(githubClaims({ iss: "https://gitlab.com", aud: "https://github.com/octo-org" })),
    );
    const failing = evaluation.checks.filter((check) => !check.ok).map((check) => check.check);
    expect(failing).toEqual(["issuer", "audience"]);
    expect(evaluation.cloudError?.message).toMatch(/^The issuer in ID Token https:\/\/gitlab.com/);
  });

  it("accepts an AKS service-account token with nested kubernetes.io claims [CLOUDS.md §4 Kubernetes, 3.3]", () => {
    const evaluation = evaluateGcp({ token: token(aksClaims), binding: aksBinding(aksIssuer), at });
    expect(firstFailure(evaluation)).toBeUndefined();
    const mapping = evaluation.checks.find((check) => check.check === "attributeMapping");
    expect(mapping?.message).toContain("attribute.service_account = sawkldid");
  });

  it("refuses the AKS token when the provider drops the trailing slash, with the slash hint [CLOUDS.md 3.2, §4 Kubernetes]", () => {
    const evaluation = evaluateGcp({
      token: token(aksClaims),
      binding: aksBinding(aksIssuer.slice(0, -1)),
      at,
    });
    expect(evaluation.cloudError).toEqual({
      code: "invalid_grant",
      message: `The issuer in ID Token ${aksIssuer} does not match the expected ones: ${aksIssuer.slice(0, -1)}`,
    });
    expect(firstFailure(evaluation)?.hint).toMatch(/trailing slash/);
  });

  it("refuses an AKS pod of another namespace at the condition [CLOUDS.md 3.4]", () => {
    const claims = {
      ...aksClaims,
      sub: "system:serviceaccount:other:sawkldid",
      "kubernetes.io": { ...aksClaims["kubernetes.io"], namespace: "other" },
    };
    const evaluation = evaluateGcp({ token: token(claims), binding: aksBinding(aksIssuer), at });
    expect(firstFailure(evaluation)?.check).toBe("attributeCondition");
    expect(evaluation.cloudError?.code).toBe("unauthorized_client");
  });

  const keycloakBinding = () =>
    normaliseGcpEvaluatorBinding(
      ZGcpEvaluatorBinding.parse({
        cloud: "gcp",
        poolProviderResource: `//iam.googleapis.com/${poolPath}/providers/keycloak-ci`,
        issuerUri: "https://keycloak.example.com/realms/ci",
        allowedAudiences: ["gcp-wif"],
        attributeMapping: {
          "google.subject": "assertion.sub",
          "attribute.client_id": "assertion.azp",
        },
        attributeCondition: "assertion.azp == 'ci-runner'",
        disabled: false,
        serviceAccountIamPolicy: {
          serviceAccount,
          role: "roles/iam.workloadIdentityUser",
          members: [`principalSet://iam.googleapis.com/${poolPath}/attribute.client_id/ci-runner`],
        },
      }),
    );
  // A Keycloak client-credentials token: sub is the service-account user id,
  // azp the client; aud "account" unless an audience mapper adds one.
  const keycloakClaims = (aud: unknown) => ({
    iss: "https://keycloak.example.com/realms/ci",
    sub: "2c4e6f80-1a3b-4c5d-8e9f-0a1b2c3d4e5f",
    azp: "ci-runner",
    client_id: "ci-runner",
    preferred_username: "service-account-ci-runner",
    typ: "Bearer",
    scope: "profile email",
    aud,
    iat: now - 10,
    exp: now + 290,
  });

  it("accepts a Keycloak client-credentials token with a mapped audience [CLOUDS.md 3.2-3.7]", () => {
    const evaluation = evaluateGcp({
      token: token(keycloakClaims(["gcp-wif", "account"])),
      binding: keycloakBinding(),
      at,
    });
    expect(evaluation.accepted).toBe(true);
    expect(evaluation.checks.find((check) => check.check === "audience")?.hint).toMatch(
      /multi-valued/,
    );
  });

  it("refuses a Keycloak token carrying only the default 'account' audience [CLOUDS.md 3.2, 3.8]", () => {
    const evaluation = evaluateGcp({
      token: token(keycloakClaims("account")),
      binding: keycloakBinding(),
      at,
    });
    expect(evaluation.cloudError).toEqual({
      code: "invalid_grant",
      message: "The audience in ID Token [account] does not match the expected audience gcp-wif.",
    });
  });
});
