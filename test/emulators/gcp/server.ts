import { once } from "node:events";
import { createServer } from "node:https";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createEmulatorTls } from "@/test/emulators/azure/tls";
import { routeResourceManager } from "./crm-routes";
import { GcpFaults } from "./faults";
import { GENERATE_ACCESS_TOKEN, handleGenerateAccessToken } from "./iamcredentials-routes";
import { GoogleErrorThrown, googleError, sendGoogleError, sendJson } from "./google-errors";
import type { RouteContext, Router } from "./route";
import { routeServiceAccounts } from "./sa-routes";
import { GcpState, type EmulatedProject } from "./state";
import { handleSts } from "./sts-routes";
import { handleToken } from "./token-route";
import { routeWorkloadIdentity } from "./wif-routes";

// One HTTPS origin on loopback serving IAM v1, Resource Manager v3, the
// OAuth 2.0 token endpoint, STS v1 and IAM Credentials v1, as the clients'
// rootUrl and token URL overrides point them at it. The certificate comes from a CA made at start.

export type RecordedRequest = {
  method: string;
  path: string;
  query: string;
  /** The service account the bearer token was issued to, or "static". */
  principal?: string;
};
export type GcpEmulator = {
  /** e.g. https://127.0.0.1:40123/ (the clients' rootUrl) */
  rootUrl: string;
  tokenUrl: string;
  /** PEM of the CA that signed the server certificate. */
  ca: string;
  /** A bearer token accepted without the token endpoint (for raw requests). */
  token: string;
  state: GcpState;
  faults: GcpFaults;
  requests: RecordedRequest[];
  close(): Promise<void>;
};
export type GcpEmulatorOptions = {
  projects?: EmulatedProject[];
  maxPageSize?: number;
  /** How STS reads an issuer's discovery and keys (default: fetch). */
  fetchJson?: (url: string) => Promise<unknown>;
};

const routers: Router[] = [routeWorkloadIdentity, routeServiceAccounts, routeResourceManager];

// Google APIs refuse a call without a valid OAuth 2.0 access token with 401 UNAUTHENTICATED.
// https://cloud.google.com/docs/authentication/rest
function bearerPrincipal(req: IncomingMessage, state: GcpState, staticToken: string) {
  const header = req.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7) : "";
  if (token && token === staticToken) return "static";
  return state.tokens.get(token);
}

const unauthenticated = googleError(
  401,
  "UNAUTHENTICATED",
  "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
);

export async function startGcpEmulator(options: GcpEmulatorOptions = {}): Promise<GcpEmulator> {
  const tls = await createEmulatorTls();
  const state = new GcpState();
  for (const project of options.projects ?? []) state.addProject(project);
  const faults = new GcpFaults();
  const requests: RecordedRequest[] = [];
  const token = `emulator-${crypto.randomUUID()}`;
  let ctx: RouteContext = { state, maxPageSize: options.maxPageSize ?? 1000, tokenUrl: "" };

  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const url = new URL(req.url ?? "/", ctx.tokenUrl);
    let path = url.pathname;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      sendGoogleError(res, googleError(400, "INVALID_ARGUMENT", "Invalid request path."));
      return;
    }
    const method = req.method ?? "GET";
    const recorded: RecordedRequest = { method, path, query: url.search };
    requests.push(recorded);
    const answer = async () => {
      if (path === "/token" && method === "POST") {
        const target = { permission: "", resource: "", service: "oauth2.googleapis.com" };
        if (!(await faults.apply(req, res, path, target))) {
          await handleToken(req, res, state, ctx.tokenUrl);
        }
        return;
      }
      // STS takes no bearer token and IAM Credentials a federated one: both before the bearer check.
      const impersonation = method === "POST" ? GENERATE_ACCESS_TOKEN.exec(path) : null;
      if ((path === "/v1/token" && method === "POST") || impersonation) {
        const service = impersonation ? "iamcredentials.googleapis.com" : "sts.googleapis.com";
        if (await faults.apply(req, res, path, { permission: "", resource: "", service })) return;
        if (impersonation) await handleGenerateAccessToken(req, res, state, impersonation);
        else await handleSts(req, res, state, options.fetchJson);
        return;
      }
      const principal = bearerPrincipal(req, state, token);
      if (!principal) {
        sendGoogleError(res, {
          ...unauthenticated,
          headers: { "www-authenticate": 'Bearer realm="https://accounts.google.com/"' },
        });
        return;
      }
      recorded.principal = principal;
      const route = routers.map((router) => router(method, path, ctx)).find(Boolean);
      if (!route) {
        sendGoogleError(res, googleError(404, "NOT_FOUND", `No method for ${method} ${path}.`));
        return;
      }
      if (await faults.apply(req, res, path, route)) return;
      const result = await route.run(req, url);
      sendJson(res, result.status, result.body);
    };
    answer().catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof GoogleErrorThrown) sendGoogleError(res, error.error);
      else sendGoogleError(res, googleError(500, "INTERNAL", String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ctx = { ...ctx, tokenUrl: `${origin}/token` };
  return {
    rootUrl: `${origin}/`,
    tokenUrl: ctx.tokenUrl,
    ca: tls.ca,
    token,
    state,
    faults,
    requests,
    close: async () => {
      const closed = once(server, "close");
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
