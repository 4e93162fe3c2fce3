"use client";

import {
  setting,
  type ConfigFieldsProps,
  type ConfigModule,
} from "@/components/targets/config-module";
import { Field } from "@/components/ui/field";
import { CodeInput, Input } from "@/components/ui/input";
import { ZAzureAppConfig } from "@/lib/clouds/azure/target-config";

export type AzureAppDraft = {
  tenantId: string;
  applicationObjectId: string;
  clientId: string;
  displayName: string;
};

function draftFrom(config: Record<string, unknown> | undefined): AzureAppDraft {
  return {
    tenantId: setting(config, "tenantId"),
    applicationObjectId: setting(config, "applicationObjectId"),
    clientId: setting(config, "clientId"),
    displayName: setting(config, "displayName"),
  };
}

function configFrom(draft: AzureAppDraft): Record<string, unknown> {
  return {
    tenantId: draft.tenantId.trim(),
    applicationObjectId: draft.applicationObjectId.trim(),
    clientId: draft.clientId.trim(),
    ...(draft.displayName.trim() ? { displayName: draft.displayName.trim() } : {}),
  };
}

const guid = "00000000-0000-0000-0000-000000000000";

export function AzureAppFields({ draft, onChange, error }: ConfigFieldsProps<AzureAppDraft>) {
  return (
    <div className="grid items-start gap-4 sm:grid-cols-2">
      <Field id="config-tenantId" label="Tenant ID" error={error("tenantId")}>
        <CodeInput
          value={draft.tenantId}
          onChange={(event) => onChange({ tenantId: event.target.value })}
          placeholder={guid}
          required
        />
      </Field>
      <Field
        id="config-applicationObjectId"
        label="Application object ID"
        error={error("applicationObjectId")}
        help="The app registration's Object ID, NOT its Application (client) ID: Graph addresses federated credentials by object id (az ad app show --id CLIENT_ID --query id)."
      >
        <CodeInput
          value={draft.applicationObjectId}
          onChange={(event) => onChange({ applicationObjectId: event.target.value })}
          placeholder={guid}
          required
        />
      </Field>
      <Field
        id="config-clientId"
        label="Application (client) ID"
        error={error("clientId")}
        help="What workloads send as client_id."
      >
        <CodeInput
          value={draft.clientId}
          onChange={(event) => onChange({ clientId: event.target.value })}
          placeholder={guid}
          required
        />
      </Field>
      <Field id="config-displayName" label="Display name (optional)" error={error("displayName")}>
        <Input
          value={draft.displayName}
          onChange={(event) => onChange({ displayName: event.target.value })}
          autoComplete="off"
        />
      </Field>
    </div>
  );
}

export const azureAppConfig: ConfigModule<AzureAppDraft> = {
  schema: ZAzureAppConfig,
  draftFrom,
  configFrom,
  Fields: AzureAppFields,
};
