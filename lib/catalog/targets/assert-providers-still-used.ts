import "server-only";
import type { TAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import type { TargetKind } from "@/lib/clouds/types";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** An AWS role's bindings name providers; removing one they use would orphan their statements. */
export async function assertProvidersStillUsed(
  tx: Tx,
  targetId: string,
  kind: TargetKind,
  config: object,
): Promise<void> {
  if (kind !== "aws-role") return;
  const urls = new Set((config as TAwsRoleConfig).oidcProviders.map((provider) => provider.url));
  const bindings = await tx.binding.findMany({
    where: { targetId },
    select: { name: true, spec: true },
  });
  const orphan = bindings.find(
    (binding) => !urls.has((binding.spec as TAwsBindingSpec).providerUrl),
  );
  if (orphan) {
    throw new AppError("conflict", {
      message: `Binding "${orphan.name}" trusts ${(orphan.spec as TAwsBindingSpec).providerUrl}; keep that provider or change the binding first.`,
      invalidParams: [
        { name: "config.oidcProviders", reason: `still used by binding "${orphan.name}"` },
      ],
    });
  }
}
