import { z } from "zod";
import { ZPageQuery } from "@/lib/pagination";
import { riskRuleIds } from "@/lib/risk/rule-ids";
import { severities } from "@/lib/risk/rules";
import { ZUuid } from "@/lib/schemas/common";
import { ZCloud } from "@/lib/schemas/target";

// The risk register's API shapes (issue 15 item 5).

/** A finding id: hex of a hash of rule, entity and field, stable across reads. */
export const ZFindingId = z.string().regex(/^[0-9a-f]{32}$/, "must be a finding id");
export const ZFindingIdParams = z.object({ id: ZFindingId }).strict();

export const ZSeverity = z.enum(severities);
export const ZRiskRuleId = z.enum(riskRuleIds);

const ZBooleanParam = z.enum(["true", "false"]).transform((value) => value === "true");

export const ZFindingListQuery = ZPageQuery.extend({
  cloud: ZCloud.optional(),
  severity: ZSeverity.optional(),
  rule: ZRiskRuleId.optional(),
  accepted: ZBooleanParam.optional(),
  bindingId: ZUuid.optional(),
}).strict();
export type TFindingListQuery = z.infer<typeof ZFindingListQuery>;

/** At most a year: an acceptance is a decision to look at again, not a mute button. */
export const maxAcceptanceDays = 366;

export const ZFindingAcceptInput = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, "say why the risk is accepted")
      .max(500, "must be at most 500 characters"),
    expiresAt: z.iso
      .datetime({ offset: true, message: "must be a date and time, e.g. 2027-03-31T00:00:00Z" })
      .refine((value) => new Date(value).getTime() > Date.now(), "must be in the future")
      .refine(
        (value) => new Date(value).getTime() <= Date.now() + maxAcceptanceDays * 86_400_000,
        `must be within ${maxAcceptanceDays} days`,
      ),
  })
  .strict();
export type TFindingAcceptInput = z.infer<typeof ZFindingAcceptInput>;

const ZSource = z.object({ title: z.string(), url: z.string() });

export const ZFindingAcceptance = z.object({
  reason: z.string(),
  expiresAt: z.string(),
  acceptedBy: z.string(),
  acceptedAt: z.string(),
  /** False once expiresAt has passed: the finding counts again. */
  active: z.boolean(),
});

export const ZRiskFinding = z.object({
  id: ZFindingId,
  rule: ZRiskRuleId,
  severity: ZSeverity,
  title: z.string(),
  cloud: ZCloud.nullable(),
  entity: z.object({
    type: z.enum(["binding", "target", "issuer"]),
    id: z.uuid(),
    name: z.string(),
    href: z.string(),
  }),
  /** The field the finding is about, as the form labels it. */
  field: z.string().nullable(),
  why: z.string(),
  source: ZSource,
  fix: z
    .object({
      summary: z.string(),
      /** The changed object as the cloud would hold it. */
      cloudObject: z.unknown(),
      /** The entity's edit form, pre-filled with the change. */
      editHref: z.string(),
    })
    .nullable(),
  acceptance: ZFindingAcceptance.nullable(),
});
export type TRiskFinding = z.infer<typeof ZRiskFinding>;

export const ZSeverityCounts = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
});

export const ZFindingList = z.object({
  data: z.array(ZRiskFinding),
  meta: z.object({
    nextCursor: z.string().nullable(),
    /** Open (not accepted) findings per severity, over the filtered set before paging. */
    counts: ZSeverityCounts,
    accepted: z.number().int(),
  }),
});

/** A binding's open findings, for the bindings list: how many and the worst severity. */
export type BindingRisk = { count: number; worst: z.infer<typeof ZSeverity> };
