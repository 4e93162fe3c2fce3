import { z } from "zod";
import { ZSyncState } from "@/lib/schemas/binding";

// What the API and pages show of drift: a target's last check (per binding
// state, field differences, why it could not be read, the cloud's objects
// Fedlens does not catalogue) and whether a check is waiting or running.

export const ZDriftError = z.object({
  kind: z.string(),
  code: z.string(),
  message: z.string(),
  cause: z.string(),
  fix: z.string(),
  status: z.number().int().optional(),
  object: z.string().optional(),
});
export type TDriftError = z.infer<typeof ZDriftError>;

export const ZFieldDifference = z.object({
  path: z.string(),
  cloud: z.unknown().optional().describe("Absent when the cloud's object lacks the field"),
  catalog: z.unknown().optional().describe("Absent when the catalogue's object lacks the field"),
});
export type TFieldDifference = z.infer<typeof ZFieldDifference>;

export const ZBindingDriftDetail = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("diff"), differences: z.array(ZFieldDifference) }),
  z.object({ kind: z.literal("missing"), reason: z.enum(["target-missing", "object-missing"]) }),
  z.object({ kind: z.literal("error"), error: ZDriftError }),
]);
export type TBindingDriftDetail = z.infer<typeof ZBindingDriftDetail>;

export const ZBindingDrift = z.object({
  id: z.uuid(),
  name: z.string(),
  syncState: ZSyncState,
  checkedAt: z.string().nullable(),
  detail: ZBindingDriftDetail.nullable(),
});
export type TBindingDrift = z.infer<typeof ZBindingDrift>;

export const ZUnmanagedObject = z.object({ key: z.string(), cloudObject: z.unknown() });

export const ZTargetDrift = z.object({
  targetId: z.uuid(),
  connectionId: z.uuid().nullable(),
  /** Where the cloud's unmanaged objects can be imported from. */
  importHref: z.string().nullable(),
  checkedAt: z.string().nullable(),
  read: z.enum(["found", "missing", "unreadable"]).nullable(),
  error: ZDriftError.nullable(),
  unmanaged: z.array(ZUnmanagedObject),
  foreign: z.array(ZUnmanagedObject.extend({ description: z.string() })),
  bindings: z.array(ZBindingDrift),
  /** A check is queued or running for this target. */
  checking: z.boolean(),
});
export type TTargetDrift = z.infer<typeof ZTargetDrift>;

/** The refresh takes no options today; an empty JSON object keeps room for some. */
export const ZDriftCheckRequest = z.object({}).strict();

export const ZDriftCheckQueued = z.object({
  jobId: z.string(),
  targetId: z.uuid(),
  status: z.literal("queued"),
  poll: z.string().describe("GET it until `checking` is false: the check's result"),
});
export type TDriftCheckQueued = z.infer<typeof ZDriftCheckQueued>;
