import { decodeJwt } from "jose";
import type { ConnectionOf, ConnectionTestResult } from "@/lib/clouds/adapter-types";
import { listIdentityFics, uamiConfigOf } from "./arm-read";
import { explainAzureError } from "./explain";
import { listApplicationFics } from "./graph-read";
import type { ReadContext } from "./read-context";

type Who = { principal: string; line: string };

// Who Fedlens is: the ARM access token's oid (its service principal), appid
// and tid, decoded for display only (never verified, never kept).
// https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference
async function whoAmI(ctx: ReadContext): Promise<Who> {
  const token = await ctx.call(() =>
    ctx.clients.credential.getToken(ctx.clients.armScope, { abortSignal: ctx.signal }),
  );
  let claims: Record<string, unknown> = {};
  try {
    claims = token ? decodeJwt(token.token) : {};
  } catch {
    // Not a JWT (some sovereign or test issuers): nothing to display.
  }
  const text = (name: string) => (typeof claims[name] === "string" ? (claims[name] as string) : "");
  const oid = text("oid");
  const appId = text("appid") || text("azp");
  const parts = [
    oid && `object id ${oid}`,
    appId && `application id ${appId}`,
    text("tid") && `tenant ${text("tid")}`,
  ].filter(Boolean);
  return {
    principal: oid || appId || "an identity Azure did not name",
    line: parts.length ? `Signed in to Entra as ${parts.join(", ")}.` : "Signed in to Entra.",
  };
}

/** A harmless read: the first identity in scope and its FICs, and the first named app's FICs. */
async function harmlessReads(connection: ConnectionOf<"azure">, ctx: ReadContext) {
  const { subscriptionIds, resourceGroups, applicationObjectIds } = connection.scope;
  const details: string[] = [];
  const subscriptionId = subscriptionIds[0]!;
  const operations = ctx.clients.arm(subscriptionId).userAssignedIdentities;
  const options = { abortSignal: ctx.signal };
  const resourceGroup = resourceGroups[0];
  const first = await ctx.call(async () => {
    const pages = (
      resourceGroup === undefined
        ? operations.listBySubscription(options)
        : operations.listByResourceGroup(resourceGroup, options)
    ).byPage();
    return (await pages.next()).value as unknown[] | undefined;
  });
  const where = resourceGroup
    ? `resource group ${resourceGroup}`
    : `subscription ${subscriptionId}`;
  const identity = first?.[0];
  if (identity === undefined) {
    details.push(`Listed user-assigned identities in ${where}: none found.`);
  } else {
    const config = uamiConfigOf(identity);
    const fics = await listIdentityFics(ctx, config);
    details.push(
      `Read identity ${config.identityName} in ${where}: ${fics.length} federated credential(s).`,
    );
  }
  const app = applicationObjectIds[0];
  if (app !== undefined) {
    const fics = await listApplicationFics(ctx, app);
    details.push(`Read app registration ${app}: ${fics.length} federated credential(s).`);
  }
  return details;
}

export async function testAzureConnection(
  connection: ConnectionOf<"azure">,
  ctx: ReadContext,
): Promise<ConnectionTestResult> {
  try {
    const who = await whoAmI(ctx);
    const details = [who.line, ...(await harmlessReads(connection, ctx))];
    return { ok: true, principal: who.principal, details };
  } catch (error) {
    return { ok: false, error: explainAzureError(error) };
  }
}
