// Each documented Entra refusal of a federated exchange, as the Azure
// exchanger reports it: Entra's code and first line verbatim, our cause and
// fix, one attempt only, and no trace of the token.
import { describe, expect, it } from "vitest";
import { exchangeTextsByCode } from "@/lib/clouds/azure/adapter/exchange-errors";
import type { ExchangeRequest } from "@/lib/clouds/exchange-types";
import {
  exchanger,
  expectNoSecrets,
  identity,
  issuer,
  mint,
  now,
  prod,
  SUBJECT,
  uamiRequest,
  setUpExchangeFixture,
  waits,
} from "./azure-exchange-fixture";

setUpExchangeFixture();

describe("Azure exchanger: refusals", () => {
  type Case = { code: string; request: () => Promise<ExchangeRequest>; says: RegExp };
  const cases: Case[] = [
    {
      code: "AADSTS700016",
      request: async () => uamiRequest(await mint(), { ...prod, clientId: crypto.randomUUID() }),
      says: /was not found in the directory/,
    },
    {
      code: "AADSTS90002",
      request: async () =>
        uamiRequest(await mint(), prod, { tenantId: "00000000-0000-4000-8000-00000000dead" }),
      says: /Tenant '00000000-0000-4000-8000-00000000dead' not found/,
    },
    {
      code: "AADSTS70025",
      request: async () => uamiRequest(await mint(), identity("id-bare", [])),
      says: /has no configured federated identity credentials/,
    },
    {
      code: "AADSTS700211",
      request: async () => uamiRequest(await mint({ iss: `${issuer.issuerUrl}/` }), prod),
      says: /presented assertion issuer 'http:\/\/127\.0\.0\.1:\d+\/'/,
    },
    {
      code: "AADSTS700212",
      request: async () => uamiRequest(await mint({ aud: "api://somewhere-else" }), prod),
      says: /presented assertion audience 'api:\/\/somewhere-else'/,
    },
    {
      code: "AADSTS7002138",
      request: async () => uamiRequest(await mint({ sub: SUBJECT.toUpperCase() }), prod),
      says: /only when case is ignored/,
    },
    {
      code: "AADSTS700024",
      request: async () =>
        uamiRequest(await mint({ iat: now() - 900, nbf: now() - 900, exp: now() - 600 }), prod),
      says: /not within its valid time range/,
    },
    {
      code: "AADSTS70023",
      request: async () => uamiRequest(await mint({ exp: now() + 30 * 3600 }), prod),
      says: /lifetime of less than or equal to 1\.01:00:00/,
    },
    {
      code: "AADSTS5002738",
      request: async () => uamiRequest(await mint({}, { alg: "ES256" }), prod),
      says: /'ES256' is not a supported signature algorithm/,
    },
    {
      code: "AADSTS50027",
      request: async () => uamiRequest(await mint({}, { kid: "retired-key" }), prod),
      says: /JWT token is invalid or malformed/,
    },
  ];

  it.each(cases)(
    "maps $code to Entra's first line, a cause and a fix",
    async ({ code, request, says }) => {
      const sent = await request();
      const outcome = await exchanger.exchange(sent);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      const text = exchangeTextsByCode[code]!;
      expect(outcome.error).toMatchObject({ code, cause: text.cause, fix: text.fix });
      expect(outcome.error.message).toMatch(new RegExp(`^${code}: `));
      expect(outcome.error.message).toMatch(says);
      expect(outcome.error.message).not.toMatch(/Trace ID|Correlation ID|[\r\n]/);
      // A refusal is never retried.
      expect(outcome.steps).toHaveLength(1);
      expect(waits).toEqual([]);
      expectNoSecrets(outcome, sent.token.reveal());
    },
  );

  it("names the subject when the trust in Azure changed behind the catalogue", async () => {
    // The catalogue's binding says the prod environment; someone re-pointed
    // the credential in Azure to the staging one.
    const drifted = identity("id-drifted", ["repo:contoso/app:environment:staging"]);
    const token = await mint({ sub: SUBJECT });
    const outcome = await exchanger.exchange(uamiRequest(token, drifted, { subject: SUBJECT }));
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: "AADSTS700213",
        kind: "denied",
        cause: exchangeTextsByCode.AADSTS700213!.cause,
      },
    });
    if (outcome.ok) return;
    expect(outcome.error.message).toContain(`subject '${SUBJECT}'`);
    expectNoSecrets(outcome, token);
  });

  it("reports AADSTS90061 when Entra cannot read the issuer's keys", async () => {
    const token = await mint();
    issuer.failWith(503);
    try {
      const outcome = await exchanger.exchange(uamiRequest(token, prod));
      expect(outcome).toMatchObject({
        ok: false,
        error: {
          code: "AADSTS90061",
          message: "AADSTS90061: Request to External OIDC endpoint failed.",
        },
      });
      expect(outcome.steps).toHaveLength(1);
    } finally {
      issuer.failWith(null);
    }
  });

  it("keeps a token that is not a JWT out of the error", async () => {
    const token = `not-a-jwt-${crypto.randomUUID()}`;
    const outcome = await exchanger.exchange(uamiRequest(token, prod));
    expect(outcome).toMatchObject({ ok: false, error: { code: "AADSTS50027" } });
    expectNoSecrets(outcome, token);
  });
});
