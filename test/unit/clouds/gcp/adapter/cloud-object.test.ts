import { describe, expect, it } from "vitest";
import { actualTarget } from "@/lib/clouds/gcp/adapter/actual-target";
import type { Grant } from "@/lib/clouds/gcp/adapter/grants";
import { normalizeGcpSpec } from "@/lib/clouds/gcp/binding-findings";
import type { TGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { gcpAdapter } from "@/lib/clouds/gcp/adapter";
import { gcpCatalog } from "@/lib/clouds/gcp/index";
import { principalForSubject, principalSetForAttribute } from "@/lib/clouds/gcp/principals";
import { ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";

// Drift compares ActualBinding.cloudObject with gcpCatalog.cloudObject of the
// catalogue's binding: for a binding that is in sync, they must be equal.

const config = ZGcpProviderConfig.parse({
  projectNumber: "123456789012",
  poolId: "github-pool",
  providerId: "gh-actions",
  issuerUri: "https://token.actions.githubusercontent.com",
  attributeMapping: {
    "google.subject": "assertion.sub",
    "attribute.repository": "assertion.repository",
  },
  attributeCondition: "assertion.repository_owner == 'acme'",
});
const SA = "deployer@acme.iam.gserviceaccount.com";
const WIU = "roles/iam.workloadIdentityUser";
const subject = "repo:acme/app:environment:prod";
const grants: Grant[] = [
  { serviceAccountEmail: SA, role: WIU, member: principalForSubject(config, subject) },
  {
    serviceAccountEmail: SA,
    role: WIU,
    member: principalSetForAttribute(config, "repository", "acme/app"),
  },
];

/** The catalogue's binding as the form saves it: member derived from the workload. */
function catalogued(
  spec: Omit<TGcpBindingSpec, "member">,
  workloadSubject: string,
): TGcpBindingSpec {
  const target = { id: "t1", kind: "gcp-provider" as const, name: "gh-actions", config };
  const workload = { id: "w1", name: "app", subject: workloadSubject, subjectSpec: null };
  const issuer = { issuerUrl: config.issuerUri, kind: "github-actions" as const };
  return normalizeGcpSpec({ spec: spec as TGcpBindingSpec, target, workload, issuer, siblings: [] })
    .spec;
}

describe("GCP cloud objects", () => {
  it("match the catalogue's for bindings that are in sync", () => {
    const read = actualTarget(config, grants);
    const base = { cloud: "gcp" as const, serviceAccountEmail: SA, role: WIU };
    const catalogue = [
      catalogued({ ...base, name: "app-prod", memberKind: "subject" }, subject),
      catalogued(
        {
          ...base,
          name: "app-any",
          memberKind: "attribute",
          attributeName: "repository",
          attributeValue: "acme/app",
        },
        "repo:acme/app:ref:refs/heads/main",
      ),
    ];
    for (const spec of catalogue) {
      const expected = gcpAdapter.comparableCloudObject?.(spec, config);
      const actual = read.bindings.find((b) => b.key === `${SA} ${WIU} ${spec.member}`);
      expect(expected).toBeDefined();
      expect(actual?.cloudObject).toEqual(expected);
    }
  });

  it("do not drift a catalogued grant because an unmanaged member shares its account and role", () => {
    const stranger = principalForSubject(config, "repo:acme/other:ref:refs/heads/main");
    const read = actualTarget(config, [
      ...grants,
      { serviceAccountEmail: SA, role: WIU, member: stranger },
    ]);
    const spec = catalogued(
      { cloud: "gcp", serviceAccountEmail: SA, role: WIU, name: "app-prod", memberKind: "subject" },
      subject,
    );
    const actual = read.bindings.find((b) => b.key === `${SA} ${WIU} ${spec.member}`);
    expect(actual?.cloudObject).toEqual(gcpAdapter.comparableCloudObject?.(spec, config));
    // The catalogue's display object still lists every member of the account and role.
    const display = gcpCatalog.cloudObject({
      spec,
      target: { id: "t1", kind: "gcp-provider", name: "gh-actions", config },
      workload: { id: "w", name: "w", subject: "", subjectSpec: null },
      issuer: { issuerUrl: config.issuerUri, kind: "github-actions" },
      siblings: [{ id: "x", name: "x", spec: { ...spec, name: "x", member: stranger } }],
    });
    expect(actual?.cloudObject).not.toEqual(display);
  });

  it("differ when the provider changed in the cloud", () => {
    const drifted = actualTarget({ ...config, attributeCondition: null }, grants);
    const inSync = actualTarget(config, grants);
    expect(drifted.bindings[0]?.cloudObject).not.toEqual(inSync.bindings[0]?.cloudObject);
  });
});
