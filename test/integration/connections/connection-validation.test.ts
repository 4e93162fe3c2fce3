import { generate } from "selfsigned";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import type { TConnection } from "@/lib/schemas/connection";
import { created, expectProblem } from "@/test/integration/catalog/catalog-api";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  connectionBody,
  postConnection,
  serviceAccountKey,
  withTestSecretKey,
} from "./connection-api";

// What a connection may hold, refused field by field before anything is
// stored or any URL is built: scope ids, endpoints, the CA bundle.

vi.mock("@/lib/clouds/adapters", async () => (await import("./fake-adapters")).adaptersModule);

withTestSecretKey();

let adminToken: string;

beforeAll(async () => {
  adminToken = await createTestToken(await createTestUser({ role: "admin" }));
});

const createConnection = async (body: unknown) =>
  created<TConnection>(await postConnection(adminToken, body));

describe("connections API: validation before any URL is built", () => {
  it.each([
    [
      "azure",
      { tenantId: "contoso.onmicrosoft.com/../x", subscriptionIds: [] },
      ["scope.tenantId", "scope.subscriptionIds"],
    ],
    [
      "aws",
      { accountId: "12345", region: "eu-west-1/../../x" },
      ["scope.accountId", "scope.region"],
    ],
    [
      "gcp",
      { projectId: "Bad_Project", projectNumber: "12ab" },
      ["scope.projectId", "scope.projectNumber"],
    ],
  ] as const)("refuses a bad %s scope with 422 naming each field", async (cloud, scope, names) => {
    const problem = await expectProblem(
      await postConnection(adminToken, connectionBody(cloud, { scope })),
      422,
    );
    expect(problem.invalid_params?.map((param) => param.name)).toEqual(names);
    expect(
      await getDb().cloudConnection.count({ where: { cloud, scope: { equals: scope } } }),
    ).toBe(0);
  });

  it("refuses endpoints of another cloud, and malformed ones, with field paths", async () => {
    await expectProblem(
      await postConnection(
        adminToken,
        connectionBody("aws", { endpoints: { azureGraph: "https://graph.microsoft.com" } }),
      ),
      422,
      [{ name: "endpoints", reason: "unknown field" }].map((param) => ({
        ...param,
        name: "endpoints.azureGraph",
      })),
    );
    await expectProblem(
      await postConnection(
        adminToken,
        connectionBody("azure", {
          endpoints: {
            azureResourceManager: "https://user:pw@management.example.com",
            azureGraph: "https://graph.example.com/?x=1",
            azureAuthorityHost: "ftp://login.example.com",
          },
        }),
      ),
      422,
      [
        {
          name: "endpoints.azureResourceManager",
          reason: "must not contain a user name or password",
        },
        { name: "endpoints.azureAuthorityHost", reason: "must be an https URL" },
        { name: "endpoints.azureGraph", reason: "must not have a query string" },
      ],
    );
  });

  it("accepts http, loopback and private endpoints only for hosts on the allow-list", async () => {
    const body = connectionBody("gcp", { endpoints: { gcpRootUrl: "http://127.0.0.1:8443/" } });
    await expectProblem(await postConnection(adminToken, body), 422, [
      {
        name: "endpoints.gcpRootUrl",
        reason: /^must use https \(list 127\.0\.0\.1:8443 in FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS/,
      },
    ]);
    await expectProblem(
      await postConnection(
        adminToken,
        connectionBody("aws", { endpoints: { awsEndpoint: "https://10.1.2.3/" } }),
      ),
      422,
      [{ name: "endpoints.awsEndpoint", reason: /^is a private address/ }],
    );
    await expectProblem(
      await postConnection(
        adminToken,
        connectionBody("aws", { endpoints: { awsEndpoint: "https://localhost:4566" } }),
      ),
      422,
      [{ name: "endpoints.awsEndpoint", reason: /^is a local host name/ }],
    );
    process.env.FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS = "127.0.0.1:8443,10.0.0.0/8";
    resetEnvCache();
    try {
      const allowed = await createConnection(body);
      expect(allowed.endpoints).toEqual({ gcpRootUrl: "http://127.0.0.1:8443/" });
      await createConnection(
        connectionBody("aws", { endpoints: { awsEndpoint: "https://10.1.2.3/" } }),
      );
    } finally {
      delete process.env.FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS;
      resetEnvCache();
    }
  });

  it("applies the endpoint rule to a service-account key's token_uri", async () => {
    const key = serviceAccountKey("k", "http://169.254.169.254/token");
    await expectProblem(
      await postConnection(
        adminToken,
        connectionBody("gcp", { auth: { kind: "secret", serviceAccountKey: key } }),
      ),
      422,
      [{ name: "auth.serviceAccountKey", reason: /^must use https/ }],
    );
  });
});

describe("connections API: CA bundle", () => {
  let caPem: string;
  beforeAll(async () => {
    caPem = (await generate([{ name: "commonName", value: "Fedlens test CA" }], { keySize: 2048 }))
      .cert;
  });

  it("stores parsed certificates and describes them", async () => {
    const connection = await createConnection(
      connectionBody("azure", { caBundle: `Our lab CA\n${caPem}` }),
    );
    expect(connection.caBundle).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(connection.caBundle).not.toContain("Our lab CA");
    expect(connection.caCertificates).toEqual([
      expect.objectContaining({ subject: "CN=Fedlens test CA", issuer: "CN=Fedlens test CA" }),
    ]);
  });

  const truncated = (pem: string) => {
    const lines = pem.trim().split(/\r?\n/);
    return [...lines.slice(0, 4), lines.at(-1)].join("\n");
  };
  it.each<[string, (pem: string) => string, RegExp]>([
    ["text with no certificate", () => "hello", /^holds no certificate/],
    ["a damaged certificate", truncated, /^certificate 1 cannot be read/],
    [
      "a private key",
      () => "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
      /^holds a private key/,
    ],
    [
      "a block left open",
      (pem) => `${pem}\n-----BEGIN CERTIFICATE-----\nMIIB`,
      /^has a block without its matching END line/,
    ],
  ])("refuses %s with a field message", async (_label, bundle, reason) => {
    await expectProblem(
      await postConnection(adminToken, connectionBody("aws", { caBundle: bundle(caPem) })),
      422,
      [{ name: "caBundle", reason }],
    );
  });
});
