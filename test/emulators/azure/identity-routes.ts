import type { IncomingMessage, ServerResponse } from "node:http";
import { armError, sendArmError, sendJson } from "./arm-errors";
import { checkApiVersion, FIC_VERSIONS } from "./fic-rules";
import type { MsiContext } from "./msi-routes";
import type { StoredIdentity } from "./msi-store";

// UserAssignedIdentities_ListBySubscription / _ListByResourceGroup / _Get.
// https://learn.microsoft.com/en-us/rest/api/managedidentity/user-assigned-identities
// https://github.com/Azure/azure-rest-api-specs/blob/main/specification/msi/resource-manager/Microsoft.ManagedIdentity/ManagedIdentity/stable/2024-11-30/ManagedIdentity.json
const IDENTITY_PATH =
  /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities(?:\/([^/]+))?$/i;
const IDENTITY_TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities";
// Every FIC-capable version also serves identities; 2018-11-30 predates FICs.
const IDENTITY_VERSIONS: ReadonlySet<string> = new Set(["2018-11-30", ...FIC_VERSIONS]);

// The Identity resource: clientId, principalId and tenantId are read-only properties.
function toIdentity(identity: StoredIdentity) {
  return {
    id: identity.id,
    name: identity.name,
    type: IDENTITY_TYPE,
    location: identity.location,
    tags: {},
    properties: {
      tenantId: identity.tenantId,
      principalId: identity.principalId,
      clientId: identity.clientId,
    },
  };
}

/** Answers an identity read; returns false when the path is not one. */
export async function handleIdentities(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: MsiContext,
): Promise<boolean> {
  const match = IDENTITY_PATH.exec(decodeURIComponent(url.pathname));
  if (!match) return false;
  const [, subscriptionId = "", resourceGroup, name] = match;
  const apiVersion = url.searchParams.get("api-version") ?? "";
  const versionError = checkApiVersion(apiVersion, IDENTITY_TYPE, IDENTITY_VERSIONS);
  if (versionError) {
    sendArmError(res, versionError);
    return true;
  }
  if (await ctx.faults.apply(req, res)) return true;
  if (req.method !== "GET") {
    sendArmError(res, armError(405, "MethodNotAllowed", "The method is not allowed."));
    return true;
  }
  if (name !== undefined && resourceGroup !== undefined) {
    const identity = ctx.store
      .list(subscriptionId, resourceGroup)
      .find((i) => i.name.toLowerCase() === name.toLowerCase());
    // A GET of a resource that does not exist answers 404 ResourceNotFound.
    // https://learn.microsoft.com/en-us/azure/azure-resource-manager/troubleshooting/error-not-found
    if (!identity) {
      sendArmError(
        res,
        armError(
          404,
          "ResourceNotFound",
          `The Resource '${IDENTITY_TYPE}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
        ),
      );
    } else sendJson(res, 200, toIdentity(identity));
    return true;
  }
  const all = ctx.store.list(subscriptionId, resourceGroup);
  sendJson(res, 200, listPage(url, ctx, all.map(toIdentity)));
  return true;
}

// ARM list paging: a page of `value` and a `nextLink` that carries the api-version.
// https://learn.microsoft.com/en-us/rest/api/azure/#async-operations-throttling-and-paging
function listPage(url: URL, ctx: MsiContext, all: unknown[]) {
  const start = Number(url.searchParams.get("$skiptoken") ?? 0) || 0;
  const next = new URL(`${ctx.origin}${url.pathname}`);
  next.searchParams.set("api-version", url.searchParams.get("api-version") ?? "");
  next.searchParams.set("$skiptoken", String(start + ctx.pageSize));
  return {
    value: all.slice(start, start + ctx.pageSize),
    ...(start + ctx.pageSize < all.length ? { nextLink: next.href } : {}),
  };
}
