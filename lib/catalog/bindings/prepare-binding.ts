import "server-only";
import { loadBindingParties } from "@/lib/catalog/bindings/binding-context";
import type { Findings } from "@/lib/catalog/findings";
import { throwIfFindingErrors } from "@/lib/catalog/findings-error";
import { cloudCatalog } from "@/lib/clouds/registry";
import type { BindingContext, Cloud } from "@/lib/clouds/types";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { invalidParamsFrom } from "@/lib/http/invalid-params";

export type PreparedBinding = {
  cloud: Cloud;
  context: BindingContext;
  lookup: { name: string; issuerUrl: string; subject: string };
  warnings: Findings["warnings"];
};

/**
 * Parses a spec for the target's cloud, completes it and applies the cloud's
 * rules: errors (what the cloud would refuse) stop the write with a 422,
 * warnings travel with the result. The target row is locked so per-target
 * limits (20 FICs, one Sid) hold under concurrent writes.
 */
export async function prepareBinding(
  tx: Tx,
  input: {
    targetId: string;
    workloadId: string;
    spec: { cloud: string };
    exceptBindingId?: string;
    previous?: unknown;
  },
): Promise<PreparedBinding> {
  await tx.$executeRaw`SELECT 1 FROM cloud_target WHERE id = ${input.targetId}::uuid FOR UPDATE`;
  const parties = await loadBindingParties(tx, input);
  if (input.spec.cloud !== parties.cloud) {
    throw new AppError("validation_failed", {
      message: `The target is in ${parties.cloud}; the binding must be too.`,
      invalidParams: [{ name: "spec.cloud", reason: `must be "${parties.cloud}" for this target` }],
    });
  }
  const catalog = cloudCatalog(parties.cloud);
  const parsed = catalog.bindingSpecSchema.safeParse(input.spec);
  if (!parsed.success) {
    throw new AppError("validation_failed", {
      message: "The binding has invalid fields.",
      invalidParams: invalidParamsFrom(parsed.error).map((param) => ({
        ...param,
        name: `spec.${param.name}`,
      })),
    });
  }
  let context: BindingContext = { ...parties, spec: parsed.data, previous: input.previous };
  if (catalog.normalizeSpec) {
    const normalized = catalog.normalizeSpec(context);
    throwIfFindingErrors(normalized.findings, "The binding has invalid fields.");
    context = { ...context, spec: normalized.spec };
  }
  const findings = catalog.bindingFindings(context);
  throwIfFindingErrors(findings, `${catalog.label} would refuse this binding.`);
  return {
    cloud: parties.cloud,
    context,
    lookup: catalog.bindingLookup(context),
    warnings: findings.warnings,
  };
}
