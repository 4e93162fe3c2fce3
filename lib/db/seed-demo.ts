import "server-only";
import { randomUUID } from "node:crypto";
import { systemActor } from "@/lib/auth/actor";
import { createBinding } from "@/lib/catalog/bindings/create-binding";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import { createTarget } from "@/lib/catalog/targets/create-target";
import { createWorkload } from "@/lib/catalog/workloads/create-workload";
import { getDb } from "@/lib/db/client";
import { demoBindings } from "@/lib/db/demo/demo-bindings";
import { demoIssuers } from "@/lib/db/demo/demo-issuers";
import { demoTargets } from "@/lib/db/demo/demo-targets";
import { demoWorkloads } from "@/lib/db/demo/demo-workloads";

export { demoIssuers };

export type SeedCounts = { issuers: number; workloads: number; targets: number; bindings: number };

/**
 * Adds what is missing of the demo estate, by name, through the same
 * use-cases (and checks, and audit events) as the console.
 */
export async function seedDemo(): Promise<SeedCounts> {
  const db = getDb();
  const actor = systemActor("seed");
  const request = () => ({ actor, requestId: randomUUID() });
  const counts: SeedCounts = { issuers: 0, workloads: 0, targets: 0, bindings: 0 };

  const issuerUrls = new Set(
    (await db.issuer.findMany({ select: { issuerUrl: true, name: true } })).flatMap((row) => [
      row.issuerUrl,
      row.name,
    ]),
  );
  for (const input of demoIssuers.filter(
    (issuer) => !issuerUrls.has(issuer.issuerUrl) && !issuerUrls.has(issuer.name),
  )) {
    await createIssuer({ ...request(), input });
    counts.issuers += 1;
  }
  const issuers = new Map(
    (await db.issuer.findMany({ select: { id: true, name: true } })).map((row) => [
      row.name,
      row.id,
    ]),
  );
  const workloads = new Map(
    (await db.workload.findMany({ select: { id: true, name: true } })).map((row) => [
      row.name,
      row.id,
    ]),
  );
  for (const { issuerName, ...input } of demoWorkloads) {
    const issuerId = issuers.get(issuerName);
    if (workloads.has(input.name) || !issuerId) continue;
    workloads.set(
      input.name,
      (await createWorkload({ ...request(), input: { ...input, issuerId } })).id,
    );
    counts.workloads += 1;
  }
  const targets = new Map(
    (await db.cloudTarget.findMany({ select: { id: true, name: true } })).map((row) => [
      row.name,
      row.id,
    ]),
  );
  for (const input of demoTargets.filter((target) => !targets.has(target.name))) {
    targets.set(input.name, (await createTarget({ ...request(), input })).id);
    counts.targets += 1;
  }
  const existing = new Set(
    (await db.binding.findMany({ select: { targetId: true, name: true } })).map(
      (row) => `${row.targetId}/${row.name}`,
    ),
  );
  for (const binding of demoBindings) {
    const workloadId = workloads.get(binding.workload);
    const targetId = targets.get(binding.target);
    const name = String(binding.spec.name ?? binding.spec.sid);
    if (!workloadId || !targetId || existing.has(`${targetId}/${name}`)) continue;
    await createBinding({
      ...request(),
      input: { workloadId, targetId, spec: binding.spec as { cloud: "azure" | "aws" | "gcp" } },
    });
    counts.bindings += 1;
  }
  return counts;
}
