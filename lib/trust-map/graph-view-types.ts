import { z } from "zod";
import type { Cloud } from "@/lib/clouds/types";
import type { Severity } from "@/lib/risk/rules";
import type { TSyncState } from "@/lib/schemas/binding";

// The trust map as the page draws it and GET /api/v1/graph returns it:
// plain nodes and edges, no evaluator internals. One schema for both, so the
// OpenAPI document describes exactly what the page reads.

// Spelled here rather than read from the cloud registry and the binding
// schema, which would pull every cloud's catalogue into the map's bundle.
export const mapClouds = ["azure", "aws", "gcp"] as const satisfies readonly Cloud[];
export const mapSyncStates = [
  "pending",
  "in-sync",
  "drifted",
  "missing",
  "unknown",
  "error",
] as const satisfies readonly TSyncState[];
const ZSyncState = z.enum(mapSyncStates);
/** Most severe first, as the risk register ranks them. */
export const mapSeverities = [
  "critical",
  "high",
  "medium",
  "low",
] as const satisfies readonly Severity[];
const ZMapSeverity = z.enum(mapSeverities);

/** An entity's open (not accepted) findings in the risk register. */
export const ZMapFindings = z.object({
  count: z.number().int().positive(),
  worst: ZMapSeverity,
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      severity: ZMapSeverity,
      /** The finding on the risks page. */
      href: z.string(),
    }),
  ),
});
export type TMapFindings = z.infer<typeof ZMapFindings>;

export const graphNodeKinds = ["issuer", "workload", "target", "open"] as const;
export const graphEdgeKinds = ["issues", "effective", "broken", "undecided", "open"] as const;

export const ZGraphNode = z.object({
  type: z.literal("node"),
  id: z.string(),
  kind: z.enum(graphNodeKinds),
  label: z.string(),
  /** The issuer URL, the workload's subject, the target's kind, or what an open trust admits. */
  detail: z.string(),
  cloud: z.enum(mapClouds).nullable(),
  /** The console page of the entity, when it has one. */
  href: z.string().nullable(),
  /** Open findings: an issuer's own, a target's own and its bindings', a workload's bindings'; absent when none. */
  findings: ZMapFindings.optional(),
});

export const ZGraphEdge = z.object({
  type: z.literal("edge"),
  id: z.string(),
  source: z.string(),
  target: z.string(),
  kind: z.enum(graphEdgeKinds),
  cloud: z.enum(mapClouds).nullable(),
  bindingId: z.string().nullable(),
  bindingName: z.string().nullable(),
  /** The binding was made for this workload. */
  declared: z.boolean(),
  syncState: ZSyncState.nullable(),
  /** Why the edge is broken, undecided or broad, in the evaluator's words. */
  reason: z.string().nullable(),
  cloudErrorCode: z.string().nullable(),
  /** The binding's open findings; absent when it has none. */
  findings: ZMapFindings.optional(),
});

export const ZGraphElement = z.discriminatedUnion("type", [ZGraphNode, ZGraphEdge]);

export type TGraphNode = z.infer<typeof ZGraphNode>;
export type TGraphEdge = z.infer<typeof ZGraphEdge>;
export type TGraphElement = z.infer<typeof ZGraphElement>;
export type GraphView = { nodes: TGraphNode[]; edges: TGraphEdge[] };

/** A query parameter holding a list separated by commas (blanks around items and empty items dropped). */
const commaList = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength)
    .transform((value) =>
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    );

const ZIdList = commaList(4000).pipe(
  z.array(z.uuid({ message: "Use catalogue ids, separated by commas." })).max(100),
);

/** The kinds of trust a filter can keep (the map's edges between workloads and targets). */
export const trustKinds = ["effective", "broken", "undecided", "open"] as const;
export type TrustKind = (typeof trustKinds)[number];

const ZTrustKindList = commaList(200).pipe(
  z
    .array(
      z.enum(trustKinds, {
        message: "Use effective, broken, undecided or open, separated by commas.",
      }),
    )
    .min(1, "Name at least one kind of trust.")
    .max(trustKinds.length),
);

export const ZGraphFilters = z
  .object({
    cloud: z.enum(mapClouds).optional(),
    issuer: ZIdList.optional(),
    target: ZIdList.optional(),
    sync: ZSyncState.optional(),
    severity: ZMapSeverity.optional().meta({
      description:
        "Only trusts whose binding has an open finding at least this severe, and issuers and targets with such a finding of their own.",
    }),
    trust: ZTrustKindList.optional().meta({
      description:
        "Only trusts of these kinds, separated by commas: effective (accepts the workload), broken (declared but refused), undecided, open (admits identities beyond the catalogue).",
    }),
  })
  .strict();
export type TGraphFilters = z.infer<typeof ZGraphFilters>;

export const maxGraphPage = 1000;
export const ZGraphQuery = ZGraphFilters.extend({
  cursor: z.string().trim().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(maxGraphPage).default(500),
}).strict();
export type TGraphQuery = z.infer<typeof ZGraphQuery>;
