import type { TAwsConnectionScope } from "@/lib/clouds/aws/connection-scope";
import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import type { TAzureConnectionScope } from "@/lib/clouds/azure/connection-scope";
import type { TAzureAppConfig, TAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import type { TGcpConnectionScope } from "@/lib/clouds/gcp/connection-scope";
import type { TGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import { demoTargets } from "@/lib/db/demo/demo-targets";
import type { TTargetCreateInput } from "@/lib/schemas/target";

// What each Sandbox connection reaches: the tenant, account and project the
// demo catalogue's targets live in, read from the catalogue's own list so
// the two cannot disagree.

type Config<K extends TTargetCreateInput["kind"]> = Extract<
  TTargetCreateInput,
  { kind: K }
>["config"];

function configsOf<K extends TTargetCreateInput["kind"]>(kind: K): Config<K>[] {
  return demoTargets.filter((target) => target.kind === kind).map((t) => t.config as Config<K>);
}

function first<T>(list: T[], what: string): T {
  const [head] = list;
  if (head === undefined) throw new Error(`The demo catalogue has no ${what}.`);
  return head;
}

export function sandboxAzureScope(): TAzureConnectionScope {
  const uamis: TAzureUamiConfig[] = configsOf("azure-uami");
  const apps: TAzureAppConfig[] = configsOf("azure-app");
  return {
    tenantId: first(uamis, "managed identity").tenantId,
    subscriptionIds: [...new Set(uamis.map((config) => config.subscriptionId))],
    resourceGroups: [],
    applicationObjectIds: apps.map((config) => config.applicationObjectId),
  };
}

/** The account most demo roles live in; a role of another account stays catalogue-only. */
export function sandboxAwsScope(): TAwsConnectionScope {
  const roles: TAwsRoleConfig[] = configsOf("aws-role");
  return { accountId: first(roles, "AWS role").accountId, region: "us-east-1" };
}

export function sandboxGcpScope(): TGcpConnectionScope {
  const providers: TGcpProviderConfig[] = configsOf("gcp-provider");
  const provider = first(providers, "GCP provider");
  // Service-account emails end in @<project id>.iam.gserviceaccount.com.
  // https://cloud.google.com/iam/docs/service-account-overview#identifiers
  const projectId = /@([a-z][a-z0-9-]+)\.iam\.gserviceaccount\.com$/.exec(
    provider.serviceAccountEmail ?? "",
  )?.[1];
  if (!projectId) throw new Error("The demo GCP provider names no project service account.");
  return { projectId, projectNumber: provider.projectNumber };
}
