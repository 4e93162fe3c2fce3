// How Fedlens signs in to Entra for a connection (the ambient chain, or the
// stored client secret opened only for the SDK), and where its clients may send.
import { ClientSecretCredential, DefaultAzureCredential } from "@azure/identity";
import { describe, expect, it } from "vitest";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import { azureClients, getJson } from "@/lib/clouds/azure/adapter/clients";
import { azureCredential } from "@/lib/clouds/azure/adapter/credential";
import { explainAzureError } from "@/lib/clouds/azure/adapter/explain";
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

describe("azureClients", () => {
  it("refuses to send a request, and so a token, outside the client's endpoint", async () => {
    const clients = azureClients({
      ...base,
      endpoints: {
        azureGraph: "https://graph.example.test",
        azureResourceManager: "https://arm.example.test",
      },
    });
    const elsewhere = "https://attacker.example.test/v1.0/applications";
    const error = await getJson(clients.graph, elsewhere).catch((e: unknown) => e);
    expect(explainAzureError(error)).toMatchObject({ code: "FedlensOtherOrigin", kind: "other" });
    const armError = await getJson(clients.arm(base.scope.subscriptionIds[0]!), elsewhere).catch(
      (e: unknown) => e,
    );
    expect(explainAzureError(armError).code).toBe("FedlensOtherOrigin");
  });
});
