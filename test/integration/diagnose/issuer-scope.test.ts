// Which bindings a diagnosis evaluates (issue 4 item 4): those of the
// token's issuer and of its look-alikes on the same host (case, trailing
// slash, another path), each labelled exact or near; the bindings of other
// issuers are not evaluated, and their issuers are listed, not hidden.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnosis } from "@/lib/diagnose/diagnose-token";
import type { TIssuer } from "@/lib/schemas/issuer";
import {
  awsSpec,
  azureAudience,
  azureSpec,
  createTestBinding,
  createTestTarget,
  createTestWorkload,
  gcpSpec,
  uniqueSuffix,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  keycloakClientCredentialsClaims,
  startOidcIssuer,
  type OidcIssuer,
} from "@/test/support/oidc-issuer";
import { allowLoopbackIssuers, catalogueIssuer, diagnose } from "./support";

allowLoopbackIssuers();

const host = `login-${uniqueSuffix()}.example.test`;
const realmUrl = `https://${host}/realms/platform`;
// Keycloak's sub for a client-credentials token: the client's service-account user id.
const serviceAccountUserId = randomUUID();

let issuer: OidcIssuer;
let viewerToken: string;
const issuers: Record<string, TIssuer> = {};
/** Binding ids by the issuer they trust. */
const bindings: Record<string, string[]> = {};
let diagnosis: Diagnosis;

/** An issuer with one binding in each cloud; the GCP one goes on a provider for its URL. */
async function issuerWithBindings(label: string, issuerUrl: string) {
  const row = await catalogueIssuer(issuer, { issuerUrl, kind: "keycloak", name: label });
  issuers[label] = row;
  const workload = await createTestWorkload({
    issuer: row,
    subjectSpec: { kind: "free", subject: serviceAccountUserId },
  });
  const azure = await createTestBinding({
    workload,
    target: await createTestTarget("azure-app"),
    spec: azureSpec(workload),
  });
  const awsTarget = await createTestTarget("aws-role", {
    config: { oidcProviders: [{ url: issuerUrl, clientIds: ["reporting"], thumbprints: [] }] },
  });
  const aws = await createTestBinding({
    workload,
    target: awsTarget,
    spec: awsSpec(workload, {
      builder: {
        audiences: ["reporting"],
        subjectOperator: "StringEquals",
        subjects: [workload.subject],
        extraConditions: [],
      },
    }),
  });
  const gcpTarget = await createTestTarget("gcp-provider", {
    config: { issuerUri: issuerUrl, attributeCondition: "assertion.azp == 'reporting'" },
  });
  const gcp = await createTestBinding({ workload, target: gcpTarget, spec: gcpSpec() });
  bindings[label] = [azure.id, aws.id, gcp.id];
}

beforeAll(async () => {
  issuer = await startOidcIssuer();
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
  await issuerWithBindings("exact", realmUrl);
  await issuerWithBindings("slash", `${realmUrl}/`);
  await issuerWithBindings("case", `https://${host.toUpperCase()}/realms/platform`);
  await issuerWithBindings("other realm", `https://${host}/realms/other`);
  await issuerWithBindings("other host", `https://elsewhere-${uniqueSuffix()}.example.test`);
  diagnosis = await diagnose(await issuer.mint(claims()), viewerToken);
});

const claims = () =>
  keycloakClientCredentialsClaims({
    realmUrl,
    clientId: "reporting",
    serviceAccountUserId,
    aud: azureAudience,
  });

afterAll(() => issuer.stop());

const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();
const labelsOf = (list: string[]) => list.map((label) => issuers[label]?.id ?? label).sort();

describe("the bindings a diagnosis evaluates", () => {
  it("takes the catalogued issuer equal to iss as the exact one", () => {
    expect(diagnosis.issuer.exact?.id).toBe(issuers.exact?.id);
    expect(diagnosis.signature).toMatchObject({ status: "valid", issuerId: issuers.exact?.id });
  });

  it("lists the issuers that differ by a slash, letter case or path as near misses", () => {
    expect(ids(diagnosis.issuer.nearMisses)).toEqual(labelsOf(["slash", "case", "other realm"]));
  });

  it("evaluates every binding of the exact issuer and its look-alikes, in all three clouds", () => {
    const expected = ["exact", "slash", "case", "other realm"].flatMap(
      (label) => bindings[label] ?? [],
    );
    expect(diagnosis.results.map((result) => result.bindingId).sort()).toEqual(expected.sort());
    expect(new Set(diagnosis.results.map((result) => result.cloud))).toEqual(
      new Set(["azure", "aws", "gcp"]),
    );
  });

  it("labels each result exact or near by the issuer its binding trusts", () => {
    for (const result of diagnosis.results) {
      const exact = bindings.exact?.includes(result.bindingId) ?? false;
      expect(result.issuerMatch, result.bindingName).toBe(exact ? "exact" : "near");
      expect(result.issuerUrl === realmUrl).toBe(exact);
    }
  });

  it("accepts the exact issuer's Azure binding and refuses the look-alikes' at the issuer check", () => {
    for (const result of diagnosis.results.filter((row) => row.cloud === "azure")) {
      const exact = result.issuerMatch === "exact";
      expect(result.evaluation.accepted, JSON.stringify(result.evaluation.cloudError)).toBe(exact);
      if (!exact) expect(result.evaluation.cloudError?.code).toBe("AADSTS700211");
    }
  });

  it("does not evaluate the bindings of other issuers, and lists those issuers", () => {
    const evaluated = new Set(diagnosis.results.map((result) => result.bindingId));
    for (const id of bindings["other host"] ?? []) expect(evaluated.has(id)).toBe(false);
    expect(ids(diagnosis.otherIssuers)).toContain(issuers["other host"]?.id);
    const shown = ["exact", "slash", "case", "other realm"].map((label) => issuers[label]?.id);
    for (const id of shown) expect(ids(diagnosis.otherIssuers)).not.toContain(id);
  });

  it("does not take a different host that merely starts with the same name for a look-alike", async () => {
    await issuerWithBindings("longer host", `https://${host}.evil.test/realms/platform`);

    const diagnosis = await diagnose(await issuer.mint(claims()), viewerToken);

    const evaluated = new Set(diagnosis.results.map((result) => result.bindingId));
    for (const id of bindings["longer host"] ?? []) expect(evaluated.has(id)).toBe(false);
    expect(ids(diagnosis.issuer.nearMisses)).not.toContain(issuers["longer host"]?.id);
    expect(ids(diagnosis.otherIssuers)).toContain(issuers["longer host"]?.id);
  });
});
