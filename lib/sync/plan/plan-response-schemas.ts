import { z } from "zod";
import { ZPlanScope } from "@/lib/sync/plan/plan-scope";

// The plan's answers as the OpenAPI document describes them (the route
// returns TSyncPlan; cloud objects are JSON in each cloud's own shape).

const ZFinding = z.object({ path: z.string(), message: z.string() });

export const ZSyncPlanCreated = z.object({
  id: z.string().uuid(),
  hash: z.string().describe("SHA-256 of the desired and actual state the plan was computed from"),
});

const ZPlanOperation = z.object({
  id: z.string().uuid(),
  targetId: z.string().uuid(),
  bindingId: z.string().uuid().nullable(),
  position: z.number().int(),
  key: z.string(),
  name: z.string(),
  op: z.enum(["create", "update", "delete", "no-op"]),
  status: z.enum(["pending", "applying", "applied", "unchanged", "failed", "skipped", "refused"]),
  reason: z.string().nullable().describe("Why it is refused or skipped, in plain words"),
  before: z.unknown().describe("The cloud object now (null for a create)"),
  after: z.unknown().describe("The cloud object after the change (null for a delete)"),
  differences: z
    .array(z.object({ path: z.string(), cloud: z.unknown(), catalog: z.unknown() }))
    .nullable(),
  call: z.string().nullable().describe("The cloud call apply would make"),
  findings: z.object({ errors: z.array(ZFinding), warnings: z.array(ZFinding) }),
  error: z.unknown(),
  attempts: z.number().int(),
  updatedAt: z.string(),
});

export const ZSyncPlan = z.object({
  id: z.string().uuid(),
  scope: ZPlanScope,
  status: z.enum(["draft", "approved", "applying", "applied", "failed", "stale"]),
  hash: z.string(),
  summary: z.record(z.string(), z.number().int()),
  targets: z.array(
    z.object({
      id: z.string().uuid(),
      name: z.string(),
      cloud: z.enum(["azure", "aws", "gcp"]),
      read: z.enum(["found", "missing", "unreadable", "no-connection"]),
      reason: z.string().nullable(),
      error: z.unknown(),
      leftAlone: z.array(
        z.object({ key: z.string(), description: z.string(), cloudObject: z.unknown() }),
      ),
    }),
  ),
  createdAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: z.record(z.string(), z.number().int()),
  operations: z.object({
    data: z.array(ZPlanOperation),
    meta: z.object({ nextCursor: z.string().nullable() }),
  }),
});
