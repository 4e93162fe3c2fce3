import { z } from "zod";
import { issuerKinds } from "@/lib/catalog/issuer-kinds";
import { targetKinds, clouds } from "@/lib/clouds/registry";
import { ZPageQuery } from "@/lib/pagination";

// What an import stores (the adapter's reading, checked again when read back
// from the database) and what the review page and the API show of it.

const ZText = z.string().max(100_000);

export const ZCloudErrorDto = z.object({
  kind: z.string().max(32),
  code: z.string().max(256),
  message: ZText,
  cause: ZText,
  fix: ZText,
  status: z.number().int().optional(),
  object: ZText.optional(),
});

/** The adapter's DiscoverResult as stored in ImportRun.discovered. */
export const ZDiscovered = z.object({
  targets: z.array(
    z.object({
      kind: z.enum(targetKinds),
      config: z.unknown(),
      externalId: z.string().min(1).max(1024),
      displayName: z.string().max(1024),
      bindings: z.array(
        z.object({ key: z.string().max(2048), spec: z.unknown(), cloudObject: z.unknown() }),
      ),
      foreign: z
        .array(
          z.object({ key: z.string().max(2048), description: ZText, cloudObject: z.unknown() }),
        )
        .optional(),
    }),
  ),
  errors: z.array(z.object({ object: ZText, error: ZCloudErrorDto })),
});
export type TDiscovered = z.infer<typeof ZDiscovered>;

export const ZImportProgress = z.object({
  read: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().optional(),
  message: z.string(),
});

const ZFinding = z.object({ path: z.string(), message: z.string() });
export const ZImportFindings = z.object({ errors: z.array(ZFinding), warnings: z.array(ZFinding) });
export type TImportFindings = z.infer<typeof ZImportFindings>;

export const proposalStatuses = ["new", "catalogued", "conflicting"] as const;
export const ZProposalStatus = z.enum(proposalStatuses);
export type TProposalStatus = z.infer<typeof ZProposalStatus>;

/** A field whose catalogue value and cloud value differ (dotted path). */
const ZFieldDiff = z.object({ path: z.string(), catalogue: z.unknown(), cloud: z.unknown() });
export type TFieldDiff = z.infer<typeof ZFieldDiff>;

const ZIssuerPlan = z.object({
  status: z.enum(["new", "catalogued"]),
  id: z.uuid().nullable(),
  name: z.string(),
  issuerUrl: z.string(),
  kind: z.enum(issuerKinds),
  findings: ZImportFindings,
});
export type TIssuerPlan = z.infer<typeof ZIssuerPlan>;

const ZWorkloadPlan = z.object({
  status: z.enum(["new", "catalogued"]),
  id: z.uuid().nullable(),
  name: z.string(),
  subject: z.string(),
  subjectSpec: z.record(z.string(), z.unknown()).nullable(),
  /** Why this workload: it carries the subject, or the binding's pattern admits it. */
  reason: z.string(),
});
export type TWorkloadPlan = z.infer<typeof ZWorkloadPlan>;

export const ZBindingProposal = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  status: ZProposalStatus,
  selectable: z.boolean(),
  /** The binding spec as read from the cloud. */
  spec: z.unknown(),
  issuer: ZIssuerPlan.nullable(),
  workload: ZWorkloadPlan.nullable(),
  cloudObject: z.unknown(),
  catalogueBindingId: z.uuid().nullable(),
  diff: z.array(ZFieldDiff),
  findings: ZImportFindings,
});
export type TBindingProposal = z.infer<typeof ZBindingProposal>;

export const ZTargetProposal = z.object({
  id: z.string(),
  status: ZProposalStatus,
  selectable: z.boolean(),
  cloud: z.enum(clouds),
  kind: z.enum(targetKinds),
  name: z.string(),
  displayName: z.string(),
  externalId: z.string(),
  /** The target's settings as read from the cloud. */
  config: z.unknown(),
  catalogueTargetId: z.uuid().nullable(),
  diff: z.array(ZFieldDiff),
  findings: ZImportFindings,
  bindings: z.array(ZBindingProposal),
  foreign: z.array(z.object({ key: z.string(), description: z.string() })),
});
export type TTargetProposal = z.infer<typeof ZTargetProposal>;

const ZCounts = z.object({ new: z.number(), catalogued: z.number(), conflicting: z.number() });
export const ZProposalSummary = z.object({
  targets: ZCounts,
  bindings: ZCounts,
  /** New rows the catalogue rules refuse (not selectable). */
  blocked: z.number(),
  foreign: z.number(),
  readErrors: z.number(),
});
export type TProposalSummary = z.infer<typeof ZProposalSummary>;

export const importStatuses = ["queued", "reading", "ready", "failed", "imported"] as const;

export const ZImportRun = z.object({
  id: z.uuid(),
  connectionId: z.uuid(),
  status: z.enum(importStatuses),
  progress: ZImportProgress.nullable(),
  error: ZCloudErrorDto.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TImportRun = z.infer<typeof ZImportRun>;

export const ZImportView = z.object({
  run: ZImportRun,
  /** Present once the run has read the cloud (ready or imported). */
  summary: ZProposalSummary.nullable(),
  readErrors: z.array(z.object({ object: z.string(), error: ZCloudErrorDto })),
  data: z.array(ZTargetProposal),
  meta: z.object({ nextCursor: z.string().nullable() }),
});
export type TImportView = z.infer<typeof ZImportView>;

export const ZImportViewQuery = ZPageQuery.strict();
export type TImportViewQuery = z.infer<typeof ZImportViewQuery>;

/** Starting an import takes no options today; the body is an empty object. */
export const ZImportStartInput = z.object({}).strict();

export const ZImportCommitInput = z
  .object({
    select: z
      .array(z.string().regex(/^[tb]-[0-9a-f]{24}$/, "must be a proposal id from this import"))
      .min(1, "select at least one proposal")
      .max(10_000, "at most 10000 proposals at once"),
  })
  .strict();
export type TImportCommitInput = z.infer<typeof ZImportCommitInput>;

export const ZImportCommitResult = z.object({
  run: ZImportRun,
  created: z.object({
    issuers: z.number(),
    workloads: z.number(),
    targets: z.number(),
    bindings: z.number(),
  }),
  /** Selected rows already in the catalogue: nothing to do. */
  unchanged: z.number(),
});
export type TImportCommitResult = z.infer<typeof ZImportCommitResult>;

export const ZImportRunParams = z.object({ runId: z.uuid({ message: "must be a UUID" }) }).strict();
