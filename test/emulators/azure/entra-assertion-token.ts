import { randomBytes } from "node:crypto";

import { EMULATED_CREDENTIAL_MARKER } from "@/test/emulators/credential-marker";

// The marker is readable in the raw credential (the signature segment starts
// with it: it is made of base64url characters) and in its claims.

export { EMULATED_CREDENTIAL_MARKER };

/** Entra's access tokens from this endpoint live an hour (expires_in 3599). */
export const ACCESS_TOKEN_SECONDS = 3599;

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

// An app-only v1.0 access token's claims: aud (the resource of the
// `<resource>/.default` scope), iss, tid, oid and sub (the service principal),
// appid and azp (the client), idtyp "app".
// https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference
// The signature is filler: only this emulator accepts the token, by remembering it.
export function mintFederatedAccessToken(options: {
  tenant: string;
  clientId: string;
  principalId: string;
  resource: string;
}): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: options.resource,
    iss: `https://sts.windows.net/${options.tenant}/`,
    iat: now,
    nbf: now,
    exp: now + ACCESS_TOKEN_SECONDS,
    appid: options.clientId,
    azp: options.clientId,
    appidacr: "2",
    idtyp: "app",
    oid: options.principalId,
    sub: options.principalId,
    tid: options.tenant,
    ver: "1.0",
    xms_emulated: EMULATED_CREDENTIAL_MARKER,
  };
  const signature = `${EMULATED_CREDENTIAL_MARKER}-${randomBytes(32).toString("base64url")}`;
  return `${part({ typ: "JWT", alg: "RS256", kid: "emulator" })}.${part(claims)}.${signature}`;
}
