"use client";

import type { ConfigFieldsProps } from "@/components/targets/config-module";
import type { GcpProviderDraft } from "@/components/targets/gcp-provider-draft";
import { Field } from "@/components/ui/field";
import { CodeInput } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { IssuerOption } from "@/components/workloads/workload-form";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { providerAudiences, type ProviderRef } from "@/lib/clouds/gcp/principals";

const sharedIssuers: Record<string, IssuerKind> = {
  "token.actions.githubusercontent.com": "github-actions",
  "gitlab.com": "gitlab",
  "app.terraform.io": "terraform-cloud",
  "app.eu.terraform.io": "terraform-cloud",
};

/** The kind of issuer behind a URL: the catalogued one, a well-known SaaS issuer, or generic. */
export function issuerKindFor(issuerUri: string, issuers: IssuerOption[]): IssuerKind {
  const uri = issuerUri.trim();
  const catalogued = issuers.find((issuer) => issuer.issuerUrl === uri);
  if (catalogued) return catalogued.kind;
  try {
    return sharedIssuers[new URL(uri).hostname] ?? "generic";
  } catch {
    return "generic";
  }
}

export function GcpIssuerFields({
  draft,
  onChange,
  error,
  issuers,
  canonical,
}: Pick<ConfigFieldsProps<GcpProviderDraft>, "draft" | "onChange" | "error" | "issuers"> & {
  canonical: ProviderRef;
}) {
  const uri = draft.issuerUri.trim();
  const urls = [...new Set(issuers.map((issuer) => issuer.issuerUrl))];
  return (
    <>
      <div className="grid items-start gap-4 sm:grid-cols-[16rem_1fr]">
        <Field
          id="config-issuer-choice"
          label="Catalogued issuer"
          help="Fills the issuer URI; or type one."
        >
          <Select
            value={urls.includes(uri) ? uri : ""}
            onChange={(event) => {
              if (event.target.value) onChange({ issuerUri: event.target.value });
            }}
          >
            <option value="">Other (type the URI)</option>
            {issuers.map((issuer) => (
              <option key={issuer.id} value={issuer.issuerUrl}>
                {issuer.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id="config-issuerUri"
          label="Issuer URI"
          error={error("issuerUri")}
          help="Exactly the tokens' iss claim."
        >
          <CodeInput
            value={draft.issuerUri}
            onChange={(event) => onChange({ issuerUri: event.target.value })}
            placeholder="https://token.actions.githubusercontent.com"
            required
          />
        </Field>
      </div>
      <Field
        id="config-allowedAudiences"
        label="Allowed audiences"
        error={error("allowedAudiences")}
        help={
          draft.allowedAudiences.trim() ? (
            "One per line, at most 10."
          ) : (
            <>
              One per line, at most 10. Left empty, Google accepts the provider&apos;s own name:{" "}
              {providerAudiences(canonical).map((audience, index) => (
                <span key={audience}>
                  {index > 0 ? " or " : ""}
                  <code className="font-mono break-all">{audience}</code>
                </span>
              ))}
              .
            </>
          )
        }
      >
        <Textarea
          value={draft.allowedAudiences}
          onChange={(event) => onChange({ allowedAudiences: event.target.value })}
          spellCheck={false}
          className="min-h-16 font-mono"
        />
      </Field>
    </>
  );
}
