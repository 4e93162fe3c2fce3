import { cloudCatalog } from "@/lib/clouds/registry";
import type { BindingContext, Cloud, TargetKind } from "@/lib/clouds/types";
import type { ExportSource } from "@/lib/sync/export/export-types";

// Export sources built the way the catalogue builds them: each binding's
// cloudObject comes from cloudCatalog(cloud).cloudObject, so the tests compare
// the export with what the binding page shows.

/** Values that break naive quoting: quotes, backslashes, template sequences, a line break, bidi, '@' and '-' first. */
export const hostile = {
  subject: `repo:a'b"c\\d:\${x}%{y}$(id)\`id\`\n\u202eevil;rm -rf /`,
  dashFirst: "--help",
  atFirst: "@/etc/passwd",
  expression: `claims['sub'] matches 'repo:org/*' and claims['x'] eq "\${y}"`,
  description: "line one\nline two \u2066isolated\u2069",
};

const workload = { id: "w1", name: "app", subject: "repo:org/app", subjectSpec: null };
const issuer = {
  issuerUrl: "https://token.actions.githubusercontent.com",
  kind: "github-actions" as const,
};

type Spec = Record<string, unknown>;

/** One target with bindings; each binding's siblings are the others, as findBinding loads them. */
export function sourceFor(options: {
  cloud: Cloud;
  kind: TargetKind;
  config: Record<string, unknown>;
  specs: Spec[];
  scope?: "binding" | "target";
}): ExportSource {
  const target = { id: "t1", kind: options.kind, name: "Target 1", config: options.config };
  const named = options.specs.map((spec, index) => ({
    id: `b${index}`,
    name: String(spec.name ?? spec.sid),
    spec,
  }));
  const bindings = named.map((binding) => {
    const context: BindingContext = {
      spec: binding.spec,
      target,
      workload,
      issuer,
      siblings: named.filter((other) => other.id !== binding.id),
    };
    return { name: binding.name, cloudObject: cloudCatalog(options.cloud).cloudObject(context) };
  });
  return {
    scope: options.scope ?? "target",
    target: { name: target.name, kind: options.kind, config: options.config },
    bindings: options.scope === "binding" ? bindings.slice(0, 1) : bindings,
  };
}

export const uamiConfig = {
  tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
  subscriptionId: "00000000-0000-0000-0000-000000000001",
  resourceGroup: "rg-fed",
  identityName: "id-deployer",
  clientId: "00000000-0000-0000-0000-000000000002",
  principalId: "00000000-0000-0000-0000-000000000003",
};

export const appConfig = {
  tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
  applicationObjectId: "00000000-0000-0000-0000-000000000004",
  clientId: "00000000-0000-0000-0000-000000000005",
};

export const azureSpecs: Spec[] = [
  {
    cloud: "azure",
    name: "plain-fic",
    issuer: issuer.issuerUrl,
    audiences: ["api://AzureADTokenExchange"],
    subject: hostile.subject,
    description: hostile.description,
  },
  {
    cloud: "azure",
    name: "flexible-fic",
    issuer: issuer.issuerUrl,
    audiences: ["api://AzureADTokenExchange"],
    claimsMatchingExpression: { value: hostile.expression, languageVersion: 1 },
  },
  {
    cloud: "azure",
    name: "at-fic",
    issuer: issuer.issuerUrl,
    audiences: ["api://AzureADTokenExchange"],
    subject: hostile.atFirst,
  },
];

const providerUrl = "https://token.actions.githubusercontent.com";
export const awsConfig = {
  accountId: "123456789012",
  roleName: "deployer",
  path: "/",
  oidcProviders: [
    { url: providerUrl, clientIds: ["sts.amazonaws.com", hostile.dashFirst], thumbprints: [] },
  ],
};

function awsStatement(sid: string, subject: string) {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: {
      Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
    },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      StringLike: { "token.actions.githubusercontent.com:sub": subject },
    },
  };
}

export const awsSpecs: Spec[] = [
  {
    cloud: "aws",
    sid: "Prod",
    providerUrl,
    mode: "raw",
    statement: awsStatement("Prod", hostile.subject),
  },
  {
    cloud: "aws",
    sid: "Dev",
    providerUrl,
    mode: "raw",
    statement: awsStatement("Dev", "repo:org/app:*"),
  },
];

export const gcpConfig = {
  projectNumber: "123456789012",
  poolId: "github-pool",
  providerId: "gh-actions",
  displayName: "GitHub",
  issuerUri: issuer.issuerUrl,
  allowedAudiences: ["https://example.com/a,b", "^caret"],
  attributeMapping: {
    "google.subject": "assertion.sub",
    "attribute.both": 'assertion.repository + "," + assertion.ref',
  },
  attributeCondition: `assertion.sub == '${hostile.subject.replace(/'/g, "")}'`,
  disabled: true,
  serviceAccountEmail: null,
};

const principal =
  "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github-pool/subject/";
export const gcpSpecs: Spec[] = [
  {
    cloud: "gcp",
    name: "prod",
    serviceAccountEmail: "deployer@acme.iam.gserviceaccount.com",
    role: "roles/iam.workloadIdentityUser",
    memberKind: "subject",
    member: `${principal}${hostile.subject}`,
  },
  {
    cloud: "gcp",
    name: "dev",
    serviceAccountEmail: "deployer@acme.iam.gserviceaccount.com",
    role: "roles/iam.workloadIdentityUser",
    memberKind: "subject",
    member: `${principal}repo:org/app:ref:refs/heads/main`,
  },
];
