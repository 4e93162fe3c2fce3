import "server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SandboxIssuerKey } from "@/lib/sandbox/sandbox-issuer-key";
import { clearSandboxIssuerLive, markSandboxIssuerLive } from "@/lib/sandbox/sandbox-issuer-live";
import {
  sandboxDiscoveryDocument,
  sandboxIssuerJwksPath,
  sandboxIssuerUrl,
} from "@/lib/sandbox/sandbox-issuer";

// Where the Sandbox issuer's discovery document and keys are served: a small
// http server of the sandbox's own on loopback, started and stopped with the
// emulators in the same process. The console's own port is not used: it may
// face a network, and the clouds that read these documents are the
// emulators next door. Only public material is served: the discovery
// document and the public key.

export type SandboxIssuerServer = {
  /** http://127.0.0.1:<port>, where the issuer's name points for the emulators. */
  origin: string;
  /** Reads a document of the issuer (or any other URL) as the emulators' clouds would. */
  fetchJson: (url: string) => Promise<unknown>;
  close(): Promise<void>;
};

function answer(key: SandboxIssuerKey, request: IncomingMessage, response: ServerResponse) {
  const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
  const body =
    request.method !== "GET"
      ? undefined
      : pathname === "/.well-known/openid-configuration"
        ? sandboxDiscoveryDocument()
        : pathname === sandboxIssuerJwksPath
          ? { keys: [key.publicJwk] }
          : undefined;
  response.writeHead(body ? 200 : 404, {
    "content-type": "application/json",
    "cache-control": "no-store",
  });
  response.end(JSON.stringify(body ?? { error: "not found" }));
}

export async function startSandboxIssuerServer(
  key: SandboxIssuerKey,
  dataDir: string,
): Promise<SandboxIssuerServer> {
  const server = createServer((request, response) => answer(key, request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await markSandboxIssuerLive(dataDir, origin);
  const fetchJson = async (url: string) => {
    const local = url.startsWith(`${sandboxIssuerUrl}/`)
      ? origin + url.slice(sandboxIssuerUrl.length)
      : url;
    const response = await fetch(local, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  };
  return {
    origin,
    fetchJson,
    close: async () => {
      await clearSandboxIssuerLive(dataDir, origin);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
