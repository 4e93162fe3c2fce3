import "server-only";
import { issuerKindFromDb } from "@/lib/catalog/issuers/issuer-dto";
import type { BindingContext, Cloud, TargetKind } from "@/lib/clouds/types";
import type { DbOrTx } from "@/lib/db/client";
import { fromDbEnum } from "@/lib/db/enum-names";
import type { $Enums } from "@/lib/db/generated/client";
import { lookAlikeIds } from "@/lib/diagnose/issuer-candidates";

/** A binding of the token's issuer (or a look-alike) with everything its cloud judges it by. */
export type LoadedBinding = {
  id: string;
  name: string;
  cloud: Cloud;
  issuerUrl: string;
  context: BindingContext;
};

/** How many bindings of one issuer a diagnosis evaluates; more would make the page unreadable anyway. */
export const maxEvaluatedBindings = 500;

type Row = {
  id: string;
  name: string;
  cloud: Cloud;
  spec: unknown;
  issuer_url: string;
  target_id: string;
  target_name: string;
  target_kind: $Enums.TargetKind;
  target_config: unknown;
  workload_id: string;
  workload_name: string;
  workload_subject: string;
  workload_subject_spec: unknown;
  workload_issuer_url: string;
  workload_issuer_kind: $Enums.IssuerKind;
  siblings: { id: string; name: string; spec: unknown }[];
};

/**
 * Every binding that trusts the token's issuer or a look-alike (two round
 * trips), with its target, workload, workload's issuer and the other
 * bindings on the same target (a cloud decides on the whole identity or
 * role). The lookup rides the issuer_url indexes, so its cost follows the
 * token's issuer, not the catalogue's size.
 */
export async function loadCatalogueBindings(
  db: DbOrTx,
  { iss, origin }: { iss: string; origin: string | null },
): Promise<LoadedBinding[]> {
  // The ids first, on their own: with the joins in the same statement the
  // planner may scan every binding before it filters (seen at 100k rows).
  const ids = await lookAlikeIds(db, "binding", { iss, origin, limit: maxEvaluatedBindings });
  return loadBindingsById(db, ids);
}

/** The bindings with these ids, loaded as a diagnosis evaluates them (try exchange loads one). */
export async function loadBindingsById(db: DbOrTx, ids: string[]): Promise<LoadedBinding[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<Row[]>`
    SELECT b.id::text AS id, b.name, b.cloud::text AS cloud, b.spec, b.issuer_url,
           t.id::text AS target_id, t.name AS target_name, t.kind::text AS target_kind, t.config AS target_config,
           w.id::text AS workload_id, w.name AS workload_name, w.subject AS workload_subject,
           w.subject_spec AS workload_subject_spec,
           i.issuer_url AS workload_issuer_url, i.kind::text AS workload_issuer_kind,
           COALESCE((
             SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'spec', s.spec) ORDER BY s.name)
             FROM binding s WHERE s.target_id = b.target_id AND s.id <> b.id
           ), '[]'::json) AS siblings
    FROM binding b
    JOIN cloud_target t ON t.id = b.target_id
    JOIN workload w ON w.id = b.workload_id
    JOIN issuer i ON i.id = w.issuer_id
    WHERE b.id = ANY(${ids}::uuid[])
    ORDER BY b.name, b.id`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    cloud: row.cloud,
    issuerUrl: row.issuer_url,
    context: {
      spec: row.spec,
      target: {
        id: row.target_id,
        name: row.target_name,
        kind: fromDbEnum<TargetKind>(row.target_kind),
        config: row.target_config,
      },
      workload: {
        id: row.workload_id,
        name: row.workload_name,
        subject: row.workload_subject,
        subjectSpec: row.workload_subject_spec,
      },
      issuer: {
        issuerUrl: row.workload_issuer_url,
        kind: issuerKindFromDb(row.workload_issuer_kind),
      },
      siblings: row.siblings,
    },
  }));
}
