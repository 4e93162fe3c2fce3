"use client";

import {
  setting,
  type ConfigFieldsProps,
  type ConfigModule,
} from "@/components/targets/config-module";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ZAzureUamiConfig } from "@/lib/clouds/azure/target-config";

export type AzureUamiDraft = {
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  identityName: string;
  clientId: string;
  principalId: string;
};

const keys = [
  "tenantId",
  "subscriptionId",
  "resourceGroup",
  "identityName",
  "clientId",
  "principalId",
] as const;

const fields: Record<(typeof keys)[number], { label: string; help?: string; guid?: boolean }> = {
  tenantId: { label: "Tenant ID", guid: true },
  subscriptionId: { label: "Subscription ID", guid: true },
  resourceGroup: { label: "Resource group" },
  identityName: { label: "Identity name" },
  clientId: { label: "Client ID", help: "Workloads use it as client_id.", guid: true },
  principalId: {
    label: "Principal ID",
    help: "The identity's object id in Entra, used for role assignments.",
    guid: true,
  },
};

function draftFrom(config: Record<string, unknown> | undefined): AzureUamiDraft {
  return Object.fromEntries(keys.map((key) => [key, setting(config, key)])) as AzureUamiDraft;
}

function configFrom(draft: AzureUamiDraft): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, draft[key].trim()]));
}

export function AzureUamiFields({ draft, onChange, error }: ConfigFieldsProps<AzureUamiDraft>) {
  return (
    <>
      <p className="text-sm text-muted-foreground">
        All six come from{" "}
        <code className="font-mono">az identity show -g RESOURCE_GROUP -n IDENTITY_NAME</code>{" "}
        (tenantId, id, clientId, principalId) or the identity&apos;s Overview and Properties pages
        in the portal.
      </p>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        {keys.map((key) => (
          <Field
            key={key}
            id={`config-${key}`}
            label={fields[key].label}
            error={error(key)}
            help={fields[key].help}
          >
            <Input
              value={draft[key]}
              onChange={(event) => onChange({ [key]: event.target.value })}
              placeholder={fields[key].guid ? "00000000-0000-0000-0000-000000000000" : undefined}
              spellCheck={false}
              autoComplete="off"
              className={fields[key].guid ? "font-mono" : undefined}
              required
            />
          </Field>
        ))}
      </div>
    </>
  );
}

export const azureUamiConfig: ConfigModule<AzureUamiDraft> = {
  schema: ZAzureUamiConfig,
  draftFrom,
  configFrom,
  Fields: AzureUamiFields,
};
