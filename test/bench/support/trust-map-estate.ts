// The generated estate of the trust map bench: half the workloads on GitHub
// (orgs of 20 repositories), 15% GitLab.com, 10% HCP Terraform, a quarter
// on AKS clusters of 100; two bindings each, a third per cloud, four per
// target; every tenth workload's second binding a pattern.
import type {
  MapBinding,
  MapIssuer,
  MapTarget,
  MapWorkload,
  TrustCatalogue,
} from "@/lib/trust-map/trust-map-types";

export const githubUrl = "https://token.actions.githubusercontent.com";
const gitlabUrl = "https://gitlab.com";
const terraformUrl = "https://app.terraform.io";
const reposPerOrg = 20;
const workloadsPerCluster = 100;
const bindingsPerTarget = 4;

export type Estate = TrustCatalogue & { patterns: number };

/** Workload i: half GitHub, 15% GitLab, 10% HCP Terraform, a quarter Kubernetes (100 per cluster). */
function workloadAt(index: number, clusters: MapIssuer[]): MapWorkload {
  const slot = index % 20;
  const org = `org-${Math.floor(index / reposPerOrg)}`;
  const id = `w-${index}`;
  if (slot < 10) {
    const spec = {
      kind: "github",
      owner: org,
      repo: `repo-${index}`,
      trigger: "environment",
      name: "production",
    };
    return {
      id,
      name: id,
      issuerId: "i-github",
      subject: `repo:${org}/repo-${index}:environment:production`,
      subjectSpec: spec,
    };
  }
  if (slot < 13) {
    const spec = {
      kind: "gitlab",
      form: "project_path",
      projectPath: `${org}/app-${index}`,
      refType: "branch",
      ref: "main",
    };
    return {
      id,
      name: id,
      issuerId: "i-gitlab",
      subject: `project_path:${org}/app-${index}:ref_type:branch:ref:main`,
      subjectSpec: spec,
    };
  }
  if (slot < 15) {
    const spec = {
      kind: "terraform",
      organization: org,
      project: "Default Project",
      workspace: `ws-${index}`,
      runPhase: "apply",
    };
    return {
      id,
      name: id,
      issuerId: "i-terraform",
      subject: `organization:${org}:project:Default Project:workspace:ws-${index}:run_phase:apply`,
      subjectSpec: spec,
    };
  }
  const cluster = clusters[
    Math.floor(index / (workloadsPerCluster * 4)) % clusters.length
  ] as MapIssuer;
  const spec = { kind: "kubernetes", namespace: `ns-${index}`, serviceAccount: "deployer" };
  return {
    id,
    name: id,
    issuerId: cluster.id,
    subject: `system:serviceaccount:ns-${index}:deployer`,
    subjectSpec: spec,
  };
}

export function generateEstate(bindingCount: number): Estate {
  const workloadCount = bindingCount / 2;
  const clusterCount = Math.max(1, Math.ceil(workloadCount / 4 / workloadsPerCluster));
  const clusters: MapIssuer[] = Array.from({ length: clusterCount }, (_, index) => ({
    id: `i-aks-${index}`,
    name: `aks ${index}`,
    issuerUrl: `https://westeurope.oic.prod-aks.azure.com/tenant/cluster-${index}/`,
    kind: "kubernetes-aks",
  }));
  const issuers: MapIssuer[] = [
    { id: "i-github", name: "GitHub", issuerUrl: githubUrl, kind: "github-actions" },
    { id: "i-gitlab", name: "GitLab", issuerUrl: gitlabUrl, kind: "gitlab" },
    { id: "i-terraform", name: "HCP Terraform", issuerUrl: terraformUrl, kind: "terraform-cloud" },
    ...clusters,
  ];
  const byId = new Map(issuers.map((issuer) => [issuer.id, issuer]));
  const workloads = Array.from({ length: workloadCount }, (_, index) =>
    workloadAt(index, clusters),
  );
  const targets: MapTarget[] = [];
  const bindings: MapBinding[] = [];
  const filling = new Map<string, { target: MapTarget; count: number }>();
  const targetFor = (kind: MapTarget["kind"], issuerUrl: string): MapTarget => {
    const key = `${kind} ${issuerUrl}`;
    const current = filling.get(key);
    if (current && current.count < bindingsPerTarget) {
      current.count += 1;
      return current.target;
    }
    const target = makeTarget(kind, issuerUrl, targets.length);
    targets.push(target);
    filling.set(key, { target, count: 1 });
    return target;
  };
  let patterns = 0;
  workloads.forEach((workload, index) => {
    const issuerUrl = (byId.get(workload.issuerId) as MapIssuer).issuerUrl;
    for (const second of [false, true]) {
      const n = bindings.length;
      // Every tenth workload's second binding is a pattern: 5% of bindings.
      const pattern = second && index % 10 === 0;
      if (pattern) patterns += 1;
      const binding = pattern
        ? patternBinding(n, workload, issuerUrl, targetFor)
        : exactBinding(n, workload, issuerUrl, targetFor);
      bindings.push(binding);
    }
  });
  return { issuers, workloads, targets, bindings, patterns };
}

const pool = (index: number) =>
  `//iam.googleapis.com/projects/482915736104/locations/global/workloadIdentityPools/pool-${index}`;

