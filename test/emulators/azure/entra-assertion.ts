import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import { decodeJwt, type JWTPayload } from "jose";
import { checkAssertion } from "../assertion-check";
import { sendJson } from "./arm-errors";
import { matchFic, refuseIssuer, type FicRefusal } from "./entra-assertion-match";
import { describeFailure, invalidAssertion, refuseLifetime } from "./entra-assertion-refusals";
import { ACCESS_TOKEN_SECONDS, mintFederatedAccessToken } from "./entra-assertion-token";
import { sendEntraError } from "./entra-errors";
import type { EntraStore } from "./entra-store";
import type { FicProperties } from "./fic-rules";
import type { GraphStore } from "./graph-store";
import type { MsiStore } from "./msi-store";

// The client-credentials grant with a federated credential: the workload's
// JWT as client_assertion, for the client id of a user-assigned managed
// identity (MSI store) or an app registration (Graph store).
// https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow#third-case-access-token-request-with-a-federated-credential
export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export type FederatedContext = {
  entra: EntraStore;
  store: MsiStore;
  graph: GraphStore;
  /** How the issuer's discovery and keys are read (default: fetch). */
  fetchJson?: (url: string) => Promise<unknown>;
};
type Owner = { principalId: string; fics: FicProperties[] };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

// Client ids are GUIDs, compared case-insensitively; an identity or app is
// found only in its own tenant (elsewhere Entra answers AADSTS700016).
function findOwner(ctx: FederatedContext, tenant: string, clientId: string): Owner | undefined {
  const identity = ctx.store
    .all()
    .find((i) => same(i.clientId, clientId) && same(i.tenantId, tenant));
  if (identity)
    return {
      principalId: identity.principalId,
      fics: [...identity.fics.values()].map((f) => f.properties),
    };
  const app = same(tenant, ctx.entra.appTenantId)
    ? ctx.graph.all().find((a) => same(a.appId, clientId))
    : undefined;
  const principalId = () => ctx.entra.servicePrincipalOf(tenant, clientId);
  if (app)
    return { principalId: principalId(), fics: [...app.fics.values()].map((f) => f.properties) };
  // An app known only by its client secret has no FICs.
  if (ctx.entra.client(tenant, clientId)) return { principalId: principalId(), fics: [] };
  return undefined;
}

/** Whether Entra knows `tenant`: a client secret, an identity or the Graph directory lives there. */
export function knowsTenant(ctx: FederatedContext, tenant: string): boolean {
  if (ctx.entra.hasTenant(tenant)) return true;
  if (ctx.store.all().some((i) => same(i.tenantId, tenant))) return true;
  return ctx.graph.all().length > 0 && same(tenant, ctx.entra.appTenantId);
}

function peek(assertion: string): { claims?: JWTPayload; alg: string } {
  try {
    const header = JSON.parse(Buffer.from(assertion.split(".")[0] ?? "", "base64url").toString());
    return { claims: decodeJwt(assertion), alg: String((header as { alg?: unknown }).alg ?? "") };
  } catch {
    return { alg: "" };
  }
}

/** Answers a token request that carries client_assertion. */
export async function issueFederatedToken(
  form: URLSearchParams,
  res: ServerResponse,
  tenant: string,
  ctx: FederatedContext,
) {
  const clientId = form.get("client_id") ?? "";
  const assertion = form.get("client_assertion") ?? "";
  const scope = (form.get("scope") ?? "").split(" ").find((s) => s.endsWith("/.default")) ?? "";
  const { claims, alg } = peek(assertion);
  const record = {
    tenant,
    clientId,
    scope,
    assertion: {
      sha256: createHash("sha256").update(assertion).digest("hex"),
      iss: claims?.iss,
      sub: claims?.sub,
      aud: claims?.aud,
    },
  };
  const refuse = (status: number, error: string, { code, text }: FicRefusal) => {
    ctx.entra.exchanges.push({ ...record, outcome: `AADSTS${code}` });
    sendEntraError(res, status, error, code, text);
  };
  if (form.get("client_assertion_type") !== JWT_BEARER)
    return refuse(400, "invalid_request", {
      code: 900144,
      text: "The request body must contain the following parameter: 'client_assertion_type'.",
    });
  const owner = findOwner(ctx, tenant, clientId);
  if (!owner)
    return refuse(400, "unauthorized_client", {
      code: 700016,
      text: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    });
  if (!claims) return refuse(401, "invalid_client", invalidAssertion.malformed);
  if (owner.fics.length === 0)
    return refuse(401, "invalid_client", {
      code: 70025,
      text: `The client '${clientId}' has no configured federated identity credentials.`,
    });
  // The issuer is matched before its keys are fetched: Entra reads the
  // discovery document only of issuers a FIC trusts.
  const untrusted = refuseIssuer(owner.fics, String(claims.iss ?? ""));
  if (untrusted) return refuse(401, "invalid_client", untrusted);
  // Entra supports RS256 only (CLOUDS.md §1.4).
  const checked = await checkAssertion(assertion, {
    algorithms: ["RS256"],
    fetchJson: ctx.fetchJson,
  });
  if (!checked.ok) {
    const refusal = describeFailure(checked.reason, checked.claims ?? claims, alg);
    return refuse(
      refusal.code === 90061 ? 400 : 401,
      refusal.code === 90061 ? "invalid_request" : "invalid_client",
      refusal,
    );
  }
  const tooLong = refuseLifetime(checked.claims);
  if (tooLong) return refuse(401, "invalid_client", tooLong);
  const matched = matchFic(owner.fics, checked.claims);
  if (!matched.ok) return refuse(401, "invalid_client", matched);
  if (!scope)
    return refuse(400, "invalid_request", {
      code: 90014,
      text: "The required field 'scope' is missing from the credential. Ensure that you have all the necessary parameters for the login request.",
    });
  const credential = mintFederatedAccessToken({
    tenant,
    clientId,
    principalId: owner.principalId,
    resource: scope.replace(/\/\.default$/, ""),
  });
  ctx.entra.remember(credential);
  ctx.entra.exchanges.push({ ...record, outcome: "issued", credential });
  sendJson(res, 200, {
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_SECONDS,
    ext_expires_in: ACCESS_TOKEN_SECONDS,
    access_token: credential,
  });
}
