import "server-only";
import type { BindingContext, Cloud, TargetKind } from "@/lib/clouds/types";
import { cloudCatalog } from "@/lib/clouds/registry";
import { issuerKindFromDb } from "@/lib/catalog/issuers/issuer-dto";
import type { DbOrTx } from "@/lib/db/client";
import { fromDbEnum } from "@/lib/db/enum-names";
import { sameOriginUrls } from "@/lib/diagnose/issuer-candidates";
import { evaluateStoredBinding } from "@/lib/federation/evaluate-binding";
import type { Evaluation, TokenFacts } from "@/lib/federation/types";

export type BindingResult = {
  bindingId: string;
  bindingName: string;
  cloud: Cloud;
  /** "exact": the binding trusts the token's iss; "near": it trusts a look-alike. */
  issuerMatch: "exact" | "near";
  issuerUrl: string;
  workload: { id: string; name: string };
  target: { id: string; name: string; kind: TargetKind };
  evaluation: Evaluation;
};

const bindingSelect = {
  id: true,
  name: true,
  cloud: true,
  spec: true,
  issuerUrl: true,
  targetId: true,
  target: { select: { id: true, name: true, kind: true, config: true } },
  workload: {
    select: {
      id: true,
      name: true,
      subject: true,
      subjectSpec: true,
      issuer: { select: { issuerUrl: true, kind: true } },
    },
  },
} as const;

/** How many bindings of one issuer a diagnosis evaluates; more would make the page unreadable anyway. */
export const maxEvaluatedBindings = 500;

/**
 * Evaluates every binding that trusts the token's issuer, or a look-alike of
 * it on the same host, with each cloud's rules. Bindings of other issuers are
 * not loaded: the lookup is by the indexed issuer column, so the cost follows
 * the token's issuer, not the catalogue's size.
 */
export async function evaluateCatalogue(
  db: DbOrTx,
  { iss, origin, token, at }: { iss: string; origin: string | null; token: TokenFacts; at: Date },
): Promise<BindingResult[]> {
  const rows = await db.binding.findMany({
    where: {
      OR: [
        { issuerUrl: iss },
        ...(origin ? sameOriginUrls(origin).map((issuerUrl) => ({ issuerUrl })) : []),
      ],
    },
    select: bindingSelect,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: maxEvaluatedBindings,
  });
  if (rows.length === 0) return [];
  // A cloud decides on the whole identity or role: every sibling on the same target counts.
  const targetIds = [...new Set(rows.map((row) => row.targetId))];
  const siblings = await db.binding.findMany({
    where: { targetId: { in: targetIds } },
    select: { id: true, name: true, spec: true, targetId: true },
    orderBy: { name: "asc" },
  });
  return rows.map((row) => {
    const context: BindingContext = {
      spec: row.spec,
      target: {
        id: row.target.id,
        name: row.target.name,
        kind: fromDbEnum<TargetKind>(row.target.kind),
        config: row.target.config,
      },
      workload: {
        id: row.workload.id,
        name: row.workload.name,
        subject: row.workload.subject,
        subjectSpec: row.workload.subjectSpec,
      },
      issuer: {
        issuerUrl: row.workload.issuer.issuerUrl,
        kind: issuerKindFromDb(row.workload.issuer.kind),
      },
      siblings: siblings.filter(
        (sibling) => sibling.targetId === row.targetId && sibling.id !== row.id,
      ),
    };
    const binding = cloudCatalog(row.cloud).evaluatorBinding(context);
    return {
      bindingId: row.id,
      bindingName: row.name,
      cloud: row.cloud,
      issuerMatch: row.issuerUrl === iss ? "exact" : "near",
      issuerUrl: row.issuerUrl,
      workload: { id: row.workload.id, name: row.workload.name },
      target: { id: row.target.id, name: row.target.name, kind: context.target.kind },
      evaluation: evaluateStoredBinding(row.cloud, binding, { token, at }),
    };
  });
}
