import { defaultAzureAudience } from "@/lib/clouds/azure/fic-limits";
import { targetKindInfo } from "@/lib/clouds/registry";
import { sandboxIssuerUrl } from "@/lib/sandbox/sandbox-issuer";
import { sandboxAwsScope, sandboxAzureScope, sandboxGcpScope } from "@/lib/sandbox/sandbox-scopes";
import type { TTargetCreateInput } from "@/lib/schemas/target";

// What the Sandbox issuer's workloads may do in the three sandbox clouds:
// the nightly report job is trusted by a managed identity (a FIC), a role
// (a trust statement, with the issuer as an IAM OIDC provider) and a service
// account (through a workload identity pool provider for the issuer); a
// second role carries a statement whose subject has a typo, so trying the
// exchange there shows a refusal with its cause and fix. The image builder
// has a grant of its own. The emulators are filled from these through the
// catalogue, like the rest of the demo estate (lib/sandbox/demo-estate.ts).

export type SandboxWorkload = { name: string; subject: string; description: string };

export const sandboxWorkloads = {
  report: {
    name: "sandbox · nightly report",
    subject: "sandbox:job:nightly-report",
    description: "A job of the Sandbox issuer: ask its page for a sample token to try federation.",
  },
  builder: {
    name: "sandbox · image builder",
    subject: "sandbox:job:image-builder",
    description: "A second job of the Sandbox issuer, granted a service account of its own.",
  },
} satisfies Record<string, SandboxWorkload>;

const azure = sandboxAzureScope();
const gcp = sandboxGcpScope();
const accountId = sandboxAwsScope().accountId;
const awsProvider = { url: sandboxIssuerUrl, clientIds: ["sts.amazonaws.com"], thumbprints: [] };
const gcpServiceAccount = (name: string) => `${name}@${gcp.projectId}.iam.gserviceaccount.com`;

export const sandboxIssuerTargets: TTargetCreateInput[] = [
  {
    name: "uami-sandbox-jobs",
    kind: "azure-uami",
    config: {
      tenantId: azure.tenantId,
      subscriptionId: azure.subscriptionIds[0] ?? "",
      resourceGroup: "rg-sandbox-jobs",
      identityName: "id-sandbox-jobs",
      clientId: "5a1d0c9e-8b7a-4f6e-9d5c-4b3a2f1e0d9c",
      principalId: "6b2e1d0f-9c8b-4a7f-8e6d-5c4b3a2f1e0d",
    },
  },
  {
    name: "aws-sandbox-jobs",
    kind: "aws-role",
    config: {
      accountId,
      roleName: "sandbox-jobs",
      path: "/sandbox/",
      oidcProviders: [awsProvider],
    },
  },
  {
    name: "aws-sandbox-archive",
    kind: "aws-role",
    config: {
      accountId,
      roleName: "sandbox-archive",
      path: "/sandbox/",
      oidcProviders: [awsProvider],
    },
  },
  {
    name: "gcp-sandbox-issuer",
    kind: "gcp-provider",
    config: {
      projectNumber: gcp.projectNumber,
      poolId: "sandbox-pool",
      providerId: "sandbox-issuer",
      displayName: "Sandbox issuer",
      issuerUri: sandboxIssuerUrl,
      allowedAudiences: [],
      attributeMapping: { "google.subject": "assertion.sub" },
      attributeCondition: null,
      disabled: false,
      serviceAccountEmail: gcpServiceAccount("sandbox-jobs"),
    },
  },
];

export type SandboxBinding = {
  workload: keyof typeof sandboxWorkloads;
  target: string;
  spec: Record<string, unknown> & { cloud: "azure" | "aws" | "gcp" };
};

const statement = (sid: string, subject: string) => ({
  cloud: "aws" as const,
  sid,
  providerUrl: sandboxIssuerUrl,
  mode: "builder",
  builder: {
    audiences: ["sts.amazonaws.com"],
    subjectOperator: "StringEquals",
    subjects: [subject],
    extraConditions: [],
  },
});

const grant = (name: string, account: string) => ({
  cloud: "gcp" as const,
  name,
  serviceAccountEmail: gcpServiceAccount(account),
  role: "roles/iam.workloadIdentityUser",
  memberKind: "subject",
});

/** The binding a sample token is refused by, on purpose: its subject has a typo. */
export const refusedSandboxBinding = {
  target: "aws-sandbox-archive",
  name: "NightlyReportArchive",
  subject: "sandbox:job:nightly-reports",
};

export const sandboxBindings: SandboxBinding[] = [
  {
    workload: "report",
    target: "uami-sandbox-jobs",
    spec: {
      cloud: "azure",
      name: "nightly-report",
      issuer: sandboxIssuerUrl,
      audiences: [defaultAzureAudience],
      subject: sandboxWorkloads.report.subject,
    },
  },
  {
    workload: "report",
    target: "aws-sandbox-jobs",
    spec: statement("NightlyReport", sandboxWorkloads.report.subject),
  },
  {
    workload: "report",
    target: refusedSandboxBinding.target,
    spec: statement(refusedSandboxBinding.name, refusedSandboxBinding.subject),
  },
  {
    workload: "report",
    target: "gcp-sandbox-issuer",
    spec: grant("nightly-report", "sandbox-jobs"),
  },
  {
    workload: "builder",
    target: "gcp-sandbox-issuer",
    spec: grant("image-builder", "sandbox-builder"),
  },
];

/** The cloud ids of the Sandbox issuer's targets, as the catalogue computes them. */
export function sandboxIssuerTargetExternalIds(): string[] {
  return sandboxIssuerTargets.map((target) => {
    const info = targetKindInfo(target.kind);
    return info.identity(info.configSchema.parse(target.config)).externalId;
  });
}
