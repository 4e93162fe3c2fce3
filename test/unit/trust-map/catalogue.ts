import { trustMapEdges, type TrustMap } from "@/lib/trust-map/build-trust-map";
import type {
  MapBinding,
  MapIssuer,
  MapTarget,
  MapWorkload,
  TrustCatalogue,
} from "@/lib/trust-map/trust-map-types";

// Hand-built catalogue rows for the trust map's tests, in the shapes the
// catalogue stores (the demo estate's).

export const githubUrl = "https://token.actions.githubusercontent.com";
export const pool =
  "//iam.googleapis.com/projects/482915736104/locations/global/workloadIdentityPools/github-pool";

export const github: MapIssuer = {
  id: "i-gh",
  name: "GitHub",
  issuerUrl: githubUrl,
  kind: "github-actions",
};

export const gitlabUrl = "https://gitlab.com";

export const gitlab: MapIssuer = {
  id: "i-lab",
  name: "GitLab",
  issuerUrl: gitlabUrl,
  kind: "gitlab",
};

export function gitlabWorkload(id: string, projectPath: string): MapWorkload {
  return {
    id,
    name: id,
    issuerId: gitlab.id,
    subject: `project_path:${projectPath}:ref_type:branch:ref:main`,
    subjectSpec: {
      kind: "gitlab",
      form: "project_path",
      projectPath,
      refType: "branch",
      ref: "main",
    },
  };
}

/** The map's edges as plain objects, in one order, to compare two maps. */
export function sortedEdges(map: TrustMap) {
  return trustMapEdges(map)
    .map((edge) => ({ ...edge }))
    .sort((a, b) =>
      `${a.bindingId} ${a.workloadId}`.localeCompare(`${b.bindingId} ${b.workloadId}`),
    );
}

/** The edge between a binding and a workload, if the map draws one. */
export function edgeOf(map: TrustMap, bindingId: string, workloadId: string) {
  return trustMapEdges(map).find(
    (candidate) => candidate.bindingId === bindingId && candidate.workloadId === workloadId,
  );
}

export function githubWorkload(
  id: string,
  repo: string,
  options: { owner?: string; trigger?: "branch" | "environment"; name?: string } = {},
): MapWorkload {
  const owner = options.owner ?? "contoso";
  const trigger = options.trigger ?? "environment";
  const name = options.name ?? (trigger === "branch" ? "main" : "production");
  const context = trigger === "branch" ? `ref:refs/heads/${name}` : `environment:${name}`;
  return {
    id,
    name: id,
    issuerId: github.id,
    subject: `repo:${owner}/${repo}:${context}`,
    subjectSpec: { kind: "github", owner, repo, trigger, name },
  };
}

export const uami: MapTarget = {
  id: "t-uami",
  name: "deploy identity",
  kind: "azure-uami",
  config: {
    tenantId: "6f3c1c2e-0000-4000-8000-000000000001",
    subscriptionId: "6f3c1c2e-0000-4000-8000-000000000002",
    resourceGroup: "rg-test",
    identityName: "id-deploy",
    clientId: "6f3c1c2e-0000-4000-8000-000000000003",
    principalId: "6f3c1c2e-0000-4000-8000-000000000004",
  },
};

export const role: MapTarget = {
  id: "t-role",
  name: "deploy role",
  kind: "aws-role",
  config: {
    accountId: "123456789012",
    roleName: "deploy",
    path: "/",
    oidcProviders: [{ url: githubUrl, clientIds: ["sts.amazonaws.com"], thumbprints: [] }],
  },
};

export const gcpProvider: MapTarget = {
  id: "t-gcp",
  name: "github provider",
  kind: "gcp-provider",
  config: {
    projectNumber: "482915736104",
    poolId: "github-pool",
    providerId: "github",
    issuerUri: githubUrl,
    allowedAudiences: [],
    attributeMapping: {
      "google.subject": "assertion.sub",
      "attribute.repository_owner": "assertion.repository_owner",
    },
    attributeCondition: "assertion.repository_owner == 'contoso'",
    disabled: false,
    serviceAccountEmail: "deployer@contoso-test.iam.gserviceaccount.com",
  },
};

export function ficBinding(
  id: string,
  workload: MapWorkload,
  subject: string,
  issuerUrl = githubUrl,
): MapBinding {
  return {
    id,
    name: id,
    cloud: "azure",
    workloadId: workload.id,
    targetId: uami.id,
    issuerUrl,
    spec: {
      cloud: "azure",
      name: id,
      issuer: issuerUrl,
      audiences: ["api://AzureADTokenExchange"],
      subject,
    },
  };
}

export function roleBinding(
  id: string,
  workload: MapWorkload,
  condition: Record<string, Record<string, string | string[]>>,
): MapBinding {
  const key = "token.actions.githubusercontent.com";
  return {
    id,
    name: id,
    cloud: "aws",
    workloadId: workload.id,
    targetId: role.id,
    issuerUrl: githubUrl,
    spec: {
      cloud: "aws",
      sid: id,
      providerUrl: githubUrl,
      mode: "raw",
      statement: {
        Sid: id,
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${key}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          ...condition,
          StringEquals: { [`${key}:aud`]: "sts.amazonaws.com", ...condition.StringEquals },
        },
      },
    },
  };
}

export function grantBinding(
  id: string,
  workload: MapWorkload,
  member: string,
  target = gcpProvider,
): MapBinding {
  return {
    id,
    name: id,
    cloud: "gcp",
    workloadId: workload.id,
    targetId: target.id,
    issuerUrl: githubUrl,
    spec: {
      cloud: "gcp",
      name: id,
      serviceAccountEmail: "deployer@contoso-test.iam.gserviceaccount.com",
      role: "roles/iam.workloadIdentityUser",
      memberKind: member.endsWith("/*") ? "pool" : "subject",
      member,
    },
  };
}

export function catalogue(parts: Partial<TrustCatalogue>): TrustCatalogue {
  return {
    issuers: parts.issuers ?? [github],
    workloads: parts.workloads ?? [],
    targets: parts.targets ?? [uami, role, gcpProvider],
    bindings: parts.bindings ?? [],
  };
}
