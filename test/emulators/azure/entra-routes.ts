import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./arm-errors";
import { issueFederatedToken, knowsTenant, type FederatedContext } from "./entra-assertion";
import { sendEntraError } from "./entra-errors";
import type { FaultInjector } from "./faults";

// The part of the Microsoft identity platform a confidential client (MSAL, under
// @azure/identity's ClientSecretCredential and ClientAssertionCredential) talks
// to: tenant metadata and the v2 token endpoint with the client-credentials
// grant and a client secret, or a federated client assertion (entra-assertion.ts).
// https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
const METADATA_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/;
const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const INSTANCE_PATH = /^\/common\/discovery\/instance$/;

export type EntraContext = FederatedContext & { origin: string; faults: FaultInjector };

// AADSTS90002 InvalidTenantName: the tenant is not found.
const unknownTenant = (res: ServerResponse, tenant: string, error: string) =>
  sendEntraError(
    res,
    400,
    error,
    90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );

/** Answers a metadata or token request; returns false when the path is not one. */
export async function handleEntra(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: EntraContext,
): Promise<boolean> {
  const path = url.pathname;
  if (INSTANCE_PATH.test(path)) {
    // Instance discovery (skipped by clients that set disableInstanceDiscovery).
    const host = new URL(ctx.origin).host;
    sendJson(res, 200, {
      tenant_discovery_endpoint: `${ctx.origin}/common/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
    return true;
  }
  const metadata = METADATA_PATH.exec(path);
  if (metadata) {
    const tenant = metadata[1] ?? "";
    if (!knowsTenant(ctx, tenant)) unknownTenant(res, tenant, "invalid_tenant");
    else sendJson(res, 200, openIdConfiguration(ctx.origin, tenant));
    return true;
  }
  const token = TOKEN_PATH.exec(path);
  if (!token || req.method !== "POST") return false;
  await issueToken(req, res, token[1] ?? "", ctx);
  return true;
}

// https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri
function openIdConfiguration(origin: string, tenant: string) {
  return {
    issuer: `${origin}/${tenant}/v2.0`,
    authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
    token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
    end_session_endpoint: `${origin}/${tenant}/oauth2/v2.0/logout`,
    jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
    tenant_region_scope: "EU",
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

async function issueToken(
  req: IncomingMessage,
  res: ServerResponse,
  tenant: string,
  ctx: EntraContext,
) {
  const form = await readForm(req);
  if (!knowsTenant(ctx, tenant)) return unknownTenant(res, tenant, "invalid_request");
  if (form.has("client_assertion") && form.get("grant_type") === "client_credentials") {
    // Injected faults (throttling, outages) reach federated requests only, so
    // the client-secret sign-in of the other tests is never hit by them.
    if (await ctx.faults.apply(req, res)) return;
    return issueFederatedToken(form, res, tenant, ctx);
  }
  const clientId = form.get("client_id") ?? "";
  const client = ctx.entra.client(tenant, clientId);
  if (form.get("grant_type") !== "client_credentials" || !client) {
    // AADSTS700016 UnauthorizedClient_DoesNotMatchRequest.
    return sendEntraError(
      res,
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }
  if (form.get("client_secret") !== client.secret) {
    // AADSTS7000215 InvalidClientSecret.
    return sendEntraError(
      res,
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    );
  }
  const scope = (form.get("scope") ?? "").split(" ").find((s) => s.endsWith("/.default")) ?? "";
  const accessToken = mintToken(tenant, client.clientId, client.principalObjectId, scope);
  ctx.entra.remember(accessToken);
  sendJson(res, 200, {
    token_type: "Bearer",
    expires_in: 3599,
    ext_expires_in: 3599,
    access_token: accessToken,
  });
}

// An app-only access token's claims: aud, iss, tid, oid (the service principal),
// appid (the client), idtyp "app". The signature is opaque filler: only this
// emulator accepts the token, by remembering it.
// https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference
function mintToken(tenant: string, clientId: string, oid: string, scope: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const claims = {
    aud: scope.replace(/\/\.default$/, ""),
    iss: `https://sts.windows.net/${tenant}/`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    appid: clientId,
    idtyp: "app",
    oid,
    sub: oid,
    tid: tenant,
    ver: "1.0",
  };
  const signature = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  return `${part({ typ: "JWT", alg: "RS256", kid: "emulator" })}.${part(claims)}.${signature}`;
}
