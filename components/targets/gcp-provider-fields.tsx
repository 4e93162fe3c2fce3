"use client";

import {
  setting,
  type ConfigFieldsProps,
  type ConfigModule,
} from "@/components/targets/config-module";
import {
  GcpAttributeMappingEditor,
  type MappingRow,
} from "@/components/targets/gcp-attribute-mapping-editor";
import { GcpConditionField } from "@/components/targets/gcp-condition-field";
import { GcpIssuerFields, issuerKindFor } from "@/components/targets/gcp-issuer-fields";
import type { GcpProviderDraft } from "@/components/targets/gcp-provider-draft";
import { sortedMapping } from "@/components/targets/sorted-mapping";
import { FindingsList } from "@/components/catalog/findings-list";
import { Field } from "@/components/ui/field";
import { CodeInput, Input } from "@/components/ui/input";
import { mergeFindings, type Finding } from "@/lib/catalog/findings";
import {
  allowedAudiencesFindings,
  attributeConditionFindings,
  attributeMappingFindings,
} from "@/lib/clouds/gcp/attribute-mapping";
import { fullProviderName } from "@/lib/clouds/gcp/ids";
import { parseProviderResource } from "@/lib/clouds/gcp/match/resource-names";
import { providerResourceName } from "@/lib/clouds/gcp/principals";
import { ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";

function draftFrom(config: Record<string, unknown> | undefined): GcpProviderDraft {
  const audiences = Array.isArray(config?.allowedAudiences) ? config.allowedAudiences : [];
  const mapping = (config?.attributeMapping ?? { "google.subject": "assertion.sub" }) as Record<
    string,
    string
  >;
  return {
    projectNumber: setting(config, "projectNumber"),
    poolId: setting(config, "poolId"),
    providerId: setting(config, "providerId"),
    displayName: setting(config, "displayName"),
    issuerUri: setting(config, "issuerUri"),
    allowedAudiences: audiences.join("\n"),
    attributeMapping: sortedMapping(mapping).map(([key, value]) => ({ key, value })),
    attributeCondition: setting(config, "attributeCondition"),
    disabled: config?.disabled === true,
    poolDisabled: config?.poolDisabled === true,
    serviceAccountEmail: setting(config, "serviceAccountEmail"),
  };
}

function lines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

function mappingOf(rows: MappingRow[]): Record<string, string> {
  return Object.fromEntries(
    rows.filter((row) => row.key.trim()).map((row) => [row.key.trim(), row.value]),
  );
}

function configFrom(draft: GcpProviderDraft): Record<string, unknown> {
  return {
    projectNumber: draft.projectNumber.trim(),
    poolId: draft.poolId.trim(),
    providerId: draft.providerId.trim(),
    ...(draft.displayName.trim() ? { displayName: draft.displayName.trim() } : {}),
    issuerUri: draft.issuerUri.trim(),
    allowedAudiences: lines(draft.allowedAudiences),
    attributeMapping: mappingOf(draft.attributeMapping),
    attributeCondition: draft.attributeCondition.trim() || null,
    disabled: draft.disabled,
    poolDisabled: draft.poolDisabled,
    serviceAccountEmail: draft.serviceAccountEmail.trim() || null,
  };
}

function providerRef(draft: GcpProviderDraft) {
  return {
    projectNumber: draft.projectNumber.trim() || "PROJECT_NUMBER",
    poolId: draft.poolId.trim() || "POOL_ID",
    providerId: draft.providerId.trim() || "PROVIDER_ID",
  };
}

/** What Google checks on save, run on the settings as typed (the server runs the same). */
function findings(draft: GcpProviderDraft) {
  const mapping = mappingOf(draft.attributeMapping);
  const seen = new Set<string>();
  const duplicates: Finding[] = [];
  for (const row of draft.attributeMapping) {
    const key = row.key.trim();
    if (key && seen.has(key))
      duplicates.push({ path: `attributeMapping.${key}`, message: "is mapped twice" });
    seen.add(key);
  }
  return mergeFindings(
    { errors: duplicates, warnings: [] },
    attributeMappingFindings(mapping),
    attributeConditionFindings(draft.attributeCondition.trim() || null, draft.issuerUri, mapping),
    allowedAudiencesFindings(lines(draft.allowedAudiences), providerRef(draft)),
  );
}

const ids = [
  ["projectNumber", "Project number", "Digits only: the project NUMBER, not the project ID."],
  ["poolId", "Pool ID", "4–32 lower-case letters, digits or '-'."],
  ["providerId", "Provider ID", "4–32 lower-case letters, digits or '-'."],
] as const;

export function GcpProviderFields({
  draft,
  onChange,
  error,
  warnings,
  issuers,
}: ConfigFieldsProps<GcpProviderDraft>) {
  const issuerKind = issuerKindFor(draft.issuerUri, issuers);
  return (
    <>
      <div className="grid items-start gap-4 sm:grid-cols-3">
        {ids.map(([key, label, help]) => (
          <Field key={key} id={`config-${key}`} label={label} error={error(key)} help={help}>
            <CodeInput
              value={draft[key]}
              onChange={(event) =>
                // A pasted provider name (as gcloud prints it, or the full
                // //iam.googleapis.com/… form) fills all three fields.
                onChange(
                  parseProviderResource(fullProviderName(event.target.value.trim())) ?? {
                    [key]: event.target.value,
                  },
                )
              }
              inputMode={key === "projectNumber" ? "numeric" : undefined}
              required
            />
          </Field>
        ))}
      </div>
      <p className="text-xs">
        <span className="text-muted-foreground">Provider: </span>
        <output aria-label="Provider resource name" className="font-mono break-all">
          {providerResourceName(providerRef(draft))}
        </output>
      </p>
      <Field
        id="config-displayName"
        label="Display name (optional)"
        error={error("displayName")}
        help="At most 32 characters."
      >
        <Input
          value={draft.displayName}
          onChange={(event) => onChange({ displayName: event.target.value })}
          autoComplete="off"
        />
      </Field>
      <GcpIssuerFields
        draft={draft}
        onChange={onChange}
        error={error}
        issuers={issuers}
        canonical={providerRef(draft)}
      />
      <GcpAttributeMappingEditor
        rows={draft.attributeMapping}
        onChange={(attributeMapping) => onChange({ attributeMapping })}
        error={error}
        issuerKind={issuerKind}
      />
      <GcpConditionField
        value={draft.attributeCondition}
        onChange={(attributeCondition) => onChange({ attributeCondition })}
        error={error("attributeCondition")}
        issuerKind={issuerKind}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={draft.disabled}
          onChange={(event) => onChange({ disabled: event.target.checked })}
        />
        Provider is disabled (STS refuses its tokens)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={draft.poolDisabled}
          onChange={(event) => onChange({ poolDisabled: event.target.checked })}
        />
        Pool is disabled (STS refuses tokens for every provider in it)
      </label>
      <Field
        id="config-serviceAccountEmail"
        label="Default service account email (optional)"
        error={error("serviceAccountEmail")}
        help="The service account bindings impersonate unless they name another."
      >
        <CodeInput
          type="email"
          value={draft.serviceAccountEmail}
          onChange={(event) => onChange({ serviceAccountEmail: event.target.value })}
          placeholder="deployer@my-project.iam.gserviceaccount.com"
        />
      </Field>
      <FindingsList findings={warnings} title="What Google will do with these settings" />
    </>
  );
}

export const gcpProviderConfig: ConfigModule<GcpProviderDraft> = {
  schema: ZGcpProviderConfig,
  draftFrom,
  configFrom,
  findings,
  Fields: GcpProviderFields,
};
