import { describe, expect, it } from "vitest";
import type { CloudError, ConnectionOf } from "@/lib/clouds/adapter-types";
import {
  authorityOptions,
  defaultScope,
  exchangeIdentityOf,
  withoutToken,
} from "@/lib/clouds/azure/adapter/exchange-parts";

const TENANT = "00000000-0000-4000-8000-00000000a0a0";
const CLIENT = "11111111-1111-4111-8111-111111111111";

const target = (kind: string, config: unknown) =>
  ({ target: { kind, config, externalId: "x", bindings: [] }, connection: null }) as Parameters<
    typeof exchangeIdentityOf
  >[0];

describe("exchangeIdentityOf", () => {
  it("exchanges for a managed identity's client id in its tenant", () => {
    const config = {
      tenantId: TENANT,
      subscriptionId: "00000000-0000-4000-8000-000000000001",
      resourceGroup: "rg",
      identityName: "id-deploy",
      clientId: CLIENT,
      principalId: "22222222-2222-4222-8222-222222222222",
    };
    expect(exchangeIdentityOf(target("azure-uami", config))).toEqual({
      tenantId: TENANT,
      clientId: CLIENT,
    });
  });

  it("exchanges for an app registration's app id", () => {
    const config = {
      tenantId: TENANT,
      applicationObjectId: "33333333-3333-4333-8333-333333333333",
      clientId: CLIENT,
    };
    expect(exchangeIdentityOf(target("azure-app", config))).toEqual({
      tenantId: TENANT,
      clientId: CLIENT,
    });
  });

  it.each([
    ["another cloud's target", target("aws-role", { tenantId: TENANT, clientId: CLIENT })],
    ["a config without a client id", target("azure-app", { tenantId: TENANT })],
    [
      "a client id that is not a GUID",
      target("azure-app", { tenantId: TENANT, applicationObjectId: CLIENT, clientId: "x" }),
    ],
  ])("refuses %s", (_name, request) => {
    expect(exchangeIdentityOf(request)).toBeUndefined();
  });
});

describe("withoutToken", () => {
  const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vciJ9.c2lnbmF0dXJlLXNlZ21lbnQ";
  const error: CloudError = {
    kind: "invalid",
    code: "AADSTS50027",
    message: `bad assertion ${token} and its payload eyJzdWIiOiJyZXBvOm8vciJ9 and signature c2lnbmF0dXJlLXNlZ21lbnQ`,
    cause: "c",
    fix: "f",
    object: token,
  };

  it("cuts the token and each of its parts out of every text", () => {
    const clean = withoutToken(error, token);
    const text = JSON.stringify(clean);
    for (const part of [token, ...token.split(".")]) expect(text).not.toContain(part);
    expect(clean.message).toContain("[token]");
    expect(clean.code).toBe("AADSTS50027");
  });

  it("leaves a message that holds no part of the token as it is", () => {
    const message = "AADSTS700213: No matching federated identity record.";
    expect(withoutToken({ ...error, message, object: undefined }, token).message).toBe(message);
  });
});

const withEndpoints = (endpoints: ConnectionOf<"azure">["endpoints"]) =>
  ({ cloud: "azure", endpoints }) as ConnectionOf<"azure">;

describe("where the exchange goes", () => {
  it("asks the public cloud's Entra, with instance discovery, for Azure Resource Manager when there is no connection", () => {
    expect(authorityOptions(null)).toEqual({ authorityHost: "https://login.microsoftonline.com" });
    expect(defaultScope(null)).toBe("https://management.azure.com/.default");
  });

  it("keeps instance discovery for a sovereign public cloud", () => {
    const options = authorityOptions(
      withEndpoints({ azureAuthorityHost: "https://login.microsoftonline.us/" }),
    );
    expect(options).not.toHaveProperty("disableInstanceDiscovery");
  });

  it("turns instance discovery off for an authority Microsoft does not know (an emulator)", () => {
    expect(
      authorityOptions(withEndpoints({ azureAuthorityHost: "https://127.0.0.1:4443" })),
    ).toEqual({
      authorityHost: "https://127.0.0.1:4443",
      disableInstanceDiscovery: true,
    });
  });

  it("asks for the connection's own resource manager", () => {
    expect(
      defaultScope(
        withEndpoints({ azureResourceManager: "https://management.usgovcloudapi.net/" }),
      ),
    ).toBe("https://management.usgovcloudapi.net/.default");
  });
});
