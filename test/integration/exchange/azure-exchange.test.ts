// The Azure exchanger through the real @azure/identity ClientAssertionCredential
// (MSAL) against the emulated Entra token endpoint over https, trusting the
// emulator's per-run CA through the connection: what a success reports, that
// neither the pasted token nor the minted credential ends up in the outcome or
// the SDK's log, and the failures that are not Entra's refusals.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAzureExchanger } from "@/lib/clouds/azure/adapter/exchange";
import { EMULATED_CREDENTIAL_MARKER } from "@/test/emulators/azure/entra-assertion-token";
import {
  AUDIENCE,
  connection,
  emulator,
  exchanger,
  expectNoSecrets,
  issuer,
  mint,
  prod,
  sdkLog,
  SUBJECT,
  TENANT,
  uamiRequest,
  setUpExchangeFixture,
  waits,
} from "./azure-exchange-fixture";

setUpExchangeFixture();

describe("Azure exchanger: success", () => {
  it("reports the identity's object id, the expiry, the scope and the credential's fingerprint", async () => {
    const token = await mint();
    const before = Date.now();
    const outcome = await exchanger.exchange(uamiRequest(token, prod));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const minted = emulator.entra.exchanges.at(-1)!;
    expect(minted.outcome).toBe("issued");
    expect(outcome.identity).toBe(prod.principalId);
    expect(outcome.grants).toEqual([`${emulator.endpoint}/.default`]);
    expect(minted.scope).toBe(`${emulator.endpoint}/.default`);
    expect(outcome.fingerprint).toBe(
      createHash("sha256").update(minted.credential!).digest("hex").slice(0, 8),
    );
    const expiresAt = Date.parse(outcome.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3_590_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(outcome.steps).toEqual([
      expect.objectContaining({ outcome: "ok", call: expect.stringContaining("Entra") }),
    ]);
    expectNoSecrets(outcome, token);
    const log = sdkLog.join("\n");
    // The SDK did log this exchange (the check below is not vacuous).
    expect(log).toContain("acquireTokenByClientCredential");
    expect(log).not.toContain(token);
    expect(log).not.toContain(EMULATED_CREDENTIAL_MARKER);
  });

  it("exchanges for an app registration with its app id and reports its service principal", async () => {
    const objectId = emulator.graph.addApplication();
    const appId = emulator.graph.application(objectId)!.appId;
    emulator.graph.seedFic(objectId, {
      name: "prod",
      properties: { issuer: issuer.issuerUrl, subject: SUBJECT, audiences: [AUDIENCE] },
    });
    const token = await mint();
    const request = uamiRequest(token, prod);
    const outcome = await exchanger.exchange({
      ...request,
      target: {
        ...request.target,
        kind: "azure-app",
        config: { tenantId: TENANT, applicationObjectId: objectId, clientId: appId },
        externalId: `/tenants/${TENANT}/applications/${objectId}`,
      },
    });
    expect(outcome).toMatchObject({
      ok: true,
      identity: emulator.entra.servicePrincipalOf(TENANT, appId),
    });
    expect(emulator.entra.exchanges.at(-1)).toMatchObject({ clientId: appId, outcome: "issued" });
  });

  it("asks for the scope the exchanger was set up with", async () => {
    const scoped = createAzureExchanger({ scope: "https://storage.azure.com/.default" });
    const outcome = await scoped.exchange(uamiRequest(await mint(), prod));
    expect(outcome).toMatchObject({ ok: true, grants: ["https://storage.azure.com/.default"] });
    expect(emulator.entra.exchanges.at(-1)?.scope).toBe("https://storage.azure.com/.default");
  });

  it("waits out Entra's throttling and tries again", async () => {
    emulator.faults.add(
      { kind: "status", status: 429, retryAfterSeconds: 2 },
      { pathIncludes: "/oauth2/v2.0/token" },
      1,
    );
    const outcome = await exchanger.exchange(uamiRequest(await mint(), prod));
    expect(outcome.ok).toBe(true);
    expect(waits).toEqual([2000]);
    expect(outcome.steps.map((step) => step.outcome)).toEqual(["failed", "ok"]);
  });
});

describe("Azure exchanger: failures that are not Entra's refusals", () => {
  it("gives up on an Entra that keeps failing, as unavailable, after the retry budget", async () => {
    emulator.faults.add({ kind: "status", status: 503 }, { pathIncludes: "/oauth2/v2.0/token" });
    const outcome = await exchanger.exchange(uamiRequest(await mint(), prod));
    expect(outcome).toMatchObject({ ok: false, error: { kind: "unavailable", status: 503 } });
    expect(outcome.steps.map((step) => step.outcome)).toEqual(["failed", "failed", "failed"]);
  });

  it("does not trust the emulator's certificate without the connection's CA", async () => {
    const outcome = await exchanger.exchange(
      uamiRequest(await mint(), prod, { connection: connection({ caBundle: null }) }),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.cause).toMatch(/does not trust the TLS certificate/);
  });

  it("refuses a target that names no Azure identity without calling Entra", async () => {
    const before = emulator.entra.exchanges.length;
    const request = uamiRequest(await mint(), prod);
    const outcome = await exchanger.exchange({
      ...request,
      target: { ...request.target, config: { tenantId: TENANT } },
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: "FedlensInvalidTarget" },
      steps: [],
    });
    expect(emulator.entra.exchanges.length).toBe(before);
  });

  it("reports a cancelled exchange as a failure instead of throwing", async () => {
    const before = emulator.entra.exchanges.length;
    const controller = new AbortController();
    controller.abort();
    const outcome = await exchanger.exchange(uamiRequest(await mint(), prod), {
      signal: controller.signal,
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: "AbortError" } });
    expect(emulator.entra.exchanges.length).toBe(before);
    expect(waits).toEqual([]);
  });
});
