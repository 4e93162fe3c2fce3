import type { CatalogTargetRef, ConnectionOf, TargetRead } from "@/lib/clouds/adapter-types";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import {
  ZAzureAppConfig,
  ZAzureUamiConfig,
  type TAzureUamiConfig,
} from "@/lib/clouds/azure/target-config";
import { getIdentity, listIdentityFics } from "./arm-read";
import { textsByCode } from "./error-texts";
import { explainAzureError } from "./explain";
import { getApplication, listApplicationFics } from "./graph-read";
import type { ReadContext } from "./read-context";
import { toActualTarget } from "./to-actual";

export function outsideTenant(object: string): CloudCallError {
  return new CloudCallError({
    kind: "invalid",
    code: "FedlensOutsideTenant",
    message: "The target's tenant differs from the connection's.",
    object,
    ...textsByCode.FedlensOutsideTenant!,
  });
}

/**
 * Both reads settle before the answer (no retry left running behind it). When
 * both fail, a failure other than not-found wins: "missing" needs every read
 * to agree the object is gone.
 */
async function both<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === "fulfilled" && second.status === "fulfilled") {
    return [first.value, second.value];
  }
  const reasons = [first, second].flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
  throw reasons.find((reason) => explainAzureError(reason).kind !== "not-found") ?? reasons[0];
}

const armNameFields = ["subscriptionId", "resourceGroup", "identityName"] as const;

/**
 * ARM names compare case-insensitively, so an identity ARM spells
 * "rg-fedlens" is the catalogue's "RG-Fedlens": keep the catalogue's spelling,
 * or every credential's id would show as drifted.
 * https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules
 */
function inCatalogueSpelling(read: TAzureUamiConfig, catalogued: TAzureUamiConfig) {
  const same = armNameFields.every((f) => read[f].toLowerCase() === catalogued[f].toLowerCase());
  if (!same) return read;
  const { subscriptionId, resourceGroup, identityName } = catalogued;
  return { ...read, subscriptionId, resourceGroup, identityName };
}

async function read(connection: ConnectionOf<"azure">, ctx: ReadContext, target: CatalogTargetRef) {
  if (target.kind === "azure-uami") {
    const catalogued = ZAzureUamiConfig.parse(target.config);
    if (catalogued.tenantId !== connection.scope.tenantId) throw outsideTenant(target.externalId);
    // The identity itself too, not only its FICs: one re-created under the same
    // name has a new client and principal id, which the catalogue must notice.
    const [fromArm, fics] = await both(
      getIdentity(ctx, catalogued),
      listIdentityFics(ctx, catalogued),
    );
    const config = inCatalogueSpelling(fromArm, catalogued);
    return toActualTarget({ kind: "azure-uami", config }, config.identityName, fics);
  }
  const catalogued = ZAzureAppConfig.parse(target.config);
  if (catalogued.tenantId !== connection.scope.tenantId) throw outsideTenant(target.externalId);
  const [config, fics] = await both(
    getApplication(ctx, catalogued.tenantId, catalogued.applicationObjectId),
    listApplicationFics(ctx, catalogued.applicationObjectId),
  );
  return toActualTarget(
    { kind: "azure-app", config },
    config.displayName ?? config.applicationObjectId,
    fics.map(({ id: _id, ...fields }) => fields),
  );
}

/**
 * One target as Azure holds it. Missing only on the cloud's own 404 for the
 * identity or app (ResourceNotFound, NotFound, Request_ResourceNotFound);
 * 401, 403, throttling that outlasted the retries, 5xx and network failures
 * are unreadable, never missing (SECURITY.md §4.1: a failed read is not a delete).
 */
export async function readAzureTarget(
  connection: ConnectionOf<"azure">,
  ctx: ReadContext,
  target: CatalogTargetRef,
): Promise<TargetRead> {
  try {
    return { state: "found", target: await read(connection, ctx, target) };
  } catch (error) {
    const explained = explainAzureError(error);
    if (explained.kind === "not-found") return { state: "missing" };
    return { state: "unreadable", error: { object: target.externalId, ...explained } };
  }
}
