import { z } from "zod";
import type { Findings } from "@/lib/catalog/findings";
import { mergeFindings } from "@/lib/catalog/findings";
import {
  allowedAudiencesFindings,
  attributeConditionFindings,
  attributeMappingFindings,
} from "@/lib/clouds/gcp/attribute-mapping";
import {
  ZGcpProjectNumber,
  ZPoolId,
  ZProviderId,
  ZServiceAccountEmail,
} from "@/lib/clouds/gcp/ids";
import { providerResourceName } from "@/lib/clouds/gcp/principals";

// A workload identity pool provider (CLOUDS.md 3.1-3.4): the OIDC settings
// live here because every binding under the provider shares them.

export const ZGcpProviderConfig = z
  .object({
    projectNumber: ZGcpProjectNumber,
    poolId: ZPoolId,
    providerId: ZProviderId,
    // CLOUDS.md 3.1: displayName <= 32 characters.
    displayName: z.string().trim().max(32, "must be at most 32 characters").optional(),
    issuerUri: z.url({ protocol: /^https$/, message: "must be an https URL" }).max(600),
    allowedAudiences: z.array(z.string()).default([]),
    attributeMapping: z.record(z.string(), z.string()),
    attributeCondition: z
      .string()
      .trim()
      .nullable()
      .default(null)
      .transform((value) => value || null),
    disabled: z.boolean().default(false),
    // CLOUDS.md 3.1: disabling the pool stops every provider in it. Optional,
    // absent meaning enabled, so that rows and API bodies from before the
    // field stay valid.
    poolDisabled: z.boolean().optional(),
    serviceAccountEmail: ZServiceAccountEmail.nullable().default(null),
  })
  .strict();
export type TGcpProviderConfig = z.infer<typeof ZGcpProviderConfig>;

/** Rules Google applies when the provider is saved (errors) and risks (warnings). */
export function gcpProviderFindings(config: TGcpProviderConfig): Findings {
  return mergeFindings(
    attributeMappingFindings(config.attributeMapping),
    attributeConditionFindings(
      config.attributeCondition,
      config.issuerUri,
      config.attributeMapping,
    ),
    allowedAudiencesFindings(config.allowedAudiences, config),
  );
}

export function gcpProviderIdentity(config: TGcpProviderConfig) {
  return { externalId: providerResourceName(config), scope: config.projectNumber };
}
