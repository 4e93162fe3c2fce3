import { ZAzureAppConfig, type TAzureAppConfig } from "@/lib/clouds/azure/target-config";
import { getJson } from "./clients";
import { absentIfGone, unexpectedResponse } from "./explain";
import type { ReadContext } from "./read-context";
import { ZGraphApplication, ZGraphFic, ZGraphFicPage, type TGraphFic } from "./responses";

// App registrations and their FICs through Microsoft Graph, on the Azure SDK's
// core pipeline with the connection's credential (bearer scoped to Graph).
// https://learn.microsoft.com/en-us/graph/api/application-get
// https://learn.microsoft.com/en-us/graph/api/application-list-federatedidentitycredentials

export function graphUrl(ctx: ReadContext, path: string): string {
  return `${ctx.clients.graphEndpoint}${path}`;
}

/** The app registration's config; ids come from the scope or the catalogue, already checked as GUIDs. */
export async function getApplication(
  ctx: ReadContext,
  tenantId: string,
  objectId: string,
): Promise<TAzureAppConfig> {
  const url = graphUrl(ctx, `/v1.0/applications/${objectId}?$select=id,appId,displayName`);
  const body = await ctx.call(() => getJson(ctx.clients.graph, url, ctx.signal));
  const app = ZGraphApplication.safeParse(body);
  const config = ZAzureAppConfig.safeParse({
    tenantId,
    applicationObjectId: app.data?.id,
    clientId: app.data?.appId,
    ...(app.data?.displayName ? { displayName: app.data.displayName.slice(0, 256) } : {}),
  });
  if (!config.success) throw unexpectedResponse(`application ${objectId}`, config.error.message);
  return config.data;
}

/**
 * An application's FICs: the v1.0 list, then a beta GET of each credential
 * v1.0 cannot show (no subject: a flexible one), for the same reason as the
 * managed identities (arm-read.ts): v1.0 is the supported contract, beta is
 * needed only for claimsMatchingExpression.
 */
export async function listApplicationFics(
  ctx: ReadContext,
  objectId: string,
): Promise<TGraphFic[]> {
  const all: TGraphFic[] = [];
  let url: string | undefined = graphUrl(
    ctx,
    `/v1.0/applications/${objectId}/federatedIdentityCredentials`,
  );
  while (url) {
    const pageUrl: string = url;
    const body = await ctx.call(() => getJson(ctx.clients.graph, pageUrl, ctx.signal));
    const page = ZGraphFicPage.safeParse(body);
    if (!page.success) throw unexpectedResponse(`application ${objectId}`, page.error.message);
    all.push(...page.data.value);
    // A next link on another host is refused by the client (clients.ts).
    url = page.data["@odata.nextLink"];
  }
  // One request at a time (see arm-read.ts): flexible credentials are few.
  const fics: (TGraphFic | null)[] = [];
  for (const fic of all) {
    fics.push(fic.subject ? fic : await absentIfGone(readFlexibleFic(ctx, objectId, fic.id)));
  }
  return fics.filter((fic) => fic !== null);
}

async function readFlexibleFic(ctx: ReadContext, objectId: string, ficId: string) {
  const path = `/beta/applications/${objectId}/federatedIdentityCredentials/${encodeURIComponent(ficId)}`;
  const body = await ctx.call(() => getJson(ctx.clients.graph, graphUrl(ctx, path), ctx.signal));
  const fic = ZGraphFic.safeParse(body);
  if (!fic.success) throw unexpectedResponse(path, fic.error.message);
  return fic.data;
}

/**
 * One credential by name (the write side's re-read; Graph addresses a
 * credential by id or name), beta only for a flexible one; null when absent.
 * https://learn.microsoft.com/en-us/graph/api/federatedidentitycredential-get
 */
export async function getApplicationFic(
  ctx: ReadContext,
  objectId: string,
  name: string,
): Promise<TGraphFic | null> {
  const path = `/v1.0/applications/${objectId}/federatedIdentityCredentials/${encodeURIComponent(name)}`;
  const body = await absentIfGone(
    ctx.call(() => getJson(ctx.clients.graph, graphUrl(ctx, path), ctx.signal)),
  );
  if (body === null) return null;
  const fic = ZGraphFic.safeParse(body);
  if (!fic.success) throw unexpectedResponse(path, fic.error.message);
  return fic.data.subject ? fic.data : absentIfGone(readFlexibleFic(ctx, objectId, fic.data.id));
}