function makeTarget(kind: MapTarget["kind"], issuerUrl: string, index: number): MapTarget {
  const id = `t-${index}`;
  if (kind === "azure-uami") {
    const uuid = `6f3c1c2e-0000-4000-8000-${String(index).padStart(12, "0")}`;
    return {
      id,
      name: id,
      kind,
      config: {
        tenantId: uuid,
        subscriptionId: uuid,
        resourceGroup: "rg",
        identityName: `id-${index}`,
        clientId: uuid,
        principalId: uuid,
      },
    };
  }
  if (kind === "aws-role") {
    return {
      id,
      name: id,
      kind,
      config: {
        accountId: "123456789012",
        roleName: `role-${index}`,
        path: "/",
        oidcProviders: [{ url: issuerUrl, clientIds: ["sts.amazonaws.com"], thumbprints: [] }],
      },
    };
  }
  return {
    id,
    name: id,
    kind,
    config: {
      projectNumber: "482915736104",
      poolId: `pool-${index}`,
      providerId: "provider",
      issuerUri: issuerUrl,
      allowedAudiences: [],
      attributeMapping: { "google.subject": "assertion.sub" },
      attributeCondition: "assertion.sub != ''",
      disabled: false,
      serviceAccountEmail: "deployer@bench.iam.gserviceaccount.com",
    },
  };
}

type TargetFor = (kind: MapTarget["kind"], issuerUrl: string) => MapTarget;

function roleSpec(sid: string, issuerUrl: string, operator: string, subjects: string[]) {
  const key = issuerUrl.slice("https://".length);
  return {
    cloud: "aws",
    sid,
    providerUrl: issuerUrl,
    mode: "raw",
    statement: {
      Sid: sid,
      Effect: "Allow",
      Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${key}` },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition:
        operator === "StringEquals"
          ? { StringEquals: { [`${key}:aud`]: "sts.amazonaws.com", [`${key}:sub`]: subjects } }
          : {
              StringEquals: { [`${key}:aud`]: "sts.amazonaws.com" },
              [operator]: { [`${key}:sub`]: subjects },
            },
    },
  };
}

function exactBinding(
  n: number,
  workload: MapWorkload,
  issuerUrl: string,
  targetFor: TargetFor,
): MapBinding {
  const id = `b-${n}`;
  const base = { id, name: id, workloadId: workload.id, issuerUrl };
  switch (n % 3) {
    case 0: {
      const target = targetFor("azure-uami", issuerUrl);
      return {
        ...base,
        cloud: "azure",
        targetId: target.id,
        spec: {
          cloud: "azure",
          name: `fic-${n}`,
          issuer: issuerUrl,
          audiences: ["api://AzureADTokenExchange"],
          subject: workload.subject,
        },
      };
    }
    case 1: {
      const target = targetFor("aws-role", issuerUrl);
      return {
        ...base,
        cloud: "aws",
        targetId: target.id,
        spec: roleSpec(`S${n}`, issuerUrl, "StringEquals", [workload.subject]),
      };
    }
    default: {
      const target = targetFor("gcp-provider", issuerUrl);
      const config = target.config as { poolId: string };
      const member = `principal:${pool(Number(config.poolId.slice(5)))}/subject/${workload.subject}`;
      return {
        ...base,
        cloud: "gcp",
        targetId: target.id,
        spec: {
          cloud: "gcp",
          name: `grant-${n}`,
          serviceAccountEmail: "deployer@bench.iam.gserviceaccount.com",
          role: "roles/iam.workloadIdentityUser",
          memberKind: "subject",
          member,
        },
      };
    }
  }
}

/** Owner-wide patterns for the SaaS issuers (CLOUDS.md 5.2); namespace-wide or pool-wide (5.5) for clusters. */
function patternBinding(
  n: number,
  workload: MapWorkload,
  issuerUrl: string,
  targetFor: TargetFor,
): MapBinding {
  const id = `b-${n}`;
  const base = { id, name: id, workloadId: workload.id, issuerUrl };
  const spec = workload.subjectSpec as {
    kind: string;
    owner?: string;
    projectPath?: string;
    organization?: string;
    namespace?: string;
  };
  // n is odd here (a second binding); the pattern's own count picks its kind.
  const k = Math.floor(n / 20);
  // Most cluster patterns cover a namespace; one in ten grants the whole pool.
  if (spec.kind === "kubernetes" && k % 10 !== 0) {
    const target = targetFor("aws-role", issuerUrl);
    const namespace = spec.namespace ?? "";
    return {
      ...base,
      cloud: "aws",
      targetId: target.id,
      spec: roleSpec(`S${n}`, issuerUrl, "StringLike", [`system:serviceaccount:${namespace}:*`]),
    };
  }
  if (spec.kind === "kubernetes") {
    const target = targetFor("gcp-provider", issuerUrl);
    const config = target.config as { poolId: string };
    const member = `principalSet:${pool(Number(config.poolId.slice(5)))}/*`;
    return {
      ...base,
      cloud: "gcp",
      targetId: target.id,
      spec: {
        cloud: "gcp",
        name: `grant-${n}`,
        serviceAccountEmail: "deployer@bench.iam.gserviceaccount.com",
        role: "roles/iam.workloadIdentityUser",
        memberKind: "pool",
        member,
      },
    };
  }
  const pattern =
    spec.kind === "github"
      ? `repo:${spec.owner}/*`
      : spec.kind === "gitlab"
        ? `project_path:${spec.projectPath?.split("/")[0]}/*`
        : `organization:${spec.organization}:*`;
  if (k % 2 === 0 && spec.kind !== "terraform") {
    const target = targetFor("azure-uami", issuerUrl);
    return {
      ...base,
      cloud: "azure",
      targetId: target.id,
      spec: {
        cloud: "azure",
        name: `fic-${n}`,
        issuer: issuerUrl,
        audiences: ["api://AzureADTokenExchange"],
        claimsMatchingExpression: {
          value: `claims['sub'] matches '${pattern}'`,
          languageVersion: 1,
        },
      },
    };
  }
  const target = targetFor("aws-role", issuerUrl);
  return {
    ...base,
    cloud: "aws",
    targetId: target.id,
    spec: roleSpec(`S${n}`, issuerUrl, "StringLike", [pattern]),
  };
}
