// Microsoft Graph FICs on the Azure emulator, read and written through the Azure
// SDK's core pipeline with a bearer credential and the emulator's CA (CLOUDS.md §1.1).
import { ServiceClient } from "@azure/core-client";
import { createPipelineRequest, type HttpMethods } from "@azure/core-rest-pipeline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzureEmulator, type AzureEmulator } from "@/test/emulators/azure/server";
import { AUDIENCES, ISSUER, tokenCredential } from "./azure-msi-fixture";

let emulator: AzureEmulator;
let client: ServiceClient;

beforeAll(async () => {
  emulator = await startAzureEmulator({ pageSize: 3 });
  client = new ServiceClient({
    credential: tokenCredential(emulator.token),
    credentialScopes: ["https://graph.microsoft.com/.default"],
    endpoint: emulator.endpoint,
    tlsOptions: { ca: emulator.ca },
  });
});

afterAll(() => emulator.close());

async function call(method: HttpMethods, path: string, body?: unknown) {
  const request = createPipelineRequest({ url: `${emulator.endpoint}${path}`, method });
  if (body !== undefined) {
    request.body = JSON.stringify(body);
    request.headers.set("content-type", "application/json");
  }
  const response = await client.sendRequest(request);
  return {
    status: response.status,
    body: response.bodyAsText
      ? (JSON.parse(response.bodyAsText) as Record<string, unknown>)
      : undefined,
  };
}

describe("Azure emulator: Microsoft Graph application FICs", () => {
  it("creates on v1.0, pages the list with @odata.nextLink, and reads by id and by name", async () => {
    const app = emulator.graph.addApplication();
    for (let i = 0; i < 4; i += 1) {
      const created = await call("POST", `/v1.0/applications/${app}/federatedIdentityCredentials`, {
        name: `gh-${i}`,
        issuer: ISSUER,
        subject: `repo:o/r:environment:e${i}`,
        audiences: AUDIENCES,
      });
      expect(created.status).toBe(201);
    }
    const first = await call("GET", `/v1.0/applications/${app}/federatedIdentityCredentials`);
    expect(first.body?.value).toHaveLength(3);
    const nextLink = String(first.body?.["@odata.nextLink"]);
    const second = await call("GET", nextLink.slice(emulator.endpoint.length));
    expect(second.body?.value).toHaveLength(1);
    expect(second.body).not.toHaveProperty("@odata.nextLink");

    const byName = await call("GET", `/v1.0/applications/${app}/federatedIdentityCredentials/gh-2`);
    const byId = await call(
      "GET",
      `/v1.0/applications/${app}/federatedIdentityCredentials/${String(byName.body?.id)}`,
    );
    expect(byId.body).toEqual(byName.body);
    expect(byName.body).toMatchObject({ subject: "repo:o/r:environment:e2" });
    expect(byName.body).not.toHaveProperty("claimsMatchingExpression");
  });

  it("keeps claimsMatchingExpression to beta and refuses it without a subject on v1.0", async () => {
    const app = emulator.graph.addApplication();
    const expression = { value: "claims['sub'] matches 'repo:o/r:*'", languageVersion: 1 };
    const flexible = {
      name: "flex",
      issuer: ISSUER,
      audiences: AUDIENCES,
      claimsMatchingExpression: expression,
    };
    const onV1 = await call(
      "POST",
      `/v1.0/applications/${app}/federatedIdentityCredentials`,
      flexible,
    );
    expect(onV1.status).toBe(400);
    expect(onV1.body).toMatchObject({ error: { code: "Request_BadRequest" } });

    const onBeta = await call(
      "POST",
      `/beta/applications/${app}/federatedIdentityCredentials`,
      flexible,
    );
    expect(onBeta.status).toBe(201);
    expect(onBeta.body).toMatchObject({ subject: null, claimsMatchingExpression: expression });
    const both = await call("POST", `/beta/applications/${app}/federatedIdentityCredentials`, {
      ...flexible,
      name: "both",
      subject: "s",
    });
    expect(both.status).toBe(400);
  });

  it("answers Request_ResourceNotFound for an unknown application or credential", async () => {
    const app = emulator.graph.addApplication();
    const missingApp = await call(
      "GET",
      `/v1.0/applications/${crypto.randomUUID()}/federatedIdentityCredentials`,
    );
    expect(missingApp.status).toBe(404);
    expect(missingApp.body).toMatchObject({ error: { code: "Request_ResourceNotFound" } });
    const missingFic = await call(
      "DELETE",
      `/v1.0/applications/${app}/federatedIdentityCredentials/nope`,
    );
    expect(missingFic.status).toBe(404);
  });

  it("refuses a 21st credential on one application", async () => {
    const app = emulator.graph.addApplication();
    for (let i = 0; i < 20; i += 1) {
      emulator.graph.seedFic(app, {
        name: `f-${i}`,
        properties: { issuer: ISSUER, subject: `s${i}`, audiences: AUDIENCES },
      });
    }
    const extra = await call("POST", `/v1.0/applications/${app}/federatedIdentityCredentials`, {
      name: "extra",
      issuer: ISSUER,
      subject: "s-extra",
      audiences: AUDIENCES,
    });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body)).toContain("at most 20");
  });

  it("gets an application by object id on v1.0 and beta, and 404s a deleted one", async () => {
    const appId = crypto.randomUUID();
    const app = emulator.graph.addApplication(crypto.randomUUID(), { appId, displayName: "ci" });
    for (const version of ["v1.0", "beta"]) {
      const got = await call("GET", `/${version}/applications/${app}`);
      expect(got).toEqual({ status: 200, body: { id: app, appId, displayName: "ci" } });
    }
    emulator.graph.removeApplication(app);
    const gone = await call("GET", `/v1.0/applications/${app}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ error: { code: "Request_ResourceNotFound" } });
  });

  it("answers a forbidden application in Graph's words, not ARM's", async () => {
    const app = emulator.graph.addApplication();
    emulator.faults.add({ kind: "forbidden" }, { pathIncludes: `/applications/${app}` }, 1);
    const denied = await call("GET", `/v1.0/applications/${app}/federatedIdentityCredentials`);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({
      error: {
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
        innerError: { "request-id": expect.any(String) as unknown },
      },
    });
  });
});
