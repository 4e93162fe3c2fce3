import { getContinuationToken } from "@azure/arm-msi";
import type { TAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import { ZAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import { uamiResourceId } from "@/lib/clouds/azure/ids";
import { getJson } from "./clients";
import { absentIfGone, unexpectedResponse } from "./explain";
import type { ReadContext } from "./read-context";
import {
  ZArmFic,
  ZArmIdentity,
  ZArmPreviewFic,
  type FicFields,
  type TArmIdentity,
} from "./responses";

// User-assigned identities and their FICs through @azure/arm-msi (api 2024-11-30).
// https://learn.microsoft.com/en-us/rest/api/managedidentity/user-assigned-identities
// https://learn.microsoft.com/en-us/rest/api/managedidentity/federated-identity-credentials

// The stable model has no claimsMatchingExpression; the flexible preview has.
// CLOUDS.md 1.1 (preview/2025-01-31-preview/ManagedIdentity.json).
export const flexibleApiVersion = "2025-01-31-preview";
// At most 20 FICs per identity (CLOUDS.md 1.5): one page holds them all.
const ficsPerPage = 20;

/** Pages of an SDK list, each page fetched (and retried) on its own from its continuation token. */
async function collectPages<T>(
  ctx: ReadContext,
  pages: (continuationToken?: string) => AsyncIterableIterator<T[]>,
  onPage?: (page: T[]) => void,
): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call(async () => (await pages(token).next()).value as T[] | undefined);
    if (!page) break;
    all.push(...page);
    onPage?.(page);
    token = getContinuationToken(page);
  } while (token);
  return all;
}

function parseIdentity(value: unknown): TArmIdentity {
  const parsed = ZArmIdentity.safeParse(value);
  if (!parsed.success) throw unexpectedResponse("user-assigned identity", parsed.error.message);
  return parsed.data;
}

/** Identities of a subscription, or of one resource group; `onPage` sees each page as it lands. */
export function listIdentities(
  ctx: ReadContext,
  subscriptionId: string,
  resourceGroup: string | undefined,
  onPage: (identities: unknown[]) => void,
): Promise<unknown[]> {
  const operations = ctx.clients.arm(subscriptionId).userAssignedIdentities;
  const options = { abortSignal: ctx.signal };
  return collectPages(
    ctx,
    (continuationToken) =>
      (resourceGroup === undefined
        ? operations.listBySubscription(options)
        : operations.listByResourceGroup(resourceGroup, options)
      ).byPage({ continuationToken }),
    onPage,
  );
}

const identityIdPattern =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/([^/]+)$/i;

/** The catalogue's config of an identity ARM returned (its ids checked before any URL uses them). */
export function uamiConfigOf(value: unknown): TAzureUamiConfig {
  const identity = parseIdentity(value);
  const [, subscriptionId, resourceGroup, identityName] = identityIdPattern.exec(identity.id) ?? [];
  const config = ZAzureUamiConfig.safeParse({
    tenantId: identity.tenantId,
    subscriptionId,
    resourceGroup,
    identityName,
    clientId: identity.clientId,
    principalId: identity.principalId,
  });
  if (!config.success) throw unexpectedResponse(identity.id, config.error.message);
  return config.data;
}

export async function getIdentity(
  ctx: ReadContext,
  target: Pick<TAzureUamiConfig, "subscriptionId" | "resourceGroup" | "identityName">,
): Promise<TAzureUamiConfig> {
  const { subscriptionId, resourceGroup, identityName } = target;
  const identity = await ctx.call(() =>
    ctx.clients
      .arm(subscriptionId)
      .userAssignedIdentities.get(resourceGroup, identityName, { abortSignal: ctx.signal }),
  );
  return uamiConfigOf(identity);
}

/**
 * An identity's FICs: the stable list, then a preview GET of each credential
 * the stable version cannot show (no subject: a flexible one). Why not one
 * preview list per identity, which would save those few GETs: the stable
 * version is the supported contract and stays when a preview is retired, so
 * plain credentials (nearly all of them) never depend on the preview, and a
 * retired preview fails only the identities that hold a flexible one
 * (reported per object, the rest is read). The
 * preview GET goes through the same client's pipeline: same credential, TLS
 * and retry rule.
 */
export async function listIdentityFics(
  ctx: ReadContext,
  config: TAzureUamiConfig,
): Promise<(FicFields & { id: string })[]> {
  const { subscriptionId, resourceGroup, identityName } = config;
  const client = ctx.clients.arm(subscriptionId);
  const listed = await collectPages(ctx, (continuationToken) =>
    client.federatedIdentityCredentials
      .list(resourceGroup, identityName, { top: ficsPerPage, abortSignal: ctx.signal })
      .byPage({ continuationToken }),
  );
  // One request at a time within the identity's slot, so discovery's bound on
  // requests in flight holds; flexible credentials are few.
  const fics: ((FicFields & { id: string }) | null)[] = [];
  for (const value of listed) {
    const fic = ZArmFic.safeParse(value);
    if (!fic.success) throw unexpectedResponse(uamiResourceId(config), fic.error.message);
    fics.push(
      fic.data.subject ? fic.data : await absentIfGone(readFlexibleFic(ctx, config, fic.data.name)),
    );
  }
  return fics.filter((fic) => fic !== null);
}

/** A credential's ARM id (names already checked by the catalogue's schemas). */
export function ficResourceId(config: TAzureUamiConfig, name: string): string {
  return `${uamiResourceId(config)}/federatedIdentityCredentials/${encodeURIComponent(name)}`;
}

/** A credential read on the flexible preview version, in the stable model's flattened terms. */
export function parsePreviewFic(body: unknown, object: string): FicFields & { id: string } {
  const fic = ZArmPreviewFic.safeParse(body);
  if (!fic.success) throw unexpectedResponse(object, fic.error.message);
  return { id: fic.data.id, name: fic.data.name, ...fic.data.properties };
}

async function readFlexibleFic(ctx: ReadContext, config: TAzureUamiConfig, name: string) {
  const id = ficResourceId(config, name);
  const client = ctx.clients.arm(config.subscriptionId);
  const url = `${ctx.clients.armEndpoint}${id}?api-version=${flexibleApiVersion}`;
  const body = await ctx.call(() => getJson(client, url, ctx.signal));
  return parsePreviewFic(body, id);
}

/**
 * One credential by name (the write side's re-read), the same way the list
 * reads it: stable first, the preview only for a flexible one; null when the
 * identity holds none by that name.
 */
export async function getIdentityFic(
  ctx: ReadContext,
  config: TAzureUamiConfig,
  name: string,
): Promise<(FicFields & { id: string }) | null> {
  const { subscriptionId, resourceGroup, identityName } = config;
  const found = await absentIfGone(
    ctx.call(() =>
      ctx.clients
        .arm(subscriptionId)
        .federatedIdentityCredentials.get(resourceGroup, identityName, name, {
          abortSignal: ctx.signal,
        }),
    ),
  );
  if (!found) return null;
  const fic = ZArmFic.safeParse(found);
  if (!fic.success) throw unexpectedResponse(ficResourceId(config, name), fic.error.message);
  return fic.data.subject ? fic.data : absentIfGone(readFlexibleFic(ctx, config, fic.data.name));
}
