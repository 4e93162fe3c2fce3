// The real @azure/arm-msi client against the Azure emulator over TLS trusted
// through the client's own TLS options (CLOUDS.md §1.1, §1.5).
import { request } from "node:https";
import { createPipelineRequest, type RestError } from "@azure/core-rest-pipeline";
import { ManagedServiceIdentityClient } from "@azure/arm-msi";
import { describe, expect, it } from "vitest";
import { FLEXIBLE_API_VERSION } from "@/test/emulators/azure/fic-rules";
import {
  AUDIENCES,
  ISSUER,
  RG,
  restError,
  SUB,
  tokenCredential,
  setUpMsiFixture,
} from "./azure-msi-fixture";

const fx = setUpMsiFixture();

const bodyCode = (error: RestError) =>
  (JSON.parse(String(error.response?.bodyAsText ?? "{}")) as { error?: { code?: string } }).error
    ?.code;

describe("Azure emulator through @azure/arm-msi", () => {
  it("creates, gets and lists FICs across nextLink pages", async () => {
    const name = fx.newIdentity();
    fx.seed(11);
    const client = fx.msiClient();
    const created = await client.federatedIdentityCredentials.createOrUpdate(
      RG,
      name,
      "deploy-prod",
      {
        issuer: ISSUER,
        subject: "repo:o/r:environment:prod",
        audiences: AUDIENCES,
      },
    );
    expect(created).toMatchObject({ name: "deploy-prod", subject: "repo:o/r:environment:prod" });
    const got = await client.federatedIdentityCredentials.get(RG, name, "deploy-prod");
    expect(got).toMatchObject({
      issuer: ISSUER,
      audiences: AUDIENCES,
      id: `${fx.identityPath}/federatedIdentityCredentials/deploy-prod`,
    });

    const listed = [];
    for await (const fic of client.federatedIdentityCredentials.list(RG, name))
      listed.push(fic.name);
    expect(listed).toHaveLength(12);
    expect(new Set(listed).size).toBe(12);
    const listCalls = fx.emulator.requests.filter(
      (r) => r.method === "GET" && r.path.endsWith(`${name}/federatedIdentityCredentials`),
    );
    expect(listCalls).toHaveLength(3);
  });

  it("reads a flexible credential's claimsMatchingExpression through the client's pipeline on the preview api-version", async () => {
    const name = fx.newIdentity();
    const expression = {
      value: "claims['sub'] matches 'repo:o/r:environment:*'",
      languageVersion: 1,
    };
    fx.emulator.store.seedFic(fx.identityPath, {
      name: "flex",
      properties: { issuer: ISSUER, audiences: AUDIENCES, claimsMatchingExpression: expression },
    });
    const client = fx.msiClient();
    const url = `${fx.emulator.endpoint}${fx.identityPath}/federatedIdentityCredentials/flex?api-version=${FLEXIBLE_API_VERSION}`;
    const response = await client.sendRequest(createPipelineRequest({ url, method: "GET" }));
    expect(response.status).toBe(200);
    const body = JSON.parse(response.bodyAsText ?? "") as { properties: Record<string, unknown> };
    expect(body.properties).toEqual({
      issuer: ISSUER,
      audiences: AUDIENCES,
      claimsMatchingExpression: expression,
    });

    // The stable api-version has no such property: the typed model sees no subject and no expression.
    const stable = await client.federatedIdentityCredentials.get(RG, name, "flex");
    expect(stable.subject).toBeUndefined();
    expect(stable).not.toHaveProperty("claimsMatchingExpression");
  });

  it.each([
    [
      "an unknown api-version",
      "/federatedIdentityCredentials?api-version=2019-01-01",
      "NoRegisteredProviderFound",
    ],
    ["no api-version", "/federatedIdentityCredentials", "MissingApiVersionParameter"],
    [
      "a malformed %-escape in the path",
      "/federatedIdentityCredentials/%E0%A4%A?api-version=2024-11-30",
      "InvalidRequestUri",
    ],
  ])("answers 400 to %s", async (_label, suffix, code) => {
    fx.newIdentity();
    const url = `${fx.emulator.endpoint}${fx.identityPath}${suffix}`;
    const response = await fx
      .msiClient()
      .sendRequest(createPipelineRequest({ url, method: "GET" }));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.bodyAsText ?? "")).toMatchObject({ error: { code } });
  });

  it("answers 404 NotFound for a missing FIC and for a missing identity", async () => {
    const name = fx.newIdentity();
    const client = fx.msiClient();
    const missingFic = await restError(client.federatedIdentityCredentials.get(RG, name, "nope"));
    expect(missingFic.statusCode).toBe(404);
    expect(missingFic.code).toBe("NotFound");
    const missingIdentity = await restError(
      client.federatedIdentityCredentials.get(RG, "no-such-identity", "nope"),
    );
    expect(missingIdentity.statusCode).toBe(404);
    expect(missingIdentity.message).toBe("The parent user-assigned identity doesn't exist.");
  });

  it.each([
    [
      "a name that starts with a hyphen",
      "-bad",
      { issuer: ISSUER, subject: "s", audiences: AUDIENCES },
      "name '-bad' is invalid",
    ],
    [
      "a two-character name",
      "ab",
      { issuer: ISSUER, subject: "s", audiences: AUDIENCES },
      "name 'ab' is invalid",
    ],
    [
      "an issuer that is not a URI",
      "good-name",
      { issuer: "not a uri", subject: "s", audiences: AUDIENCES },
      "issuer",
    ],
    [
      "a subject over 600 characters",
      "good-name",
      { issuer: ISSUER, subject: "s".repeat(601), audiences: AUDIENCES },
      "subject",
    ],
    [
      "a missing subject on the stable api-version",
      "good-name",
      { issuer: ISSUER, audiences: AUDIENCES },
      "subject",
    ],
  ])("answers 400 for %s", async (_label, ficName, parameters, message) => {
    const name = fx.newIdentity();
    const error = await restError(
      fx.msiClient().federatedIdentityCredentials.createOrUpdate(RG, name, ficName, parameters),
    );
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain(message);
    expect(fx.emulator.store.fics(fx.identityPath)).toHaveLength(0);
  });

  it("refuses a 21st credential on one identity but still updates one of the 20", async () => {
    const name = fx.newIdentity();
    fx.seed(20);
    const client = fx.msiClient();
    const params = {
      issuer: ISSUER,
      subject: "repo:o/r:ref:refs/heads/main",
      audiences: AUDIENCES,
    };
    const error = await restError(
      client.federatedIdentityCredentials.createOrUpdate(RG, name, "one-too-many", params),
    );
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("at most 20");
    await expect(
      client.federatedIdentityCredentials.createOrUpdate(RG, name, "fic-3", params),
    ).resolves.toMatchObject({
      subject: params.subject,
    });
    expect(fx.emulator.store.fics(fx.identityPath)).toHaveLength(20);
  });

  it("is trusted only through the CA handed to the client's TLS options", async () => {
    const name = fx.newIdentity();
    const untrusting = new ManagedServiceIdentityClient(tokenCredential(fx.emulator.token), SUB, {
      endpoint: fx.emulator.endpoint,
      $host: fx.emulator.endpoint,
      retryOptions: { maxRetries: 0 },
    });
    const error = await restError(untrusting.federatedIdentityCredentials.get(RG, name, "x"));
    expect(error.code).toMatch(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/);
  });

  it("answers 401 to a wrong bearer token and to a request without one", async () => {
    const name = fx.newIdentity();
    const wrong = await restError(
      fx.msiClient("not-the-token").federatedIdentityCredentials.get(RG, name, "x"),
    );
    expect(wrong.statusCode).toBe(401);
    expect(bodyCode(wrong)).toBe("InvalidAuthenticationToken");

    const url = new URL(
      `${fx.emulator.endpoint}${fx.identityPath}/federatedIdentityCredentials?api-version=2024-11-30`,
    );
    const { status, body } = await new Promise<{ status: number; body: string }>(
      (resolve, reject) => {
        const req = request(url, { ca: fx.emulator.ca }, (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on("error", reject);
        req.end();
      },
    );
    expect(status).toBe(401);
    expect(JSON.parse(body)).toEqual({
      error: {
        code: "AuthenticationFailed",
        message: "Authentication failed. The 'Authorization' header is missing.",
      },
    });
  });
});
