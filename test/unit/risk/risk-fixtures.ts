import type { BindingContext, Cloud, TargetKind } from "@/lib/clouds/types";
import { cloudCatalog, targetKindInfo } from "@/lib/clouds/registry";
import { demoTargets } from "@/lib/db/demo/demo-targets";
import type { CatalogueBinding, CatalogueTarget } from "@/lib/risk/rule-source";

// Contexts for the per-binding checks, built on the demo estate's targets so
// every binding here is one the clouds would store.

export const github = "https://token.actions.githubusercontent.com";

export function demoTarget(name: string) {
  const target = demoTargets.find((candidate) => candidate.name === name);
  if (!target) throw new Error(`no demo target ${name}`);
  const info = targetKindInfo(target.kind);
  return {
    kind: target.kind as TargetKind,
    cloud: info.cloud,
    config: info.configSchema.parse(target.config),
  };
}

type Workload = BindingContext["workload"];

export const webWorkload: Workload = {
  id: "w-web",
  name: "web · prod",
  subject: "repo:contoso/web:environment:prod",
  subjectSpec: {
    kind: "github",
    owner: "contoso",
    repo: "web",
    trigger: "environment",
    name: "prod",
  },
};

export const immutableWorkload: Workload = {
  id: "w-pay",
  name: "payments · prod",
  subject: "repo:contoso@1001/payments@2002:environment:prod",
  subjectSpec: {
    kind: "github",
    owner: "contoso",
    repo: "payments",
    trigger: "environment",
    name: "prod",
    immutable: { ownerId: "1001", repoId: "2002" },
  },
};

export function bindingOn(
  targetName: string,
  spec: Record<string, unknown>,
  {
    workload = webWorkload,
    issuerUrl = github,
    siblings = [],
    environmentWorkloads = [],
  }: {
    workload?: Workload;
    issuerUrl?: string;
    siblings?: BindingContext["siblings"];
    environmentWorkloads?: { name: string; subject: string }[];
  } = {},
): CatalogueBinding {
  const target = demoTarget(targetName);
  const catalog = cloudCatalog(target.cloud);
  const context: BindingContext = {
    spec: catalog.bindingSpecSchema.parse(spec),
    target: { id: "t1", name: targetName, kind: target.kind, config: target.config },
    workload,
    issuer: { issuerUrl, kind: "github-actions" },
    siblings,
  };
  // As create-binding stores it: the builder's statement, the GCP member.
  const normalized = catalog.normalizeSpec?.(context).spec ?? context.spec;
  return {
    id: "00000000-0000-4000-8000-000000000001",
    name: "under test",
    cloud: target.cloud as Cloud,
    context: { ...context, spec: normalized },
    hints: { environmentWorkloads },
  };
}

export function targetNamed(name: string, config: Record<string, unknown>): CatalogueTarget {
  const target = demoTarget(name);
  return {
    id: "00000000-0000-4000-8000-000000000002",
    name,
    cloud: target.cloud as Cloud,
    kind: target.kind,
    config: { ...(target.config as Record<string, unknown>), ...config },
    boundOwners: ["contoso"],
  };
}

export function awsBuilder(builder: Record<string, unknown>): Record<string, unknown> {
  return {
    cloud: "aws",
    sid: "UnderTest",
    providerUrl: github,
    mode: "builder",
    builder: {
      audiences: ["sts.amazonaws.com"],
      subjectOperator: "StringEquals",
      subjects: [],
      extraConditions: [],
      ...builder,
    },
  };
}

export function awsRaw(condition: Record<string, unknown>): Record<string, unknown> {
  return {
    cloud: "aws",
    sid: "UnderTest",
    providerUrl: github,
    mode: "raw",
    statement: {
      Sid: "UnderTest",
      Effect: "Allow",
      Principal: {
        Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
      },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: condition,
    },
  };
}
