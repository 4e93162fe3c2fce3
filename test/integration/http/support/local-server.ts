// Loopback HTTP(S) servers standing in for issuers. Each records the requests
// that reached it, so a test can prove a refused fetch never left Fedlens.
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export type LocalServer = {
  port: number;
  /** Requests received, as `METHOD path` with their headers. */
  requests: Array<{ line: string; headers: http.IncomingHttpHeaders }>;
  /** Cuts every open connection, e.g. those of routes that never answer. */
  dropConnections: () => void;
  close: () => Promise<void>;
};

export async function startLocalServer(
  routes: Record<string, Handler>,
  tls?: { key: string; cert: string },
): Promise<LocalServer> {
  const requests: LocalServer["requests"] = [];
  const listener: Handler = (request, response) => {
    requests.push({ line: `${request.method} ${request.url}`, headers: request.headers });
    const route = routes[request.url ?? ""];
    if (route) return route(request, response);
    response.writeHead(404, { "content-type": "application/json" }).end("{}");
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    dropConnections: () => server.closeAllConnections(),
    close: () =>
      new Promise<void>((resolve) => {
        // Routes that never answer keep their sockets open: cut them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(body: unknown, contentType = "application/json"): Handler {
  return (_request, response) => {
    response.writeHead(200, { "content-type": contentType }).end(JSON.stringify(body));
  };
}
