import { z } from "zod";
import { ZAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import { ZAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import { ZGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { jsonField, ZUuid } from "@/lib/schemas/common";
import { ZCloud, ZFindingList, ZTargetKind } from "@/lib/schemas/target";
import { ZPageQuery } from "@/lib/pagination";

// The spec is checked against the target's cloud in the use-case (the cloud
// is only known once the target is loaded); the union documents the shapes.
export const ZBindingSpec = z.discriminatedUnion("cloud", [
  ZAzureBindingSpec,
  ZAwsBindingSpec,
  ZGcpBindingSpec,
]);

export const ZBindingCreateInput = z
  .object({ workloadId: ZUuid, targetId: ZUuid, spec: jsonField(z.looseObject({ cloud: ZCloud })) })
  .strict()
  .meta({ description: "spec follows the target's cloud: see BindingSpec" });
export type TBindingCreateInput = z.infer<typeof ZBindingCreateInput>;

export const ZBindingUpdateInput = z
  .object({ spec: jsonField(z.looseObject({ cloud: ZCloud })) })
  .strict();
export type TBindingUpdateInput = z.infer<typeof ZBindingUpdateInput>;

/** Never checked (or no connection), matches, differs, deleted in the cloud, unreadable, failed. */
export const syncStates = ["pending", "in-sync", "drifted", "missing", "unknown", "error"] as const;
export const ZSyncState = z.enum(syncStates);
export type TSyncState = z.infer<typeof ZSyncState>;

export const ZBindingListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  cloud: ZCloud.optional(),
  workloadId: ZUuid.optional(),
  targetId: ZUuid.optional(),
  issuerId: ZUuid.optional(),
  syncState: ZSyncState.optional(),
}).strict();
export type TBindingListQuery = z.infer<typeof ZBindingListQuery>;

export const ZBinding = z.object({
  id: z.uuid(),
  cloud: ZCloud,
  name: z.string(),
  workload: z.object({ id: z.uuid(), name: z.string(), subject: z.string() }),
  target: z.object({ id: z.uuid(), name: z.string(), kind: ZTargetKind }),
  issuerUrl: z.string(),
  subject: z.string(),
  syncState: ZSyncState,
  spec: z.record(z.string(), z.unknown()),
  cloudObject: z.unknown().optional(),
  evaluateBinding: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("The binding as POST /api/v1/evaluate takes it: send it as `binding`, unchanged."),
  warnings: ZFindingList.optional(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TBinding = z.infer<typeof ZBinding>;
