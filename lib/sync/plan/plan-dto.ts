import type { Findings } from "@/lib/catalog/findings";
import type { CloudError } from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";
import type { FieldDifference } from "@/lib/sync/drift/field-diff";
import type { PlanSummary } from "@/lib/sync/plan/plan-summary";
import type { LeftAlone, PlanOp } from "@/lib/sync/plan/plan-types";
import type { TPlanScope } from "@/lib/sync/plan/plan-scope";

// A stored plan as the API, the page and the CLI show it.

export type TPlanTarget = {
  id: string;
  name: string;
  cloud: Cloud;
  read: "found" | "missing" | "unreadable" | "no-connection";
  reason: string | null;
  error: CloudError | null;
  leftAlone: LeftAlone[];
};

export type TPlanOperation = {
  id: string;
  targetId: string;
  bindingId: string | null;
  position: number;
  key: string;
  name: string;
  op: PlanOp;
  status: "pending" | "applying" | "applied" | "unchanged" | "failed" | "skipped" | "refused";
  reason: string | null;
  before: unknown;
  after: unknown;
  differences: FieldDifference[] | null;
  call: string | null;
  findings: Findings;
  error: unknown;
  attempts: number;
  updatedAt: string;
};

export type TSyncPlan = {
  id: string;
  scope: TPlanScope;
  status: "draft" | "approved" | "applying" | "applied" | "failed" | "stale";
  hash: string;
  summary: PlanSummary;
  targets: TPlanTarget[];
  createdAt: string;
  /** Who approved the apply and when, and when it finished; null before. */
  approvedBy: string | null;
  approvedAt: string | null;
  finishedAt: string | null;
  /** Operations by status now (the apply's live progress). */
  progress: Record<TPlanOperation["status"], number>;
  operations: { data: TPlanOperation[]; meta: { nextCursor: string | null } };
};

export type TPlanTargetOption = { id: string; name: string; cloud: Cloud };
