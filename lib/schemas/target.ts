import { z } from "zod";
import { ZAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import { ZAzureAppConfig, ZAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import { ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import { clouds, targetKinds } from "@/lib/clouds/registry";
import { jsonField, ZUuid } from "@/lib/schemas/common";
import { ZPageQuery } from "@/lib/pagination";
import { riskRuleIds } from "@/lib/risk/rule-ids";

const ZName = z.string().trim().min(1, "is required").max(120, "must be at most 120 characters");

export const ZTargetKind = z.enum(targetKinds, {
  message: `must be one of: ${targetKinds.join(", ")}`,
});
export const ZCloud = z.enum(clouds, { message: "must be azure, aws or gcp" });

/**
 * The cloud connection Fedlens reaches the target through; null or blank (a
 * form's "none") keeps the target catalogue-only.
 */
const ZConnectionId = z.preprocess((value) => (value === "" ? null : value), ZUuid.nullable());

const variant = <K extends string, C extends z.ZodType>(kind: K, config: C) =>
  z
    .object({
      name: ZName,
      kind: z.literal(kind),
      config: jsonField(config),
      connectionId: ZConnectionId.optional(),
    })
    .strict();

export const ZTargetCreateInput = z.discriminatedUnion(
  "kind",
  [
    variant("azure-uami", ZAzureUamiConfig),
    variant("azure-app", ZAzureAppConfig),
    variant("aws-role", ZAwsRoleConfig),
    variant("gcp-provider", ZGcpProviderConfig),
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union" ? `must be one of: ${targetKinds.join(", ")}` : undefined,
  },
);
export type TTargetCreateInput = z.infer<typeof ZTargetCreateInput>;

/** The kind never changes; `config` is checked against the stored kind. */
export const ZTargetUpdateInput = z
  .object({
    name: ZName.optional(),
    config: jsonField(z.record(z.string(), z.unknown())).optional(),
    connectionId: ZConnectionId.optional(),
  })
  .strict();
export type TTargetUpdateInput = z.infer<typeof ZTargetUpdateInput>;

export const ZTargetListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  cloud: ZCloud.optional(),
  kind: ZTargetKind.optional(),
  /** The targets Fedlens reaches through this connection. */
  connectionId: ZUuid.optional(),
}).strict();
export type TTargetListQuery = z.infer<typeof ZTargetListQuery>;

const ZFindingList = z.array(
  z.object({ path: z.string(), message: z.string(), rule: z.enum(riskRuleIds).optional() }),
);

export const ZTarget = z.object({
  id: z.uuid(),
  name: z.string(),
  cloud: ZCloud,
  kind: ZTargetKind,
  config: z.record(z.string(), z.unknown()),
  externalId: z.string(),
  scope: z.string(),
  bindingCount: z.number().int(),
  connection: z.object({ id: z.uuid(), name: z.string(), sandbox: z.boolean() }).nullable(),
  warnings: ZFindingList,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TTarget = z.infer<typeof ZTarget>;
export { ZFindingList };
