// How Fedlens signs in to Entra for a connection: the ambient chain, or the
// stored client secret opened only for the SDK.
import { ClientSecretCredential, DefaultAzureCredential } from "@azure/identity";
import { describe, expect, it } from "vitest";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import { azureCredential } from "@/lib/clouds/azure/adapter/credential";
import { SecretValue } from "@/lib/secrets/secret-value";

const base: ConnectionOf<"azure"> = {
  id: "c",
  name: "n",
  sandbox: false,
  cloud: "azure",
  auth: { kind: "ambient" },
  endpoints: {},
  caBundle: null,
  scope: {
    tenantId: "00000000-0000-4000-8000-00000000a0a0",
    subscriptionIds: ["00000000-0000-4000-8000-000000000001"],
    resourceGroups: [],
    applicationObjectIds: [],
  },
};

describe("azureCredential", () => {
  it("uses the ambient chain when the connection stores no secret", () => {
    expect(azureCredential(base)).toBeInstanceOf(DefaultAzureCredential);
  });

  it("uses the stored client secret, which still prints as a placeholder", () => {
    const clientSecret = new SecretValue("very-secret-value");
    const credential = azureCredential({
      ...base,
      auth: {
        kind: "secret",
        secret: {
          kind: "azure-client-secret",
          clientId: "00000000-0000-4000-8000-0000000000c1",
          clientSecret,
        },
      },
    });
    expect(credential).toBeInstanceOf(ClientSecretCredential);
    expect(String(clientSecret)).toBe("[secret]");
  });

  it("refuses another cloud's secret", () => {
    const keyJson = new SecretValue("{}");
    expect(() =>
      azureCredential({
        ...base,
        auth: { kind: "secret", secret: { kind: "gcp-service-account-key", keyJson } },
      }),
    ).toThrow("Azure client secret");
  });
});
