import { beforeAll, describe, expect, it } from "vitest";
import type { TBinding } from "@/lib/schemas/binding";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  gcpSpec,
  githubIssuerUrl,
  testServiceAccount,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { created, expectProblem, getItem, ok, postItem, type ExpectedParam } from "./catalog-api";

// A service account IAM binding for a pool provider's principals (CLOUDS.md
// 3.6, 3.7), through POST /api/v1/bindings.

let operatorToken: string;
let viewerToken: string;
let workload: TWorkload;

const pool =
  "iam.googleapis.com/projects/482915736104/locations/global/workloadIdentityPools/test-pool";

beforeAll(async () => {
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
  workload = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
});

const postGrant = (target: TTarget, spec: Record<string, unknown>, by: TWorkload = workload) =>
  postItem("bindings", operatorToken, {
    workloadId: by.id,
    targetId: target.id,
    spec: gcpSpec(spec),
  });

describe("GCP service account bindings", () => {
  it("binds the workload's principal and shows the provider and the service account's policy", async () => {
    const target = await createTestTarget("gcp-provider");
    const binding = await created<TBinding>(await postGrant(target, { role: undefined }));
    const member = `principal://${pool}/subject/${workload.subject}`;
    expect(binding).toMatchObject({ cloud: "gcp", subject: member, issuerUrl: githubIssuerUrl });
    expect(binding.spec).toMatchObject({ member, role: "roles/iam.workloadIdentityUser" });
    const got = await ok<TBinding>(await getItem("bindings", viewerToken, binding.id));
    expect(got.cloudObject).toEqual({
      poolProviderResource: target.externalId,
      issuerUri: githubIssuerUrl,
      allowedAudiences: [],
      attributeMapping: target.config.attributeMapping,
      attributeCondition: "assertion.repository_owner == 'contoso'",
      disabled: false,
      serviceAccountIamPolicy: {
        serviceAccount: testServiceAccount,
        role: "roles/iam.workloadIdentityUser",
        members: [member],
      },
    });
  });

  it("lists every member bound to the same service account and role, and only those", async () => {
    const target = await createTestTarget("gcp-provider");
    const subjectGrant = await created<TBinding>(await postGrant(target, {}));
    const repository = await created<TBinding>(
      await postGrant(target, {
        memberKind: "attribute",
        attributeName: "repository",
        attributeValue: "contoso/payments-api",
      }),
    );
    await created<TBinding>(
      await postGrant(target, {
        serviceAccountEmail: "other@contoso-test.iam.gserviceaccount.com",
      }),
    );
    const attributeMember = `principalSet://${pool}/attribute.repository/contoso/payments-api`;
    expect(repository.subject).toBe(attributeMember);
    const got = await ok<TBinding>(await getItem("bindings", viewerToken, subjectGrant.id));
    expect(got.cloudObject).toMatchObject({
      serviceAccountIamPolicy: {
        serviceAccount: testServiceAccount,
        members: [`principal://${pool}/subject/${workload.subject}`, attributeMember].sort(),
      },
    });
  });

  it("warns that a grant to the whole pool lets every identity impersonate", async () => {
    const target = await createTestTarget("gcp-provider");
    const binding = await created<TBinding>(await postGrant(target, { memberKind: "pool" }));
    expect(binding.subject).toBe(`principalSet://${pool}/*`);
    expect(binding.warnings).toContainEqual({
      path: "spec.memberKind",
      message:
        "Every identity the provider admits can impersonate this service account; bind a subject or an attribute instead.",
      rule: "gcp-pool-wide-grant",
    });
  });

  it("warns about an attribute the provider does not map", async () => {
    const target = await createTestTarget("gcp-provider");
    const spec = { memberKind: "attribute", attributeName: "environment", attributeValue: "prod" };
    const binding = await created<TBinding>(await postGrant(target, spec));
    expect(binding.warnings).toContainEqual({
      path: "spec.attributeName",
      message:
        "The provider does not map attribute.environment; an attribute must be mapped before IAM can match it.",
    });
  });

  it("warns when the provider trusts another issuer than the workload's", async () => {
    const target = await createTestTarget("gcp-provider");
    const keycloak = await createTestWorkload({ issuer: await createTestIssuer("keycloak") });
    const binding = await created<TBinding>(await postGrant(target, {}, keycloak));
    expect(binding.warnings).toContainEqual({
      path: "spec",
      message: expect.stringMatching(
        /^This provider trusts https:\/\/token\.actions\.githubusercontent\.com; tokens from .+ so STS would answer invalid_grant\.$/,
      ),
    });
  });

  it.each<[string, Record<string, unknown>, ExpectedParam[]]>([
    [
      "an attribute grant without its attribute",
      { memberKind: "attribute" },
      [{ name: "spec.attributeName", reason: "name the attribute and its value" }],
    ],
    [
      "an attribute name in upper case",
      { memberKind: "attribute", attributeName: "Repo", attributeValue: "x" },
      [{ name: "spec.attributeName", reason: "use up to 100 lower-case letters, digits or '_'" }],
    ],
    [
      "a name in upper case",
      { name: "Grant-A" },
      [
        {
          name: "spec.name",
          reason:
            "use 1-63 lower-case letters, digits, '-' or '_', starting with a letter or digit",
        },
      ],
    ],
    [
      "a service account that is not an email",
      { serviceAccountEmail: "deployer" },
      [
        {
          name: "spec.serviceAccountEmail",
          reason: "must be a service account email, e.g. name@project.iam.gserviceaccount.com",
        },
      ],
    ],
    [
      "a role without roles/",
      { role: "iam.workloadIdentityUser" },
      [{ name: "spec.role", reason: "must be a role such as roles/iam.workloadIdentityUser" }],
    ],
    [
      "an unknown member kind",
      { memberKind: "group" },
      [
        {
          name: "spec.memberKind",
          reason: 'Invalid option: expected one of "subject"|"attribute"|"pool"',
        },
      ],
    ],
  ])("refuses %s", async (_label, spec, params) => {
    const target = await createTestTarget("gcp-provider");
    await expectProblem(await postGrant(target, spec), 422, params);
  });

  it("refuses granting the same member the same role twice, and reusing a name", async () => {
    const target = await createTestTarget("gcp-provider");
    const first = await created<TBinding>(await postGrant(target, { name: "first-grant" }));
    await expectProblem(await postGrant(target, {}), 422, [
      {
        name: "spec.memberKind",
        reason: `Binding "${first.name}" already grants this member this role on the service account.`,
      },
    ]);
    await expectProblem(
      await postGrant(target, {
        name: "first-grant",
        serviceAccountEmail: "other@contoso-test.iam.gserviceaccount.com",
      }),
      422,
      [{ name: "spec.name", reason: "Another binding on this provider has this name." }],
    );
  });
});
