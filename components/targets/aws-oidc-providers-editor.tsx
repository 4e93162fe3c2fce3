"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { CodeInput } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { oidcProviderArn } from "@/lib/clouds/aws/ids";

/** One IAM OIDC provider as typed: lists one per line or comma-separated. */
export type ProviderDraft = { url: string; clientIds: string; thumbprints: string };

const blank: ProviderDraft = { url: "", clientIds: "sts.amazonaws.com", thumbprints: "" };

/**
 * The account's IAM OIDC providers the role's trust policy may name
 * (CLOUDS.md 2.1: one per issuer URL, referenced by ARN).
 */
export function AwsOidcProvidersEditor({
  accountId,
  providers,
  onChange,
  error,
}: {
  accountId: string;
  providers: ProviderDraft[];
  onChange: (providers: ProviderDraft[]) => void;
  error: (path: string, touchedKey?: string, exact?: boolean) => string | undefined;
}) {
  const update = (index: number, patch: Partial<ProviderDraft>) =>
    onChange(
      providers.map((provider, at) => (at === index ? { ...provider, ...patch } : provider)),
    );
  const listError = error("oidcProviders", undefined, true);
  return (
    <fieldset className="grid gap-4">
      <legend className="mb-2 text-sm font-semibold">IAM OIDC providers</legend>
      {providers.map((provider, index) => {
        const n = index + 1;
        const path = `oidcProviders.${index}`;
        return (
          <div key={index} className="grid gap-3 rounded-md border p-4">
            <div className="flex items-center justify-between gap-3">
              <h3 className="text-sm font-medium">Provider {n}</h3>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove provider ${n}`}
                onClick={() => onChange(providers.filter((_, at) => at !== index))}
              >
                Remove
              </Button>
            </div>
            <Field
              id={`config-provider-${index}-url`}
              label={`Provider ${n} URL`}
              error={error(`${path}.url`)}
              help="The issuer URL as registered in IAM, https:// included."
            >
              <CodeInput
                value={provider.url}
                onChange={(event) => update(index, { url: event.target.value })}
                placeholder="https://token.actions.githubusercontent.com"
                required
              />
            </Field>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field
                id={`config-provider-${index}-clientIds`}
                label={`Provider ${n} client IDs`}
                error={error(`${path}.clientIds`)}
                help="Audiences STS accepts; one per line or comma-separated."
              >
                <Textarea
                  value={provider.clientIds}
                  onChange={(event) => update(index, { clientIds: event.target.value })}
                  spellCheck={false}
                  className="min-h-16 font-mono"
                />
              </Field>
              <Field
                id={`config-provider-${index}-thumbprints`}
                label={`Provider ${n} thumbprints`}
                error={error(`${path}.thumbprints`)}
                help="Optional: STS now verifies the certificate itself. Up to 5 SHA-1 hex values."
              >
                <Textarea
                  value={provider.thumbprints}
                  onChange={(event) => update(index, { thumbprints: event.target.value })}
                  spellCheck={false}
                  className="min-h-16 font-mono"
                />
              </Field>
            </div>
            <p className="text-xs">
              <span className="text-muted-foreground">Provider ARN: </span>
              <output aria-label={`Provider ${n} ARN`} className="font-mono break-all">
                {oidcProviderArn(accountId || "ACCOUNT_ID", provider.url.trim() || "https://…")}
              </output>
            </p>
          </div>
        );
      })}
      {listError ? <p className="text-sm text-destructive">{listError}</p> : null}
      <Button
        variant="outline"
        size="sm"
        className="w-fit"
        onClick={() => onChange([...providers, blank])}
      >
        Add provider
      </Button>
    </fieldset>
  );
}
