import { defaultAzureAudience } from "@/lib/clouds/azure/fic-limits";
import { providerAudiences } from "@/lib/clouds/gcp/principals";
import type { TGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import type { Cloud } from "@/lib/clouds/types";

// The `aud` a sample token carries for one binding: what that binding's
// cloud expects from a workload token, so the token is right everywhere but
// where the binding itself is wrong.

type BindingFacts = { cloud: Cloud; spec: unknown; targetConfig: unknown };

const firstString = (value: unknown): string | undefined =>
  Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined;

export function sampleTokenAudience({ cloud, spec, targetConfig }: BindingFacts): string {
  const fields = (spec ?? {}) as { audiences?: unknown; builder?: { audiences?: unknown } };
  switch (cloud) {
    // The FIC's audience, api://AzureADTokenExchange unless the binding says otherwise.
    // https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-create-trust
    case "azure":
      return firstString(fields.audiences) ?? defaultAzureAudience;
    // A client id of the IAM OIDC provider that the statement names as :aud.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
    case "aws":
      return firstString(fields.builder?.audiences) ?? "sts.amazonaws.com";
    // One of the provider's allowed audiences, else its own https: name.
    // https://cloud.google.com/iam/docs/workload-identity-federation-with-other-providers#prepare
    case "gcp": {
      const config = targetConfig as TGcpProviderConfig;
      return config.allowedAudiences[0] ?? providerAudiences(config)[1];
    }
  }
}
