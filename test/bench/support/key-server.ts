// The token issuer's keys for the diagnose benchmark: an RS256 key pair made
// when the run starts (nothing secret is committed), its public half served as
// a JWKS on 127.0.0.1 at a random port, and tokens signed with the private
// half. Fedlens reaches the JWKS through the SSRF-safe fetch once
// FEDLENS_ALLOWED_ISSUER_HOSTS allow-lists 127.0.0.1; the request count shows
// whether the timed calls used the cached key set or fetched again.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";

export type KeyServer = {
  jwksUri: string;
  publicJwks: { keys: JWK[] };
  /** How many times the JWKS was fetched. */
  fetches: () => number;
  sign: (claims: Record<string, unknown>) => Promise<string>;
  stop: () => Promise<void>;
};

export async function startKeyServer(): Promise<KeyServer> {
  const kid = `bench-${randomUUID().slice(0, 8)}`;
  const pair = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const publicJwks = {
    keys: [{ ...(await exportJWK(pair.publicKey)), kid, alg: "RS256", use: "sig" }],
  };
  let fetches = 0;
  const server = http.createServer((request, response) => {
    if (request.url !== "/jwks") {
      response.writeHead(404).end();
      return;
    }
    fetches += 1;
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(publicJwks));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUri: `http://127.0.0.1:${port}/jwks`,
    publicJwks,
    fetches: () => fetches,
    sign: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .sign(pair.privateKey),
    stop: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
