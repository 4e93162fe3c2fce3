import "server-only";
import { issuerKindFromDb } from "@/lib/catalog/issuers/issuer-dto";
import { bySiblingOrder } from "@/lib/catalog/bindings/sibling-order";
import type { BindingContext, Cloud, TargetKind } from "@/lib/clouds/types";
import type { DbOrTx } from "@/lib/db/client";
import { fromDbEnum } from "@/lib/db/enum-names";
import { AppError } from "@/lib/errors";

export type LoadedParties = {
  cloud: Cloud;
  target: BindingContext["target"];
  workload: BindingContext["workload"];
  issuer: BindingContext["issuer"];
  siblings: BindingContext["siblings"];
};

/** The target, workload, issuer and sibling bindings a binding is judged against. */
export async function loadBindingParties(
  db: DbOrTx,
  {
    targetId,
    workloadId,
    exceptBindingId,
  }: { targetId: string; workloadId: string; exceptBindingId?: string },
): Promise<LoadedParties> {
  const [target, workload, siblings] = await Promise.all([
    db.cloudTarget.findUnique({
      where: { id: targetId },
      select: { id: true, name: true, cloud: true, kind: true, config: true },
    }),
    db.workload.findUnique({
      where: { id: workloadId },
      select: {
        id: true,
        name: true,
        subject: true,
        subjectSpec: true,
        issuer: { select: { issuerUrl: true, kind: true } },
      },
    }),
    db.binding.findMany({
      where: { targetId, id: exceptBindingId ? { not: exceptBindingId } : undefined },
      select: { id: true, name: true, spec: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const missing = [
    ...(target ? [] : [{ name: "targetId", reason: "no target with this id" }]),
    ...(workload ? [] : [{ name: "workloadId", reason: "no workload with this id" }]),
  ];
  if (!target || !workload) {
    throw new AppError("validation_failed", {
      message: "The binding refers to something that does not exist.",
      invalidParams: missing,
    });
  }
  return {
    cloud: target.cloud,
    target: {
      id: target.id,
      name: target.name,
      kind: fromDbEnum<TargetKind>(target.kind),
      config: target.config,
    },
    workload: {
      id: workload.id,
      name: workload.name,
      subject: workload.subject,
      subjectSpec: workload.subjectSpec,
    },
    issuer: { issuerUrl: workload.issuer.issuerUrl, kind: issuerKindFromDb(workload.issuer.kind) },
    siblings: siblings.sort(bySiblingOrder),
  };
}
