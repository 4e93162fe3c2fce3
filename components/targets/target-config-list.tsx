import type { ReactNode } from "react";
import { sortedMapping } from "@/components/targets/sorted-mapping";
import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import { oidcProviderArn } from "@/lib/clouds/aws/ids";
import type { TGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import { providerAudiences } from "@/lib/clouds/gcp/principals";
import type { TTarget } from "@/lib/schemas/target";

type Row = [label: string, value: ReactNode];

const mono = (value: unknown) => (
  <code className="font-mono break-all">{typeof value === "string" && value ? value : "—"}</code>
);

// Azure settings in the order the portal shows them; jsonb does not keep key order.
const azureFields: Record<"azure-uami" | "azure-app", [key: string, label: string][]> = {
  "azure-uami": [
    ["tenantId", "Tenant ID"],
    ["subscriptionId", "Subscription ID"],
    ["resourceGroup", "Resource group"],
    ["identityName", "Identity name"],
    ["clientId", "Client ID"],
    ["principalId", "Principal ID"],
  ],
  "azure-app": [
    ["tenantId", "Tenant ID"],
    ["applicationObjectId", "Application object ID"],
    ["clientId", "Application (client) ID"],
    ["displayName", "Display name"],
  ],
};

const names = new Set(["resourceGroup", "identityName", "displayName"]);

function awsRows(config: TAwsRoleConfig): Row[] {
  return [
    ["Account ID", mono(config.accountId)],
    ["Role name", mono(config.roleName)],
    ["Path", mono(config.path)],
    ...config.oidcProviders.map((provider, index): Row => [
      `OIDC provider ${index + 1}`,
      <div key={provider.url} className="grid gap-1">
        {mono(provider.url)}
        <span className="text-xs text-muted-foreground">
          ARN {mono(oidcProviderArn(config.accountId, provider.url))}
        </span>
        <span className="text-xs text-muted-foreground">
          Client IDs {mono(provider.clientIds.join(", "))}
        </span>
        <span className="text-xs text-muted-foreground">
          Thumbprints {mono(provider.thumbprints.join(", ") || "none")}
        </span>
      </div>,
    ]),
  ];
}

function gcpRows(config: TGcpProviderConfig): Row[] {
  const audiences = config.allowedAudiences.length
    ? config.allowedAudiences
    : providerAudiences(config);
  return [
    ["Project number", mono(config.projectNumber)],
    ["Pool ID", mono(config.poolId)],
    ["Provider ID", mono(config.providerId)],
    ["Display name", config.displayName || "—"],
    ["Issuer URI", mono(config.issuerUri)],
    [
      config.allowedAudiences.length ? "Allowed audiences" : "Allowed audiences (default)",
      <ul key="aud" className="grid gap-1">
        {audiences.map((audience) => (
          <li key={audience}>{mono(audience)}</li>
        ))}
      </ul>,
    ],
    [
      "Attribute mapping",
      <table key="map" className="text-xs">
        <tbody>
          {sortedMapping(config.attributeMapping).map(([key, value]) => (
            <tr key={key}>
              <td className="py-0.5 pr-3 align-top font-mono">{key}</td>
              <td className="py-0.5 font-mono break-all">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>,
    ],
    [
      "Attribute condition",
      config.attributeCondition ? (
        <pre className="font-mono text-xs whitespace-pre-wrap">{config.attributeCondition}</pre>
      ) : (
        "none: every valid token from the issuer passes"
      ),
    ],
    ["State", providerState(config)],
    ["Default service account", mono(config.serviceAccountEmail)],
  ];
}

function providerState(config: TGcpProviderConfig): string {
  if (config.poolDisabled) return "Pool disabled: STS refuses tokens for every provider in it";
  return config.disabled ? "Disabled: STS refuses its tokens" : "Enabled";
}

function rowsFor(target: TTarget): Row[] {
  switch (target.kind) {
    case "aws-role":
      return awsRows(target.config as TAwsRoleConfig);
    case "gcp-provider":
      return gcpRows(target.config as TGcpProviderConfig);
    default:
      return azureFields[target.kind].map(([key, label]): Row => {
        const value = target.config[key];
        return [label, names.has(key) ? (typeof value === "string" && value) || "—" : mono(value)];
      });
  }
}

/** A target's settings with the cloud's names for them. */
export function TargetConfigList({ target }: { target: TTarget }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
      {rowsFor(target).map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
