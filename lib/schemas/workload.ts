import { z } from "zod";
import { ZSubjectSpec } from "@/lib/catalog/subjects/subject-spec";
import { jsonField, ZUuid } from "@/lib/schemas/common";
import { ZIssuerKind } from "@/lib/schemas/issuer";
import { ZPageQuery } from "@/lib/pagination";

const workloadFields = {
  name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  issuerId: ZUuid,
  // Kept as typed (trimmed) so that an update can clear them with "".
  team: z.string().trim().max(120, "must be at most 120 characters").optional(),
  description: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
  subjectSpec: jsonField(ZSubjectSpec),
};

export const ZWorkloadCreateInput = z.object(workloadFields).strict();
export type TWorkloadCreateInput = z.infer<typeof ZWorkloadCreateInput>;

export const ZWorkloadUpdateInput = z.object(workloadFields).partial().strict();
export type TWorkloadUpdateInput = z.infer<typeof ZWorkloadUpdateInput>;

export const ZWorkloadListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  issuerId: ZUuid.optional(),
  team: z.string().trim().max(120).optional(),
}).strict();
export type TWorkloadListQuery = z.infer<typeof ZWorkloadListQuery>;

export const ZWorkload = z.object({
  id: z.uuid(),
  name: z.string(),
  issuer: z.object({ id: z.uuid(), name: z.string(), issuerUrl: z.string(), kind: ZIssuerKind }),
  team: z.string(),
  description: z.string(),
  subjectSpec: z.record(z.string(), z.unknown()),
  subject: z.string(),
  bindingCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TWorkload = z.infer<typeof ZWorkload>;
