import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { armError, sendArmError } from "./arm-errors";
import { handleEntra } from "./entra-routes";
import { EntraStore } from "./entra-store";
import { FaultInjector } from "./faults";
import { handleGraph } from "./graph-routes";
import { GraphStore } from "./graph-store";
import { handleIdentities } from "./identity-routes";
import { handleMsi } from "./msi-routes";
import { MsiStore } from "./msi-store";
import { createEmulatorTls } from "./tls";
import { WriteGauge } from "./write-gauge";

export type RecordedRequest = { method: string; path: string; at: number };
export type AzureEmulator = {
  /** ARM endpoint, e.g. https://127.0.0.1:40123 */
  endpoint: string;
  /** PEM of the CA that signed the server certificate; pass it to clients' TLS options. */
  ca: string;
  /** A bearer token the emulator always accepts (besides those its token endpoint issued). */
  token: string;
  /** Tenants and client secrets of the Entra token endpoint, served on the same origin. */
  entra: EntraStore;
  store: MsiStore;
  /** Microsoft Graph applications, served under /v1.0 and /beta of the same origin. */
  graph: GraphStore;
  faults: FaultInjector;
  requests: RecordedRequest[];
  /** Requests being answered right now, and the most at once since the last reset. */
  inFlight: { now: number; max: number; reset(): void };
  /** Credential writes in flight per identity or app and overall. */
  writes: WriteGauge;
  close(): Promise<void>;
};

export type AzureEmulatorOptions = {
  token?: string;
  pageSize?: number;
  /** How Entra reads an assertion's issuer discovery and keys (default: fetch). */
  fetchJson?: (url: string) => Promise<unknown>;
};

// ARM rejects a request without a valid bearer token with 401 and a WWW-Authenticate challenge.
// https://learn.microsoft.com/en-us/rest/api/azure/#create-the-request (Authorization header)
function checkBearer(header: string | undefined, accepts: (token: string) => boolean) {
  if (!header)
    return armError(
      401,
      "AuthenticationFailed",
      "Authentication failed. The 'Authorization' header is missing.",
    );
  if (!header.startsWith("Bearer ") || !accepts(header.slice("Bearer ".length))) {
    return armError(401, "InvalidAuthenticationToken", "The access token is invalid.");
  }
  return undefined;
}

// Route matching decodes the path; a malformed %-escape is the client's error, not a 500.
function canDecode(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export async function startAzureEmulator(
  options: AzureEmulatorOptions = {},
): Promise<AzureEmulator> {
  const tls = await createEmulatorTls();
  const token = options.token ?? `emulator-${crypto.randomUUID()}`;
  const store = new MsiStore();
  const graph = new GraphStore();
  const faults = new FaultInjector();
  const entra = new EntraStore();
  const requests: RecordedRequest[] = [];
  const writes = new WriteGauge();
  const inFlight = {
    now: 0,
    max: 0,
    reset() {
      inFlight.max = inFlight.now;
    },
  };
  let origin = "";
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const url = new URL(req.url ?? "/", origin);
    if (!canDecode(url.pathname)) {
      sendArmError(res, armError(400, "InvalidRequestUri", "The request URI is not valid."));
      return;
    }
    requests.push({ method: req.method ?? "", path: url.pathname, at: performance.now() });
    inFlight.now += 1;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    res.once("close", () => (inFlight.now -= 1));
    writes.track(req, res, decodeURIComponent(url.pathname));
    handleEntra(req, res, url, {
      entra,
      origin,
      store,
      graph,
      faults,
      fetchJson: options.fetchJson,
    })
      .then((handled) => handled || serveApi(req, res, url))
      .catch((error: unknown) => {
        if (!res.headersSent)
          sendArmError(res, armError(500, "InternalServerError", String(error)));
      });
  });
  const accepts = (bearer: string) => bearer === token || entra.isIssued(bearer);
  const serveApi = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const authError = checkBearer(req.headers.authorization, accepts);
    if (authError) {
      sendArmError(res, {
        ...authError,
        headers: { "www-authenticate": 'Bearer error="invalid_token"' },
      });
      return true;
    }
    const ctx = { store, graph, faults, pageSize: options.pageSize ?? 10, origin };
    return handleMsi(req, res, url, ctx)
      .then(async (handled) => handled || handleIdentities(req, res, url, ctx))
      .then(async (handled) => handled || handleGraph(req, res, url, { ...ctx, store: graph }))
      .then((handled) => {
        if (!handled) sendArmError(res, armError(404, "NotFound", `No route for ${url.pathname}.`));
        return true;
      });
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint: origin,
    ca: tls.ca,
    token,
    entra,
    store,
    graph,
    faults,
    requests,
    inFlight,
    writes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
