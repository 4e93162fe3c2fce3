"use client";

import {
  AwsOidcProvidersEditor,
  type ProviderDraft,
} from "@/components/targets/aws-oidc-providers-editor";
import {
  setting,
  type ConfigFieldsProps,
  type ConfigModule,
} from "@/components/targets/config-module";
import { Field } from "@/components/ui/field";
import { CodeInput, Input } from "@/components/ui/input";
import { splitList } from "@/components/workloads/field-errors";
import { roleArn } from "@/lib/clouds/aws/ids";
import { ZAwsRoleConfig } from "@/lib/clouds/aws/target-config";

export type AwsRoleDraft = {
  accountId: string;
  roleName: string;
  path: string;
  oidcProviders: ProviderDraft[];
};

const githubProvider: ProviderDraft = {
  url: "https://token.actions.githubusercontent.com",
  clientIds: "sts.amazonaws.com",
  thumbprints: "",
};

function draftFrom(config: Record<string, unknown> | undefined): AwsRoleDraft {
  const providers = Array.isArray(config?.oidcProviders)
    ? (config.oidcProviders as { url?: string; clientIds?: string[]; thumbprints?: string[] }[])
    : null;
  return {
    accountId: setting(config, "accountId"),
    roleName: setting(config, "roleName"),
    path: setting(config, "path") || "/",
    oidcProviders: providers?.map((provider) => ({
      url: provider.url ?? "",
      clientIds: (provider.clientIds ?? []).join("\n"),
      thumbprints: (provider.thumbprints ?? []).join("\n"),
    })) ?? [githubProvider],
  };
}

function configFrom(draft: AwsRoleDraft): Record<string, unknown> {
  return {
    accountId: draft.accountId.trim(),
    roleName: draft.roleName.trim(),
    path: draft.path.trim(),
    oidcProviders: draft.oidcProviders.map((provider) => ({
      url: provider.url.trim(),
      clientIds: splitList(provider.clientIds),
      thumbprints: splitList(provider.thumbprints),
    })),
  };
}

export function AwsRoleFields({ draft, onChange, error }: ConfigFieldsProps<AwsRoleDraft>) {
  const arn = roleArn(
    draft.accountId.trim() || "ACCOUNT_ID",
    draft.path.trim() || "/",
    draft.roleName.trim() || "ROLE_NAME",
  );
  return (
    <>
      <div className="grid items-start gap-4 sm:grid-cols-3">
        <Field
          id="config-accountId"
          label="Account ID"
          error={error("accountId")}
          help="12 digits, no dashes."
        >
          <Input
            value={draft.accountId}
            onChange={(event) => onChange({ accountId: event.target.value })}
            inputMode="numeric"
            placeholder="123456789012"
            autoComplete="off"
            className="font-mono"
            required
          />
        </Field>
        <Field id="config-roleName" label="Role name" error={error("roleName")}>
          <Input
            value={draft.roleName}
            onChange={(event) => onChange({ roleName: event.target.value })}
            placeholder="gh-deployer"
            spellCheck={false}
            autoComplete="off"
            required
          />
        </Field>
        <Field
          id="config-path"
          label="Path"
          error={error("path")}
          help="/ unless the role has one."
        >
          <CodeInput
            value={draft.path}
            onChange={(event) => onChange({ path: event.target.value })}
            required
          />
        </Field>
      </div>
      <p className="text-sm">
        <span className="text-muted-foreground">Role ARN: </span>
        <output aria-label="Role ARN" className="font-mono break-all">
          {arn}
        </output>
      </p>
      <AwsOidcProvidersEditor
        accountId={draft.accountId.trim()}
        providers={draft.oidcProviders}
        onChange={(oidcProviders) => onChange({ oidcProviders })}
        error={error}
      />
    </>
  );
}

export const awsRoleConfig: ConfigModule<AwsRoleDraft> = {
  schema: ZAwsRoleConfig,
  draftFrom,
  configFrom,
  Fields: AwsRoleFields,
};
