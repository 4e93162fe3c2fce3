import { randomUUID } from "node:crypto";
import { systemActor } from "@/lib/auth/actor";
import { createBinding } from "@/lib/catalog/bindings/create-binding";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import { getIssuer } from "@/lib/catalog/issuers/get-issuer";
import {
  subjectSpecKindFor,
  type SubjectSpecKind,
  type TSubjectSpec,
} from "@/lib/catalog/subjects/subject-spec";
import { createTarget } from "@/lib/catalog/targets/create-target";
import { createWorkload } from "@/lib/catalog/workloads/create-workload";
import type { TargetKind } from "@/lib/clouds/types";
import { getDb } from "@/lib/db/client";
import type { TBinding } from "@/lib/schemas/binding";
import type { TIssuer } from "@/lib/schemas/issuer";
import { ZTargetCreateInput, type TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";

// Catalogue rows with unique names, built through the same use-cases as the
// API (so they pass the same checks and write the same audit events). Shapes
// follow the demo estate in lib/db/demo.

let counter = 0;
/** A short token unique within the run, safe in every id format below ([a-z0-9]). */
export function uniqueSuffix(): string {
  counter += 1;
  return `${counter}${randomUUID().slice(0, 6)}`;
}

const seed = () => ({ actor: systemActor("test-factory"), requestId: randomUUID() });

export const githubIssuerUrl = "https://token.actions.githubusercontent.com";
export const azureAudience = "api://AzureADTokenExchange";
export const testServiceAccount = "deployer@contoso-test.iam.gserviceaccount.com";

/** The issuers every tenant shares; created once per file and reused. */
const sharedIssuerUrls: Partial<Record<IssuerKind, string>> = {
  "github-actions": githubIssuerUrl,
  gitlab: "https://gitlab.com",
  "terraform-cloud": "https://app.terraform.io",
};

/**
 * An issuer of `kind`. GitHub, GitLab.com and HCP Terraform get their real,
 * shared URL (found when it exists already: issuer URLs are unique); other
 * kinds get a unique made-up URL unless one is given.
 */
export async function createTestIssuer(
  kind: IssuerKind = "github-actions",
  options: { issuerUrl?: string; name?: string } = {},
): Promise<TIssuer> {
  const issuerUrl =
    options.issuerUrl ??
    sharedIssuerUrls[kind] ??
    `https://${kind}-${uniqueSuffix()}.issuer.example.test`;
  const existing = await getDb().issuer.findUnique({ where: { issuerUrl }, select: { id: true } });
  if (existing) return getIssuer({ id: existing.id });
  return createIssuer({
    ...seed(),
    input: { name: options.name ?? `issuer ${kind} ${uniqueSuffix()}`, issuerUrl, kind },
  });
}

/** A valid subject spec of the builder the issuer kind uses, unique by `suffix`. */
export function subjectSpecFor(kind: SubjectSpecKind, suffix = uniqueSuffix()): TSubjectSpec {
  switch (kind) {
    case "github":
      return {
        kind: "github",
        owner: "contoso",
        repo: `app-${suffix}`,
        trigger: "environment",
        name: "production",
      };
    case "gitlab":
      return {
        kind: "gitlab",
        form: "project_path",
        projectPath: `contoso/app-${suffix}`,
        refType: "branch",
        ref: "main",
      };
    case "kubernetes":
      return { kind: "kubernetes", namespace: `ns-${suffix}`, serviceAccount: "deployer" };
    case "terraform":
      return {
        kind: "terraform",
        organization: "contoso",
        project: "Default Project",
        workspace: `ws-${suffix}`,
        runPhase: "apply",
      };
    case "free":
      return { kind: "free", subject: `3f1c9a7e-${suffix}` };
  }
}

export async function createTestWorkload(
  options: {
    issuer?: TIssuer;
    subjectSpec?: TSubjectSpec;
    name?: string;
    team?: string;
    description?: string;
  } = {},
): Promise<TWorkload> {
  const issuer = options.issuer ?? (await createTestIssuer());
  return createWorkload({
    ...seed(),
    input: {
      name: options.name ?? `workload ${uniqueSuffix()}`,
      issuerId: issuer.id,
      team: options.team,
      description: options.description,
      subjectSpec: options.subjectSpec ?? subjectSpecFor(subjectSpecKindFor(issuer.kind)),
    },
  });
}

/** A valid target config of `kind`, unique (its cloud id differs from every other). */
export function targetConfig(kind: TargetKind, suffix = uniqueSuffix()): Record<string, unknown> {
  switch (kind) {
    case "azure-uami":
      return {
        tenantId: randomUUID(),
        subscriptionId: randomUUID(),
        resourceGroup: "rg-fedlens-test",
        identityName: `id-test-${suffix}`,
        clientId: randomUUID(),
        principalId: randomUUID(),
      };
    case "azure-app":
      return {
        tenantId: randomUUID(),
        applicationObjectId: randomUUID(),
        clientId: randomUUID(),
        displayName: `app-${suffix}`,
      };
    case "aws-role":
      return {
        accountId: "123456789012",
        roleName: `role-test-${suffix}`,
        path: "/",
        oidcProviders: [
          { url: githubIssuerUrl, clientIds: ["sts.amazonaws.com"], thumbprints: [] },
        ],
      };
    case "gcp-provider":
      return {
        projectNumber: "482915736104",
        poolId: "test-pool",
        providerId: `prov-${suffix}`.slice(0, 32),
        issuerUri: githubIssuerUrl,
        allowedAudiences: [],
        attributeMapping: {
          "google.subject": "assertion.sub",
          "attribute.repository": "assertion.repository",
          "attribute.repository_owner": "assertion.repository_owner",
        },
        attributeCondition: "assertion.repository_owner == 'contoso'",
        disabled: false,
        serviceAccountEmail: testServiceAccount,
      };
  }
}

/** The POST /api/v1/targets body for a valid target; `config` entries replace the defaults. */
export function targetBody(
  kind: TargetKind,
  overrides: { name?: string; config?: Record<string, unknown> } = {},
) {
  const suffix = uniqueSuffix();
  return {
    name: overrides.name ?? `${kind} ${suffix}`,
    kind,
    config: { ...targetConfig(kind, suffix), ...overrides.config },
  };
}

export async function createTestTarget(
  kind: TargetKind,
  overrides: { name?: string; config?: Record<string, unknown> } = {},
): Promise<TTarget> {
  return createTarget({ ...seed(), input: ZTargetCreateInput.parse(targetBody(kind, overrides)) });
}

type WorkloadRef = Pick<TWorkload, "subject"> & { issuer: Pick<TWorkload["issuer"], "issuerUrl"> };

/** An exact-subject FIC for the workload, with Entra's recommended audience. */
export function azureSpec(workload: WorkloadRef, overrides: Record<string, unknown> = {}) {
  return {
    cloud: "azure",
    name: `fic-${uniqueSuffix()}`,
    issuer: workload.issuer.issuerUrl,
    audiences: [azureAudience],
    subject: workload.subject,
    ...overrides,
  };
}

/** A builder-mode trust statement pinning the workload's sub with StringEquals. */
export function awsSpec(workload: WorkloadRef, overrides: Record<string, unknown> = {}) {
  return {
    cloud: "aws",
    sid: `Sid${uniqueSuffix()}`,
    providerUrl: workload.issuer.issuerUrl,
    mode: "builder",
    builder: {
      audiences: ["sts.amazonaws.com"],
      subjectOperator: "StringEquals",
      subjects: [workload.subject],
      extraConditions: [],
    },
    ...overrides,
  };
}

/** A workloadIdentityUser grant to the workload's principal (its subject). */
export function gcpSpec(overrides: Record<string, unknown> = {}) {
  return {
    cloud: "gcp",
    name: `grant-${uniqueSuffix()}`,
    serviceAccountEmail: testServiceAccount,
    role: "roles/iam.workloadIdentityUser",
    memberKind: "subject",
    ...overrides,
  };
}

export async function createTestBinding(options: {
  workload: Pick<TWorkload, "id">;
  target: Pick<TTarget, "id">;
  spec: { cloud: string } & Record<string, unknown>;
}): Promise<TBinding> {
  return createBinding({
    ...seed(),
    input: {
      workloadId: options.workload.id,
      targetId: options.target.id,
      spec: options.spec as { cloud: "azure" | "aws" | "gcp" },
    },
  });
}
