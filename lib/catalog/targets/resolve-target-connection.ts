import "server-only";
import { cloudLabels } from "@/lib/clouds/registry";
import type { Cloud } from "@/lib/clouds/types";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * The connection a target links to: it must exist and reach the target's
 * cloud. Undefined (not sent) keeps the current link; null removes it.
 */
export async function resolveTargetConnection(
  tx: Tx,
  cloud: Cloud,
  connectionId: string | null | undefined,
): Promise<{ connectionId?: string | null }> {
  if (connectionId === undefined) return {};
  if (connectionId === null) return { connectionId: null };
  const connection = await tx.cloudConnection.findUnique({
    where: { id: connectionId },
    select: { cloud: true },
  });
  const reason = !connection
    ? "is not a connection; pick one from the list or none"
    : connection.cloud !== cloud
      ? `is a connection to ${cloudLabels[connection.cloud]}; pick a connection to ${cloudLabels[cloud]}`
      : null;
  if (reason) {
    throw new AppError("validation_failed", {
      message: "The connection cannot be used for this target.",
      invalidParams: [{ name: "connectionId", reason }],
    });
  }
  return { connectionId };
}
