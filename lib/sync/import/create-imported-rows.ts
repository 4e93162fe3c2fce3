import "server-only";
import type { MutationCaller } from "@/lib/catalog/audited-mutation";
import { createBinding } from "@/lib/catalog/bindings/create-binding";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import { createTarget } from "@/lib/catalog/targets/create-target";
import { createWorkload } from "@/lib/catalog/workloads/create-workload";
import type { Tx } from "@/lib/db/client";
import { ZBindingCreateInput } from "@/lib/schemas/binding";
import { ZTargetCreateInput } from "@/lib/schemas/target";
import { ZWorkloadCreateInput } from "@/lib/schemas/workload";
import type { TTargetProposal } from "@/lib/sync/import/import-schemas";
import type { Selection } from "@/lib/sync/import/select-proposals";

type Created = { issuers: number; workloads: number; targets: number; bindings: number };

/**
 * Creates issuers, workloads, targets and bindings in that order, each once,
 * through the create use-cases joined to the caller's transaction. Imported
 * targets are linked to the connection they were read through; imported
 * bindings are owned by Fedlens and in sync, as just read from the cloud.
 */
export async function createImportedRows(
  tx: Tx,
  caller: Omit<MutationCaller, "db">,
  { connectionId, selection }: { connectionId: string; selection: Selection },
): Promise<Created> {
  const joined = { ...caller, db: tx };
  const created: Created = { issuers: 0, workloads: 0, targets: 0, bindings: 0 };
  const issuerIds = new Map<string, string>();
  const workloadIds = new Map<string, string>();
  const targetIds = new Map<string, string>();

  const ensureTarget = async (target: TTargetProposal): Promise<string> => {
    if (target.catalogueTargetId) return target.catalogueTargetId;
    const known = targetIds.get(target.id);
    if (known) return known;
    const row = await createTarget({
      ...joined,
      input: ZTargetCreateInput.parse({
        name: target.name,
        kind: target.kind,
        config: target.config,
        connectionId,
      }),
    });
    targetIds.set(target.id, row.id);
    created.targets += 1;
    return row.id;
  };

  for (const target of selection.targets) await ensureTarget(target);
  const now = new Date();
  for (const { target, binding } of selection.bindings) {
    const { issuer, workload } = binding;
    if (!issuer || !workload) continue; // not selectable without both (selectProposals)
    let issuerId = issuer.id ?? issuerIds.get(issuer.issuerUrl);
    if (!issuerId) {
      const row = await createIssuer({
        ...joined,
        input: { name: issuer.name, issuerUrl: issuer.issuerUrl, kind: issuer.kind },
      });
      issuerId = row.id;
      issuerIds.set(issuer.issuerUrl, issuerId);
      created.issuers += 1;
    }
    const workloadKey = `${issuer.issuerUrl}\n${workload.subject}`;
    let workloadId = workload.id ?? workloadIds.get(workloadKey);
    if (!workloadId) {
      const row = await createWorkload({
        ...joined,
        input: ZWorkloadCreateInput.parse({
          name: workload.name,
          issuerId,
          subjectSpec: workload.subjectSpec,
        }),
      });
      workloadId = row.id;
      workloadIds.set(workloadKey, workloadId);
      created.workloads += 1;
    }
    const targetId = await ensureTarget(target);
    const row = await createBinding({
      ...joined,
      input: ZBindingCreateInput.parse({ workloadId, targetId, spec: binding.spec }),
    });
    await tx.binding.update({
      where: { id: row.id },
      data: { owned: true, syncState: "in_sync", syncCheckedAt: now },
    });
    created.bindings += 1;
  }
  return created;
}
