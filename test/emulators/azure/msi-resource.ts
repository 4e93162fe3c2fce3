import { isFlexibleVersion } from "./fic-rules";
import type { MsiContext, Reply } from "./msi-routes";
import type { StoredFic } from "./msi-store";

const FIC_TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials";

// The FederatedIdentityCredential resource; claimsMatchingExpression only on the
// flexible previews (ManagedIdentity.json, stable/2024-11-30 vs preview/2025-05-31-preview).
export function toResource(identityPath: string, fic: StoredFic, apiVersion: string) {
  const { claimsMatchingExpression, ...rest } = fic.properties;
  const properties =
    isFlexibleVersion(apiVersion) && claimsMatchingExpression
      ? { ...rest, claimsMatchingExpression }
      : rest;
  return {
    id: `${identityPath}/federatedIdentityCredentials/${fic.name}`,
    name: fic.name,
    type: FIC_TYPE,
    properties,
  };
}

// `$top` and `$skiptoken` per the list operation; nextLink carries the api-version.
export function listPage(
  url: URL,
  ctx: MsiContext,
  all: StoredFic[],
  path: string,
  apiVersion: string,
): Reply {
  const top = Number(url.searchParams.get("$top") ?? ctx.pageSize) || ctx.pageSize;
  const start = Number(url.searchParams.get("$skiptoken") ?? 0) || 0;
  const page = all.slice(start, start + top);
  const next = new URL(`${ctx.origin}${path}/federatedIdentityCredentials`);
  next.searchParams.set("api-version", apiVersion);
  next.searchParams.set("$top", String(top));
  next.searchParams.set("$skiptoken", String(start + top));
  return {
    status: 200,
    body: {
      value: page.map((f) => toResource(path, f, apiVersion)),
      ...(start + top < all.length ? { nextLink: next.href } : {}),
    },
  };
}
