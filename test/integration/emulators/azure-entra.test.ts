// The emulator's Entra token endpoint, through @azure/identity's
// ClientSecretCredential (MSAL) over TLS trusted through its options, and its
// documented error bodies on the wire.
import { request } from "node:https";
import { ClientSecretCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzureEmulator, type AzureEmulator } from "@/test/emulators/azure/server";

const TENANT = "00000000-0000-4000-8000-00000000a0a0";
let emulator: AzureEmulator;
let clientId: string;
const secret = `s-${crypto.randomUUID()}`;

beforeAll(async () => {
  emulator = await startAzureEmulator();
  clientId = crypto.randomUUID();
  emulator.entra.addClient({ tenantId: TENANT, clientId, secret });
});
afterAll(() => emulator.close());

function credential(tenant: string, id: string, value: string) {
  return new ClientSecretCredential(tenant, id, value, {
    authorityHost: emulator.endpoint,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: emulator.ca },
    retryOptions: { maxRetries: 0 },
  });
}

/** A raw form post, to see the body Entra's clients parse. */
function postToken(tenant: string, form: Record<string, string>) {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const url = new URL(`${emulator.endpoint}/${tenant}/oauth2/v2.0/token`);
    const req = request(url, { method: "POST", ca: emulator.ca }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
      );
    });
    req.on("error", reject);
    req.setHeader("content-type", "application/x-www-form-urlencoded");
    req.end(new URLSearchParams(form).toString());
  });
}

describe("Azure emulator: Entra client-credentials token endpoint", () => {
  it("issues an access token ARM accepts, carrying the service principal's oid", async () => {
    const token = await credential(TENANT, clientId, secret).getToken(
      `${emulator.endpoint}/.default`,
    );
    const claims = JSON.parse(
      Buffer.from(token.token.split(".")[1]!, "base64url").toString(),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({
      tid: TENANT,
      appid: clientId,
      aud: emulator.endpoint,
      idtyp: "app",
    });
    expect(emulator.entra.isIssued(token.token)).toBe(true);
    expect(emulator.requests.map((r) => r.path)).toContain(
      `/${TENANT}/v2.0/.well-known/openid-configuration`,
    );
  });

  it.each([
    ["a wrong secret", TENANT, () => clientId, "wrong", 401, "invalid_client", 7000215],
    [
      "an unknown application",
      TENANT,
      () => crypto.randomUUID(),
      "x",
      400,
      "unauthorized_client",
      700016,
    ],
    [
      "an unknown tenant",
      "00000000-0000-4000-8000-00000000beef",
      () => clientId,
      secret,
      400,
      "invalid_request",
      90002,
    ],
  ])(
    "answers %s with Entra's error body",
    async (_name, tenant, id, value, status, error, code) => {
      const reply = await postToken(tenant, {
        grant_type: "client_credentials",
        client_id: id(),
        client_secret: value,
        scope: `${emulator.endpoint}/.default`,
      });
      expect(reply.status).toBe(status);
      expect(reply.body).toMatchObject({ error, error_codes: [code] });
      expect(String(reply.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
      expect(reply.body).toHaveProperty("trace_id");
      expect(reply.body).toHaveProperty("correlation_id");
    },
  );

  it("surfaces AADSTS7000215 through the credential", async () => {
    const failure = await credential(TENANT, clientId, "wrong")
      .getToken(`${emulator.endpoint}/.default`)
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(failure?.message).toContain("AADSTS7000215: Invalid client secret provided");
  });
});
