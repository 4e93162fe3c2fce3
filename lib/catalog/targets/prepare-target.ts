import "server-only";
import { assertNameFree } from "@/lib/catalog/assert-name-free";
import { prefixFindings } from "@/lib/catalog/findings";
import { throwIfFindingErrors } from "@/lib/catalog/findings-error";
import { targetKindInfo } from "@/lib/clouds/registry";
import type { TargetKind } from "@/lib/clouds/types";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { invalidParamsFrom } from "@/lib/http/invalid-params";

/**
 * Validates a target's config for its kind (schema, then the cloud's own
 * rules) and derives the columns the catalogue keys it by.
 */
export async function prepareTarget(
  tx: Tx,
  {
    kind,
    name,
    config,
    exceptId,
  }: { kind: TargetKind; name?: string; config: unknown; exceptId?: string },
) {
  const info = targetKindInfo(kind);
  const parsed = info.configSchema.safeParse(config);
  if (!parsed.success) {
    throw new AppError("validation_failed", {
      message: "The target's settings are invalid.",
      invalidParams: invalidParamsFrom(parsed.error).map((param) => ({
        ...param,
        name: `config.${param.name}`,
      })),
    });
  }
  throwIfFindingErrors(
    prefixFindings("config", info.findings(parsed.data)),
    "The cloud would refuse these settings.",
  );
  await assertNameFree(
    (candidate) => tx.cloudTarget.findUnique({ where: { name: candidate }, select: { id: true } }),
    name,
    exceptId,
  );
  const { externalId, scope } = info.identity(parsed.data);
  const clash = await tx.cloudTarget.findUnique({
    where: { externalId },
    select: { id: true, name: true },
  });
  if (clash && clash.id !== exceptId) {
    throw new AppError("conflict", {
      message: `This ${info.label} is already catalogued as "${clash.name}".`,
      invalidParams: [{ name: "config", reason: `same ${info.label} as "${clash.name}"` }],
    });
  }
  return { cloud: info.cloud, config: parsed.data as object, externalId, scope };
}
